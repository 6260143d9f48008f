// Test helpers: throwaway folders and libraries.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { closeLibrary, openLibrarySession, type Library, type OpenLibraryOptions } from '../services/library.ts';
import { migrate } from '../db/migrate.ts';
import type { Migration } from '../db/migrations/types.ts';
import type { Db } from '../db/open.ts';
import type { WriteDb } from '../db/handles.ts';
import { mutate, rowJson, userTableColumns } from '../db/mutation.ts';
import { sha256Hex } from '../db/sha256.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

export function tempDir(prefix = 'casefile-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new library in a temp folder (with the seed articles unless seed: false); closed after the test. */
export function tempLibrary(options: OpenLibraryOptions = {}): Library {
  const library = openLibrarySession(path.join(tempDir(), 'test.casefile'), { create: true, ...options });
  cleanups.push(() => closeLibrary(library));
  return library;
}

/**
 * A library file brought only to the schema of `migrations`, with no change capture: for
 * tests of the schema itself (constraints, FTS triggers), which write raw SQL.
 */
export function schemaDb(migrations: readonly Migration[]): Db {
  const file = path.join(tempDir(), 'schema.casefile');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, 0, { libraryPath: file, migrations });
  cleanups.push(() => db.open && db.close());
  return db;
}

/** Test data written through the one write path, recorded as an import. */
export function fixture<T>(db: Db, work: (db: WriteDb) => T): T {
  return mutate(db, { label: 'Test fixture', origin: 'import' }, work).result;
}

export function fileSha256(file: string): string {
  return sha256Hex(fs.readFileSync(file));
}

/** Every user table's rows (every column, blobs as hex), keyed by table and ordered by gid: equal snapshots, equal data. */
export function snapshotUserTables(db: Db): Record<string, unknown[]> {
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, columns] of userTableColumns(db)) {
    snapshot[table] = db.prepare(`SELECT ${rowJson(columns, 'r')} AS row FROM main."${table}" r ORDER BY gid`).pluck().all();
  }
  return snapshot;
}
