// Backups of a library. Each is a consistent snapshot (VACUUM INTO, from a read
// transaction, so writers never see a half-made copy) that counts only once it passes
// SQLite's integrity_check; it is written under a temporary name and renamed into place,
// so a crash or a full disk leaves no half-written backup that looks like a good one.
//
// Where they live: a folder beside the library named after it, "Research.backups/" for
// "Research.casefile", so backups sit next to the file they belong to (same disk, same
// permissions, moved and synced together) without cluttering the folder the user chose:
//   Research.daily-2026-11-22.casefile.zst    once a day on open (in a worker thread, see
//                                             startDailyBackup), the last 7 days kept
//   Research.backup-v1-20261122T101500.casefile.zst  before a migration (migrate.ts
//                                             writes it, fileMigrationBackup files it), the last 5 kept
//   Research.manual-20261122T101500.casefile  `casefile backup`; never removed by Casefile
// Daily and migration backups are kept compressed (zstd, about a fifth of the library:
// seven of them fit in 1.5x the library instead of 7x), each checked before it counts:
// the snapshot passes integrity_check, and the compressed file is read back and must give
// the same bytes (see compressBackup). Uncompressed ones (older Casefiles, manual) are
// listed, pruned and restored as before.
// Older migration backups written beside the library (before this folder existed) are
// listed and pruned with the others.
//
// Restoring never deletes anything: the current library is kept beside it as
// "Research.before-restore-<stamp>.casefile", then the verified copy of the backup
// replaces the library in one rename.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { AppError, type ErrorCode } from '../../common/api/errors.ts';
import { appErrorFromSqlite } from '../db/errors.ts';
import { CASEFILE_APPLICATION_ID } from '../db/migrate.ts';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index.ts';

type Db = Database.Database;

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

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const PARTIAL_MARK = '.partial-';

/** "Research" for Research.casefile (any other name is kept whole). */
export function libraryStem(libraryPath: string): string {
  return path.basename(libraryPath).replace(/\.casefile$/i, '');
}

/** The folder holding a library's backups: "Research.backups" beside "Research.casefile". */
export function backupsDir(libraryPath: string): string {
  const file = path.resolve(libraryPath);
  return path.join(path.dirname(file), `${libraryStem(file)}.backups`);
}

/** Compact UTC time, as migrate.ts stamps its backups: 20261122T101500. */
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

// ---------------------------------------------------------------------------------------
// Checking a library file without writing to it.

export interface LibraryFileCheck {
  ok: boolean;
  /** Set when not ok: the error code the file would be refused with, and why. */
  code?: ErrorCode;
  reason?: string;
  schemaVersion?: number;
  libraryId?: string;
  articleCount?: number;
  annotationCount?: number;
}

/**
 * Whether `file` is a Casefile library this Casefile can open and SQLite's integrity_check
 * passes. Read-only: the file is never written.
 */
export function checkLibraryFile(file: string): LibraryFileCheck {
  if (isCompressedBackup(file)) return checkCompressedBackup(file);
  const name = path.basename(file);
  let header: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      header = Buffer.alloc(SQLITE_MAGIC.length);
      header = header.subarray(0, fs.readSync(fd, header, 0, header.length, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, code: 'LIBRARY_NOT_FOUND', reason: `There is no file at ${file}.` };
    if (code === 'EISDIR') return { ok: false, code: 'NOT_A_LIBRARY', reason: `${file} is a folder, not a Casefile library.` };
    return { ok: false, code: 'NOT_A_LIBRARY', reason: `${name} cannot be read.` };
  }
  if (!header.equals(SQLITE_MAGIC)) return { ok: false, code: 'NOT_A_LIBRARY', reason: `${name} is not a Casefile library (it is not an SQLite database).` };
  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (applicationId !== CASEFILE_APPLICATION_ID) return { ok: false, code: 'NOT_A_LIBRARY', reason: `${name} is an SQLite database, but not a Casefile library.` };
    if (schemaVersion > LATEST_SCHEMA_VERSION) {
      return { ok: false, code: 'LIBRARY_TOO_NEW', schemaVersion, reason: `${name} was written by a newer Casefile (library version ${schemaVersion}; this Casefile reads up to ${LATEST_SCHEMA_VERSION}).` };
    }
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      return { ok: false, code: 'LIBRARY_CORRUPT', schemaVersion, reason: `${name} fails SQLite's integrity check (${integrity.slice(0, 3).join('; ')}).` };
    }
    const libraryId = (db.prepare("SELECT value FROM library_meta WHERE key = 'library_id'").pluck().get() as string | undefined) ?? undefined;
    const articleCount = db.prepare('SELECT count(*) FROM article').pluck().get() as number;
    const annotationCount = db.prepare('SELECT count(*) FROM annotation').pluck().get() as number;
    if (!libraryId) return { ok: false, code: 'LIBRARY_CORRUPT', schemaVersion, reason: `${name} has lost its library id.` };
    return { ok: true, schemaVersion, libraryId, articleCount, annotationCount };
  } catch (error) {
    const mapped = appErrorFromSqlite(error);
    const code = mapped?.code ?? 'LIBRARY_CORRUPT';
    const why: Partial<Record<ErrorCode, string>> = {
      NOT_A_LIBRARY: `${name} is not a Casefile library (it is not an SQLite database).`,
      LIBRARY_LOCKED: `${name} is locked by another program.`,
      LIBRARY_READ_ONLY: `${name} cannot be read here.`,
    };
    return { ok: false, code, reason: why[code] ?? `${name} is damaged (SQLite reports a malformed database).` };
  } finally {
    db?.close();
  }
}

/** checkLibraryFile of a compressed backup: decompressed beside it (each frame's checksum verified), checked, removed. */
function checkCompressedBackup(file: string): LibraryFileCheck {
  const name = path.basename(file);
  if (!fs.existsSync(file)) return { ok: false, code: 'LIBRARY_NOT_FOUND', reason: `There is no file at ${file}.` };
  const unpacked = partialPath(file.slice(0, -COMPRESSED_EXTENSION.length));
  try {
    decompressBackup(file, unpacked);
  } catch (error) {
    removeQuietly(unpacked);
    return { ok: false, code: 'LIBRARY_CORRUPT', reason: `${name} is damaged (${(error as Error).message}).` };
  }
  try {
    const check = checkLibraryFile(unpacked);
    return check.reason ? { ...check, reason: check.reason.replaceAll(path.basename(unpacked), name) } : check;
  } finally {
    removeQuietly(unpacked);
  }
}

// ---------------------------------------------------------------------------------------
// Writing backups.

function fsyncPath(target: string, flags: 'r' | 'r+' = 'r'): void {
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

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Nothing more to do: a leftover partial file is never mistaken for a backup.
  }
}

/** Leftovers of backups interrupted by a crash (".name.partial-PID-TIME"), older than an hour. */
function removeStalePartials(dir: string): void {
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

export interface BackupResult {
  path: string;
  articleCount: number;
  annotationCount: number;
  size: number;
}

let partialCount = 0;

/** The temporary name a backup to `target` is written under: hidden, beside it, unique in this process. */
function partialPath(target: string): string {
  const file = path.resolve(target);
  partialCount += 1;
  return path.join(path.dirname(file), `.${path.basename(file)}${PARTIAL_MARK}${process.pid}-${Date.now()}-${partialCount}`);
}

function removePartial(partial: string): void {
  removeQuietly(partial);
  removeQuietly(`${partial}-journal`);
  removeQuietly(`${partial}${COMPRESSED_EXTENSION}`);
}

// ---------------------------------------------------------------------------------------
// Compressed backups.
//
// A zstd file of the snapshot, in frames of 32 MB of the snapshot each, so writing it and
// reading it back take 32 MB of memory however big the library is, synchronously (in the
// backup worker, or before a migration). Each data frame carries zstd's checksum of its
// content and is preceded by a skippable frame (zstd's own way to carry metadata, which
// `zstd -d` passes over) holding its compressed length, so it can be read frame by frame.
// Written by Node's zlib (zstd is built in from Node 22.15/23.8): no dependency.

export const COMPRESSED_EXTENSION = '.zst';
const FRAME_INPUT = 32 * 2 ** 20;
const SKIPPABLE_MAGIC = 0x184d2a50;
// Level 3 with a window as long as the frame and long-distance matching: a library
// compresses to about 0.24 of its size (0.25 without them, 0.27 at level 2) for 10% more time.
const ZSTD_OPTIONS: zlib.ZstdOptions = {
  params: {
    [zlib.constants.ZSTD_c_compressionLevel]: 3,
    [zlib.constants.ZSTD_c_windowLog]: 25,
    [zlib.constants.ZSTD_c_enableLongDistanceMatching]: 1,
    [zlib.constants.ZSTD_c_checksumFlag]: 1,
  },
};

export function isCompressedBackup(file: string): boolean {
  return file.toLowerCase().endsWith(COMPRESSED_EXTENSION);
}

function readFully(fd: number, buffer: Buffer, position: number): number {
  let read = 0;
  while (read < buffer.length) {
    const n = fs.readSync(fd, buffer, read, buffer.length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return read;
}

function writeFully(fd: number, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written, bytes.length - written);
}

/** Compresses `source` into a new file `target`; returns the SHA-256 of `source`. */
function compressFile(source: string, target: string): string {
  const hash = createHash('sha256');
  const input = fs.openSync(source, 'r');
  try {
    const output = fs.openSync(target, 'wx');
    try {
      const buffer = Buffer.allocUnsafe(FRAME_INPUT);
      for (let position = 0; ; ) {
        const n = readFully(input, buffer, position);
        if (n === 0) break;
        position += n;
        const chunk = buffer.subarray(0, n);
        hash.update(chunk);
        const frame = zlib.zstdCompressSync(chunk, ZSTD_OPTIONS);
        const head = Buffer.alloc(12);
        head.writeUInt32LE(SKIPPABLE_MAGIC, 0);
        head.writeUInt32LE(4, 4);
        head.writeUInt32LE(frame.length, 8);
        writeFully(output, head);
        writeFully(output, frame);
      }
      fs.fsyncSync(output);
    } finally {
      fs.closeSync(output);
    }
  } finally {
    fs.closeSync(input);
  }
  return hash.digest('hex');
}

/** Reads a compressed backup back, giving each piece of the snapshot to `sink`. Throws on any damage (a checksum, a length, a cut). */
function readCompressed(file: string, sink: (piece: Buffer) => void): void {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(12);
    for (let position = 0; ; ) {
      const n = readFully(fd, head, position);
      if (n === 0) return;
      const length = head.readUInt32LE(8);
      if (n < head.length || head.readUInt32LE(0) !== SKIPPABLE_MAGIC || head.readUInt32LE(4) !== 4 || length > 2 * FRAME_INPUT) {
        throw new Error('not a compressed Casefile backup, or cut short');
      }
      const frame = Buffer.allocUnsafe(length);
      if (readFully(fd, frame, position + head.length) !== length) throw new Error('cut short');
      sink(zlib.zstdDecompressSync(frame, { maxOutputLength: FRAME_INPUT }));
      position += head.length + length;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Compresses the checked snapshot `checked` into `target` (which must not exist): written
 * under a temporary name, read back and compared with the snapshot (SHA-256), synced, then
 * renamed into place. `checked` is left for the caller to remove.
 */
function packBackup(checked: string, target: string, partial = `${checked}${COMPRESSED_EXTENSION}`): void {
  try {
    const digest = compressFile(checked, partial);
    const readBack = createHash('sha256');
    readCompressed(partial, (piece) => readBack.update(piece));
    if (readBack.digest('hex') !== digest) throw new AppError('EXPORT_FAILED', `The compressed backup ${target} did not read back as written; it was not kept.`);
    fs.renameSync(partial, target);
    fsyncPath(path.dirname(target));
  } catch (error) {
    removeQuietly(partial);
    throw error;
  }
}

/** Writes the snapshot in the compressed backup `backup` to the new file `target`; throws a reason on damage. */
export function decompressBackup(backup: string, target: string): void {
  const fd = fs.openSync(target, 'wx');
  try {
    readCompressed(backup, (piece) => writeFully(fd, piece));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export interface WriteBackupOptions {
  /** The temporary file to write first (default: a new hidden name beside `target`). */
  partial?: string;
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
      packBackup(partial, file);
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

/** `casefile backup` without --out: a manual backup in the backups folder. */
export function manualBackupPath(libraryPath: string, now = new Date()): string {
  const dir = backupsDir(libraryPath);
  const base = `${libraryStem(libraryPath)}.manual-${timeStamp(now)}`;
  let candidate = path.join(dir, `${base}.casefile`);
  for (let n = 2; fs.existsSync(candidate); n += 1) candidate = path.join(dir, `${base}-${n}.casefile`);
  return candidate;
}

export interface DailyBackupOutcome {
  /** The backup written now, or null when today's already existed (or none was due). */
  written: string | null;
  /** Why a due backup could not be written (the library still opens). */
  problem: string | null;
  /** True when the library was closed before the backup was done: nothing of it was kept, and the next open tries again. */
  cancelled?: boolean;
}

/** Today's daily backup of the library: "Research.backups/Research.daily-2026-11-22.casefile.zst". */
export function dailyBackupPath(libraryPath: string, now = new Date()): string {
  return path.join(backupsDir(libraryPath), `${libraryStem(libraryPath)}.daily-${localDay(now)}.casefile${COMPRESSED_EXTENSION}`);
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
    writeBackup(db, target, options);
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
 * The worker script: beside this file when running from sources (Node strips the types).
 * The bundled app names its own built worker (backup-worker.cjs beside its main bundle) at
 * start-up, as it does for the import workers (main/services/import/pool.ts).
 */
let backupWorkerScript: URL = new URL('./backup-worker.ts', import.meta.url);

export function setBackupWorkerScript(url: URL): void {
  backupWorkerScript = url;
}

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
 * worker thread, unless it exists already (then no worker is started).
 */
export function startDailyBackup(libraryPath: string, now = new Date()): DailyBackupTask {
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
    worker = new Worker(backupWorkerScript, { workerData: job });
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

/**
 * When the library's own connection closed before another connection of ours (the backup
 * worker's, read-only), SQLite left the -wal and -shm beside the library: only a
 * read-write connection that closes last folds the WAL back in and removes them. A
 * connection opened and closed here does exactly that when nobody else has the library
 * open (and nothing at all when someone does).
 */
function releaseSideFiles(libraryPath: string): void {
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

/** Keeps the newest DAILY_BACKUPS_KEPT daily and MIGRATION_BACKUPS_KEPT migration backups; manual ones are the user's. */
export function pruneBackups(libraryPath: string, keep = { daily: DAILY_BACKUPS_KEPT, migration: MIGRATION_BACKUPS_KEPT }): string[] {
  const removed: string[] = [];
  const all = listBackups(libraryPath);
  for (const kind of ['daily', 'migration'] as const) {
    // By name for daily ones (the day is in the name), by time for the others: both newest first.
    const ofKind = all.filter((b) => b.kind === kind);
    if (kind === 'daily') ofKind.sort((a, b) => path.basename(b.path).localeCompare(path.basename(a.path)));
    for (const old of ofKind.slice(keep[kind])) {
      removeQuietly(old.path);
      removed.push(old.path);
    }
  }
  return removed;
}

/**
 * After a migration: moves migrate.ts's backup (written beside the library) into the
 * backups folder, checks it, compresses it, and prunes old ones. Returns where the backup
 * now is (uncompressed when it could not be compressed: it is kept either way).
 */
export function fileMigrationBackup(libraryPath: string, written: string): string {
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
      packBackup(final, packed, partialPath(packed));
      removeQuietly(final);
      final = packed;
    } catch {
      // A full disk, say: the uncompressed backup stays, listed and restorable as it is.
    }
  }
  pruneBackups(libraryPath);
  return final;
}

// ---------------------------------------------------------------------------------------
// Restoring.

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
