// What it would take to answer a very common query fast at 100,000 articles (an
// experiment, not part of `npm run bench`): `node bench/experiments/search-variants.ts
// LIBRARY [runs]`. FTS5 ranks with bm25 by scoring every match, so a word in most articles
// costs the same with or without Casefile; these are the bare-engine alternatives, each
// giving the same top 20 as the first (checked) unless it says otherwise.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { timeAlternating, timeAsync, type Dist } from '../lib/stats.ts';

const file = process.argv[2];
const runs = Number(process.argv[3] ?? 10);
if (!file) throw new Error('usage: node bench/experiments/search-variants.ts LIBRARY [runs]');
const db = new Database(file, { readonly: true });
const queries: [string, string][] = [
  ['"said" (nearly every article)', '"said"'],
  ['"party" (half of them)', '"party"'],
  ['phrase "border crossing"', '"border crossing"'],
];
const WEIGHTED = 'bm25(article_fts, 10.0, 1.0)';
const variants: [string, string][] = [
  ['rank top 20 (ORDER BY rank: the FTS5 sorter)', 'SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rank LIMIT 20'],
  ['weighted bm25 top 20 (what search() ranks by)', `SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY ${WEIGHTED}, rowid LIMIT 20`],
  ['newest 20 (rowid order, no ranking; different results)', 'SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 20'],
  ['count of matches', 'SELECT count(*) FROM article_fts WHERE article_fts MATCH ?'],
  ['rank the newest 2,000 matches (different results)', `SELECT rowid FROM (SELECT rowid, ${WEIGHTED} AS s FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 2000) ORDER BY s LIMIT 20`],
];

// Ranking slices of the index on reader threads (each its own read-only connection, as
// Signal-Desktop spreads its reads): each ranks the matches in a range of rowids and the
// best 20 of all slices are the page. bm25's idf and average length come from the whole
// index whatever the range, so the scores are the same as one query's.
const SLICE = `SELECT rowid, ${WEIGHTED} AS score FROM article_fts WHERE article_fts MATCH @q AND rowid BETWEEN @lo AND @hi ORDER BY score, rowid LIMIT 20`;
const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { readonly: true });
const slice = db.prepare(workerData.sql);
parentPort.on('message', (m) => parentPort.postMessage(slice.all(m)));
`;
class Pool {
  readonly workers: Worker[];
  constructor(size: number) {
    this.workers = Array.from({ length: size }, () => new Worker(workerCode, { eval: true, workerData: { file, sql: SLICE, module: import.meta.resolve('better-sqlite3').replace('file://', '') } }));
  }
  ask(w: Worker, message: unknown): Promise<{ rowid: number; score: number }[]> {
    return new Promise((resolve, reject) => {
      const done = (rows: { rowid: number; score: number }[]) => {
        w.off('error', fail);
        resolve(rows);
      };
      const fail = (error: Error) => {
        w.off('message', done);
        reject(error);
      };
      w.once('message', done);
      w.once('error', fail);
      w.postMessage(message);
    });
  }
  async top20(q: string, bounds: number[]): Promise<number[]> {
    const parts = await Promise.all(this.workers.map((w, i) => this.ask(w, { q, lo: bounds[i]!, hi: bounds[i + 1]! - 1 })));
    return parts
      .flat()
      .sort((a, b) => a.score - b.score || a.rowid - b.rowid)
      .slice(0, 20)
      .map((r) => r.rowid);
  }
  close(): Promise<number[]> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}
/** Rowid bounds splitting the articles into `n` slices of equal count. */
function bounds(n: number): number[] {
  const total = db.prepare('SELECT count(*) FROM article').pluck().get() as number;
  const out = [0];
  for (let i = 1; i < n; i += 1) out.push(db.prepare('SELECT id FROM article ORDER BY id LIMIT 1 OFFSET ?').pluck().get(Math.floor((total * i) / n)) as number);
  out.push(Number.MAX_SAFE_INTEGER);
  return out;
}
const fmt = (t: Dist) => `${t.median.toFixed(1)} / ${t.p95.toFixed(1)} ms`;

console.log(`${os.availableParallelism()} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${runs} runs, median / p95\n`);
const sizes = [2, 4];
const pools = sizes.map((n) => ({ n, pool: new Pool(n), bounds: bounds(n) }));
console.log(`| Query | ${variants.map(([v]) => v).join(' | ')} | ${sizes.map((n) => `weighted bm25 top 20, ${n} reader threads`).join(' | ')} |`);
console.log(`|---|${variants.map(() => '---').join('|')}|${sizes.map(() => '---').join('|')}|`);
for (const [label, q] of queries) {
  const statements = variants.map(([, sql]) => db.prepare(sql));
  const times = timeAlternating(statements.map((s) => () => s.all(q)), runs, 1);
  const expected = JSON.stringify(statements[1]!.pluck().all(q));
  const parallel: string[] = [];
  for (const p of pools) {
    const same = JSON.stringify(await p.pool.top20(q, p.bounds)) === expected;
    parallel.push(`${fmt(await timeAsync(() => p.pool.top20(q, p.bounds), runs))}${same ? '' : ' (DIFFERENT top 20)'}`);
  }
  console.log(`| ${label} | ${times.map(fmt).join(' | ')} | ${parallel.join(' | ')} |`);
}
for (const p of pools) await p.pool.close();
db.close();

// The page's snippets: highlight() hands back each hit article's whole text, marked, for
// the snippet and the first hit's offset to be found in JavaScript; snippet() returns a
// window of words only.
{
  const db2 = new Database(file, { readonly: true });
  const term = '"said"';
  const ids = JSON.stringify(db2.prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 20').pluck().all(term));
  const whole = db2.prepare(`SELECT a.id, highlight(article_fts, 1, char(1), char(2)) AS marked FROM article_fts CROSS JOIN article a ON a.id = article_fts.rowid
    WHERE article_fts MATCH @q AND +article_fts.rowid IN (SELECT value FROM json_each(@ids))`);
  const window = db2.prepare(`SELECT a.id, snippet(article_fts, 1, char(1), char(2), '…', 24) AS marked FROM article_fts CROSS JOIN article a ON a.id = article_fts.rowid
    WHERE article_fts MATCH @q AND +article_fts.rowid IN (SELECT value FROM json_each(@ids))`);
  const [a, b] = timeAlternating([() => whole.all({ q: term, ids }), () => window.all({ q: term, ids })], 20, 2);
  console.log(`\nSnippets for a page of 20 articles: highlight() of the whole text ${fmt(a)}; snippet() ${fmt(b)}`);
  db2.close();
}
console.log(`load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
