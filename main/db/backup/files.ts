// Backups of a library: where they live, their names, listing and retention, and the
// temporary files they are written under. Backups are written by write.ts (and, once a
// day, by main/services/daily-backup.ts), compressed by compressed.ts, checked by
// ../file-check.ts and restored by restore.ts; all of it is main/db's job because opening
// a library (open.ts) backs it up before a migration.
//
// Where they live: a folder beside the library named after it, "Research.backups/" for
// "Research.casefile", so backups sit next to the file they belong to (same disk, same
// permissions, moved and synced together) without cluttering the folder the user chose:
//   Research.daily-2026-11-22.casefile.zst    once a day on open (in a worker thread, see
//                                             main/services/daily-backup.ts), the last 7 days kept
//   Research.backup-v1-20261122T101500.casefile.zst  before a migration (migrate.ts
//                                             writes it, fileMigrationBackup files it), the last 5 kept
//   Research.manual-20261122T101500.casefile  `casefile backup`; never removed by Casefile
// Daily and migration backups are kept compressed (zstd), most of them holding only the
// pages that changed since a whole backup in the same folder (compressed.ts), so a week of
// them takes about one compressed library and a few tenths of one. Each is checked before
// it counts: the snapshot passes integrity_check, and the compressed file is read back and
// its pages must match the snapshot's (packBackup). Manual backups are whole, compressed
// only when named .zst: they are the user's to carry elsewhere. Uncompressed ones (older
// Casefiles, manual) are listed, pruned and restored as before; pruning (write.ts) keeps a
// whole backup as long as a kept one is built on it.
// Older migration backups written beside the library (before this folder existed) are
// listed and pruned with the others.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db.ts';

export const DAILY_BACKUPS_KEPT = 7;
export const MIGRATION_BACKUPS_KEPT = 5;

export type BackupKind = 'daily' | 'migration' | 'manual';

export interface BackupFile {
  path: string;
  kind: BackupKind;
  /** When it was made (the file's modification time: backups are written once, never changed). */
  madeAt: Date;
  size: number;
}

export const PARTIAL_MARK = '.partial-';
/** "Research" for Research.casefile (any other name is kept whole). */
export function libraryStem(libraryPath: string): string {
  return path.basename(libraryPath).replace(/\.casefile$/i, '');
}

/** The folder holding a library's backups: "Research.backups" beside "Research.casefile". */
export function backupsDir(libraryPath: string): string {
  const file = path.resolve(libraryPath);
  return path.join(path.dirname(file), `${libraryStem(file)}.backups`);
}

/** Compact UTC time in backup names (migrate.ts stamps its backups with it too): 20261122T101500. */
export function timeStamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
}

/** The local calendar day (a "day" as the user lives it): 2026-11-22. */
export function localDay(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function kindOf(name: string, stem: string): BackupKind | null {
  const s = escapeRegExp(stem);
  if (new RegExp(`^${s}\\.daily-\\d{4}-\\d{2}-\\d{2}\\.casefile(?:\\.zst)?$`, 'i').test(name)) return 'daily';
  if (new RegExp(`^${s}\\.backup-v\\d+-\\d{8}T\\d{6}(?:-\\d+)?\\.casefile(?:\\.zst)?$`, 'i').test(name)) return 'migration';
  if (new RegExp(`^${s}\\.manual-\\d{8}T\\d{6}(?:-\\d+)?\\.casefile(?:\\.zst)?$`, 'i').test(name)) return 'manual';
  return null;
}

/** Every backup of the library, newest first: its backups folder, and migration backups left beside it. */
export function listBackups(libraryPath: string): BackupFile[] {
  const file = path.resolve(libraryPath);
  const stem = libraryStem(file);
  const found: BackupFile[] = [];
  const scan = (dir: string, kinds: readonly BackupKind[]) => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const kind = kindOf(name, stem);
      if (!kind || !kinds.includes(kind)) continue;
      try {
        const stat = fs.statSync(path.join(dir, name));
        if (stat.isFile()) found.push({ path: path.join(dir, name), kind, madeAt: stat.mtime, size: stat.size });
      } catch {
        // Removed while we looked: not a backup any more.
      }
    }
  };
  scan(backupsDir(file), ['daily', 'migration', 'manual']);
  scan(path.dirname(file), ['migration']);
  return found.sort((a, b) => b.madeAt.getTime() - a.madeAt.getTime() || b.path.localeCompare(a.path));
}

export function latestBackup(libraryPath: string): BackupFile | null {
  return listBackups(libraryPath)[0] ?? null;
}

/**
 * A sentence for error messages: where the newest backup is, what going back to it would
 * lose, and how to do it; '' when there is none.
 */
export function backupHint(libraryPath: string): string {
  let latest: BackupFile | null;
  try {
    latest = latestBackup(libraryPath);
  } catch {
    return '';
  }
  if (!latest) return '';
  return ` The most recent backup is ${latest.path} (made ${backupTime(latest.madeAt)}). ${restoreLoss(latest)} To go back to it: casefile restore "${latest.path}"`;
}

function backupTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "3 hours", "2 days": how long ago, in the largest whole unit. */
function elapsed(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  const [count, unit] = minutes < 90 ? [minutes, 'minute'] : minutes < 36 * 60 ? [Math.round(minutes / 60), 'hour'] : [Math.round(minutes / 1440), 'day'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * What putting `backup` in place of the library would lose, in a sentence: every change
 * made after it, and how much time that is. A restore is never offered as if it were free.
 * (The library is not read to count its newer rows: a read-only connection to a WAL
 * library makes -wal and -shm files beside it, and a refused library is left untouched.)
 */
export function restoreLoss(backup: BackupFile, now = new Date()): string {
  return `Restoring it loses every change made after ${backupTime(backup.madeAt)} (${elapsed(backup.madeAt, now)} of work).`;
}

/** `casefile backup` without --out: a manual backup in the backups folder. */
export function manualBackupPath(libraryPath: string, now = new Date()): string {
  const dir = backupsDir(libraryPath);
  const base = `${libraryStem(libraryPath)}.manual-${timeStamp(now)}`;
  let candidate = path.join(dir, `${base}.casefile`);
  for (let n = 2; fs.existsSync(candidate); n += 1) candidate = path.join(dir, `${base}-${n}.casefile`);
  return candidate;
}

/** Today's daily backup of the library: "Research.backups/Research.daily-2026-11-22.casefile.zst". */
export function dailyBackupPath(libraryPath: string, now = new Date()): string {
  return path.join(backupsDir(libraryPath), `${libraryStem(libraryPath)}.daily-${localDay(now)}.casefile${COMPRESSED_EXTENSION}`);
}

// ---------------------------------------------------------------------------------------
// Compressed backups are named "<backup>.casefile.zst" (compressed.ts writes and reads them).

export const COMPRESSED_EXTENSION = '.zst';

export function isCompressedBackup(file: string): boolean {
  return file.toLowerCase().endsWith(COMPRESSED_EXTENSION);
}

// ---------------------------------------------------------------------------------------
// Temporary files: every backup is written under a hidden name beside its target and
// renamed into place, so a crash never leaves a half-written file that looks like a backup.

/**
 * Syncs a file, or a folder so that a rename in it is durable: the one fsync of every
 * writer that replaces a file (backups, exports, settings, kept passwords). Folders cannot
 * be opened on Windows; there it does nothing, and the rename is still atomic.
 */
export function fsyncPath(target: string, flags: 'r' | 'r+' = 'r'): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(target, flags);
    fs.fsyncSync(fd);
  } catch {
    // Folders cannot be synced on every platform (Windows); the rename itself is still atomic.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

export function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Nothing more to do: a leftover partial file is never mistaken for a backup.
  }
}

/** Leftovers of backups interrupted by a crash (".name.partial-PID-TIME"), older than an hour. */
export function removeStalePartials(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const hourAgo = Date.now() - 3_600_000;
  for (const name of names) {
    if (!name.startsWith('.') || !name.includes(PARTIAL_MARK)) continue;
    const full = path.join(dir, name);
    try {
      if (fs.statSync(full).mtimeMs < hourAgo) removeQuietly(full);
    } catch {
      // Gone already.
    }
  }
}

let partialCount = 0;

/** The temporary name a backup to `target` is written under: hidden, beside it, unique in this process. */
export function partialPath(target: string): string {
  const file = path.resolve(target);
  partialCount += 1;
  return path.join(path.dirname(file), `.${path.basename(file)}${PARTIAL_MARK}${process.pid}-${Date.now()}-${partialCount}`);
}

export function removePartial(partial: string): void {
  removeQuietly(partial);
  removeQuietly(`${partial}-journal`);
  removeQuietly(`${partial}${COMPRESSED_EXTENSION}`);
}

/**
 * When the library's own connection closed before another connection of ours (the backup
 * worker's, read-only), SQLite left the -wal and -shm beside the library: only a
 * read-write connection that closes last folds the WAL back in and removes them. A
 * connection opened and closed here does exactly that when nobody else has the library
 * open (and nothing at all when someone does).
 */
export function releaseSideFiles(libraryPath: string): void {
  if (!fs.existsSync(`${libraryPath}-wal`) && !fs.existsSync(`${libraryPath}-shm`)) return;
  let db: Db | null = null;
  try {
    db = new Database(libraryPath, { fileMustExist: true, timeout: 0 });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    // Removed, replaced or locked meanwhile: SQLite recovers the WAL at the next open.
  } finally {
    try {
      db?.close();
    } catch {
      // As above.
    }
  }
}
