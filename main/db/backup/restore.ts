// Restoring a backup. It never deletes anything: the current library is kept beside it as
// "Research.before-restore-<stamp>.casefile", then the verified copy of the backup
// replaces the library in one rename.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../common/api/errors.ts';
import type { Db } from '../db.ts';
import { appErrorFromSqlite } from '../errors.ts';
import { checkLibraryFile, type LibraryFileCheck } from '../file-check.ts';
import { decompressBackup } from './compressed.ts';
import { fsyncPath, isCompressedBackup, libraryStem, PARTIAL_MARK, removeQuietly, timeStamp } from './files.ts';

export interface RestoreOptions {
  /** Replace a library that opens fine (it is still kept, moved aside). */
  force?: boolean;
  now?: Date;
}

export interface RestoreResult {
  library: string;
  backup: string;
  /** Where the library that was there is now kept; null when there was none. */
  movedAside: string | null;
  schemaVersion: number;
  articleCount: number;
  annotationCount: number;
}

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/**
 * True when another connection has the library open. A WAL library keeps its -wal and
 * -shm files while any connection is open; the last connection to close removes them. So:
 * open, read, close, and look. Libraries SQLite cannot open count as not in use.
 */
export function libraryInUse(libraryPath: string): boolean {
  if (!SIDE_FILES.some((suffix) => fs.existsSync(`${libraryPath}${suffix}`))) return false;
  let db: Db | null = null;
  try {
    db = new Database(libraryPath, { fileMustExist: true, timeout: 0 });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    // Locked: someone is writing. Anything else (damaged, not SQLite): no Casefile can have
    // it open, and its side files are kept aside with it.
    return appErrorFromSqlite(error)?.code === 'LIBRARY_LOCKED';
  } finally {
    try {
      db?.close();
    } catch {
      // Closing a damaged database can fail; it is not in use by us any more either way.
    }
  }
  return fs.existsSync(`${libraryPath}-wal`) || fs.existsSync(`${libraryPath}-shm`);
}

/**
 * Replaces the library at `libraryPath` with the backup: the backup must be a Casefile
 * library this Casefile can open and pass integrity_check; it is copied (VACUUM INTO, so a
 * backup with its own WAL is taken whole; a compressed one is decompressed, each frame's
 * checksum verified) beside the library and checked there; the current
 * library, if any, is kept as "<name>.before-restore-<stamp>.casefile" (with its -wal/-shm);
 * then the copy is renamed over the library. At every moment the library path holds either
 * the old library or the restored one.
 */
export function restoreBackup(backupPath: string, libraryPath: string, options: RestoreOptions = {}): RestoreResult {
  const backup = path.resolve(backupPath);
  const library = path.resolve(libraryPath);
  if (backup === library) throw new AppError('CONFLICT', `${backup} is the library itself; name a backup of it.`);
  const dir = path.dirname(library);
  const staging = path.join(dir, `.${path.basename(library)}.restoring${PARTIAL_MARK}${process.pid}-${Date.now()}`);
  const compressed = isCompressedBackup(backup);
  let source: Db | null = null;
  try {
    let check: LibraryFileCheck;
    if (compressed) {
      // Decompressed first (every frame's checksum verified), then checked like any library.
      if (!fs.existsSync(backup)) throw new AppError('NOT_FOUND', `There is no file at ${backup}. Nothing was restored; the library was left as it is.`);
      fs.mkdirSync(dir, { recursive: true });
      try {
        decompressBackup(backup, staging);
      } catch (error) {
        if (diskFull(error)) throw error;
        if (error instanceof AppError) throw new AppError(error.code, `${error.detail ?? error.message} Nothing was restored; the library was left as it is.`);
        throw new AppError('LIBRARY_CORRUPT', `${path.basename(backup)} is damaged (${(error as Error).message}). Nothing was restored; the library was left as it is.`);
      }
      check = checkLibraryFile(staging);
      if (check.reason) check.reason = check.reason.replaceAll(path.basename(staging), path.basename(backup));
    } else {
      check = checkLibraryFile(backup);
    }
    if (!check.ok) {
      throw new AppError(check.code === 'LIBRARY_NOT_FOUND' ? 'NOT_FOUND' : (check.code ?? 'NOT_A_LIBRARY'), `${check.reason ?? ''} Nothing was restored; the library was left as it is.`.trim());
    }

    const exists = fs.existsSync(library);
    if (exists) {
      if (fs.statSync(library).isDirectory()) throw new AppError('CONFLICT', `${library} is a folder, not a library; nothing was restored.`);
      if (libraryInUse(library)) {
        throw new AppError('LIBRARY_LOCKED', `${path.basename(library)} is open in another program (Casefile itself?). Close it there, then restore; nothing was changed.`);
      }
      if (!options.force) {
        const current = checkLibraryFile(library);
        if (current.ok) {
          throw new AppError(
            'CONFLICT',
            `${library} opens fine (${current.articleCount} articles, ${current.annotationCount} highlights). To replace it with the backup anyway, add --force: it will be kept as ${path.basename(asideName(library, options.now))}.`,
          );
        }
      }
    }

    let copy = check;
    if (!compressed) {
      fs.mkdirSync(dir, { recursive: true });
      source = new Database(backup, { readonly: true, fileMustExist: true });
      source.prepare('VACUUM INTO ?').run(staging);
      source.close();
      source = null;
      copy = checkLibraryFile(staging);
      if (!copy.ok) throw new AppError('LIBRARY_CORRUPT', `The copy of ${path.basename(backup)} failed its check (${copy.reason ?? ''}); nothing was restored.`);
    }
    fsyncPath(staging, 'r+');

    let movedAside: string | null = null;
    if (exists) {
      movedAside = asideName(library, options.now);
      keepAside(library, movedAside);
    }
    fs.renameSync(staging, library);
    fsyncPath(dir);
    return {
      library,
      backup,
      movedAside,
      schemaVersion: copy.schemaVersion ?? 0,
      articleCount: copy.articleCount ?? 0,
      annotationCount: copy.annotationCount ?? 0,
    };
  } catch (error) {
    source?.close();
    removeQuietly(staging);
    removeQuietly(`${staging}-journal`);
    if (error instanceof AppError) throw error;
    if (diskFull(error)) throw new AppError('DISK_FULL', `There is not enough space beside ${library} for the restored copy; nothing was changed.`);
    throw new AppError('INTERNAL', `The backup could not be restored to ${library}; the library was left as it is.`);
  }
}

function diskFull(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOSPC' || appErrorFromSqlite(error)?.code === 'DISK_FULL';
}

function asideName(library: string, now = new Date()): string {
  const dir = path.dirname(library);
  const base = `${libraryStem(library)}.before-restore-${timeStamp(now)}`;
  let candidate = path.join(dir, `${base}.casefile`);
  for (let n = 2; fs.existsSync(candidate); n += 1) candidate = path.join(dir, `${base}-${n}.casefile`);
  return candidate;
}

/** Keeps the current library under `aside` (a hard link, else a copy) with its side files, leaving the original path in place until the rename. */
function keepAside(library: string, aside: string): void {
  try {
    fs.linkSync(library, aside);
  } catch {
    fs.copyFileSync(library, aside, fs.constants.COPYFILE_EXCL);
  }
  for (const suffix of SIDE_FILES) {
    if (fs.existsSync(`${library}${suffix}`)) fs.renameSync(`${library}${suffix}`, `${aside}${suffix}`);
  }
}
