// What each reader does when a search ranks every match (an experiment, not part of
// `npm run bench`): `node bench/experiments/rank-all-parts.ts LIBRARY [query] [runs]`.
// search() with rankAll cuts the articles in two rowid slices, one per reader; each
// reader ranks its slice, then counts it. Timed here on one connection, statement by
// statement, beside a count of every match (what bm25 does first in each statement: it
// takes each phrase's document frequency from the whole index) and the whole ranking as
// one statement. The query is typed as in the app (default: the phrase "border crossing").
import Database from 'better-sqlite3';
import { ANNOTATION_KINDS } from '../../common/api/methods/annotations.ts';
import * as repo from '../../main/db/repositories/search.ts';
import { ftsQuery } from '../../main/services/search/query.ts';
import { NO_FILTERS } from '../../main/services/search/search.ts';
import { timeSync } from '../lib/stats.ts';

const [file, typed = '"border crossing"', runsArg = '9'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/experiments/rank-all-parts.ts LIBRARY [query] [runs]');
const runs = Number(runsArg);
const db = new Database(file, { readonly: true });
const q = ftsQuery(typed);
// Every kind of result, no filter: what a search typed in the app with nothing else chosen asks for.
const everything: repo.ResolvedFilters = { ...NO_FILTERS, article: true, annotationKinds: [...ANNOTATION_KINDS], note: true };

function time(label: string, query: { sql: string; params: Record<string, unknown> } | null): void {
  if (!query) return;
  const statement = db.prepare(query.sql);
  const d = timeSync(() => statement.all(query.params), runs);
  console.log(`  ${d.median.toFixed(1).padStart(6)} / ${d.p95.toFixed(1).padStart(6)} ms  ${label}`);
}

console.log(`${typed} (FTS5: ${q}), median / p95 of ${runs}:`);
time('count of every article match (the document frequency bm25 takes first)', { sql: 'SELECT count(*) FROM article_fts WHERE article_fts MATCH @q', params: { q } });
time('ranking every match, one statement', repo.rankedSql(q, everything, 0, 20));
for (const [i, slice] of repo.articleSlices(db, 2).entries()) {
  time(`slice ${i + 1} of 2: ranked`, repo.rankedSql(q, everything, 0, 20, { slice }));
  time(`slice ${i + 1} of 2: counted`, repo.countSql(q, everything, slice));
}
db.close();
