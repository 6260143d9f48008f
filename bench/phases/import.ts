// Import throughput: the corpus's text files and HTML files through importInputs (the
// worker pool converting, batched transactions storing), against the engine itself:
// better-sqlite3 inserting the same texts into a bare table with the same FTS5 index,
// same pragmas (WAL, synchronous=FULL), 500 rows per transaction. Also a per-article
// breakdown (conversion vs storing) from a sample, so a gap can be attributed.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { storeArticle } from '../../main/services/articles.ts';
import { convertFile } from '../../main/services/import/convert.ts';
import { collectInputs, importInputs } from '../../main/services/import/importer.ts';
import { ConversionPool } from '../../main/services/import/pool.ts';
import type { ImportCandidate } from '../../main/services/import/types.ts';
import { closeLibrary, openLibrarySession, type Library } from '../../main/services/library.ts';
import { annotateLibrary, type AnnotateResult } from '../lib/annotate.ts';
import { articlePath, shardDirs, type FileKind } from '../lib/corpus.ts';
import { phaseMain, type PhaseConfig } from '../lib/phase.ts';
import { dist, log, mb, peakRssOf, resetPeak, type Dist } from '../lib/stats.ts';

interface Config extends PhaseConfig {
  corpusDir: string;
  seed: number;
  count: number;
  /** HTML files to import (the first ones of the corpus); the text imports take `count`. */
  htmlCount: number;
  runs: { txt: number; html: number; raw: number };
  /** An HTML import still running after this many seconds is cancelled; its rate so far is reported. */
  htmlCapSeconds: number;
  workDir: string;
  /** Where to leave the first text import, annotated, for the later phases. */
  keepLibrary: string;
  annotateEvery: number;
  breakdownSample: number;
}

interface ImportRun {
  kind: FileKind;
  articles: number;
  imported: number;
  failed: number;
  cancelled: number;
  seconds: number;
  perSecond: number;
  /** CPU seconds of the process (main thread and conversion workers together). */
  cpuSeconds: number;
  /** Until the first article was stored (worker start-up, first conversions, first batch). */
  firstStoredSeconds: number | null;
  peakRssMb: number | null;
  libraryMb: number;
}

export interface ImportResult {
  count: number;
  poolSize: number;
  runs: ImportRun[];
  txt: Dist;
  html: Dist | null;
  raw: Dist;
  rawRuns: { seconds: number; perSecond: number; cpuSeconds: number; dbMb: number }[];
  breakdown: Record<string, Dist>;
  annotate: AnnotateResult | null;
  libraryArticles: number;
}

function removeLibrary(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.rmSync(file.replace(/\.casefile$/, '.backups'), { recursive: true, force: true });
}

const sizeMb = (file: string) => (mb(['', '-wal'].reduce((n, s) => n + (fs.existsSync(file + s) ? fs.statSync(file + s).size : 0), 0)) ?? 0);

async function importRun(config: Config, kind: FileKind, file: string): Promise<ImportRun> {
  removeLibrary(file);
  const library = openLibrarySession(file, { create: true, seed: false, dailyBackup: false });
  const count = kind === 'html' ? config.htmlCount : config.count;
  const { inputs } = collectInputs(shardDirs(config.corpusDir, kind, count));
  inputs.splice(count);
  // A full collection first (the runner starts this phase with --expose-gc), so garbage an
  // earlier run left does not count; pages the allocator kept from it still do, so the
  // first run's peak is the clean figure for each kind.
  (globalThis as { gc?: () => void }).gc?.();
  resetPeak();
  const cpu = process.cpuUsage();
  // Timed from the pool's creation: starting the workers is part of a first import.
  const started = performance.now();
  const pool = new ConversionPool();
  const controller = new AbortController();
  const cap = kind === 'html' ? setTimeout(() => controller.abort(), config.htmlCapSeconds * 1000) : null;
  let firstStored: number | null = null;
  let lastStored = started;
  const outcomes = await importInputs(library, inputs, {
    pool,
    signal: controller.signal,
    onOutcome: (o) => {
      if (o.status !== 'imported') return;
      lastStored = performance.now();
      firstStored ??= lastStored;
    },
  });
  if (cap) clearTimeout(cap);
  const cancelled = outcomes.filter((o) => o.status === 'cancelled').length;
  // A cancelled run is rated up to its last stored article, not up to the cancel.
  const seconds = ((cancelled ? lastStored : performance.now()) - started) / 1000;
  const used = process.cpuUsage(cpu);
  const peak = peakRssOf();
  await pool.close();
  const imported = outcomes.filter((o) => o.status === 'imported').length;
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length) log(`  ${failed.length} failed, e.g. ${JSON.stringify(failed[0])}`);
  closeLibrary(library);
  const run: ImportRun = {
    kind,
    articles: inputs.length,
    imported,
    failed: failed.length,
    cancelled,
    seconds,
    perSecond: imported / seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    firstStoredSeconds: firstStored === null ? null : (firstStored - started) / 1000,
    peakRssMb: mb(peak),
    libraryMb: sizeMb(file),
  };
  log(`  importInputs ${kind}: ${imported}${cancelled ? ` (${cancelled} cancelled at the time cap)` : ''} in ${seconds.toFixed(1)} s = ${run.perSecond.toFixed(0)}/s, ${run.cpuSeconds.toFixed(0)} CPU s, peak RSS ${run.peakRssMb} MB`);
  return run;
}

/** The engine alone: the same texts into a bare FTS5-indexed table, same pragmas, 500 rows a transaction. */
function rawRun(config: Config, file: string): ImportResult['rawRuns'][number] {
  removeLibrary(file);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE doc (id INTEGER PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL) STRICT;
    CREATE VIRTUAL TABLE doc_fts USING fts5(title, text, content='doc', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER doc_ai AFTER INSERT ON doc BEGIN INSERT INTO doc_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END;
  `);
  const insert = db.prepare('INSERT INTO doc (title, text) VALUES (?, ?)');
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const content = fs.readFileSync(articlePath(config.corpusDir, 'txt', i), 'utf8');
      const cut = content.indexOf('\n');
      insert.run(content.slice(0, cut), content.slice(cut + 1));
    }
  });
  for (let i = 0; i < config.count; i += 500) batch(i, Math.min(config.count, i + 500));
  db.close();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const run = { seconds, perSecond: config.count / seconds, cpuSeconds: (used.user + used.system) / 1e6, dbMb: sizeMb(file) };
  log(`  raw better-sqlite3 + FTS5: ${config.count} in ${seconds.toFixed(1)} s = ${run.perSecond.toFixed(0)}/s`);
  removeLibrary(file);
  return run;
}

/** Per-article milliseconds of each step, on this thread, for a sample of the corpus. */
async function breakdown(config: Config): Promise<Record<string, Dist>> {
  const out: Record<string, Dist> = {};
  const file = path.join(config.workDir, 'breakdown.casefile');
  for (const kind of ['txt', 'html'] as const) {
    if (kind === 'html' && config.runs.html === 0) continue;
    const candidates: ImportCandidate[] = [];
    const convert: number[] = [];
    const count = kind === 'html' ? config.htmlCount : config.count;
    const step = Math.max(1, Math.floor(count / config.breakdownSample));
    for (let i = 0; i < count && candidates.length < config.breakdownSample; i += step) {
      const bytes = new Uint8Array(fs.readFileSync(articlePath(config.corpusDir, kind, i)));
      const t = performance.now();
      candidates.push(await convertFile(bytes, path.basename(articlePath(config.corpusDir, kind, i))));
      convert.push(performance.now() - t);
    }
    // The first conversions load jsdom and Readability: a worker pays that once.
    out[`convert ${kind} (ms/article)`] = dist(convert.slice(5));
    removeLibrary(file);
    const library: Library = openLibrarySession(file, { create: true, seed: false, dailyBackup: false });
    const store: number[] = [];
    library.db.transaction(() => {
      for (const c of candidates) {
        const t = performance.now();
        storeArticle(library, c);
        store.push(performance.now() - t);
      }
    })();
    out[`storeArticle ${kind} (ms/article, one transaction)`] = dist(store);
    closeLibrary(library);
    removeLibrary(file);
  }
  return out;
}

phaseMain(async (config: Config): Promise<ImportResult> => {
  fs.mkdirSync(config.workDir, { recursive: true });
  const runs: ImportRun[] = [];
  const rawRuns: ImportResult['rawRuns'] = [];
  const scratch = path.join(config.workDir, 'import-run.casefile');
  // Interleaved, so a change in the machine's load falls on both sides of each ratio.
  const rounds = Math.max(config.runs.txt, config.runs.html, config.runs.raw);
  for (let r = 0; r < rounds; r += 1) {
    if (r < config.runs.raw) rawRuns.push(rawRun(config, path.join(config.workDir, 'raw-run.sqlite')));
    if (r < config.runs.txt) {
      const target = r === 0 ? config.keepLibrary : scratch;
      runs.push(await importRun(config, 'txt', target));
      if (target === scratch) removeLibrary(scratch);
    }
    if (r < config.runs.html) {
      runs.push(await importRun(config, 'html', scratch));
      removeLibrary(scratch);
    }
  }
  const per = (kind: FileKind) => runs.filter((r) => r.kind === kind).map((r) => r.perSecond);
  const parts = await breakdown(config);

  let annotate: AnnotateResult | null = null;
  const library = openLibrarySession(config.keepLibrary, { dailyBackup: false });
  if (config.annotateEvery > 0) {
    annotate = annotateLibrary(library, config.seed, config.annotateEvery);
    log(`  annotated ${annotate.articles} articles: ${annotate.created} highlights (${annotate.failed} failed) in ${annotate.seconds.toFixed(1)} s`);
  }
  const libraryArticles = library.db.prepare('SELECT count(*) FROM article').pluck().get() as number;
  closeLibrary(library);
  return {
    count: config.count,
    poolSize: Math.max(1, Math.min(4, (await import('node:os')).availableParallelism())),
    runs,
    txt: dist(per('txt')),
    html: config.runs.html ? dist(per('html')) : null,
    raw: dist(rawRuns.map((r) => r.perSecond)),
    rawRuns,
    breakdown: parts,
    annotate,
    libraryArticles,
  };
});
