import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/api/errors.ts';
import { openLibrary } from './open.ts';
import { LATEST_SCHEMA_VERSION } from './migrations/index.ts';
import { fileSha256, tempDir } from '../testing/temp.ts';
import { spawnSync } from 'node:child_process';
import { closeLibrary, openLibrarySession } from '../services/library.ts';
import { backupBase } from './backup/compressed.ts';
import { backupsDir, latestBackup, listBackups, MIGRATION_BACKUPS_KEPT } from './backup/files.ts';
import { checkLibraryFile } from './file-check.ts';
import { dailyBackupIfDue } from '../services/daily-backup.ts';
import { holdLock, isRoot, mountTmpfs, openRefusal, probeOpen } from '../hardening/helpers.ts';
import { migrate } from './migrate.ts';
import { migration001 } from './migrations/001_initial.ts';

const refusal = openRefusal;

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

describe('refusals leave the library untouched and name the way out', () => {
  /** A library with one daily backup beside it (as opening it again makes in a worker; here written directly). */
  function libraryWithBackup(name = 'Research.casefile'): { file: string; backup: string } {
    const file = path.join(tempDir(), name);
    closeLibrary(openLibrarySession(file, { create: true, seed: false }));
    const reopened = openLibrarySession(file, { dailyBackup: false });
    dailyBackupIfDue(reopened.db, file);
    closeLibrary(reopened);
    const backup = latestBackup(file);
    if (!backup) throw new Error('no backup was made');
    return { file, backup: backup.path };
  }

  it('a damaged library: LIBRARY_CORRUPT, byte-identical, and the message names the newest backup and casefile restore', () => {
    const { file, backup } = libraryWithBackup();
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 100, 4096);
    fs.writeFileSync(file, bytes);
    const before = fileSha256(file);
    const error = refusal(file);
    expect(error.code).toBe('LIBRARY_CORRUPT');
    expect(error.detail).toContain(`casefile restore "${backup}"`);
    // The way back is never offered as if it were free.
    expect(error.detail).toMatch(/Restoring it loses every change made after \d{4}-\d\d-\d\d \d\d:\d\d UTC \(\d+ minutes? of work\)\./);
    expect(fileSha256(file)).toBe(before);
  });

  it('a library cut short after its first pages: LIBRARY_CORRUPT before anything is read past the cut', () => {
    const { file, backup } = libraryWithBackup();
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    const before = fileSha256(file);
    const error = refusal(file);
    expect(error.code).toBe('LIBRARY_CORRUPT');
    expect(error.detail).toMatch(/cut short/);
    expect(error.detail).toContain(backup);
    expect(fileSha256(file)).toBe(before);
  });

  it('a library from a newer Casefile names the backup too', () => {
    const { file, backup } = libraryWithBackup();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = fileSha256(file);
    const error = refusal(file);
    expect(error.code).toBe('LIBRARY_TOO_NEW');
    expect(error.detail).toContain(backup);
    expect(fileSha256(file)).toBe(before);
  });

  it('a library overwritten by something else (not SQLite) names its backup', () => {
    const { file, backup } = libraryWithBackup();
    fs.writeFileSync(file, '%PDF-1.7 not a library any more');
    const error = refusal(file);
    expect(error.code).toBe('NOT_A_LIBRARY');
    expect(error.detail).toContain(backup);
    expect(fs.readFileSync(file, 'utf8')).toBe('%PDF-1.7 not a library any more');
  });

  it('with no backup, the message says what is wrong and nothing about backups', () => {
    const file = path.join(tempDir(), 'fresh.casefile');
    closeLibrary(openLibrarySession(file, { create: true, seed: false }));
    fs.truncateSync(file, 4096 + 10);
    const error = refusal(file);
    expect(error.code).toBe('LIBRARY_CORRUPT');
    expect(error.detail).not.toContain('backup is');
  });

  it('a read-only file (mode 0444): LIBRARY_READ_ONLY, byte-identical, naming the file and the backup', () => {
    const { file, backup } = libraryWithBackup();
    const dir = path.dirname(file);
    fs.chmodSync(file, 0o444);
    const before = fileSha256(file);
    let result: { ok: boolean; code?: string; detail?: string };
    if (isRoot()) {
      // Root writes through file modes: ask as an ordinary user, who owns the folder.
      fs.chmodSync(dir, 0o755);
      fs.chownSync(dir, 65534, 65534);
      fs.chownSync(file, 65534, 65534);
      result = probeOpen(file, { asNobody: true });
    } else {
      result = probe(file);
    }
    expect(result).toMatchObject({ ok: false, code: 'LIBRARY_READ_ONLY' });
    expect(result.detail).toContain('the file is read-only');
    expect(result.detail).toContain(backup);
    expect(fileSha256(file)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['Research.backups', 'Research.casefile']);
    fs.chmodSync(file, 0o644);
  });

  it('a read-only folder: LIBRARY_READ_ONLY naming the folder, nothing written beside the library', () => {
    const { file } = libraryWithBackup();
    const dir = path.dirname(file);
    const before = fileSha256(file);
    if (isRoot()) {
      fs.chownSync(file, 65534, 65534);
      fs.chmodSync(dir, 0o555);
    } else {
      fs.chmodSync(dir, 0o555);
    }
    const result = isRoot() ? probeOpen(file, { asNobody: true }) : probe(file);
    fs.chmodSync(dir, 0o755);
    expect(result).toMatchObject({ ok: false, code: 'LIBRARY_READ_ONLY' });
    expect(result.detail).toContain('the folder holding it');
    expect(fileSha256(file)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['Research.backups', 'Research.casefile']);
  });

  it('a library on a read-only file system (even for root): LIBRARY_READ_ONLY', (context) => {
    const parent = tempDir();
    const tmpfs = mountTmpfs(parent, 4096);
    if (!tmpfs) return context.skip();
    try {
      const file = path.join(tmpfs.dir, 'Research.casefile');
      closeLibrary(openLibrarySession(file, { create: true, seed: false }));
      const before = fileSha256(file);
      expect(spawnSync('mount', ['-o', 'remount,ro', tmpfs.dir]).status).toBe(0);
      const error = refusal(file);
      expect(error.code).toBe('LIBRARY_READ_ONLY');
      expect(fileSha256(file)).toBe(before);
    } finally {
      tmpfs.unmount();
    }
  });

  it('locked by another process holding BEGIN EXCLUSIVE: LIBRARY_LOCKED, byte-identical; opens once it lets go', async () => {
    const { file } = libraryWithBackup();
    const lock = await holdLock(file);
    try {
      const before = fileSha256(file);
      let error: AppError | null = null;
      try {
        openLibrary(file, { lockTimeoutMs: 200 }).db.close();
      } catch (e) {
        error = e as AppError;
      }
      expect(error?.code).toBe('LIBRARY_LOCKED');
      expect(error?.detail).toContain('locked by another program');
      expect(fileSha256(file)).toBe(before);
    } finally {
      await lock.release();
    }
    const reopened = openLibrary(file, { lockTimeoutMs: 200 });
    // The other program's uncommitted row died with it.
    expect(reopened.db.prepare("SELECT count(*) FROM library_meta WHERE key = 'held_by_another_program'").pluck().get()).toBe(0);
    reopened.db.close();
  });

  it('a migration files its backup in the backups folder and keeps the newest five', (context) => {
    if (LATEST_SCHEMA_VERSION < 2) return context.skip();
    const file = path.join(tempDir(), 'Old.casefile');
    const made: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      // A library as version 1 left it (the same file each time, so its backups add up).
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
      const old = new Database(file);
      old.pragma('journal_mode = WAL');
      migrate(old, 0, { libraryPath: file, migrations: [migration001] });
      old.close();
      const opened = openLibrary(file);
      expect(opened.backupPath).not.toBeNull();
      expect(path.dirname(opened.backupPath!)).toBe(backupsDir(file));
      made.push(opened.backupPath!);
      opened.db.close();
      // Backups are stamped to the second: age each one so the order is the order made.
      const earlier = new Date(Date.now() - (10 - i) * 60_000);
      fs.utimesSync(opened.backupPath!, earlier, earlier);
    }
    // The newest five, each holding only the pages that differ from the first (a whole
    // backup), which is kept as long as they are built on it.
    const kept = listBackups(file).filter((b) => b.kind === 'migration');
    expect(kept.map((b) => b.path)).toEqual([...made.slice(-MIGRATION_BACKUPS_KEPT).reverse(), made[0]]);
    expect(made.slice(-MIGRATION_BACKUPS_KEPT).map(backupBase)).toEqual(Array(MIGRATION_BACKUPS_KEPT).fill(path.basename(made[0]!)));
    expect(backupBase(made[0]!)).toBeNull();
    expect(checkLibraryFile(made.at(-1)!)).toMatchObject({ ok: true });
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('backup-v'))).toEqual([]);
  });
});

function probe(file: string): { ok: boolean; code?: string; detail?: string } {
  try {
    openLibrary(file, { lockTimeoutMs: 200 }).db.close();
    return { ok: true };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, detail: error.detail };
    throw error;
  }
}
