// Search, the library list and saving a highlight, on one library size: each through
// the service, and the same operation done directly on the engine (the bare FTS5 MATCH,
// the bare SELECT, the bare INSERT), and search also against ripgrep over the same
// articles as text files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { createAnnotation, deleteAnnotation } from '../../main/services/annotations.ts';
import { listArticles } from '../../main/services/articles.ts';
import { registerFold } from '../../main/db/fold.ts';
import { closeLibrary, libraryReaders, openLibrarySession, type Library } from '../../main/services/library.ts';
import { nodeHost } from '../../main/services/host.ts';
import { ftsQuery } from '../../main/services/search/query.ts';
import { search } from '../../main/services/search/search.ts';
import type { ParsedInput } from '../../common/api/contract.ts';
import { shardDirs } from '../lib/corpus.ts';
import { phaseMain, type PhaseConfig } from '../lib/phase.ts';
import { dist, log, mb, peakRssOf, resetPeak, timeAlternating, timeAlternatingAsync, timeSync, type Dist } from '../lib/stats.ts';

interface Config extends PhaseConfig {
  library: string;
  corpusDir: string;
  count: number;
  runs: number;
  rgRuns: number;
  highlightRuns: number;
}

type SearchInput = Omit<ParsedInput<'search.query'>, 'offset' | 'limit' | 'rankAll'> & { rankAll?: boolean };

export interface QueryFigure {
  id: string;
  label: string;
  query: SearchInput;
  /** Results the service counted (articles, highlights and notebook pages). */
  total: number;
  /** Articles the bare FTS5 query matches, with its filters. */
  articleMatches: number;
  /** search() as the app asks by default (above RANK_LIMITS.rankAllUpTo matches, the newest window ranked). */
  service: Dist;
  /** search() with every match ranked (rankAll), the same page as the bare query's (absent from reports before issue 17). */
  rankAll?: Dist;
  bare: Dist;
  bareSql: string;
  /** ripgrep over the text files, case-insensitive fixed string (-l -F -i), as FTS5 matches case-insensitively. */
  rg: Dist | null;
  rgFiles: number | null;
  /** ripgrep case-sensitive (-l -F). */
  rgCaseSensitive: Dist | null;
}

export interface SearchResult {
  articles: number;
  annotations: number;
  libraryMb: number;
  sqlite: string;
  ftsSegments: number | null;
  queries: QueryFigure[];
  list: { service: Dist; bare: Dist; bareNoCount: Dist; sorts: Record<string, Dist> };
  highlight: { service: Dist; bare: Dist; read: Dist };
  peakRssMb: number | null;
}

/** A word of the corpus found in about `share` of the articles (by the index's own counts). */
function wordWithShare(library: Library, share: number, articles: number): { term: string; docs: number } {
  library.db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, article_fts, row)');
  const wanted = Math.max(2, Math.round(articles * share));
  return library.db
    .prepare("SELECT term, doc AS docs FROM temp.bench_vocab WHERE term GLOB '[a-z]*' AND length(term) > 4 ORDER BY abs(doc - ?), term LIMIT 1")
    .get(wanted) as { term: string; docs: number };
}

function rg(args: string[], pattern: string, dirs: string[]): { ms: number; files: number } {
  const started = performance.now();
  const out = spawnSync('rg', [...args, '--', pattern, ...dirs], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (out.status !== 0 && out.status !== 1) throw new Error(`rg failed: ${out.stderr}`);
  return { ms, files: out.stdout ? out.stdout.split('\n').filter(Boolean).length : 0 };
}

function timeRg(args: string[], pattern: string, dirs: string[], runs: number): { dist: Dist; files: number } {
  rg(args, pattern, dirs); // page cache and rg's own start-up, as for the SQLite side
  const samples: number[] = [];
  let files = 0;
  for (let i = 0; i < runs; i += 1) {
    const r = rg(args, pattern, dirs);
    samples.push(r.ms);
    files = r.files;
  }
  return { dist: dist(samples), files };
}

phaseMain(async (config: Config): Promise<SearchResult> => {
  const library = openLibrarySession(config.library, { dailyBackup: false });
  // As the app searches: on the library's reader threads (one per core, up to four).
  const readers = libraryReaders(library, nodeHost());
  const { db } = library;
  const articles = db.prepare('SELECT count(*) FROM article').pluck().get() as number;
  const annotations = db.prepare('SELECT count(*) FROM annotation').pluck().get() as number;
  let ftsSegments: number | null = null;
  try {
    // Leaf rowids carry their segment id above bit 37 (fts5_dri); more segments, more work per query.
    ftsSegments = db.prepare('SELECT count(DISTINCT id >> 37) FROM article_fts_data WHERE id > 10').pluck().get() as number;
  } catch {
    ftsSegments = null;
  }
  const rare = wordWithShare(library, 0.0005, articles);
  const common = wordWithShare(library, 0.5, articles);
  const actor = db
    .prepare("SELECT e.id, e.name FROM entity e WHERE kind = 'actor' ORDER BY (SELECT count(*) FROM annotation WHERE entity_id = e.id) DESC, e.id LIMIT 1")
    .get() as { id: number; name: string } | undefined;
  const outlet = 'Reuters';
  const dirs = shardDirs(config.corpusDir, 'txt', config.count);
  log(`  ${articles} articles, ${annotations} highlights; rare "${rare.term}" (${rare.docs} articles), common "${common.term}" (${common.docs})`);

  // The engine ranks as search() does: bm25 with the title weighing ten times the body,
  // set as the rank for this query (rank MATCH), so the page is the same (a test holds it).
  const RANKED = "SELECT rowid FROM article_fts WHERE article_fts MATCH @q AND rank MATCH 'bm25(10.0, 1.0)'";
  const ARTICLE_TOP = `${RANKED} ORDER BY rank LIMIT 20`;
  const cases: { id: string; label: string; query: SearchInput; bareSql: string; params?: Record<string, unknown>; rgPattern: string | null }[] = [
    { id: 'rare', label: `rare word "${rare.term}"`, query: { query: rare.term }, bareSql: ARTICLE_TOP, rgPattern: rare.term },
    { id: 'common', label: `common word "${common.term}"`, query: { query: common.term }, bareSql: ARTICLE_TOP, rgPattern: common.term },
    { id: 'said', label: 'word in nearly every article "said"', query: { query: 'said' }, bareSql: ARTICLE_TOP, rgPattern: 'said' },
    { id: 'phrase', label: 'phrase "border crossing"', query: { query: '"border crossing"' }, bareSql: ARTICLE_TOP, rgPattern: 'border crossing' },
    {
      id: 'filtered-outlet-date',
      label: `"talks", outlet ${outlet}, 2023`,
      query: { query: 'talks', outlet, from: '2023-01-01', to: '2023-12-31' },
      // The filter as a set of ids from the article table's indexes; the unary + keeps FTS5
      // from turning "rowid IN" into one index lookup per id (it stays a filter on the matches).
      bareSql: `${RANKED}
        AND +rowid IN (SELECT id FROM article WHERE outlet = @outlet AND published_at >= '2023-01-01' AND published_at < '2024-01-01') ORDER BY rank LIMIT 20`,
      params: { outlet },
      rgPattern: null,
    },
  ];
  if (actor) {
    cases.push({
      id: 'filtered-actor',
      label: `"talks", actor ${actor.name}`,
      query: { query: 'talks', actor: { id: actor.id } },
      bareSql: `${RANKED} AND +rowid IN (SELECT article_id FROM annotation WHERE entity_id = @actor) ORDER BY rank LIMIT 20`,
      params: { actor: actor.id },
      rgPattern: null,
    });
  }

  resetPeak();
  const queries: QueryFigure[] = [];
  for (const c of cases) {
    const input: ParsedInput<'search.query'> = { rankAll: false, ...c.query, offset: 0, limit: 20 };
    const total = (await search(library, input, { readers })).total;
    const q = ftsQuery(c.query.query);
    const bareStatement = db.prepare(c.bareSql);
    const params = { q, ...(c.params ?? {}) };
    // Alternating the two, so a burst of load from other jobs falls on both sides of the ratio.
    const all = { ...input, rankAll: true };
    const [service, rankAll, bare] = await timeAlternatingAsync([() => search(library, input, { readers }), () => search(library, all, { readers }), () => bareStatement.all(params)], config.runs);
    // Articles the bare query matches, filters included (its ranked page without the LIMIT).
    const articleMatches = db.prepare(`SELECT count(*) FROM (${c.bareSql.replace(/ORDER BY rank LIMIT 20\s*$/, '')})`).pluck().get(params) as number;
    let rgI: { dist: Dist; files: number } | null = null;
    let rgC: { dist: Dist; files: number } | null = null;
    if (c.rgPattern && config.rgRuns > 0) {
      rgI = timeRg(['-l', '-F', '-i'], c.rgPattern, dirs, config.rgRuns);
      rgC = timeRg(['-l', '-F'], c.rgPattern, dirs, config.rgRuns);
    }
    queries.push({ id: c.id, label: c.label, query: c.query, total, articleMatches, service, rankAll, bare, bareSql: c.bareSql.replace(/\s+/g, ' '), rg: rgI?.dist ?? null, rgFiles: rgI?.files ?? null, rgCaseSensitive: rgC?.dist ?? null });
    log(`  ${c.label}: service ${service.median.toFixed(1)}/${service.p95.toFixed(1)} ms, rank all ${rankAll.median.toFixed(1)}/${rankAll.p95.toFixed(1)} ms, bare ${bare.median.toFixed(1)}/${bare.p95.toFixed(1)} ms${rgI ? `, rg -i ${rgI.dist.median.toFixed(0)} ms (${rgI.files} files)` : ''}`);
  }

  // The library list's first page, as the app asks for it, against the bare SELECT of the same rows.
  const bareList = db.prepare(`SELECT a.id, a.title, a.byline, a.outlet, a.url, a.published_at, a.retrieved_at, a.language, a.direction,
      (SELECT count(*) FROM annotation n WHERE n.article_id = a.id) AS annotation_count
    FROM article a ORDER BY a.retrieved_at DESC, a.id DESC LIMIT 100`);
  const bareListNoCount = db.prepare('SELECT a.id, a.title, a.outlet, a.published_at, a.retrieved_at FROM article a ORDER BY a.retrieved_at DESC, a.id DESC LIMIT 100');
  const [list, listBare, listBareNoCount] = timeAlternating(
    [() => listArticles(library, { offset: 0, limit: 100, sort: 'retrieved' }), () => bareList.all(), () => bareListNoCount.all()],
    config.runs,
  );
  const sorts: Record<string, Dist> = {};
  for (const sort of ['published', 'title'] as const) sorts[sort] = timeSync(() => listArticles(library, { offset: 0, limit: 100, sort }), config.runs);
  log(`  list first page: service ${list.median.toFixed(1)}/${list.p95.toFixed(1)} ms, bare ${listBare.median.toFixed(1)} ms`);

  // Saving one highlight on its own (its own transaction, as the reader does) against the bare INSERT.
  const targets = db
    .prepare("SELECT id, text FROM article WHERE direction = 'ltr' ORDER BY id LIMIT ?")
    .all(config.highlightRuns) as { id: number; text: string }[];
  const created: number[] = [];
  const serviceSamples: number[] = [];
  for (const [i, t] of targets.entries()) {
    const start = 200 + (i % 7) * 13;
    const input = { articleId: t.id, kind: 'highlight', target: { start, end: start + 40 } } as ParsedInput<'annotations.create'>;
    const t0 = performance.now();
    const a = createAnnotation(library, input);
    serviceSamples.push(performance.now() - t0);
    created.push(a.id);
  }
  const now = new Date().toISOString();
  // The engine's figure: a bare INSERT and its commit on a plain connection, which has no
  // change capture (the library's own connection refuses writes outside mutate()). It
  // needs the search fold the full-text triggers call, as every writing connection does.
  const raw = new Database(library.path);
  raw.pragma('synchronous = FULL');
  registerFold(raw);
  const insert = raw.prepare(`INSERT INTO annotation (gid, article_id, kind, quote_exact, quote_prefix, quote_suffix, start_offset, end_offset, created_at, updated_at)
    VALUES (lower(hex(randomblob(16))), ?, 'highlight', ?, ?, ?, ?, ?, ?, ?)`);
  const bareSamples: number[] = [];
  const bareIds: number[] = [];
  for (const [i, t] of targets.entries()) {
    const start = 300 + (i % 7) * 13;
    const t0 = performance.now();
    bareIds.push(Number(insert.run(t.id, t.text.slice(start, start + 40), t.text.slice(start - 32, start), t.text.slice(start + 40, start + 72), start, start + 40, now, now).lastInsertRowid));
    bareSamples.push(performance.now() - t0);
  }
  const read = timeSync(() => db.prepare('SELECT * FROM annotation WHERE article_id = ?').all(targets[0]!.id), config.runs);
  for (const id of created) deleteAnnotation(library, id);
  raw.prepare('DELETE FROM annotation WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(bareIds));
  raw.close();
  log(`  highlight saved: service ${dist(serviceSamples).median.toFixed(1)} ms, bare INSERT ${dist(bareSamples).median.toFixed(1)} ms`);

  const peak = peakRssOf();
  const sqlite = db.prepare('SELECT sqlite_version()').pluck().get() as string;
  closeLibrary(library);
  return {
    articles,
    annotations,
    libraryMb: mb(fs.statSync(config.library).size) ?? 0,
    sqlite,
    ftsSegments,
    queries,
    list: { service: list, bare: listBare, bareNoCount: listBareNoCount, sorts },
    highlight: { service: dist(serviceSamples), bare: dist(bareSamples), read },
    peakRssMb: mb(peak),
  };
});
