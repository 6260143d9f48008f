// The test-only switch that turns the HTML sanitizer off for a whole process
// (CASEFILE_TEST_DISABLE_SANITIZER=1, used by e2e/hostile.spec.ts) is refused in production:
// the converter will not even load, so no environment can make a real Casefile import
// unsanitized HTML. (Inside Electron it is refused the same way: process.versions.electron.)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

const HTML = path.join(ROOT, 'main', 'services', 'import', 'html.ts');
const script = `
  const { convertHtml } = await import(${JSON.stringify(HTML)});
  const page = '<html><body><article><h1>T</h1><p>Kept words of a long enough paragraph for the reader. <img src=x onerror=alert(1)> more words here.</p><p>Another paragraph of text so the article is found.</p></article></body></html>';
  const out = convertHtml(page, { type: 'text/html', name: 'a.html', bytes: new Uint8Array() });
  process.stdout.write(JSON.stringify(out.body).includes('onerror') ? 'leaked' : 'clean');
`;

function run(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: '', CASEFILE_TEST_DISABLE_SANITIZER: '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each case starts Node processes that load the converter (jsdom and all) from sources: on a
// loaded 2-core machine that alone passes vitest's default 30 s.
describe('the test-only sanitizer switch', { timeout: 120_000 }, () => {
  it('is off by default and says so loudly when on', () => {
    expect(run({})).toMatchObject({ code: 0, stdout: 'clean', stderr: '' });
    const off = run({ CASEFILE_TEST_DISABLE_SANITIZER: '1' });
    expect(off).toMatchObject({ code: 0, stdout: 'clean' });
    expect(off.stderr).toContain('the HTML sanitizer is OFF in the main thread');
  });

  it('is refused when NODE_ENV=production: the converter does not load', () => {
    const refused = run({ CASEFILE_TEST_DISABLE_SANITIZER: '1', NODE_ENV: 'production' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('CASEFILE_TEST_DISABLE_SANITIZER is a test-only switch');
    expect(refused.stdout).toBe('');
  });
});
