// Search latency at library sizes the tests do not build: `node bench/search.ts
// [--sizes 10000,100000] [--dir DIR] [--runs N] [--words N]`. Builds (once, then
// reuses) generated libraries of that many articles with highlights and claims, then
// times the search service (ranked page of 20 with snippets and the total count) and
// the bare FTS5 query it is built on, and prints median and p95 per query.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeLibrary, libraryReaders, openLibrarySession, type Library } from '../main/services/library.ts';
import { nodeHost } from '../main/services/host.ts';
import { buildCorpus } from '../main/testing/corpus.ts';
import { search } from '../main/services/search/search.ts';
import { ftsQuery } from '../main/services/search/query.ts';
import type { ParsedInput } from '../common/api/contract.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    dir: { type: 'string', default: path.join(os.tmpdir(), 'casefile-bench') },
    runs: { type: 'string', default: '30' },
    words: { type: 'string', default: '700' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const CHUNK = 5_000;

function open(size: number): Library {
  fs.mkdirSync(values.dir, { recursive: true });
  const file = path.join(values.dir, `bench-${size}-${values.words}w.casefile`);
  const library = openLibrarySession(file, { create: true, seed: false });
  const have = library.db.prepare('SELECT count(*) FROM article').pluck().get() as number;
  if (have >= size) return library;
  const start = performance.now();
  for (let done = have; done < size; done += CHUNK) {
    buildCorpus(library, { articles: Math.min(CHUNK, size - done), seed: 1 + done / CHUNK, words: Number(values.words), annotate: true, actors: 300 });
    process.stderr.write(`\r  built ${Math.min(done + CHUNK, size)} / ${size} articles`);
  }
  library.db.exec("INSERT INTO article_fts(article_fts) VALUES ('optimize')");
  process.stderr.write(`  (${((performance.now() - start) / 1000).toFixed(0)} s)\n`);
  return library;
}

/** A word of the generated vocabulary found in about `share` of the articles. */
function wordWithShare(library: Library, share: number): string {
  library.db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, article_fts, row)');
  const total = library.db.prepare('SELECT count(*) FROM article').pluck().get() as number;
  return library.db
    .prepare("SELECT term FROM temp.bench_vocab WHERE term GLOB '[a-z]*' AND length(term) > 4 ORDER BY abs(doc - ?) LIMIT 1")
    .pluck()
    .get(Math.round(total * share)) as string;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(run: () => unknown): Promise<{ median: number; p95: number }> {
  await run();
  await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 50), p95: percentile(samples, 95) };
}

const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0)).padStart(6);

console.log(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
for (const size of sizes) {
  const library = open(size);
  const { db } = library;
  const articles = db.prepare('SELECT count(*) FROM article').pluck().get() as number;
  const actor = db.prepare("SELECT e.id, e.name FROM entity e WHERE kind = 'actor' ORDER BY (SELECT count(*) FROM annotation WHERE entity_id = e.id) DESC LIMIT 1").get() as { id: number; name: string };
  const rare = wordWithShare(library, 0.0005);
  const medium = wordWithShare(library, 0.05);
  const bytes = fs.statSync(library.path).size;
  console.log(`\n${articles} articles (${(bytes / 2 ** 30).toFixed(2)} GB, SQLite ${db.prepare('SELECT sqlite_version()').pluck().get() as string}), ${runs} runs each, ms`);
  type Input = Omit<ParsedInput<'search.query'>, 'offset' | 'limit' | 'rankAll'>;
  const cases: [string, Input][] = [
    [`rare word (${rare})`, { query: rare }],
    [`word in ~5% (${medium})`, { query: medium }],
    ['word in most articles (said)', { query: 'said' }],
    ['phrase "border crossing"', { query: '"border crossing"' }],
    ['prefix secur*', { query: 'secur*' }],
    ['boolean (talks OR dialogue) NOT ceasefire', { query: '(talks OR dialogue) NOT ceasefire' }],
    [`every mention of "${actor.name}"`, { query: `"${actor.name}"` }],
    ['Urdu word مذاکرات', { query: 'مذاکرات' }],
    ['said + outlet + date range', { query: 'said', outlet: 'Dawn', from: '2024-01-01', to: '2024-12-31' }],
    [`talks + actor filter (${actor.name})`, { query: 'talks', actor: { id: actor.id } }],
    ['talks, claims only', { query: 'talks', kinds: ['claim'] }],
  ];
  const bare = db.prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rank LIMIT 20');
  console.log(`${'query'.padEnd(48)} ${'matches'.padStart(8)}   service median / p95   bare FTS5 median / p95`);
  for (const [label, input] of cases) {
    const readers = libraryReaders(library, nodeHost());
    const page = await search(library, { ...input, offset: 0, limit: 20, rankAll: false }, { readers });
    const service = await time(() => search(library, { ...input, offset: 0, limit: 20, rankAll: false }, { readers }));
    const q = ftsQuery(input.query);
    const raw = await time(() => bare.all(q));
    console.log(`${label.padEnd(48)} ${String(page.total).padStart(8)}   ${ms(service.median)} / ${ms(service.p95)}        ${ms(raw.median)} / ${ms(raw.p95)}`);
  }
  closeLibrary(library);
}
