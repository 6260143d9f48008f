// Backups at the bench's library size: a compressed whole backup written (VACUUM INTO,
// integrity_check, zstd, read back and compared) and restored (decompressed, checked,
// renamed into place), beside SQLite alone (VACUUM INTO) and the uncompressed backup and
// restore Casefile made before. Then days of daily use, lived: a copy of the library gets
// a day's work (1% more articles, imported and annotated as the bench annotates) and its
// daily backup, dated that day, for two weeks (eight days at 100k: the eighth brings the
// second whole backup, the most the folder holds), with a migration backup on the last evening; what the backups folder holds each day from the seventh is weighed
// against the library, and the newest daily backup (built on a whole one) is restored.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backupBase } from '../../main/db/backup/compressed.ts';
import { backupsDir, DAILY_BACKUPS_KEPT, listBackups, timeStamp } from '../../main/db/backup/files.ts';
import { restoreBackup } from '../../main/db/backup/restore.ts';
import { fileMigrationBackup, writeBackup } from '../../main/db/backup/write.ts';
import { storeArticle } from '../../main/services/articles.ts';
import { dailyBackupIfDue } from '../../main/services/daily-backup.ts';
import { convertFile } from '../../main/services/import/convert.ts';
import type { ImportCandidate } from '../../main/services/import/types.ts';
import { closeLibrary, openLibrarySession } from '../../main/services/library.ts';
import { annotateLibrary, corpusIndexes } from '../lib/annotate.ts';
import { generateArticle, toText } from '../lib/corpus.ts';
import { phaseMain, type PhaseConfig } from '../lib/phase.ts';
import { dist, log, mb, type Dist } from '../lib/stats.ts';

interface Config extends PhaseConfig {
  library: string;
  label: string;
  runs: number;
  /** The corpus seed the library was built from: a day's new articles are its next ones. */
  seed: number;
  /** Days of use to live (two weeks see a whole backup replaced; a week is the least). */
  days: number;
}

export interface WeekFigure {
  /** New articles a day (1% of the library), each annotated as the bench annotates every tenth. */
  articlesPerDay: number;
  libraryMb: number;
  /** How many days were lived (a migration backup on the evening of the last). */
  days: number;
  /** The most the backups folder held on any day from the seventh on, as a multiple of the library that day. */
  ratio: number;
  byDay: { day: number; ratio: number; wholes: number }[];
  files: { name: string; mb: number; builtOn: string | null }[];
  /** Writing each day's backup (VACUUM INTO, integrity_check, page hashes, zstd of the new pages, read back). */
  daily: Dist;
  /** Restoring the newest daily backup (the whole one it is built on, then its own pages). */
  restoreMs: number;
}

export interface BackupFigure {
  label: string;
  libraryMb: number;
  compressedMb: number;
  uncompressedMb: number;
  /** Eight whole compressed backups, as before this report (each a compressed whole library). */
  weekRatioWhole: number;
  /** Eight whole uncompressed backups, as before compression. */
  weekRatioUncompressed: number;
  week: WeekFigure;
  backup: Dist;
  backupUncompressed: Dist;
  vacuumInto: Dist;
  restore: Dist;
  restoreUncompressed: Dist;
}

phaseMain(async (config: Config): Promise<BackupFigure> => {
  const dir = fs.mkdtempSync(path.join(path.dirname(config.library), '.bench-backup-'));
  const samples = { backup: [] as number[], backupUncompressed: [] as number[], vacuumInto: [] as number[], restore: [] as number[], restoreUncompressed: [] as number[] };
  let compressed = 0;
  let uncompressed = 0;
  try {
    const db = new Database(config.library, { readonly: true, fileMustExist: true });
    for (let run = 0; run < config.runs; run += 1) {
      const time = (key: keyof typeof samples, body: () => void) => {
        const t = performance.now();
        body();
        samples[key].push(performance.now() - t);
      };
      const zst = path.join(dir, `daily-${run}.casefile.zst`);
      const plain = path.join(dir, `daily-${run}.casefile`);
      const bare = path.join(dir, `bare-${run}.casefile`);
      time('vacuumInto', () => db.prepare('VACUUM INTO ?').run(bare));
      time('backup', () => writeBackup(db, zst));
      time('backupUncompressed', () => writeBackup(db, plain));
      compressed = fs.statSync(zst).size;
      uncompressed = fs.statSync(plain).size;
      fs.rmSync(bare);
      time('restore', () => restoreBackup(zst, path.join(dir, `restored-${run}.casefile`)));
      time('restoreUncompressed', () => restoreBackup(plain, path.join(dir, `restored-plain-${run}.casefile`)));
      for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name), { force: true });
    }
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const library = fs.statSync(config.library).size;
  const week = await weekOfDailyUse(config);
  const figure: BackupFigure = {
    label: config.label,
    libraryMb: mb(library) ?? 0,
    compressedMb: mb(compressed) ?? 0,
    uncompressedMb: mb(uncompressed) ?? 0,
    weekRatioWhole: ((DAILY_BACKUPS_KEPT + 1) * compressed) / library,
    weekRatioUncompressed: ((DAILY_BACKUPS_KEPT + 1) * uncompressed) / library,
    week,
    backup: dist(samples.backup),
    backupUncompressed: dist(samples.backupUncompressed),
    vacuumInto: dist(samples.vacuumInto),
    restore: dist(samples.restore),
    restoreUncompressed: dist(samples.restoreUncompressed),
  };
  log(`  backups at ${config.label} (${os.loadavg()[0]!.toFixed(1)} load): ${figure.compressedMb} MB compressed of ${figure.libraryMb} MB, at most ${figure.week.ratio.toFixed(2)}× the library over the days lived (whole compressed ones ${figure.weekRatioWhole.toFixed(2)}×, uncompressed ${figure.weekRatioUncompressed.toFixed(1)}×); backup ${Math.round(figure.backup.median)} ms (uncompressed ${Math.round(figure.backupUncompressed.median)}, VACUUM INTO alone ${Math.round(figure.vacuumInto.median)}); restore ${Math.round(figure.restore.median)} ms (uncompressed ${Math.round(figure.restoreUncompressed.median)})`);
  return figure;
});

/** A week of daily use on a copy of the library: see the top of this file. */
async function weekOfDailyUse(config: Config): Promise<WeekFigure> {
  const dir = fs.mkdtempSync(path.join(path.dirname(config.library), '.bench-week-'));
  try {
    const file = path.join(dir, 'Week.casefile');
    const source = new Database(config.library, { readonly: true, fileMustExist: true });
    source.prepare('VACUUM INTO ?').run(file);
    source.close();
    const library = openLibrarySession(file, { dailyBackup: false });
    const known = [...corpusIndexes(library).values()];
    let next = known.reduce((a, b) => Math.max(a, b), -1) + 1;
    const articlesPerDay = Math.max(10, Math.round(known.length / 100));
    const folder = backupsDir(file);
    const folderBytes = () => fs.readdirSync(folder).reduce((sum, name) => sum + fs.statSync(path.join(folder, name)).size, 0);
    const daily: number[] = [];
    const byDay: WeekFigure['byDay'] = [];
    for (let day = 1; day <= config.days; day += 1) {
      const first = next;
      const candidates: ImportCandidate[] = [];
      for (; next < first + articlesPerDay; next += 1) {
        const name = `a${String(next).padStart(6, '0')}.txt`;
        candidates.push(await convertFile(new TextEncoder().encode(toText(generateArticle(config.seed, next))), name));
      }
      library.db.transaction(() => {
        for (const c of candidates) storeArticle(library, c);
      })();
      annotateLibrary(library, config.seed, 10, 500, (index) => index >= first);
      library.db.pragma('wal_checkpoint(TRUNCATE)');
      // The day's date, on the name and on the file (its time is when it was made: the age of a whole backup to build on).
      const now = new Date(2030, 0, day, 12);
      const t = performance.now();
      const outcome = dailyBackupIfDue(library.db, file, now);
      daily.push(performance.now() - t);
      if (!outcome.written) throw new Error(`day ${day}: no daily backup (${outcome.problem ?? 'none was due'})`);
      fs.utimesSync(outcome.written, now, now);
      if (day === config.days) {
        // That evening Casefile is updated and migrates: migrate.ts's backup beside the library, filed.
        const evening = new Date(2030, 0, day, 18);
        const written = path.join(dir, `Week.backup-v99-${timeStamp(evening)}.casefile`);
        writeBackup(library.db, written);
        fs.utimesSync(fileMigrationBackup(file, written, evening), evening, evening);
      }
      if (day >= DAILY_BACKUPS_KEPT) byDay.push({ day, ratio: folderBytes() / fs.statSync(file).size, wholes: fs.readdirSync(folder).filter((name) => backupBase(path.join(folder, name)) === null).length });
    }
    closeLibrary(library);
    const libraryBytes = fs.statSync(file).size;
    const files = fs.readdirSync(folder).map((name) => ({ name, bytes: fs.statSync(path.join(folder, name)).size, builtOn: backupBase(path.join(folder, name)) }));
    const newestDaily = listBackups(file).find((b) => b.kind === 'daily')!;
    const t = performance.now();
    restoreBackup(newestDaily.path, path.join(dir, 'Restored.casefile'));
    const restoreMs = performance.now() - t;
    const week: WeekFigure = {
      articlesPerDay,
      days: config.days,
      libraryMb: mb(libraryBytes) ?? 0,
      ratio: Math.max(...byDay.map((d) => d.ratio)),
      byDay,
      files: files.map((f) => ({ name: f.name, mb: mb(f.bytes) ?? 0, builtOn: f.builtOn })),
      daily: dist(daily),
      restoreMs,
    };
    log(`  ${config.days} days at ${config.label} (+${articlesPerDay} articles a day): backups at most ${week.ratio.toFixed(2)}× the library from day ${DAILY_BACKUPS_KEPT} on (${byDay.map((d) => `${d.day}: ${d.ratio.toFixed(2)}×`).join(', ')}); at the end, of the ${week.libraryMb} MB library: ${files.map((f) => `${f.name.replace(/^Week\./, '')} ${f.bytes < 2 ** 20 ? '<1' : Math.round(f.bytes / 2 ** 20)} MB${f.builtOn ? '' : ' (whole)'}`).join(', ')}; a daily backup ${Math.round(week.daily.median)} ms; restoring the newest ${Math.round(restoreMs)} ms`);
    return week;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
