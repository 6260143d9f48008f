import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp.ts';
import { startBrowserMode } from './launch.ts';

function childPids(): string[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

// Only the failures: a successful start may rebuild the renderer first, which the e2e
// suites (e2e/fixtures.ts, e2e/hostile/server.ts) exercise on every run.
describe('startBrowserMode', () => {
  it('says so, with the child’s stderr, when browser mode exits before printing its address', async () => {
    const library = path.join(tempDir(), 'library.casefile');
    await expect(startBrowserMode({ library, args: ['--no-such-flag'] })).rejects.toThrow(/exited \(code 1\) before printing its address[\s\S]*Its stderr:\ncasefile web: Unknown option '--no-such-flag'/);
  });

  it('gives up after its timeout, naming it, once the child has been stopped', async () => {
    const library = path.join(tempDir(), 'library.casefile');
    const before = childPids();
    await expect(startBrowserMode({ library, timeoutMs: 1 })).rejects.toThrow(/printed no address within 0.001 s/);
    expect(childPids()).toEqual(before);
  });
});
