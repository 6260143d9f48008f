// What it would take to answer a very common query fast at 100,000 articles (an
// experiment, not part of `npm run bench`): `node bench/experiments/search-variants.ts
// LIBRARY`. FTS5 ranks with bm25 by scoring every match, so a word in most articles costs
// the same with or without Casefile; these are the bare-engine alternatives.
import Database from 'better-sqlite3';
import { timeAlternating } from '../lib/stats.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/experiments/search-variants.ts LIBRARY');
const db = new Database(file, { readonly: true });
const queries: [string, string][] = [
  ['"said" (nearly every article)', '"said"'],
  ['"party" (half of them)', '"party"'],
  ['phrase "border crossing"', '"border crossing"'],
];
const variants: [string, string][] = [
  ['rank top 20 (bm25 of every match)', 'SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rank LIMIT 20'],
  ['newest 20 (rowid order, no ranking)', 'SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 20'],
  ['count of matches', 'SELECT count(*) FROM article_fts WHERE article_fts MATCH ?'],
  ['rank the newest 2,000 matches', 'SELECT rowid FROM (SELECT rowid, rank FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT 2000) ORDER BY rank LIMIT 20'],
];
console.log(`| Query | ${variants.map(([v]) => v).join(' | ')} |`);
console.log(`|---|${variants.map(() => '---').join('|')}|`);
for (const [label, q] of queries) {
  const statements = variants.map(([, sql]) => db.prepare(sql));
  const times = timeAlternating(statements.map((s) => () => s.all(q)), 10, 1);
  console.log(`| ${label} | ${times.map((t) => `${t.median.toFixed(1)} / ${t.p95.toFixed(1)} ms`).join(' | ')} |`);
}
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
  console.log(`\nSnippets for a page of 20 articles: highlight() of the whole text ${a.median.toFixed(1)} / ${a.p95.toFixed(1)} ms; snippet() ${b.median.toFixed(1)} / ${b.p95.toFixed(1)} ms`);
  db2.close();
}
