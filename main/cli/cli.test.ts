import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSha256, tempDir } from '../testing/temp.ts';
import { openLibrary } from '../db/open.ts';
import iconv from 'iconv-lite';
import { ARABIC_NEWS, PERSIAN_NEWS, URDU_NEWS, asWindows1256Text } from '../testing/arabic-script-news.ts';
import { findChromium } from '../services/dossiers/print-chromium.ts';
import { getArticleOriginal, storedOriginal } from '../db/repositories/articles.ts';
import Database from 'better-sqlite3';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'casefile.mjs');

function casefile(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CASEFILE_LIBRARY: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function initLibrary(): string {
  const file = path.join(tempDir(), 'a.casefile');
  const init = casefile('init', '--library', file);
  expect(init.code).toBe(0);
  expect(init.stdout).toContain('2 sample articles');
  return file;
}

describe('casefile CLI', () => {
  it('help fits an 80-column terminal and names every command with its usage', () => {
    const help = casefile('--help');
    expect(help.code).toBe(0);
    const lines = help.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => line.length > 80)).toEqual([]);
    for (const name of ['init', 'import', 'list', 'annotate', 'search', 'history', 'backup', 'restore', 'team']) {
      expect(lines.some((line) => line.startsWith(`  ${name} `) || line === `  ${name}`), name).toBe(true);
    }
    // A long usage wraps between its options, never inside one.
    expect(help.stdout).toContain('    [--credibility 1-6] [--json]');
  });

  it('init, list --json, show and check work on a new library', () => {
    const file = initLibrary();
    const list = casefile('list', '--library', file, '--json');
    expect(list.code).toBe(0);
    const articles = JSON.parse(list.stdout) as { id: number; title: string; outlet: string | null }[];
    expect(articles.map((a) => a.title).sort()).toEqual([
      'Pakistan Looks to Iran as Qatari and Turkish Mediation With the Afghan Taliban Falters',
      'Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust',
    ]);
    const did = articles.find((a) => a.outlet === 'DID Press')!;

    const show = casefile('show', String(did.id), '--library', file);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Outlet:        DID Press');
    expect(show.stdout).toContain('Sirajuddin Haqqani');
    expect(show.stdout).not.toContain('Leave a Reply');

    const check = casefile('check', '--library', file);
    expect(check).toMatchObject({ code: 0 });
    expect(check.stdout).toMatch(/^ok: /);
    const checkJson = JSON.parse(casefile('check', '--json', '--library', file).stdout);
    expect(checkJson).toMatchObject({ ok: true, integrity: ['ok'], foreignKeyViolations: 0 });
  });

  it('check names the article whose original file no longer matches its SHA-256, and reading it is refused', () => {
    const file = initLibrary();
    const did = (JSON.parse(casefile('list', '--library', file, '--json').stdout) as { id: number; title: string; outlet: string | null }[]).find((a) => a.outlet === 'DID Press')!;
    // Damage from outside Casefile (a disk, a sync tool): one stored original replaced by other bytes, validly compressed.
    const raw = new Database(file);
    raw.prepare('UPDATE article_original SET bytes = ? WHERE article_id = ?').run(storedOriginal(Buffer.from('not the page that was imported')), did.id);
    raw.close();

    const check = casefile('check', '--library', file);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`original file of article ${did.id} “${did.title}”: it has 30 bytes where`);
    const json = JSON.parse(casefile('check', '--json', '--library', file).stdout);
    expect(json).toMatchObject({ ok: false, integrity: ['ok'], originals: [{ articleId: did.id, title: did.title, appearanceId: null }] });
    expect(json.originals).toHaveLength(1);

    const { db } = openLibrary(file);
    try {
      expect(() => getArticleOriginal(db, did.id)).toThrow(expect.objectContaining({ code: 'EVIDENCE_CORRUPT' }));
    } finally {
      db.close();
    }
  });

  it('list prints a readable table', () => {
    const file = initLibrary();
    const { stdout } = casefile('list', '--library', file);
    expect(stdout.split('\n')[0]).toMatch(/^\s*ID\s+HIGHLIGHTS\s+DATE\s+OUTLET\s+TITLE$/);
    expect(stdout).toContain('DID Press');
  });

  it('refuses to init over an existing library and leaves it as it is', () => {
    const file = initLibrary();
    const before = fileSha256(file);
    const again = casefile('init', '--library', file);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('already exists');
    expect(fileSha256(file)).toBe(before);
  });

  it('reports usage mistakes and missing things in one line with a non-zero exit', () => {
    const file = initLibrary();
    const cases: [string[], number, RegExp][] = [
      [['show', 'abc', '--library', file], 2, /positive whole number/],
      [['show', '--library', file], 2, /missing/],
      [['show', '404', '--library', file], 1, /no article 404/],
      [['list', '--library', file, '--frobnicate'], 2, /frobnicate/],
      [['teleport'], 2, /unknown command "teleport"/],
      [['list', '--library', path.join(tempDir(), 'none.casefile')], 1, /no library at/],
    ];
    for (const [args, code, message] of cases) {
      const result = casefile(...args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
  });

  it('refuses a corrupt file, a non-SQLite file and a future library in one line, leaving each byte-identical', () => {
    const dir = tempDir();
    const notSqlite = path.join(dir, 'notes.casefile');
    fs.writeFileSync(notSqlite, 'plain text, not a library\n');

    const corrupt = path.join(dir, 'corrupt.casefile');
    openLibrary(corrupt, { create: true }).db.close();
    const bytes = fs.readFileSync(corrupt);
    bytes.fill(0x33, 100, 4096);
    fs.writeFileSync(corrupt, bytes);

    const future = path.join(dir, 'future.casefile');
    const { db } = openLibrary(future, { create: true });
    db.pragma('user_version = 999');
    db.close();

    const expectations: [string, RegExp][] = [
      [notSqlite, /not a Casefile library/],
      [corrupt, /damaged/],
      [future, /newer Casefile/],
    ];
    for (const [file, message] of expectations) {
      const before = fileSha256(file);
      for (const command of ['list', 'check']) {
        const result = casefile(command, '--library', file);
        expect(result.code).toBe(1);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(message);
        expect(result.stderr).not.toMatch(/\s+at\s|Error:/);
      }
      expect(fileSha256(file)).toBe(before);
    }
  });

  it('uses CASEFILE_LIBRARY when no --library is given', () => {
    const file = initLibrary();
    const result = spawnSync(process.execPath, [BIN, 'list', '--json'], { encoding: 'utf8', env: { ...process.env, CASEFILE_LIBRARY: file } });
    expect(JSON.parse(result.stdout)).toHaveLength(2);
  });
});

describe('casefile annotate, annotations and actors', () => {
  it('highlights quotes from the terminal and lists the same records as JSON', () => {
    const file = initLibrary();
    const did = (JSON.parse(casefile('list', '--json', '--library', file).stdout) as { id: number; outlet: string | null }[]).find((a) => a.outlet === 'DID Press')!.id;
    const lib = ['--library', file];
    expect(casefile('annotate', String(did), '--kind', 'actor', '--quote', 'Sirajuddin Haqqani', ...lib).code).toBe(0);
    const claim = casefile('annotate', String(did), '--kind', 'claim', '--quote', 'Pakistan accuses the Taliban of supporting or tolerating Tehrik-i-Taliban Pakistan (TTP) activities', '--actor', 'Pakistan', '--source', 'DID Press', '--credibility', '2', '--note', 'Standing accusation', ...lib);
    expect(claim.code).toBe(0);
    expect(claim.stdout).toContain('claimant: Pakistan');
    // Typed on a terminal with a straight apostrophe; the article has a curly one.
    expect(casefile('annotate', String(did), '--kind', 'source', '--quote', "Afghanistan's reconstruction", '--source', 'DID Press', ...lib).code).toBe(0);

    const annotations = JSON.parse(casefile('annotations', '--json', ...lib).stdout) as { kind: string; quote: { exact: string }; note: string; claim: { claimants: { name: string }[]; credibility: number } | null }[];
    expect(annotations.map((a) => [a.kind, a.quote.exact])).toEqual([
      ['actor', 'Sirajuddin Haqqani'],
      ['source', 'Afghanistan’s reconstruction'],
      ['claim', 'Pakistan accuses the Taliban of supporting or tolerating Tehrik-i-Taliban Pakistan (TTP) activities'],
    ]);
    expect(annotations[2]).toMatchObject({ note: 'Standing accusation', claim: { claimants: [{ name: 'Pakistan' }], credibility: 2 } });
    expect(JSON.parse(casefile('annotations', '--kind', 'actor', '--json', ...lib).stdout)).toHaveLength(1);

    const actors = JSON.parse(casefile('actors', '--json', ...lib).stdout) as { name: string; mentionCount: number; claimCount: number }[];
    expect(actors.map((a) => [a.name, a.mentionCount, a.claimCount])).toEqual([
      ['Pakistan', 0, 1],
      ['Sirajuddin Haqqani', 1, 0],
    ]);
  });

  it('refuses a quote that is not in the article, or ambiguous without --occurrence, leaving the library unchanged', () => {
    const file = initLibrary();
    const lib = ['--library', file];
    const missing = casefile('annotate', '2', '--kind', 'claim', '--quote', 'a sentence nobody wrote', ...lib);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/"a sentence nobody wrote" is not in article 2/);
    const ambiguous = casefile('annotate', '2', '--kind', 'actor', '--quote', 'Taliban', ...lib);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/"Taliban" occurs \d+ times in article 2; choose an occurrence from 1 to \d+\./);
    expect(casefile('annotate', '2', '--kind', 'rumour', '--quote', 'Taliban', ...lib).code).toBe(2);
    expect(JSON.parse(casefile('annotations', '--json', ...lib).stdout)).toEqual([]);
    expect(casefile('annotate', '2', '--kind', 'actor', '--quote', 'Taliban', '--occurrence', '2', ...lib).code).toBe(0);
  });
});

describe('casefile import', () => {
  it('imports a folder mixing formats and bad files: one line per file, a summary, exit 1 when any failed, check stays ok', () => {
    const file = initLibrary();
    const dir = tempDir();
    const fixtures = path.resolve(path.dirname(BIN), '..', 'main', 'testing', 'fixtures', 'import');
    fs.mkdirSync(path.join(dir, 'web'));
    fs.copyFileSync(path.join(fixtures, 'news-opengraph.html'), path.join(dir, 'web', 'iran.html'));
    fs.writeFileSync(path.join(dir, 'wire.txt'), 'Ceasefire talks resume\n\nREUTERS: Delegations met in Doha on Tuesday to resume talks.\n');
    fs.writeFileSync(path.join(dir, 'empty.md'), '');
    fs.writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 talks\n\nThe \x93caf\xe9\x94 meeting ended early.\n', 'latin1'));
    const result = casefile('import', dir, '--library', file);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines.find((l) => l.includes('iran.html'))).toMatch(/^imported\s+.*-> #\d+ "Iran offers to mediate/);
    expect(lines.find((l) => l.includes('empty.md'))).toMatch(/^failed\s+.*empty\.md is empty\./);
    expect(lines.at(-1)).toMatch(/^3 imported, 0 duplicates, 1 failed \(4 in [\d.]+ s\)$/);
    expect(casefile('check', '--library', file).code).toBe(0);
    const latin = (JSON.parse(casefile('list', '--json', '--library', file).stdout) as { id: number; title: string }[]).find((a) => a.title === 'Café talks')!;
    expect(casefile('show', String(latin.id), '--library', file).stdout).toContain('The “café” meeting ended early.');

    const again = casefile('import', path.join(dir, 'web'), '--json', '--library', file);
    expect(again.code).toBe(0);
    const records = again.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records[0]).toMatchObject({ status: 'duplicate', file: expect.stringContaining('iran.html') });
    expect(records.at(-1)).toMatchObject({ summary: { duplicates: 1, failed: 0 } });
  });
});

describe('casefile import of legacy encodings', () => {
  it('reads Urdu, Persian and Arabic files saved as windows-1256 without a charset, says so, and keeps the bytes', () => {
    const file = initLibrary();
    const dir = tempDir();
    const files = {
      'urdu.txt': asWindows1256Text(URDU_NEWS),
      'persian.html': `<html><head><title>${asWindows1256Text(PERSIAN_NEWS).split('\n')[0]}</title></head><body><article>${asWindows1256Text(PERSIAN_NEWS)
        .split('\n\n')
        .map((p) => `<p>${p}</p>`)
        .join('')}</article></body></html>`,
      'arabic.txt': asWindows1256Text(ARABIC_NEWS),
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), iconv.encode(text, 'windows-1256'));
    const result = casefile('import', dir, '--library', file);
    expect(result.code).toBe(0);
    for (const name of Object.keys(files)) expect(result.stdout).toMatch(new RegExp(`^imported .*${name} -> #\\d+ ".+" \\(read as windows-1256\\)$`, 'm'));

    const records = casefile('import', dir, '--json', '--library', file).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records.slice(0, 3).map((r) => [r.status, r.encoding])).toEqual([['duplicate', 'windows-1256'], ['duplicate', 'windows-1256'], ['duplicate', 'windows-1256']]);
    const urdu = records.find((r) => String(r.file).endsWith('urdu.txt'));
    const shown = casefile('show', String(urdu.articleId), '--library', file).stdout;
    expect(shown).toContain(asWindows1256Text('پاکستان کے وزیر خزانہ اسحاق ڈار نے کہا ہے'));
    const { db } = openLibrary(file);
    try {
      const original = getArticleOriginal(db, urdu.articleId)!;
      expect(Buffer.compare(original.bytes, fs.readFileSync(path.join(dir, 'urdu.txt')))).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('casefile in a pipeline', () => {
  /** Runs a command whose reader has gone away before it writes (as `casefile show 5 | head -0` would). */
  function intoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CASEFILE_LIBRARY: '' } });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  it('every command stops quietly when the reader of its output goes away', async () => {
    const file = initLibrary();
    const lib = ['--library', file];
    const folder = path.join(tempDir(), 'in');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'wire.txt'), 'Ceasefire talks resume\n\nREUTERS: Delegations met in Doha on Tuesday to resume talks.\n');
    expect(casefile('annotate', '1', '--kind', 'actor', '--quote', 'Taliban', '--occurrence', '1', ...lib).code).toBe(0);
    expect(casefile('dossier', 'create', '--name', 'Pipe', '--all', ...lib).code).toBe(0);
    const runs: string[][] = [
      ['help'],
      ['init', '--library', path.join(tempDir(), 'b.casefile')],
      ['import', folder, ...lib],
      ['import', folder, '--json', ...lib],
      ['list', ...lib],
      ['list', '--json', ...lib],
      ['show', '1', ...lib],
      ['show', '1', '--json', ...lib],
      ['annotations', ...lib],
      ['actors', '--json', ...lib],
      ['search', 'Taliban', ...lib],
      ['search', 'Taliban', '--json', ...lib],
      ['claims', ...lib],
      ['dossiers', ...lib],
      ['export', '--all', '--format', 'md', '--out', path.join(tempDir(), 'd.md'), ...lib],
      ['check', ...lib],
      ['backup', '--out', path.join(tempDir(), 'copy.casefile'), ...lib],
    ];
    for (const args of runs) {
      const result = await intoClosedPipe(args);
      expect(result, args.join(' ')).toEqual({ code: 0, stderr: '' });
    }
    expect(casefile('check', ...lib).code).toBe(0);
  }, 120_000);
});

describe('the built CLI bundle and the sources', () => {
  // Built into a folder of its own (as `npm run build:cli` builds out/cli), so the test
  // does not depend on what out/ holds. Run with type stripping off, the bundle proves it
  // needs no TypeScript source; the sources run is forced with CASEFILE_CLI=sources.
  const bundles: string[] = [];
  afterAll(() => bundles.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  function build(): string {
    // Inside the project, so that its packages resolve from node_modules as out/cli's do.
    fs.mkdirSync(path.resolve(path.dirname(BIN), '..', 'out'), { recursive: true });
    const out = fs.mkdtempSync(path.resolve(path.dirname(BIN), '..', 'out', 'cli-test-'));
    bundles.push(out);
    const vite = path.resolve(path.dirname(BIN), '..', 'node_modules', 'vite', 'bin', 'vite.js');
    const built = spawnSync(process.execPath, [vite, 'build', '--config', 'main/cli/vite.config.ts'], { cwd: path.resolve(path.dirname(BIN), '..'), encoding: 'utf8', env: { ...process.env, CASEFILE_CLI_OUT: out } });
    expect(built.status, built.stderr).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'sources.json'), 'utf8')) as { sources: string[] };
    expect(manifest.sources).toContain('main/cli/main.ts');
    return out;
  }

  function run(how: 'bundle' | 'sources', bundle: string, ...args: string[]) {
    const env = { ...process.env, CASEFILE_LIBRARY: '', CASEFILE_CLI: how === 'sources' ? 'sources' : '', CASEFILE_CLI_BUNDLE: bundle };
    const node = how === 'bundle' ? ['--no-experimental-strip-types'] : [];
    const result = spawnSync(process.execPath, [...node, BIN, ...args], { encoding: 'utf8', env });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('answers init, import, list, search, check and a PDF export the same way from both', () => {
    const bundle = build();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'note.txt'), 'Border crossing at Torkham reopened\n\nTraders at Torkham said the border crossing reopened on Monday.');
    const outputs: Record<string, string[]> = {};
    for (const how of ['bundle', 'sources'] as const) {
      const file = path.join(dir, `${how}.casefile`);
      const steps = [
        run(how, bundle, 'init', '--library', file),
        run(how, bundle, 'import', path.join(dir, 'note.txt'), '--library', file),
        run(how, bundle, 'list', '--library', file),
        run(how, bundle, 'search', 'Torkham', '--library', file),
        run(how, bundle, 'check', '--library', file),
      ];
      for (const step of steps) expect(step.code, `${how}: ${step.stderr}`).toBe(0);
      outputs[how] = steps.map((s) => s.stdout.replaceAll(file, 'LIBRARY').replace(/\d+(\.\d+)? ?(ms|s)\b/g, 'T'));
      const dossier = run(how, bundle, 'dossier', 'create', '--name', 'Both', '--all', '--json', '--library', file);
      expect(dossier.code, dossier.stderr).toBe(0);
      const pdf = path.join(dir, `${how}.pdf`);
      const exported = run(how, bundle, 'export', '--dossier', String((JSON.parse(dossier.stdout) as { id: number }).id), '--format', 'pdf', '--out', pdf, '--library', file);
      if (findChromium()) {
        expect(exported.code, exported.stderr).toBe(0);
        expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      }
    }
    expect(outputs.bundle![2]).toContain('Border crossing at Torkham reopened');
    expect(outputs.bundle![3]).toContain('Torkham');
    expect(outputs.bundle).toEqual(outputs.sources);

    // Without type stripping, the sources cannot run: the run above was the bundle's.
    const sourcesWithoutStripping = spawnSync(process.execPath, ['--no-experimental-strip-types', BIN, 'list', '--library', path.join(dir, 'bundle.casefile')], { encoding: 'utf8', env: { ...process.env, CASEFILE_CLI: 'sources' } });
    expect(sourcesWithoutStripping.status).not.toBe(0);
  }, 180_000);

  it('falls back to the sources when a source file changed after the bundle was built', () => {
    const bundle = build();
    const manifestFile = path.join(bundle, 'sources.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { builtAt: number; sources: string[] };
    // As if main/cli/main.ts had been edited after the build.
    fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, builtAt: 0 }));
    const file = path.join(tempDir(), 'a.casefile');
    const stale = run('bundle', bundle, 'init', '--library', file);
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toMatch(/strip|TypeScript|\.ts/i);
    expect(run('sources', bundle, 'init', '--library', file).code).toBe(0);
  }, 60_000);
});
