import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture, tempDir } from '../../testing/temp.ts';
import { call, createDispatcher } from '../../api/dispatch.ts';
import { closeLibrary, openLibrarySession } from '../../services/library.ts';
import type { SearchPage } from '../../../common/api/methods/search.ts';
import type { ClaimsBoard } from '../../../common/api/methods/connections.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'casefile.mjs');

function casefile(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CASEFILE_LIBRARY: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A library with the sample articles, two claims grouped as the same claim and a third contradicting them. */
async function annotatedLibrary(): Promise<{ file: string; ids: Record<string, number> }> {
  const file = path.join(tempDir(), 'cli.casefile');
  expect(casefile('init', '--library', file).code).toBe(0);
  const library = openLibrarySession(file);
  try {
    const dispatch = createDispatcher(() => ({ library }));
    const rows = library.db.prepare('SELECT id, outlet FROM article').all() as { id: number; outlet: string | null }[];
    const did = rows.find((r) => r.outlet === 'DID Press')!.id;
    const iran = rows.find((r) => r.outlet === null)!.id;
    fixture(library.db, () => library.db.prepare("UPDATE article SET published_at = '2025-10-18' WHERE id = ?").run(iran));
    const a = await call(dispatch, 'annotations.create', {
      articleId: did,
      kind: 'claim',
      target: { quote: 'Past multilateral negotiations in third countries such as Qatar, Turkey, and Saudi Arabia have yielded limited results.' },
      claimants: [{ name: 'Analysts' }],
    });
    const b = await call(dispatch, 'annotations.create', { articleId: iran, kind: 'claim', target: { quote: 'Previous attempts to resolve the dispute through Qatari and Turkish channels have reportedly faltered' } });
    const c = await call(dispatch, 'annotations.create', { articleId: did, kind: 'claim', target: { quote: 'Religious mediation has played a notable role in easing tensions.' } });
    await call(dispatch, 'claims.link', { id: a.id, sameAs: b.id });
    await call(dispatch, 'claims.markContradiction', { id: c.id, otherId: b.id });
    await call(dispatch, 'annotations.create', { articleId: did, kind: 'actor', target: { quote: 'Sirajuddin Haqqani' }, entity: { name: 'Sirajuddin Haqqani' } });
    return { file, ids: { did, iran, a: a.id, b: b.id, c: c.id } };
  } finally {
    closeLibrary(library);
  }
}

describe('casefile search', () => {
  it('prints ranked results with the matched words marked, or the same page as JSON', async () => {
    const { file, ids } = await annotatedLibrary();
    const text = casefile('search', 'Qatar', 'Turkey', '--kind', 'article', '--library', file);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe('1 result for "Qatar" AND "Turkey"');
    expect(text.stdout).toContain(`article ${ids.did}  Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust  (DID Press)`);
    expect(text.stdout).toMatch(/«Qatar», «Turkey»/);

    const json = casefile('search', '"Qatari and Turkish"', '--json', '--rank-all', '--library', file);
    const page = JSON.parse(json.stdout) as SearchPage;
    expect(page.rankedWithin).toBeNull();
    expect(page.hits.map((h) => [h.kind, h.articleId])).toEqual([
      ['claim', ids.iran],
      ['article', ids.iran],
    ]);
    expect(page.hits[0]!.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['Qatari and Turkish']);

    const byActor = JSON.parse(casefile('search', 'haqqani', '--actor', 'Sirajuddin Haqqani', '--json', '--library', file).stdout) as SearchPage;
    expect(byActor.hits.map((h) => h.kind).sort()).toEqual(['actor', 'article']);
    expect(casefile('search', 'zzzunknownword', '--library', file).stdout.trim()).toBe('No results for "zzzunknownword".');
  });

  it('explains a malformed query or a bad option in one line', async () => {
    const { file } = await annotatedLibrary();
    const cases: [string[], number, RegExp][] = [
      [['search', '(a OR', '--library', file], 1, /parenthesis opened at character 1 is never closed/],
      [['search', '"unbalanced', '--library', file], 1, /quote mark at character 1 is never closed/],
      [['search', 'NOT', '--library', file], 1, /cannot start with NOT/],
      [['search', 'iran', '--actor', 'Nobody', '--library', file], 1, /There is no actor named "Nobody"/],
      [['search', 'iran', '--kind', 'rumour', '--library', file], 2, /--kind must be one of article, claim, actor, source, highlight, note/],
      [['search', 'iran', '--from', 'yesterday', '--library', file], 2, /--from must be a date/],
      [['search', '--library', file], 2, /QUERY is missing/],
    ];
    for (const [args, code, message] of cases) {
      const result = casefile(...args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/sqlite|fts5/i);
    }
  });
});

describe('casefile claims', () => {
  it('prints the board: same-claim groups with independent reports and the earliest first, ungrouped claims, contradictions', async () => {
    const { file, ids } = await annotatedLibrary();
    const { stdout, code } = casefile('claims', '--library', file);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Same claim \(group \d+\): 2 independent reports \(DID Press\)$/);
    expect(lines[1]).toMatch(new RegExp(`^  earliest #${ids.b}  2025-10-18  no outlet  article ${ids.iran}  "Previous attempts`));
    expect(lines[2]).toMatch(new RegExp(`^           #${ids.a}  undated  DID Press  article ${ids.did}  "Past multilateral .*claimant: Analysts$`));
    expect(lines[3]).toBe('Claims in no group (1):');
    expect(lines[4]).toContain(`#${ids.c}  undated  DID Press`);
    expect(lines[5]).toBe('Contradictions (1):');
    expect(lines[6]).toMatch(new RegExp(`#${Math.min(ids.b!, ids.c!)} ".*"  contradicts  #${Math.max(ids.b!, ids.c!)} "`));

    const board = JSON.parse(casefile('claims', '--json', '--library', file).stdout) as ClaimsBoard;
    expect(board.groups.map((g) => [g.independentReports, g.claims.map((c) => c.annotationId)])).toEqual([[2, [ids.b, ids.a]]]);
    expect(board.ungrouped.map((c) => c.annotationId)).toEqual([ids.c]);
    expect(board.contradictions.map((p) => [p.a.annotationId, p.b.annotationId])).toEqual([[Math.min(ids.b!, ids.c!), Math.max(ids.b!, ids.c!)]]);
  });

  it('says so when there are no claims', () => {
    const file = path.join(tempDir(), 'empty.casefile');
    casefile('init', '--library', file);
    expect(casefile('claims', '--library', file).stdout.trim()).toBe('No claims yet.');
  });
});

describe('--author', () => {
  it('narrows search and the claims board to what one member made', async () => {
    const { file, ids } = await annotatedLibrary();
    expect(casefile('config', 'set', 'author', 'Zara Ahmed', '--library', file).code).toBe(0);
    const library = openLibrarySession(file);
    let zaras: number;
    try {
      const dispatch = createDispatcher(() => ({ library }));
      zaras = (await call(dispatch, 'annotations.create', { articleId: ids.did!, kind: 'claim', target: { quote: 'Religious mediation' } })).id;
    } finally {
      closeLibrary(library);
    }
    const search = casefile('search', 'religious', '--kind', 'claim', '--author', 'Zara Ahmed', '--json', '--library', file);
    expect((JSON.parse(search.stdout) as SearchPage).hits.map((h) => h.annotationId)).toEqual([zaras]);
    const board = JSON.parse(casefile('claims', '--author', 'Zara Ahmed', '--json', '--library', file).stdout) as ClaimsBoard;
    expect([...board.groups.flatMap((g) => g.claims), ...board.ungrouped].map((c) => c.annotationId)).toEqual([zaras]);
    expect(casefile('claims', '--author', 'Nobody', '--library', file).stdout.trim()).toBe('No claims by Nobody.');
  });
});
