import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRendererIfStale, rendererIsStale, rendererOutDir } from './renderer-build.ts';

describe('building the interface for browser mode', () => {
  it('a rebuild leaves the process environment as it was (Vite sets NODE_ENV=production for its build; workers started later inherit it)', async () => {
    const index = path.join(rendererOutDir, 'index.html');
    if (fs.existsSync(index)) fs.utimesSync(index, new Date(0), new Date(0));
    expect(rendererIsStale()).toBe(true);
    const saved = process.env.NODE_ENV;
    // Browser mode runs with no NODE_ENV at all.
    delete process.env.NODE_ENV;
    try {
      const lines: string[] = [];
      await buildRendererIfStale((line) => lines.push(line));
      expect(lines).toEqual(['Building the Casefile interface…']);
      expect(process.env.NODE_ENV).toBeUndefined();
      expect(rendererIsStale()).toBe(false);
    } finally {
      process.env.NODE_ENV = saved;
    }
  }, 180_000);
});
