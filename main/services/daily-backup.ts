// The daily backup: once per local day, a verified, compressed snapshot of the library in
// its backups folder (main/db/backup/), the newest DAILY_BACKUPS_KEPT kept. It runs in a
// worker thread started when a library opens, so opening never waits for it.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../common/api/errors.ts';
import type { Db } from '../db/db.ts';
import { appErrorFromSqlite } from '../db/errors.ts';
import { COMPRESSED_EXTENSION, dailyBackupPath, partialPath, releaseSideFiles, removePartial } from '../db/backup/files.ts';
import { pruneBackups, writeBackup, type WriteBackupOptions } from '../db/backup/write.ts';

export interface DailyBackupOutcome {
  /** The backup written now, or null when today's already existed (or none was due). */
  written: string | null;
  /** Why a due backup could not be written (the library still opens). */
  problem: string | null;
  /** True when the library was closed before the backup was done: nothing of it was kept, and the next open tries again. */
  cancelled?: boolean;
}

/** Whether today's daily backup exists, compressed or (made by an older Casefile) not. */
function dailyBackupMade(target: string): boolean {
  return fs.existsSync(target) || fs.existsSync(target.slice(0, -COMPRESSED_EXTENSION.length));
}

/**
 * Once per local day: a verified snapshot in the backups folder, keeping the newest
 * DAILY_BACKUPS_KEPT. A failure (full disk, read-only folder) is reported, never thrown:
 * not being able to back up must not stop the user from working. On open this runs in a
 * worker thread (startDailyBackup); `db` may be a read-only connection.
 */
export function dailyBackupIfDue(db: Db, libraryPath: string, now = new Date(), options: WriteBackupOptions = {}): DailyBackupOutcome {
  const target = dailyBackupPath(libraryPath, now);
  if (dailyBackupMade(target)) return { written: null, problem: null };
  try {
    writeBackup(db, target, { ...options, incremental: true, now });
  } catch (error) {
    return { written: null, problem: error instanceof AppError ? (error.detail ?? error.message) : `The daily backup ${target} could not be written.` };
  }
  pruneBackups(libraryPath);
  return { written: target, problem: null };
}

// ---------------------------------------------------------------------------------------
// The daily backup off the thread that owns the library.
//
// Opening returns at once; a worker thread (backup-worker.ts) opens its own read-only
// connection to the library and runs dailyBackupIfDue there. VACUUM INTO reads the
// library in one read transaction: in WAL mode the app's connection keeps reading and
// writing meanwhile (its commits go to the WAL; the snapshot is what was committed when
// the copy began), and the worker never writes to the library.

/** What the worker is given (structured-cloned). */
export interface DailyBackupJob {
  libraryPath: string;
  /** The moment whose local day names the backup (ms since the epoch). */
  now: number;
  /** The temporary file: chosen here, so the opening thread can remove it if the worker is stopped. */
  partial: string;
}

/** The worker's part: its own read-only connection, then dailyBackupIfDue. Never throws. */
export function runDailyBackupJob(job: DailyBackupJob): DailyBackupOutcome {
  let db: Db | null = null;
  try {
    db = new Database(job.libraryPath, { readonly: true, fileMustExist: true, timeout: 5_000 });
    return dailyBackupIfDue(db, job.libraryPath, new Date(job.now), { partial: job.partial });
  } catch (error) {
    removePartial(job.partial);
    const reason = error instanceof AppError ? (error.detail ?? error.message) : (appErrorFromSqlite(error)?.message ?? 'the library could not be read');
    return { written: null, problem: `The daily backup of ${job.libraryPath} could not be written (${reason}).` };
  } finally {
    db?.close();
  }
}

/**
 * The worker script beside this file, for running from sources (Node strips the types).
 * A bundle (the app, the built CLI) names its own built worker in its HostServices
 * (host.ts): backup-worker.cjs or .js beside its main bundle.
 */
export const SOURCE_BACKUP_WORKER = new URL('./backup-worker.ts', import.meta.url);

export interface DailyBackupTask {
  /**
   * Settles once the worker has exited and nothing of an unfinished backup is left on disk;
   * never rejects (a failure is an outcome with a problem).
   */
  readonly outcome: Promise<DailyBackupOutcome>;
  /**
   * Stops an unfinished backup (the library is being closed): the worker is terminated and
   * the temporary file removed. SQLite cannot stop a VACUUM INTO half way, so the worker
   * ends when its current statement does; the temporary file is removed now (where the
   * system allows removing an open file) and again once the worker has exited.
   */
  cancel(): void;
}

const NOTHING_DUE: DailyBackupOutcome = { written: null, problem: null };

/**
 * Starts today's daily backup of the library at `libraryPath` (open in this thread) in a
 * worker thread running `workerScript`, unless it exists already (then no worker is started).
 */
export function startDailyBackup(libraryPath: string, workerScript: URL, now = new Date()): DailyBackupTask {
  const library = path.resolve(libraryPath);
  const target = dailyBackupPath(library, now);
  if (dailyBackupMade(target)) return { outcome: Promise.resolve({ ...NOTHING_DUE }), cancel: () => undefined };

  const job: DailyBackupJob = { libraryPath: library, now: now.getTime(), partial: partialPath(target) };
  let reply: DailyBackupOutcome | null = null;
  let crash: string | null = null;
  let cancelled = false;
  let exited = false;
  let resolve!: (outcome: DailyBackupOutcome) => void;
  const outcome = new Promise<DailyBackupOutcome>((r) => (resolve = r));
  // A process that exits while the backup runs (process.exit, a quit) leaves no temporary file.
  const onExit = () => removePartial(job.partial);
  process.once('exit', onExit);

  const finish = () => {
    if (exited) return;
    exited = true;
    process.removeListener('exit', onExit);
    // No temporary file outlives the worker (a backup that was kept has been renamed away from it).
    removePartial(job.partial);
    // Closed while the worker still read: the library's own connection was not the last one
    // out, and the worker's read-only one cannot fold the WAL back into the library.
    if (cancelled) releaseSideFiles(library);
    if (reply) resolve(reply);
    else if (cancelled) resolve({ written: null, problem: null, cancelled: true });
    else resolve({ written: null, problem: `The daily backup ${target} could not be written (${crash ?? 'the backup stopped unexpectedly'}).` });
  };

  let worker: Worker;
  try {
    worker = new Worker(workerScript, { workerData: job });
  } catch (error) {
    crash = (error as Error).message;
    finish();
    return { outcome, cancel: () => undefined };
  }
  worker.on('message', (message: DailyBackupOutcome) => {
    reply = message;
  });
  worker.on('error', (error: Error) => {
    crash = error.message;
  });
  worker.on('exit', finish);
  return {
    outcome,
    cancel() {
      if (exited || cancelled) return;
      cancelled = true;
      removePartial(job.partial);
      void worker.terminate();
    },
  };
}
