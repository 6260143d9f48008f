// @vitest-environment node
// PDF import when pdf.js's canvas package (@napi-rs/canvas, native code per platform) cannot
// load, as in an installer built without the target's package: text extraction needs no
// canvas, so the PDF still imports. Run in a child process whose module resolution refuses
// the package (pdf.js looks for it once, when it loads).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/temp.ts';

const here = new URL('.', import.meta.url);

describe('PDF import without the canvas package', () => {
  it('still extracts the text and title', () => {
    const script = path.join(tempDir(), 'no-canvas.mts');
    fs.writeFileSync(
      script,
      `import { registerHooks } from 'node:module';
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === '@napi-rs/canvas') throw Object.assign(new Error("Cannot find module '@napi-rs/canvas-linux-x64-gnu'"), { code: 'MODULE_NOT_FOUND' });
    return next(specifier, context);
  },
});
const { makePdf, layoutLines } = await import(${JSON.stringify(new URL('../../testing/fixtures/import/make-pdf.ts', here).href)});
const { convertFile } = await import(${JSON.stringify(new URL('./convert.ts', here).href)});
const candidate = await convertFile(makePdf([layoutLines(['Border talks resume', '', 'Delegations from Kabul and Islamabad met in Doha on Monday.'])]), 'talks.pdf');
process.stdout.write(JSON.stringify({ title: candidate.metadata.title, text: JSON.stringify(candidate.body) }));
`,
    );
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
    // pdf.js says it could not load the package (and so really ran without it).
    expect(run.stderr).toContain('Cannot load "@napi-rs/canvas" package');
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { title: string; text: string };
    expect(result.title).toBe('Border talks resume');
    expect(result.text).toContain('Delegations from Kabul and Islamabad met in Doha on Monday.');
  });
});
