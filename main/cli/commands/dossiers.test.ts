import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { closeLibrary, openLibrarySession } from '../../services/library.ts';
import { findChromium } from '../../services/dossiers/print-chromium.ts';
import { buildAnnotatedLibrary } from '../../testing/annotated-library.ts';
import { fileSha256, tempDir } from '../../testing/temp.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'casefile.mjs');

function casefile(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CASEFILE_LIBRARY: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function annotatedLibraryFile(): Promise<{ file: string; ids: Awaited<ReturnType<typeof buildAnnotatedLibrary>> }> {
  const file = path.join(tempDir(), 'annotated.casefile');
  const library = openLibrarySession(file, { create: true });
  const ids = await buildAnnotatedLibrary(library);
  closeLibrary(library);
  return { file, ids };
}

// Each command is a fresh Node process: on a busy two-core machine that is seconds apiece.
describe('casefile dossier, dossiers and export', { timeout: 180_000 }, () => {
  it('creates dossiers from articles or from all, lists them, and exports them in each text format', async () => {
    const { file, ids } = await annotatedLibraryFile();
    const created = casefile('dossier', 'create', '--name', 'Two articles', '--article', String(ids.did), '--article', String(ids.iran), '--page', String(ids.noteId), '--handling', 'Internal', '--library', file);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const id = created.stdout.trim();
    expect(id).toMatch(/^\d+$/);
    const all = casefile('dossier', 'create', '--name', 'Everything', '--all', '--library', file);
    expect(all.code).toBe(0);

    const listed = JSON.parse(casefile('dossiers', '--json', '--library', file).stdout) as { id: number; name: string; articleCount: number; noteCount: number }[];
    expect(listed.map((d) => [d.name, d.articleCount, d.noteCount]).sort()).toEqual([
      ['Everything', 4, 0],
      ['Two articles', 2, 1],
    ]);
    const table = casefile('dossiers', '--library', file).stdout;
    expect(table.split('\n')[0]).toMatch(/^\s*ID\s+ARTICLES\s+PAGES\s+UPDATED\s+NAME$/);
    expect(table).toContain('Two articles');

    const dir = tempDir();
    for (const format of ['md', 'csv', 'w3c', 'html']) {
      const out = path.join(dir, `d.${format}`);
      const result = casefile('export', '--dossier', id, '--format', format, '--out', out, '--library', file);
      expect(result, format).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(new RegExp(`^Wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(.+\\) in \\d+\\.\\d s\\.\\n$`));
      expect(fs.statSync(out).size).toBeGreaterThan(500);
    }
    expect(fs.readFileSync(path.join(dir, 'd.md'), 'utf8')).toContain('Taliban Interior Minister Sirajuddin Haqqani recently welcomed positive statements');
  });

  it('refuses to overwrite an export without --force, and overwrites with it', async () => {
    const { file } = await annotatedLibraryFile();
    const out = path.join(tempDir(), 'all.md');
    expect(casefile('export', '--all', '--format', 'md', '--out', out, '--library', file).code).toBe(0);
    fs.writeFileSync(out, 'an earlier export');
    const before = fileSha256(out);
    const again = casefile('export', '--all', '--format', 'md', '--out', out, '--library', file);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/already exists; it was left as it is.*--force/);
    expect(fileSha256(out)).toBe(before);
    expect(casefile('export', '--all', '--format', 'md', '--out', out, '--force', '--library', file).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('# All articles');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['all.md']);
  });

  it('reports usage mistakes and missing things in one line', async () => {
    const { file } = await annotatedLibraryFile();
    const out = path.join(tempDir(), 'x.md');
    const cases: [string[], number, RegExp][] = [
      [['dossier', 'create', '--library', file], 2, /--name is required/],
      [['dossier', 'create', '--name', 'X', '--library', file], 2, /--article ID, --all, --tag ID or --page ID/],
      [['dossier', 'remove', '--library', file], 2, /unknown dossier action "remove"/],
      [['dossier', 'create', '--name', 'X', '--article', 'abc', '--library', file], 2, /--article must be a positive whole number/],
      [['dossier', 'create', '--name', 'X', '--article', '999', '--library', file], 1, /no article 999/],
      [['dossier', 'create', '--name', 'X', '--all', '--date', 'tomorrow', '--library', file], 2, /--date must be a date/],
      [['export', '--format', 'md', '--out', out, '--library', file], 2, /--dossier ID or --all/],
      [['export', '--all', '--dossier', '1', '--format', 'md', '--out', out, '--library', file], 2, /--dossier ID or --all/],
      [['export', '--all', '--format', 'docx', '--out', out, '--library', file], 2, /--format must be one of pdf, md, csv, w3c, html, qdpx, not "docx"/],
      [['export', '--all', '--format', 'md', '--library', file], 2, /--out FILE is required/],
      [['export', '--dossier', '77', '--format', 'md', '--out', out, '--library', file], 1, /no dossier 77/],
      [['export', '--all', '--format', 'md', '--out', path.join(tempDir(), 'no', 'such', 'x.md'), '--library', file], 1, /folder .* does not exist/],
    ];
    for (const [args, code, message] of cases) {
      const result = casefile(...args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    expect(fs.existsSync(out)).toBe(false);
  });

  it.skipIf(findChromium() === null)('exports every article as a PDF: casefile export --all --format pdf', async () => {
    const { file } = await annotatedLibraryFile();
    const out = path.join(tempDir(), 'd.pdf');
    const result = casefile('export', '--all', '--format', 'pdf', '--out', out, '--library', file);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Wrote .*d\.pdf \(\d+ pages, [\d.]+ KB\) in [\d.]+ s\.\n$/);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
