// Every `casefile` command pays for what the CLI loads before it runs. The parsers of other
// tools' files (citation-js, fast-xml-parser, warcio), the REFI-QDA zip writer (fflate,
// with the export's GUIDs: node:crypto's first hash costs 25 ms), the legacy-encoding
// detector (chardet) and the PostgreSQL client load when a file of their kind, an export, an
// import or a team connection needs them, not at start (the API's handlers load by domain):
// together they cost a command ~0.2 s on this machine (bench: "casefile list, whole process"). This test runs
// `list` from the sources with a resolve hook that records every package asked for, and fails
// when one of them comes back into the start path as a static import.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const LOADED_ON_DEMAND = ['@citation-js/core', '@citation-js/plugin-bibtex', '@citation-js/plugin-ris', 'fast-xml-parser', 'warcio', 'fflate', 'pg', 'chardet'];

/** Runs `casefile ARGS` from the sources and returns the bare package names it resolved. */
function packagesResolvedBy(...args: string[]): { code: number | null; packages: Set<string>; stderr: string } {
  const script = `
    import module from 'node:module';
    const asked = new Set();
    module.registerHooks({
      resolve(specifier, context, next) {
        if (!/^(node:|[./]|file:)/.test(specifier)) asked.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
        return next(specifier, context);
      },
    });
    const { main } = await import(${JSON.stringify(path.join(ROOT, 'main', 'cli', 'main.ts'))});
    const code = await main(${JSON.stringify(args)});
    process.stderr.write('\\nRESOLVED ' + JSON.stringify([...asked]) + '\\n');
    process.exitCode = code;
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, CASEFILE_LIBRARY: '' } });
  const line = /RESOLVED (\[.*\])/.exec(result.stderr)?.[1] ?? '[]';
  return { code: result.status, packages: new Set(JSON.parse(line) as string[]), stderr: result.stderr };
}

describe('what a casefile command loads before it runs', () => {
  it('list opens the library with better-sqlite3 and loads no importer or team client', () => {
    const file = path.join(tempDir(), 'a.casefile');
    expect(packagesResolvedBy('init', '--library', file).code).toBe(0);
    const run = packagesResolvedBy('list', '--library', file);
    expect(run.code, run.stderr).toBe(0);
    // Not vacuous: the hook sees the packages the command does use.
    expect(run.packages).toContain('better-sqlite3');
    for (const name of LOADED_ON_DEMAND) expect(run.packages, `${name} is loaded by casefile list`).not.toContain(name);
  });
});
