// Opening a library: one SQLite file. Every check that can refuse a file runs before
// anything is written to it, so a refused file is left byte-identical: not SQLite, not
// Casefile's, from a newer Casefile, damaged or truncated, read-only (file or folder),
// locked by another program. Every refusal names the most recent backup, when there is
// one, and how to go back to it.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../common/api/errors.ts';
import { backupHint } from './backup/files.ts';
import { fileMigrationBackup } from './backup/write.ts';
import { appErrorFromSqlite } from './errors.ts';
import { checkNotTruncated, inspectFile, notSqlite, readLibraryVersion } from './file-check.ts';
import { migrate } from './migrate.ts';
import { LATEST_SCHEMA_VERSION } from './migrations/index.ts';
import { registerFold } from './fold.ts';
import { installChangeCapture } from './mutation.ts';
import type { Db } from './db.ts';

export type { Db } from './db.ts';

export const LIBRARY_EXTENSION = '.casefile';

export interface OpenOptions {
  /** Create the file when it does not exist (an existing empty file counts as new too). */
  create?: boolean;
  /**
   * How long to wait for another program's write lock before refusing the library as
   * locked (and, later, before a write fails as locked). Default 5 s.
   */
  lockTimeoutMs?: number;
}

const DEFAULT_LOCK_TIMEOUT_MS = 5_000;

export interface OpenedLibrary {
  db: Db;
  path: string;
  /** True when this call created the library (the caller fills it with seeds). */
  created: boolean;
  /** Backup written before migrating an older library, if any. */
  backupPath: string | null;
}

export function openLibrary(libraryPath: string, options: OpenOptions = {}): OpenedLibrary {
  const file = path.resolve(libraryPath);
  try {
    return openChecked(file, options);
  } catch (error) {
    throw withBackupHint(error, file);
  }
}

/** A refusal of an existing library names the newest backup and the way back to it. */
function withBackupHint(error: unknown, file: string): unknown {
  if (!(error instanceof AppError) || error.code === 'LIBRARY_NOT_FOUND') return error;
  const hint = backupHint(file);
  return hint ? new AppError(error.code, `${error.detail ?? error.message}${hint}`, error.issues) : error;
}

function openChecked(file: string, options: OpenOptions): OpenedLibrary {
  const name = path.basename(file);
  const lockTimeout = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const state = inspectFile(file);

  if (state === 'missing' && !options.create) {
    throw new AppError('LIBRARY_NOT_FOUND', `There is no library at ${file}.`);
  }
  if (state === 'missing' || state === 'empty') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = connect(file, name);
    try {
      configure(db, lockTimeout);
      migrate(db, 0, { libraryPath: file });
      installChangeCapture(db);
      return { db, path: file, created: true, backupPath: null };
    } catch (error) {
      db.close();
      throw asOpenError(error, name);
    }
  }
  if (state === 'not-sqlite') {
    throw new AppError('NOT_A_LIBRARY', notSqlite(name));
  }

  assertWritable(file, name);
  assertNotTruncated(file, name);
  const version = readVersionWithoutWriting(file, name, lockTimeout);
  const db = connect(file, name);
  try {
    configure(db, lockTimeout);
    assertNotLocked(db, name);
    const written = version < LATEST_SCHEMA_VERSION ? migrate(db, version, { libraryPath: file }) : null;
    const backupPath = written ? fileMigrationBackup(file, written) : null;
    installChangeCapture(db);
    return { db, path: file, created: false, backupPath };
  } catch (error) {
    db.close();
    throw asOpenError(error, name);
  }
}

/**
 * Casefile writes to its library (and its journal beside it) from the first change on, so a
 * read-only file or folder is refused up front rather than failing at the first highlight.
 */
function assertWritable(file: string, name: string): void {
  const readOnly = (where: string) =>
    new AppError('LIBRARY_READ_ONLY', `${name} cannot be opened for writing: ${where} is read-only. It was left untouched; copy it to a folder you can write to (or restore a backup there with casefile restore BACKUP --library NEW-PATH).`);
  try {
    fs.accessSync(file, fs.constants.W_OK);
  } catch {
    throw readOnly('the file');
  }
  try {
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
  } catch {
    throw readOnly(`the folder holding it (${path.dirname(file)})`);
  }
}

/**
 * A file cut short keeps its valid first page, so SQLite opens it and fails only when a
 * lost page is read: refuse it before anything is read. "Short" counts the write-ahead log:
 * after an interrupted checkpoint the header is ahead of the main file and the missing pages
 * are in the log, where SQLite finds them on open (file-check.ts). Writes nothing.
 */
function assertNotTruncated(file: string, name: string): void {
  const verdict = checkNotTruncated(file);
  if (verdict.truncated) throw new AppError('LIBRARY_CORRUPT', `${name} is damaged (${verdict.reason}) and was left untouched.`);
}

/**
 * Another program holding the write lock (BEGIN EXCLUSIVE, or a long write) would make
 * every save fail later; find out now, without writing: BEGIN IMMEDIATE takes the write
 * lock and ROLLBACK gives it back, with nothing written to the file.
 */
function assertNotLocked(db: Db, name: string): void {
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
  } catch (error) {
    if (appErrorFromSqlite(error)?.code === 'LIBRARY_LOCKED') {
      throw new AppError('LIBRARY_LOCKED', `${name} is locked by another program that is writing to it. It was left untouched; close that program (or wait for it to finish) and open the library again.`);
    }
    throw error;
  }
}

/** Reads application_id and user_version through a read-only connection; refuses foreign or future files. */
function readVersionWithoutWriting(file: string, name: string, lockTimeout: number): number {
  let probe: Db | null = null;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true, timeout: lockTimeout });
    // Reading the schema touches its pages, which catches most damage before we write.
    const tables = probe.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number };
    const verdict = readLibraryVersion(probe, name);
    if (!('code' in verdict)) return verdict.version;
    // A blank SQLite file (no tables, no version) becomes a new library.
    if (verdict.code === 'NOT_A_LIBRARY' && tables.n === 0 && verdict.version === 0) return 0;
    throw new AppError(verdict.code, verdict.code === 'LIBRARY_TOO_NEW' ? `${verdict.reason} It was left untouched.` : verdict.reason);
  } catch (error) {
    throw asOpenError(error, name);
  } finally {
    probe?.close();
  }
}

function connect(file: string, name: string): Db {
  try {
    return new Database(file);
  } catch (error) {
    throw asOpenError(error, name);
  }
}

/** Pragmas for every connection: durability first (see ARCHITECTURE.md, invariant 1). */
function configure(db: Db, lockTimeout = DEFAULT_LOCK_TIMEOUT_MS): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(lockTimeout))}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Every write to an indexed table calls it (migration 009).
  registerFold(db);
}

function asOpenError(error: unknown, name: string): Error {
  if (error instanceof AppError) return error;
  const mapped = appErrorFromSqlite(error);
  if (!mapped) return error as Error;
  const details: Partial<Record<string, string>> = {
    NOT_A_LIBRARY: notSqlite(name),
    LIBRARY_CORRUPT: `${name} is damaged (SQLite reports a malformed database) and was left untouched; open a backup instead.`,
    LIBRARY_LOCKED: `${name} is locked by another program. It was left untouched; close that program and open the library again.`,
    LIBRARY_READ_ONLY: `${name} cannot be written to.`,
    DISK_FULL: `The disk holding ${name} is full.`,
  };
  return new AppError(mapped.code, details[mapped.code]);
}
