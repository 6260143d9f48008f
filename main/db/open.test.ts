import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/api/errors.ts';
import { openLibrary } from './open.ts';
import { LATEST_SCHEMA_VERSION } from './migrations/index.ts';
import { fileSha256, tempDir } from '../testing/temp.ts';

function refusal(file: string): AppError {
  try {
    openLibrary(file).db.close();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${file} was opened`);
}

describe('opening a library', () => {
  it('creates a new library with WAL, synchronous FULL, foreign keys and a busy timeout', () => {
    const file = path.join(tempDir(), 'new.casefile');
    const { db, created } = openLibrary(file, { create: true });
    expect(created).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('reopens an existing library without creating it again', () => {
    const file = path.join(tempDir(), 'lib.casefile');
    openLibrary(file, { create: true }).db.close();
    const reopened = openLibrary(file);
    expect(reopened.created).toBe(false);
    expect(reopened.backupPath).toBeNull();
    reopened.db.close();
  });

  it('refuses a missing library unless asked to create it', () => {
    const file = path.join(tempDir(), 'missing.casefile');
    expect(refusal(file).code).toBe('LIBRARY_NOT_FOUND');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a file that is not SQLite and leaves it byte-identical', () => {
    const file = path.join(tempDir(), 'notes.casefile');
    fs.writeFileSync(file, 'These are my notes, not a database.\n'.repeat(200));
    const before = fileSha256(file);
    const error = refusal(file);
    expect(error.code).toBe('NOT_A_LIBRARY');
    expect(error.detail).toContain('notes.casefile');
    expect(fileSha256(file)).toBe(before);
  });

  it('refuses an SQLite database that is not a Casefile library', () => {
    const file = path.join(tempDir(), 'other.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE t (x)');
    other.close();
    const before = fileSha256(file);
    expect(refusal(file).code).toBe('NOT_A_LIBRARY');
    expect(fileSha256(file)).toBe(before);
  });

  it('refuses a library from a newer Casefile and leaves it byte-identical', () => {
    const file = path.join(tempDir(), 'future.casefile');
    const { db } = openLibrary(file, { create: true });
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 7}`);
    db.close();
    const before = fileSha256(file);
    const error = refusal(file);
    expect(error.code).toBe('LIBRARY_TOO_NEW');
    expect(error.detail).toContain(`library version ${LATEST_SCHEMA_VERSION + 7}`);
    expect(fileSha256(file)).toBe(before);
  });

  it('refuses a damaged library and leaves it byte-identical', () => {
    const file = path.join(tempDir(), 'damaged.casefile');
    openLibrary(file, { create: true }).db.close();
    const bytes = fs.readFileSync(file);
    // Keep the 100-byte header (so it still looks like SQLite) and wreck the schema page.
    bytes.fill(0x5a, 100, 4096);
    fs.writeFileSync(file, bytes);
    const before = fileSha256(file);
    expect(refusal(file).code).toBe('LIBRARY_CORRUPT');
    expect(fileSha256(file)).toBe(before);
  });

  it('refuses a truncated library and leaves it byte-identical', () => {
    const file = path.join(tempDir(), 'truncated.casefile');
    openLibrary(file, { create: true }).db.close();
    fs.truncateSync(file, 50);
    const before = fileSha256(file);
    expect(['NOT_A_LIBRARY', 'LIBRARY_CORRUPT']).toContain(refusal(file).code);
    expect(fileSha256(file)).toBe(before);
  });
});
