// Writing a backup: a consistent snapshot (VACUUM INTO, from a read transaction, so
// writers never see a half-made copy) that counts only once it passes SQLite's
// integrity_check, written under a temporary name and renamed into place; and filing the
// backup migrate.ts makes before a migration.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../common/api/errors.ts';
import type { Db } from '../db.ts';
import { appErrorFromSqlite } from '../errors.ts';
import { checkLibraryFile } from '../file-check.ts';
import { backupBase, packBackup } from './compressed.ts';
import {
  backupsDir,
  COMPRESSED_EXTENSION,
  DAILY_BACKUPS_KEPT,
  fsyncPath,
  isCompressedBackup,
  listBackups,
  MIGRATION_BACKUPS_KEPT,
  partialPath,
  removePartial,
  removeQuietly,
  removeStalePartials,
} from './files.ts';

export interface BackupResult {
  path: string;
  articleCount: number;
  annotationCount: number;
  size: number;
}

export interface WriteBackupOptions {
  /** The temporary file to write first (default: a new hidden name beside `target`). */
  partial?: string;
  /** A compressed backup may hold only the pages changed since a whole backup beside it (daily backups; see compressed.ts). */
  incremental?: boolean;
  /** When it is made (default: now): how old a whole backup to build on is, is measured from it. */
  now?: Date;
}

/**
 * Writes a verified snapshot of the open library `db` to `target` (which must not exist):
 * VACUUM INTO a temporary file beside it, integrity_check, fsync, rename. On any failure
 * nothing is left at `target` and the error names the reason (DISK_FULL for a full disk).
 * `db` may be a read-only connection (VACUUM INTO only reads the library).
 */
export function writeBackup(db: Db, target: string, options: WriteBackupOptions = {}): BackupResult {
  const file = path.resolve(target);
  const dir = path.dirname(file);
  if (fs.existsSync(file)) throw new AppError('CONFLICT', `${file} already exists; a backup never overwrites a file.`);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw backupError(error, file);
  }
  const partial = options.partial ?? partialPath(file);
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    const check = checkLibraryFile(partial);
    if (!check.ok) {
      throw new AppError('EXPORT_FAILED', `The backup of the library failed its own check (${check.reason ?? 'unknown reason'}); it was not kept. Run casefile check on the library.`);
    }
    if (isCompressedBackup(file)) {
      packBackup(partial, file, { incremental: options.incremental ?? false, now: options.now });
      removePartial(partial);
    } else {
      fsyncPath(partial, 'r+');
      fs.renameSync(partial, file);
      fsyncPath(dir);
    }
    return { path: file, articleCount: check.articleCount ?? 0, annotationCount: check.annotationCount ?? 0, size: fs.statSync(file).size };
  } catch (error) {
    removePartial(partial);
    throw backupError(error, file);
  } finally {
    removeStalePartials(dir);
  }
}

function backupError(error: unknown, target: string): Error {
  if (error instanceof AppError) return error;
  const errno = (error as NodeJS.ErrnoException).code;
  if (errno === 'ENOSPC') return new AppError('DISK_FULL', `The backup ${target} could not be written: the disk is full. Nothing was changed.`);
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS') return new AppError('EXPORT_FAILED', `The backup ${target} could not be written (the folder is read-only).`);
  const mapped = appErrorFromSqlite(error);
  if (mapped?.code === 'DISK_FULL') return new AppError('DISK_FULL', `The backup ${target} could not be written: the disk is full. Nothing was changed.`);
  if (mapped) return new AppError('EXPORT_FAILED', `The backup ${target} could not be written (${mapped.message})`);
  return new AppError('EXPORT_FAILED', `The backup ${target} could not be written.`);
}

/**
 * After a migration: moves migrate.ts's backup (written beside the library) into the
 * backups folder, checks it, compresses it, and prunes old ones. Returns where the backup
 * now is (uncompressed when it could not be compressed: it is kept either way).
 */
export function fileMigrationBackup(libraryPath: string, written: string, now = new Date()): string {
  const dir = backupsDir(libraryPath);
  const base = path.basename(written).replace(/\.casefile$/i, '');
  let target = path.join(dir, `${base}.casefile`);
  // migrate.ts stamps to the second: a second migration within it gets "-2".
  const taken = (candidate: string) => fs.existsSync(candidate) || fs.existsSync(`${candidate}${COMPRESSED_EXTENSION}`);
  for (let n = 2; taken(target); n += 1) target = path.join(dir, `${base}-${n}.casefile`);
  let final = written;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.renameSync(written, target);
    final = target;
  } catch {
    // It stays beside the library, where listBackups still finds it.
  }
  // migrate.ts's VACUUM INTO is a consistent snapshot; check it like every other backup.
  const check = checkLibraryFile(final);
  if (!check.ok) process.stderr.write(`casefile: warning: the backup made before migrating, ${final}, fails its check (${check.reason ?? 'unknown reason'}).\n`);
  else {
    const packed = `${final}${COMPRESSED_EXTENSION}`;
    try {
      packBackup(final, packed, { partial: partialPath(packed), incremental: true, now });
      removeQuietly(final);
      final = packed;
    } catch {
      // A full disk, say: the uncompressed backup stays, listed and restorable as it is.
    }
  }
  pruneBackups(libraryPath);
  return final;
}

/**
 * Keeps the newest DAILY_BACKUPS_KEPT daily and MIGRATION_BACKUPS_KEPT migration backups;
 * manual ones are the user's. A whole backup that a kept one is built on is kept too, past
 * its count: removing it would leave the newer one unrestorable.
 */
export function pruneBackups(libraryPath: string, keep = { daily: DAILY_BACKUPS_KEPT, migration: MIGRATION_BACKUPS_KEPT }): string[] {
  const all = listBackups(libraryPath);
  const old = new Set<string>();
  for (const kind of ['daily', 'migration'] as const) {
    // By name for daily ones (the day is in the name), by time for the others: both newest first.
    const ofKind = all.filter((b) => b.kind === kind);
    if (kind === 'daily') ofKind.sort((a, b) => path.basename(b.path).localeCompare(path.basename(a.path)));
    for (const backup of ofKind.slice(keep[kind])) old.add(backup.path);
  }
  const builtOn = new Set(
    all
      .filter((b) => !old.has(b.path))
      .map((b) => backupBase(b.path))
      .filter((base) => base !== null)
      .map((base) => path.join(backupsDir(libraryPath), base)),
  );
  const removed = [...old].filter((file) => !builtOn.has(file));
  for (const file of removed) removeQuietly(file);
  return removed;
}
