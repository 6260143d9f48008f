// Opening a library: one SQLite file. Every check that can refuse a file runs before
// anything is written to it, so a refused file is left byte-identical.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../common/api/errors.ts';
import { appErrorFromSqlite } from './errors.ts';
import { CASEFILE_APPLICATION_ID, migrate } from './migrate.ts';
import { LATEST_SCHEMA_VERSION } from './migrations/index.ts';

export type Db = Database.Database;

export const LIBRARY_EXTENSION = '.casefile';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenOptions {
  /** Create the file when it does not exist (an existing empty file counts as new too). */
  create?: boolean;
}

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
  const name = path.basename(file);
  const state = inspectFile(file);

  if (state === 'missing' && !options.create) {
    throw new AppError('LIBRARY_NOT_FOUND', `There is no library at ${file}.`);
  }
  if (state === 'missing' || state === 'empty') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = connect(file, name);
    try {
      configure(db);
      migrate(db, 0, { libraryPath: file });
      return { db, path: file, created: true, backupPath: null };
    } catch (error) {
      db.close();
      throw asOpenError(error, name);
    }
  }
  if (state === 'not-sqlite') {
    throw new AppError('NOT_A_LIBRARY', `${name} is not a Casefile library (it is not an SQLite database).`);
  }

  const version = readVersionWithoutWriting(file, name);
  const db = connect(file, name);
  try {
    configure(db);
    const backupPath = version < LATEST_SCHEMA_VERSION ? migrate(db, version, { libraryPath: file }) : null;
    return { db, path: file, created: false, backupPath };
  } catch (error) {
    db.close();
    throw asOpenError(error, name);
  }
}

type FileState = 'missing' | 'empty' | 'not-sqlite' | 'sqlite';

function inspectFile(file: string): FileState {
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

/** Reads application_id and user_version through a read-only connection; refuses foreign or future files. */
function readVersionWithoutWriting(file: string, name: string): number {
  let probe: Db | null = null;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    const applicationId = probe.pragma('application_id', { simple: true }) as number;
    const version = probe.pragma('user_version', { simple: true }) as number;
    // Reading the schema touches its pages, which catches most damage before we write.
    const tables = probe.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number };
    if (applicationId !== CASEFILE_APPLICATION_ID) {
      if (tables.n === 0 && version === 0) return 0;
      throw new AppError('NOT_A_LIBRARY', `${name} is an SQLite database, but not a Casefile library.`);
    }
    if (version > LATEST_SCHEMA_VERSION) {
      throw new AppError(
        'LIBRARY_TOO_NEW',
        `${name} was written by a newer Casefile (library version ${version}; this Casefile reads up to ${LATEST_SCHEMA_VERSION}). It was left untouched.`,
      );
    }
    return version;
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
function configure(db: Db): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

function asOpenError(error: unknown, name: string): Error {
  if (error instanceof AppError) return error;
  const mapped = appErrorFromSqlite(error);
  if (!mapped) return error as Error;
  const details: Partial<Record<string, string>> = {
    NOT_A_LIBRARY: `${name} is not a Casefile library (it is not an SQLite database).`,
    LIBRARY_CORRUPT: `${name} is damaged (SQLite reports a malformed database) and was left untouched; open a backup instead.`,
    LIBRARY_LOCKED: `${name} is locked by another program.`,
    LIBRARY_READ_ONLY: `${name} cannot be written to.`,
    DISK_FULL: `The disk holding ${name} is full.`,
  };
  return new AppError(mapped.code, details[mapped.code]);
}
