// Builds a large library (100,000 articles) for the search, list and open figures
// without waiting for the worker-pool import at that size: each text file is converted
// by the same converter (convertFile) and stored by the same storeArticle, in
// transactions of 500, on one thread. Then one article in `annotateEvery` is annotated
// through the services. The result is kept (with a note of what it holds) and reused
// by later runs unless the corpus changed.
import fs from 'node:fs';
import path from 'node:path';
import { storeArticle } from '../../main/services/articles.ts';
import { convertFile } from '../../main/services/import/convert.ts';
import type { ImportCandidate } from '../../main/services/import/types.ts';
import { closeLibrary, openLibrarySession, type Library } from '../../main/services/library.ts';
import { annotateLibrary, type AnnotateResult } from '../lib/annotate.ts';
import { articlePath, CORPUS_VERSION } from '../lib/corpus.ts';
import { phaseMain, type PhaseConfig } from '../lib/phase.ts';
import { log, mb, peakRssOf, resetPeak } from '../lib/stats.ts';

interface Config extends PhaseConfig {
  corpusDir: string;
  seed: number;
  count: number;
  library: string;
  annotateEvery: number;
}

export interface BuildResult {
  reused: boolean;
  count: number;
  seconds: number;
  perSecond: number;
  annotate: AnnotateResult | null;
  libraryMb: number;
  peakRssMb: number | null;
  /** What the change log (change_set, row_change and their indexes) takes of the library (issue 13: under 10%). */
  changeLog?: { mb: number; share: number; changeSets: number; rowChanges: number };
}

const TRANSACTION = 500;

phaseMain(async (config: Config): Promise<BuildResult> => {
  const note = `${config.library}.bench.json`;
  const wanted = { corpusVersion: CORPUS_VERSION, seed: config.seed, count: config.count, annotateEvery: config.annotateEvery };
  if (fs.existsSync(note) && fs.existsSync(config.library)) {
    const have = JSON.parse(fs.readFileSync(note, 'utf8')) as typeof wanted & { result: BuildResult };
    if (have.corpusVersion === wanted.corpusVersion && have.seed === wanted.seed && have.count === wanted.count && have.annotateEvery === wanted.annotateEvery) {
      log(`  reusing ${config.library} (built earlier: ${have.result.count} articles in ${have.result.seconds.toFixed(0)} s)`);
      return { ...have.result, reused: true };
    }
  }
  for (const suffix of ['', '-wal', '-shm', '.bench.json']) fs.rmSync(config.library + suffix, { force: true });
  fs.mkdirSync(path.dirname(config.library), { recursive: true });
  const library = openLibrarySession(config.library, { create: true, seed: false, dailyBackup: false });
  resetPeak();
  const started = performance.now();
  for (let from = 0; from < config.count; from += TRANSACTION) {
    const candidates: ImportCandidate[] = [];
    for (let i = from; i < Math.min(config.count, from + TRANSACTION); i += 1) {
      const file = articlePath(config.corpusDir, 'txt', i);
      candidates.push(await convertFile(new Uint8Array(fs.readFileSync(file)), path.basename(file)));
    }
    library.db.transaction(() => {
      for (const c of candidates) storeArticle(library, c);
    })();
    if ((from / TRANSACTION) % 20 === 19) log(`  built ${from + TRANSACTION} / ${config.count} (${((from + TRANSACTION) / ((performance.now() - started) / 1000)).toFixed(0)}/s)`);
  }
  const seconds = (performance.now() - started) / 1000;
  const annotate = config.annotateEvery > 0 ? annotateLibrary(library, config.seed, config.annotateEvery) : null;
  if (annotate) log(`  annotated ${annotate.articles} articles: ${annotate.created} highlights (${annotate.failed} failed) in ${annotate.seconds.toFixed(0)} s`);
  // A checkpoint leaves the library as an app would after a while: everything in the main file.
  library.db.pragma('wal_checkpoint(TRUNCATE)');
  const peak = peakRssOf();
  const changeLog = changeLogSize(library);
  log(`  change log: ${changeLog.mb.toFixed(1)} MB, ${(changeLog.share * 100).toFixed(1)}% of the library (${changeLog.changeSets} change sets, ${changeLog.rowChanges} row changes)`);
  closeLibrary(library);
  const result: BuildResult = {
    reused: false,
    count: config.count,
    seconds,
    perSecond: config.count / seconds,
    annotate,
    libraryMb: mb(fs.statSync(config.library).size) ?? 0,
    peakRssMb: mb(peak),
    changeLog,
  };
  fs.writeFileSync(note, JSON.stringify({ ...wanted, result }, null, 2));
  return result;
});

/** Pages of the change log's tables and indexes (SQLite's dbstat), against the whole file. */
function changeLogSize(library: Library): NonNullable<BuildResult['changeLog']> {
  const { db } = library;
  const pages = (where: string) => (db.prepare(`SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE ${where}`).pluck().get() as number) ?? 0;
  const log = pages("name IN ('change_set', 'row_change', 'row_change_by_row', 'change_set_by_reverts', 'change_set_by_author') OR name LIKE 'sqlite_autoindex_change_set%' OR name LIKE 'sqlite_autoindex_row_change%'");
  const total = pages('1');
  return {
    mb: log / 1_048_576,
    share: total > 0 ? log / total : 0,
    changeSets: db.prepare('SELECT count(*) FROM change_set').pluck().get() as number,
    rowChanges: db.prepare('SELECT count(*) FROM row_change').pluck().get() as number,
  };
}
