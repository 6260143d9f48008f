// Reading a library's files as SQLite would see them after a crash, without opening them
// and without writing a byte: the main file's header and, when there is one, the
// write-ahead log beside it (<library>-wal).
//
// Why the WAL matters here: in WAL mode SQLite writes changes to the log first and copies
// them into the main file later (a checkpoint). A checkpoint interrupted by a crash or a
// power cut can leave a main file whose header already counts pages the file does not hold
// yet; those pages are still in the log, and SQLite reads them from there on the next open.
// Such a library is whole. A main file that is short of its header with no log to make up
// the difference was cut short, and reading it would fail at the first missing page.
//
// The formats are SQLite's own (https://www.sqlite.org/fileformat2.html, sections 1.3 and
// 4): a 100-byte database header; a 32-byte WAL header followed by frames of a 24-byte
// frame header and one page each, chained by a running checksum and salted per log
// generation. SQLite ignores every frame from the first one whose salt or checksum does
// not match, and every frame after the last commit frame; this reader does the same.
//
// Also here, shared by opening a library (open.ts) and by checking a backup or a library
// without opening it (checkLibraryFile, used by backups and restore): what a file is, and
// whether it is a Casefile library this Casefile reads.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, type ErrorCode } from '../../common/api/errors.ts';
import { decompressBackup } from './backup/compressed.ts';
import { COMPRESSED_EXTENSION, isCompressedBackup, partialPath, removeQuietly } from './backup/files.ts';
import type { Db } from './db.ts';
import { appErrorFromSqlite } from './errors.ts';
import { CASEFILE_APPLICATION_ID } from './migrate.ts';
import { LATEST_SCHEMA_VERSION } from './migrations/index.ts';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const WAL_MAGIC_LE = 0x377f0682;
const WAL_MAGIC_BE = 0x377f0683;
const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;
const WAL_FORMAT_VERSION = 3007000;

export interface DatabaseHeader {
  pageSize: number;
  /** Pages the header counts, when SQLite would trust that count (see "valid-for"); else null. */
  pageCount: number | null;
}

/** The main file's header, or a reason it is not a valid one. */
export function readDatabaseHeader(bytes: Buffer): DatabaseHeader | { invalid: string } {
  if (bytes.length < 100) return { invalid: `only ${bytes.length} bytes: the file was cut short` };
  if (!bytes.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return { invalid: 'it is not an SQLite database' };
  const rawPageSize = bytes.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return { invalid: 'its header is not valid' };
  // The in-header page count is only meaningful while its "version-valid-for" number
  // matches the change counter (older writers did not keep it up to date).
  const counted = bytes.readUInt32BE(28);
  const countValid = bytes.readUInt32BE(92) === bytes.readUInt32BE(24) && counted > 0;
  return { pageSize, pageCount: countValid ? counted : null };
}

export interface WalContents {
  pageSize: number;
  /** Database size in pages after the last valid commit in the log; null when it holds no commit. */
  committedPageCount: number | null;
  /** Every page number written by a committed frame. */
  pages: Set<number>;
  /** Frames SQLite would replay (up to and including the last valid commit frame). */
  committedFrames: number;
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export type ReadAt = (position: number, length: number) => Buffer;

/**
 * What SQLite would recover from a WAL file: null when there is no valid log in it. Reads
 * one frame at a time, so a large log costs time, not memory.
 */
export function readWal(readAt: ReadAt, size: number): WalContents | null {
  if (size < WAL_HEADER_BYTES) return null;
  const head = readAt(0, WAL_HEADER_BYTES);
  const magic = head.readUInt32BE(0);
  if (magic !== WAL_MAGIC_LE && magic !== WAL_MAGIC_BE) return null;
  if (head.readUInt32BE(4) !== WAL_FORMAT_VERSION) return null;
  const pageSize = head.readUInt32BE(8) === 1 ? 65_536 : head.readUInt32BE(8);
  if (pageSize < 512 || pageSize > 65_536 || (pageSize & (pageSize - 1)) !== 0) return null;
  const salt1 = head.readUInt32BE(16);
  const salt2 = head.readUInt32BE(20);
  const bigEndian = magic === WAL_MAGIC_BE;
  let sum = walChecksum(head, 0, 24, [0, 0], bigEndian);
  if (sum[0] !== head.readUInt32BE(24) || sum[1] !== head.readUInt32BE(28)) return null;

  const pages = new Set<number>();
  const pending: number[] = [];
  let committedPageCount: number | null = null;
  let committedFrames = 0;
  let frames = 0;
  const frameBytes = WAL_FRAME_HEADER_BYTES + pageSize;
  for (let at = WAL_HEADER_BYTES; at + frameBytes <= size; at += frameBytes) {
    const frame = readAt(at, frameBytes);
    if (frame.length < frameBytes) break;
    const pageNumber = frame.readUInt32BE(0);
    const commitSize = frame.readUInt32BE(4);
    if (pageNumber === 0) break;
    if (frame.readUInt32BE(8) !== salt1 || frame.readUInt32BE(12) !== salt2) break;
    sum = walChecksum(frame, 0, 8, sum, bigEndian);
    sum = walChecksum(frame, WAL_FRAME_HEADER_BYTES, pageSize, sum, bigEndian);
    if (sum[0] !== frame.readUInt32BE(16) || sum[1] !== frame.readUInt32BE(20)) break;
    frames += 1;
    pending.push(pageNumber);
    if (commitSize > 0) {
      for (const page of pending) pages.add(page);
      pending.length = 0;
      committedPageCount = commitSize;
      committedFrames = frames;
    }
  }
  return { pageSize, committedPageCount, pages, committedFrames };
}

/** SQLite's WAL checksum over `length` bytes (a multiple of 8) from `start`, continuing `[s0, s1]`. */
function walChecksum(bytes: Buffer, start: number, length: number, [s0, s1]: [number, number] | number[], bigEndian: boolean): [number, number] {
  let a = s0;
  let b = s1;
  for (let i = start; i < start + length; i += 8) {
    const x0 = bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i);
    const x1 = bigEndian ? bytes.readUInt32BE(i + 4) : bytes.readUInt32LE(i + 4);
    a = (a + x0 + b) >>> 0;
    b = (b + x1 + a) >>> 0;
  }
  return [a, b];
}

export type TruncationVerdict =
  | { truncated: false; /** Pages SQLite will read from the log because the main file does not hold them yet. */ pagesFromWal: number }
  | { truncated: true; reason: string };

/**
 * Whether SQLite can read every page of the library: each page up to the larger of the
 * header's count and the log's last committed size is either in the main file or in a
 * committed frame of the log. Reads the two files; writes nothing (not even the -shm).
 */
export function checkNotTruncated(file: string): TruncationVerdict {
  const main = readStart(file, 100);
  const header = readDatabaseHeader(main.bytes);
  if ('invalid' in header) return { truncated: true, reason: header.invalid };
  const mainPages = Math.floor(main.size / header.pageSize);
  // A file that holds every page its header counts needs no log to be read (and an
  // untrusted count says nothing either way): the common case costs one 100-byte read.
  if (header.pageCount === null || header.pageCount <= mainPages) return { truncated: false, pagesFromWal: 0 };
  const wal = readWalFile(`${file}-wal`, header.pageSize);
  const cutShort = (needed: number) => `it has ${main.size} of its ${needed * header.pageSize} bytes: the file was cut short`;
  if (wal === 'missing') return { truncated: true, reason: `${cutShort(header.pageCount)}, and there is no write-ahead log beside it to supply the rest` };
  if (wal === 'useless') return { truncated: true, reason: `${cutShort(header.pageCount)}, and the write-ahead log beside it holds no complete transaction to supply the rest` };
  const needed = Math.max(header.pageCount, wal.committedPageCount ?? 0);
  const missing: number[] = [];
  for (let page = mainPages + 1; page <= needed; page += 1) if (!wal.pages.has(page)) missing.push(page);
  if (missing.length > 0) {
    return { truncated: true, reason: `${cutShort(needed)}, and its write-ahead log lacks ${missing.length} of the ${needed - mainPages} missing pages` };
  }
  return { truncated: false, pagesFromWal: needed - mainPages };
}

function readStart(file: string, length: number): { bytes: Buffer; size: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const bytes = Buffer.alloc(length);
    const read = fs.readSync(fd, bytes, 0, length, 0);
    return { bytes: bytes.subarray(0, read), size: fs.fstatSync(fd).size };
  } finally {
    fs.closeSync(fd);
  }
}

/** The log beside a library: 'missing', 'useless' (empty, not a log, another page size, no commit), or what it holds. */
function readWalFile(walPath: string, pageSize: number): WalContents | 'missing' | 'useless' {
  let fd: number;
  try {
    fd = fs.openSync(walPath, 'r');
  } catch {
    return 'missing';
  }
  try {
    const readAt: ReadAt = (position, length) => {
      const buffer = Buffer.alloc(length);
      return buffer.subarray(0, fs.readSync(fd, buffer, 0, length, position));
    };
    const wal = readWal(readAt, fs.fstatSync(fd).size);
    return wal && wal.pageSize === pageSize && wal.committedPageCount !== null ? wal : 'useless';
  } finally {
    fs.closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------
// Is it a Casefile library this Casefile reads?

export type FileKind = 'missing' | 'empty' | 'not-sqlite' | 'sqlite';

export function notSqlite(name: string): string {
  return `${name} is not a Casefile library (it is not an SQLite database).`;
}

/**
 * What is at `file`, from its first 16 bytes: nothing, an empty file, an SQLite database
 * or something else. A folder or a file that cannot be read is refused (AppError); any
 * other failure to read is thrown as it is. Writes nothing.
 */
export function inspectFile(file: string): FileKind {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'EISDIR') throw new AppError('NOT_A_LIBRARY', `${file} is a folder, not a Casefile library.`);
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('LIBRARY_READ_ONLY', `${path.basename(file)} cannot be read (permission denied).`);
    throw error;
  }
  try {
    const header = Buffer.alloc(SQLITE_MAGIC.length);
    const read = fs.readSync(fd, header, 0, header.length, 0);
    if (read === 0) return 'empty';
    return read === header.length && header.equals(SQLITE_MAGIC) ? 'sqlite' : 'not-sqlite';
  } finally {
    fs.closeSync(fd);
  }
}

export type LibraryVersion = { version: number } | { code: 'NOT_A_LIBRARY' | 'LIBRARY_TOO_NEW'; reason: string; version: number };

/** The schema version of the SQLite database `db` (named `name`), or why it is not a Casefile library this Casefile reads. Reads two pragmas. */
export function readLibraryVersion(db: Db, name: string): LibraryVersion {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (applicationId !== CASEFILE_APPLICATION_ID) return { code: 'NOT_A_LIBRARY', version, reason: `${name} is an SQLite database, but not a Casefile library.` };
  if (version > LATEST_SCHEMA_VERSION) {
    return { code: 'LIBRARY_TOO_NEW', version, reason: `${name} was written by a newer Casefile (library version ${version}; this Casefile reads up to ${LATEST_SCHEMA_VERSION}).` };
  }
  return { version };
}

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
  let kind: FileKind;
  try {
    kind = inspectFile(file);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, reason: error.detail ?? error.message };
    return { ok: false, code: 'NOT_A_LIBRARY', reason: `${name} cannot be read.` };
  }
  if (kind === 'missing') return { ok: false, code: 'LIBRARY_NOT_FOUND', reason: `There is no file at ${file}.` };
  if (kind !== 'sqlite') return { ok: false, code: 'NOT_A_LIBRARY', reason: notSqlite(name) };
  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const version = readLibraryVersion(db, name);
    if ('code' in version) return { ok: false, code: version.code, reason: version.reason, ...(version.code === 'LIBRARY_TOO_NEW' ? { schemaVersion: version.version } : {}) };
    const schemaVersion = version.version;
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
      NOT_A_LIBRARY: notSqlite(name),
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
    if (error instanceof AppError) return { ok: false, code: 'LIBRARY_NOT_FOUND', reason: error.detail ?? error.message };
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return { ok: false, code: 'DISK_FULL', reason: `${name} could not be checked: there is no room to unpack it (the disk is full).` };
    return { ok: false, code: 'LIBRARY_CORRUPT', reason: `${name} is damaged (${(error as Error).message}).` };
  }
  try {
    const check = checkLibraryFile(unpacked);
    return check.reason ? { ...check, reason: check.reason.replaceAll(path.basename(unpacked), name) } : check;
  } finally {
    removeQuietly(unpacked);
  }
}
