import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../common/api/errors.ts';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index.ts';
import { openLibrary } from '../db/open.ts';
import { BIN, fillDisk, mountTmpfs } from '../hardening/helpers.ts';
import { fileSha256, tempDir } from '../testing/temp.ts';
import { createAnnotation } from './annotations.ts';
import { backupsDir, dailyBackupPath, latestBackup, listBackups, manualBackupPath, restoreLoss } from '../db/backup/files.ts';
import { checkLibraryFile } from '../db/file-check.ts';
import { dailyBackupIfDue } from './daily-backup.ts';
import { nodeHost } from './host.ts';
import { backupBase, decompressBackup } from '../db/backup/compressed.ts';
import { fileMigrationBackup, pruneBackups, writeBackup } from '../db/backup/write.ts';
import { restoreBackup } from '../db/backup/restore.ts';
import { checkLibrary, closeLibrary, openLibrarySession, type Library } from './library.ts';

function newLibrary(name = 'Research.casefile'): Library {
  return openLibrarySession(path.join(tempDir(), name), { create: true });
}

function highlight(library: Library, note: string): number {
  const article = library.db.prepare('SELECT id FROM article ORDER BY id LIMIT 1').pluck().get() as number;
  return createAnnotation(library, { articleId: article, kind: 'highlight', target: { start: 0, end: 10 }, note }).id;
}

/** Dates a backup as if made at `date` (its file time is its making time: listBackups, and the age of a whole backup to build on). */
function madeOn(backup: string, date: Date): void {
  fs.utimesSync(backup, date, date);
}

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

/** A library of about `megabytes` MB (random ballast beside the sample articles), closed. */
function bigLibrary(megabytes: number): string {
  const dir = tempDir();
  const file = path.join(dir, 'Research.casefile');
  const library = openLibrarySession(file, { create: true });
  library.db.exec('CREATE TABLE ballast (b BLOB)');
  const insert = library.db.prepare('INSERT INTO ballast VALUES (randomblob(1048576))');
  library.db.transaction(() => {
    for (let i = 0; i < megabytes; i += 1) insert.run();
  })();
  closeLibrary(library);
  return file;
}

/** Temporary files ("….partial-…") in the backups folder. */
function partials(file: string): string[] {
  return fs.existsSync(backupsDir(file)) ? fs.readdirSync(backupsDir(file)).filter((n) => n.includes('.partial-')) : [];
}

function casefile(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CASEFILE_LIBRARY: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('backups', () => {
  it('a backup is a checked snapshot: same content, passes integrity_check, no temporary file left', () => {
    const library = newLibrary();
    highlight(library, 'kept in the backup');
    const target = manualBackupPath(library.path);
    const result = writeBackup(library.db, target);
    expect(result).toMatchObject({ path: target, articleCount: 2, annotationCount: 1 });
    expect(path.dirname(target)).toBe(backupsDir(library.path));
    expect(checkLibraryFile(target)).toMatchObject({ ok: true, schemaVersion: LATEST_SCHEMA_VERSION, libraryId: library.id, articleCount: 2, annotationCount: 1 });
    expect(fs.readdirSync(path.dirname(target))).toEqual([path.basename(target)]);
    expect(thrown(() => writeBackup(library.db, target)).code).toBe('CONFLICT');
    closeLibrary(library);
  });

  it('a backup is consistent while another connection is in the middle of a write (it sees only what was committed)', () => {
    const library = newLibrary();
    const other = new Database(library.path);
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO tag (gid, name, created_at) VALUES ('0190a000-0000-7000-8000-000000000001', 'uncommitted', 'now')").run();
    const target = path.join(tempDir(), 'snapshot.casefile');
    writeBackup(library.db, target);
    other.exec('COMMIT');
    other.close();
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare("SELECT count(*) FROM tag WHERE name = 'uncommitted'").pluck().get()).toBe(0);
    copy.close();
    closeLibrary(library);
  });

  it("runs the worker the host names (HostServices.backupWorker), as the app's and the CLI's bundles do", async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Research.casefile');
    closeLibrary(openLibrarySession(file, { create: true }));
    const worker = path.join(dir, 'stand-in-worker.mjs');
    fs.writeFileSync(worker, "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ written: null, problem: 'the stand-in worker ran' });\n");
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const library = openLibrarySession(file, { host: nodeHost({ backupWorker: pathToFileURL(worker) }) });
      expect(await library.dailyBackup).toEqual({ written: null, problem: 'the stand-in worker ran' });
      closeLibrary(library);
    } finally {
      stderr.mockRestore();
    }
    expect(listBackups(file)).toEqual([]);
  });

  it('once a day on open, in "<name>.backups/", keeping the last seven days and every manual backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Research.casefile');
    const created = openLibrarySession(file, { create: true });
    // A new library has nothing to back up yet.
    expect(await created.dailyBackup).toEqual({ written: null, problem: null });
    closeLibrary(created);
    expect(listBackups(file)).toEqual([]);
    const first = openLibrarySession(file);
    expect(await first.dailyBackup).toEqual({ written: dailyBackupPath(file), problem: null });
    closeLibrary(first);
    expect(listBackups(file).map((b) => b.kind)).toEqual(['daily']);
    expect(checkLibraryFile(dailyBackupPath(file))).toMatchObject({ ok: true, libraryId: first.id, articleCount: 2 });
    const second = openLibrarySession(file);
    expect(await second.dailyBackup).toEqual({ written: null, problem: null });
    closeLibrary(second);
    expect(listBackups(file)).toHaveLength(1);

    const library = openLibrarySession(file);
    writeBackup(library.db, manualBackupPath(file));
    for (let day = 1; day <= 10; day += 1) {
      const outcome = dailyBackupIfDue(library.db, file, new Date(2030, 0, day, 12));
      expect(outcome).toEqual({ written: path.join(backupsDir(file), `Research.daily-2030-01-${String(day).padStart(2, '0')}.casefile.zst`), problem: null });
      madeOn(outcome.written!, new Date(2030, 0, day, 12));
    }
    expect(dailyBackupIfDue(library.db, file, new Date(2030, 0, 10, 18))).toEqual({ written: null, problem: null });
    closeLibrary(library);
    const names = fs.readdirSync(backupsDir(file)).sort();
    // The last seven days; a whole backup about once a week (the 1st, then the 8th), and each
    // day between holds the pages changed since its whole one, which is kept while they need it.
    const name = (day: number) => `Research.daily-2030-01-${String(day).padStart(2, '0')}.casefile.zst`;
    expect(names.filter((n) => n.includes('.daily-'))).toEqual([1, 4, 5, 6, 7, 8, 9, 10].map(name));
    expect([1, 4, 5, 6, 7, 8, 9, 10].map((day) => backupBase(path.join(backupsDir(file), name(day))))).toEqual([null, name(1), name(1), name(1), name(1), null, name(8), name(8)]);
    expect(names.filter((n) => n.includes('.manual-'))).toHaveLength(1);
    expect(fs.readdirSync(dir).sort()).toEqual(['Research.backups', 'Research.casefile']);
  });

  it('a daily backup that cannot be written does not stop the library from opening', async (context) => {
    const parent = tempDir();
    const tmpfs = mountTmpfs(parent, 2048);
    if (!tmpfs) return context.skip();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const file = path.join(tmpfs.dir, 'Research.casefile');
      closeLibrary(openLibrarySession(file, { create: true }));
      fillDisk(tmpfs.dir, 64 * 1024);
      const library = openLibrarySession(file);
      const outcome = await library.dailyBackup;
      expect(outcome.written).toBeNull();
      expect(outcome.problem).toMatch(/disk is full/);
      expect(stderr).toHaveBeenCalledWith(`casefile: warning: ${outcome.problem}\n`);
      expect(fs.readdirSync(backupsDir(file))).toEqual([]);
      expect(checkLibrary(library).ok).toBe(true);
      // The same on the opening thread.
      expect(dailyBackupIfDue(library.db, file)).toEqual(outcome);
      expect(fs.readdirSync(backupsDir(file))).toEqual([]);
      closeLibrary(library);
    } finally {
      stderr.mockRestore();
      tmpfs.unmount();
    }
  });

  it('opening does not wait for the daily backup: it runs in a worker while the library is written to', async () => {
    const file = bigLibrary(24);
    const library = openLibrarySession(file);
    // Back from opening with the backup not written and its outcome not known yet.
    expect(fs.existsSync(dailyBackupPath(file))).toBe(false);
    expect(await Promise.race([library.dailyBackup, Promise.resolve('pending')])).toBe('pending');
    // Writes right after opening, and all the while the backup runs, succeed (WAL: the
    // worker's read transaction does not block the library's own connection).
    const notes = ['right after opening'];
    highlight(library, notes[0]!);
    let settled = false;
    void library.dailyBackup.then(() => (settled = true));
    while (!settled) {
      notes.push(`while the backup runs ${notes.length}`);
      highlight(library, notes.at(-1)!);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(notes.length).toBeGreaterThan(1);
    const outcome = await library.dailyBackup;
    expect(outcome).toEqual({ written: dailyBackupPath(file), problem: null });
    expect(checkLibraryFile(outcome.written!)).toMatchObject({ ok: true, libraryId: library.id, articleCount: 2 });
    // A snapshot: the highlights committed before the copy began, in order, and none after.
    const unpacked = path.join(tempDir(), 'daily.casefile');
    decompressBackup(outcome.written!, unpacked);
    const copy = new Database(unpacked, { readonly: true });
    const copied = copy.prepare('SELECT note FROM annotation ORDER BY id').pluck().all() as string[];
    expect(copy.prepare('SELECT count(*) FROM ballast').pluck().get()).toBe(24);
    copy.close();
    expect(copied).toEqual(notes.slice(0, copied.length));
    expect(copied.length).toBeLessThan(notes.length);
    expect(library.db.prepare('SELECT note FROM annotation ORDER BY id').pluck().all()).toEqual(notes);
    expect(checkLibrary(library).ok).toBe(true);
    closeLibrary(library);
    expect(fs.readdirSync(backupsDir(file))).toEqual([path.basename(dailyBackupPath(file))]);
  });

  it('closing the library during the daily backup stops it: no temporary file, no backup, nothing beside the library', async () => {
    const file = bigLibrary(32);
    const library = openLibrarySession(file);
    highlight(library, 'written while the backup runs');
    // Wait until the worker is writing its temporary copy, then close.
    const started = Date.now();
    while (partials(file).length === 0 && Date.now() - started < 20_000) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(partials(file)).not.toEqual([]);
    closeLibrary(library);
    expect(await library.dailyBackup).toEqual({ written: null, problem: null, cancelled: true });
    expect(fs.readdirSync(backupsDir(file))).toEqual([]);
    // The worker's read-only connection closed last: the WAL was folded back into the library all the same.
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['Research.backups', 'Research.casefile']);

    // Closed before the worker even started: the same.
    const again = openLibrarySession(file);
    closeLibrary(again);
    expect(await again.dailyBackup).toEqual({ written: null, problem: null, cancelled: true });
    expect(fs.readdirSync(backupsDir(file))).toEqual([]);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['Research.backups', 'Research.casefile']);

    // The library is whole, with the write made before closing, and the next open makes the backup.
    const reopened = openLibrarySession(file);
    expect(reopened.db.prepare('SELECT note FROM annotation').pluck().all()).toEqual(['written while the backup runs']);
    expect(checkLibrary(reopened).ok).toBe(true);
    expect(await reopened.dailyBackup).toEqual({ written: dailyBackupPath(file), problem: null });
    closeLibrary(reopened);
  });

  it('a backup onto a full disk fails as DISK_FULL and leaves nothing behind', (context) => {
    const parent = tempDir();
    const tmpfs = mountTmpfs(parent, 1024);
    if (!tmpfs) return context.skip();
    try {
      const library = newLibrary();
      fillDisk(tmpfs.dir, 32 * 1024);
      const target = path.join(tmpfs.dir, 'backup.casefile');
      const error = thrown(() => writeBackup(library.db, target));
      expect(error.code).toBe('DISK_FULL');
      expect(error.detail).toContain(target);
      expect(fs.readdirSync(tmpfs.dir)).toEqual(['filler.bin']);
      closeLibrary(library);
    } finally {
      tmpfs.unmount();
    }
  });
});

describe('restoring a backup', () => {
  function libraryWithBackup() {
    const library = newLibrary();
    highlight(library, 'before the backup');
    const backup = writeBackup(library.db, manualBackupPath(library.path)).path;
    highlight(library, 'after the backup');
    closeLibrary(library);
    return { file: library.path, backup };
  }

  it('replaces a damaged library without --force, keeping the damaged one beside it', () => {
    const { file, backup } = libraryWithBackup();
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 100, 4096);
    fs.writeFileSync(file, bytes);
    const damaged = fileSha256(file);
    expect(thrown(() => openLibrary(file)).code).toBe('LIBRARY_CORRUPT');

    const result = restoreBackup(backup, file, { now: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)) });
    expect(result).toMatchObject({ library: file, backup, articleCount: 2, annotationCount: 1, movedAside: path.join(path.dirname(file), 'Research.before-restore-20300102T030405.casefile') });
    expect(fileSha256(result.movedAside!)).toBe(damaged);
    const restored = openLibrarySession(file);
    expect(checkLibrary(restored).ok).toBe(true);
    expect(restored.db.prepare('SELECT note FROM annotation').pluck().all()).toEqual(['before the backup']);
    closeLibrary(restored);
  });

  it('says what restoring would lose: every change after the backup, and how much time that is', () => {
    const { file, backup } = libraryWithBackup();
    const made = listBackups(file).find((b) => b.path === backup)!;
    const stamp = made.madeAt.toISOString().slice(0, 16).replace('T', ' ');
    expect(restoreLoss(made, new Date(made.madeAt.getTime() + 3 * 3600_000))).toBe(`Restoring it loses every change made after ${stamp} UTC (3 hours of work).`);
    expect(restoreLoss(made, new Date(made.madeAt.getTime() + 60_000))).toBe(`Restoring it loses every change made after ${stamp} UTC (1 minute of work).`);
    expect(restoreLoss(made, new Date(made.madeAt.getTime() + 50 * 3600_000))).toBe(`Restoring it loses every change made after ${stamp} UTC (2 days of work).`);
  });

  it('asks for --force before replacing a library that opens fine, and then keeps it', () => {
    const { file, backup } = libraryWithBackup();
    const before = fileSha256(file);
    const refused = thrown(() => restoreBackup(backup, file));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.detail).toMatch(/opens fine \(2 articles, 2 highlights\).*--force/);
    expect(fileSha256(file)).toBe(before);

    const result = restoreBackup(backup, file, { force: true });
    expect(fileSha256(result.movedAside!)).toBe(before);
    const aside = openLibrarySession(result.movedAside!, { dailyBackup: false });
    expect(aside.db.prepare('SELECT count(*) FROM annotation').pluck().get()).toBe(2);
    closeLibrary(aside);
  });

  it('restores into a new place (--library elsewhere) with nothing to move aside', () => {
    const { backup } = libraryWithBackup();
    const target = path.join(tempDir(), 'Recovered.casefile');
    expect(restoreBackup(backup, target)).toMatchObject({ movedAside: null, annotationCount: 1 });
    expect(checkLibraryFile(target).ok).toBe(true);
  });

  it('refuses a backup that is not a good Casefile library, leaving the library as it is', () => {
    const { file } = libraryWithBackup();
    const before = fileSha256(file);
    const dir = tempDir();
    const notSqlite = path.join(dir, 'notes.casefile');
    fs.writeFileSync(notSqlite, 'just text');
    const foreign = path.join(dir, 'other.sqlite');
    new Database(foreign).exec('CREATE TABLE t (x)');
    const tooNew = path.join(dir, 'future.casefile');
    fs.copyFileSync(file, tooNew);
    const future = new Database(tooNew);
    future.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    future.close();
    const damaged = path.join(dir, 'damaged.casefile');
    const bytes = fs.readFileSync(file);
    // Keep the header and schema, wreck the pages after them.
    bytes.fill(0x5a, 8192, Math.min(bytes.length, 8192 * 6));
    fs.writeFileSync(damaged, bytes);

    expect(thrown(() => restoreBackup(notSqlite, file, { force: true })).code).toBe('NOT_A_LIBRARY');
    expect(thrown(() => restoreBackup(foreign, file, { force: true })).code).toBe('NOT_A_LIBRARY');
    expect(thrown(() => restoreBackup(tooNew, file, { force: true })).code).toBe('LIBRARY_TOO_NEW');
    const corrupt = thrown(() => restoreBackup(damaged, file, { force: true }));
    expect(corrupt.code).toBe('LIBRARY_CORRUPT');
    expect(corrupt.detail).toContain('Nothing was restored');
    expect(thrown(() => restoreBackup(path.join(dir, 'missing.casefile'), file)).code).toBe('NOT_FOUND');
    expect(fileSha256(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['Research.backups', 'Research.casefile']);
  });

  it('refuses while the library is open in another program', () => {
    const { file, backup } = libraryWithBackup();
    const open = openLibrarySession(file, { dailyBackup: false });
    const error = thrown(() => restoreBackup(backup, file, { force: true }));
    expect(error.code).toBe('LIBRARY_LOCKED');
    expect(open.db.prepare('SELECT count(*) FROM annotation').pluck().get()).toBe(2);
    closeLibrary(open);
    expect(restoreBackup(backup, file, { force: true }).annotationCount).toBe(1);
  });
});

describe('compressed backups', () => {
  /** A compressed backup's header: the first skippable frame, JSON. */
  function header(backup: string): { base: { name: string } | null; pageCount: number; stored: number } {
    const bytes = fs.readFileSync(backup);
    return JSON.parse(bytes.subarray(8, 8 + bytes.readUInt32LE(4)).toString('utf8')) as ReturnType<typeof header>;
  }

  /** A library whose text takes some room (the sample articles, 300 times over), with today's daily backup. */
  function libraryWithDaily() {
    const library = newLibrary();
    const body = library.db.prepare('SELECT text FROM article ORDER BY id LIMIT 1').pluck().get() as string;
    library.db.exec('CREATE TABLE filler (t TEXT)');
    const insert = library.db.prepare('INSERT INTO filler VALUES (?)');
    library.db.transaction(() => {
      for (let i = 0; i < 300; i += 1) insert.run(`${i} ${body}`);
    })();
    highlight(library, 'in the daily backup');
    const outcome = dailyBackupIfDue(library.db, library.path, new Date(2030, 0, 1, 12));
    highlight(library, 'after the daily backup');
    closeLibrary(library);
    return { file: library.path, backup: outcome.written! };
  }

  it('daily backups are zstd files a fraction of the library, checked as libraries, and restore whole', () => {
    const { file, backup } = libraryWithDaily();
    expect(backup).toMatch(/Research\.daily-2030-01-01\.casefile\.zst$/);
    // Skippable frames first (header, page table, the next frame's length), then zstd frames:
    // `zstd -d` of a whole backup gives the library file.
    expect(fs.readFileSync(backup).readUInt32LE(0)).toBe(0x184d2a51);
    expect(header(backup)).toMatchObject({ base: null, stored: header(backup).pageCount });
    if (spawnSync('zstd', ['--version']).status === 0) {
      const unpacked = path.join(tempDir(), 'unpacked.casefile');
      expect(spawnSync('zstd', ['-d', '-q', backup, '-o', unpacked]).status).toBe(0);
      expect(checkLibraryFile(unpacked)).toMatchObject({ ok: true, articleCount: 2, annotationCount: 1 });
    }
    const [listed] = listBackups(file);
    expect(listed).toMatchObject({ path: backup, kind: 'daily' });
    expect(listed!.size).toBeLessThan(fs.statSync(file).size / 3);
    expect(checkLibraryFile(backup)).toMatchObject({ ok: true, articleCount: 2, annotationCount: 1 });
    expect(fs.readdirSync(backupsDir(file))).toEqual([path.basename(backup)]);

    const result = restoreBackup(backup, file, { force: true, now: new Date(Date.UTC(2030, 0, 2)) });
    expect(result).toMatchObject({ backup, articleCount: 2, annotationCount: 1 });
    const restored = openLibrarySession(file, { dailyBackup: false });
    expect(checkLibrary(restored).ok).toBe(true);
    expect(restored.db.prepare('SELECT note FROM annotation').pluck().all()).toEqual(['in the daily backup']);
    expect(restored.db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(300);
    closeLibrary(restored);
  });

  it('a damaged or cut compressed backup is refused, and the library is left as it is', () => {
    const { file, backup } = libraryWithDaily();
    const bytes = fs.readFileSync(backup);
    const before = fileSha256(file);
    const damaged = path.join(path.dirname(backup), 'Research.daily-2030-01-02.casefile.zst');
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    fs.writeFileSync(damaged, flipped);
    const cut = path.join(path.dirname(backup), 'Research.daily-2030-01-03.casefile.zst');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    // A header that claims a trillion pages (a table of 20 TB) is damage, not a reason to allocate.
    const boastful = path.join(path.dirname(backup), 'Research.daily-2030-01-04.casefile.zst');
    const claim = Buffer.from(JSON.stringify({ ...header(backup), pageCount: 2 ** 40 }));
    const head = Buffer.alloc(8);
    head.writeUInt32LE(0x184d2a51, 0);
    head.writeUInt32LE(claim.length, 4);
    fs.writeFileSync(boastful, Buffer.concat([head, claim, bytes.subarray(8 + bytes.readUInt32LE(4))]));
    expect(checkLibraryFile(boastful)).toMatchObject({ ok: false, reason: expect.stringContaining('its header is damaged') });
    for (const bad of [damaged, cut, boastful]) {
      expect(checkLibraryFile(bad)).toMatchObject({ ok: false, code: 'LIBRARY_CORRUPT' });
      const refused = thrown(() => restoreBackup(bad, file, { force: true }));
      expect(refused.code).toBe('LIBRARY_CORRUPT');
      expect(refused.detail).toContain(path.basename(bad));
      expect(refused.detail).toContain('Nothing was restored');
    }
    expect(fileSha256(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['Research.backups', 'Research.casefile']);
    expect(fs.readdirSync(backupsDir(file)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a day’s backup holds only the pages changed since a whole one, restores whole, and needs that one kept', () => {
    const library = newLibrary();
    const body = library.db.prepare('SELECT text FROM article ORDER BY id LIMIT 1').pluck().get() as string;
    library.db.exec('CREATE TABLE filler (t TEXT)');
    const fill = library.db.prepare('INSERT INTO filler VALUES (?)');
    const addFiller = (rows: number, tag: string) => library.db.transaction(() => {
      for (let i = 0; i < rows; i += 1) fill.run(`${tag} ${i} ${body}`);
    })();
    addFiller(300, 'first');
    const day = (d: number, hour = 12) => {
      const written = dailyBackupIfDue(library.db, library.path, new Date(2030, 0, d, hour)).written!;
      madeOn(written, new Date(2030, 0, d, hour));
      return written;
    };
    const first = day(1);
    highlight(library, 'on the second day');
    const second = day(2);
    expect(backupBase(first)).toBeNull();
    expect(backupBase(second)).toBe(path.basename(first));
    expect(header(first)).toMatchObject({ base: null, stored: header(first).pageCount });
    expect(header(second).stored).toBeGreaterThan(0);
    expect(header(second).stored).toBeLessThan(header(first).pageCount / 10);
    expect(checkLibraryFile(second)).toMatchObject({ ok: true, annotationCount: 1 });
    // More than half the pages new: a whole backup again, the one later days are built on.
    addFiller(600, 'third');
    const third = day(3);
    expect(backupBase(third)).toBeNull();
    highlight(library, 'on the fourth day');
    const fourth = day(4);
    expect(backupBase(fourth)).toBe(path.basename(third));
    // About once a week a whole one again, however little changed: six days after the third
    // (by the morning of the ninth) still built on it, six and a half days after, not.
    const ninth = day(9, 9);
    expect(backupBase(ninth)).toBe(path.basename(third));
    const tenth = day(10, 0);
    expect(backupBase(tenth)).toBeNull();
    for (const extra of [ninth, tenth]) fs.rmSync(extra);
    closeLibrary(library);

    // Restored whole: the pages from the whole backup and the day's own.
    const restored = path.join(tempDir(), 'Restored.casefile');
    expect(restoreBackup(fourth, restored)).toMatchObject({ annotationCount: 2 });
    const reopened = openLibrarySession(restored, { dailyBackup: false });
    expect(reopened.db.prepare('SELECT note FROM annotation ORDER BY id').pluck().all()).toEqual(['on the second day', 'on the fourth day']);
    expect(reopened.db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(900);
    closeLibrary(reopened);

    // Pruning keeps a whole backup while a kept one is built on it, and only then removes it.
    expect(pruneBackups(library.path, { daily: 3, migration: 5 })).toEqual([]);
    expect(pruneBackups(library.path, { daily: 2, migration: 5 }).sort()).toEqual([first, second].sort());
    expect(pruneBackups(library.path, { daily: 1, migration: 5 })).toEqual([]);
    expect(fs.readdirSync(backupsDir(library.path)).sort()).toEqual([path.basename(third), path.basename(fourth)]);
    // The list says which backup another one needs.
    const listed = casefile('backup', '--list', '--library', library.path).stdout.split('\n');
    expect(listed.find((line) => line.includes(`  ${fourth}  `))).toContain(`(changes since ${path.basename(third)})`);
    expect(listed.some((line) => line.endsWith(`  ${third}`))).toBe(true);

    // Without the whole one, the day's backup is refused by name, and nothing is restored.
    const before = fileSha256(restored);
    fs.renameSync(third, `${third}.moved`);
    expect(checkLibraryFile(fourth)).toMatchObject({ ok: false, reason: expect.stringContaining(`${path.basename(third)}, which is missing`) });
    const missing = thrown(() => restoreBackup(fourth, restored, { force: true }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.detail).toContain('Nothing was restored');
    // Another whole backup under its name is not taken for it.
    const other = new Database(restored, { readonly: true });
    writeBackup(other, third);
    other.close();
    const replaced = thrown(() => restoreBackup(fourth, restored, { force: true }));
    expect(replaced.code).toBe('LIBRARY_CORRUPT');
    expect(replaced.detail).toContain(`the backup it is built on, ${path.basename(third)}, is not the one it was written against`);
    fs.rmSync(third);
    // A damaged whole one is named as the reason.
    const bytes = fs.readFileSync(`${third}.moved`);
    bytes[bytes.length - 200]! ^= 0xff;
    fs.writeFileSync(third, bytes);
    const damaged = thrown(() => restoreBackup(fourth, restored, { force: true }));
    expect(damaged.code).toBe('LIBRARY_CORRUPT');
    expect(damaged.detail).toContain(`the backup it is built on, ${path.basename(third)}, is damaged`);
    expect(fileSha256(restored)).toBe(before);
    expect(fs.readdirSync(path.dirname(restored)).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(fs.readdirSync(backupsDir(library.path)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('restoring a day’s backup onto a disk without room for the whole one it needs fails as DISK_FULL and leaves nothing', (context) => {
    const parent = tempDir();
    const tmpfs = mountTmpfs(parent, 16 * 1024);
    if (!tmpfs) return context.skip();
    try {
      const library = openLibrarySession(path.join(tmpfs.dir, 'Research.casefile'), { create: true });
      library.db.exec('CREATE TABLE ballast (b BLOB)');
      library.db.prepare('INSERT INTO ballast VALUES (randomblob(2097152))').run();
      const first = dailyBackupIfDue(library.db, library.path, new Date(2030, 0, 1, 12)).written!;
      madeOn(first, new Date(2030, 0, 1, 12));
      highlight(library, 'on the second day');
      const second = dailyBackupIfDue(library.db, library.path, new Date(2030, 0, 2, 12)).written!;
      expect(backupBase(second)).toBe(path.basename(first));
      closeLibrary(library);
      // Room for half a library: the whole backup cannot even be unpacked beside it.
      fillDisk(tmpfs.dir, fs.statSync(library.path).size / 2);
      const target = path.join(tmpfs.dir, 'Restored.casefile');
      const error = thrown(() => restoreBackup(second, target));
      expect(error.code).toBe('DISK_FULL');
      expect(checkLibraryFile(second)).toMatchObject({ ok: false, code: 'DISK_FULL' });
      expect(fs.existsSync(target)).toBe(false);
      expect(fs.readdirSync(tmpfs.dir).filter((n) => n.startsWith('.'))).toEqual([]);
    } finally {
      tmpfs.unmount();
    }
  });

  it('the backup made before a migration is filed compressed and checked', () => {
    const library = newLibrary();
    highlight(library, 'before migrating');
    const written = path.join(path.dirname(library.path), 'Research.backup-v1-20300101T000000.casefile');
    writeBackup(library.db, written);
    closeLibrary(library);
    const filed = fileMigrationBackup(library.path, written);
    expect(filed).toBe(path.join(backupsDir(library.path), 'Research.backup-v1-20300101T000000.casefile.zst'));
    expect(fs.existsSync(written)).toBe(false);
    expect(checkLibraryFile(filed)).toMatchObject({ ok: true, annotationCount: 1 });
    expect(listBackups(library.path).map((b) => b.kind)).toEqual(['migration']);
  });
});

describe('casefile backup and restore', () => {
  it('backup --out, backup --list, and the way back from a damaged library', () => {
    const dir = tempDir();
    const file = path.join(dir, 'Research.casefile');
    expect(casefile('init', '--library', file).code).toBe(0);
    const out = path.join(dir, 'copy.casefile');
    const backup = casefile('backup', '--library', file, '--out', out);
    expect(backup).toMatchObject({ code: 0 });
    expect(backup.stdout).toContain(`to ${out} (2 articles, 0 highlights`);
    expect(casefile('backup', '--library', file, '--out', out)).toMatchObject({ code: 1, stderr: expect.stringContaining('already exists') });
    expect(casefile('backup', '--library', file).code).toBe(0);
    const list = JSON.parse(casefile('backup', '--list', '--json', '--library', file).stdout) as { kind: string; path: string }[];
    // Commands make no daily backup (the app and browser mode do; see main/cli/main.ts), and leave no temporary file.
    expect(list.map((b) => b.kind).sort()).toEqual(['manual']);
    expect(fs.readdirSync(backupsDir(file))).toEqual([path.basename(list[0]!.path)]);

    // Damage the library: every command says so, names the newest backup and how to restore it.
    fs.writeFileSync(file, Buffer.concat([fs.readFileSync(file).subarray(0, 100), Buffer.alloc(8000, 0x5a)]));
    const check = casefile('check', '--library', file);
    expect(check.code).toBe(1);
    const newest = latestBackup(file)!.path;
    expect(check.stderr).toContain(`casefile restore "${newest}"`);

    const restore = casefile('restore', newest, '--library', file);
    expect(restore).toMatchObject({ code: 0 });
    expect(restore.stdout).toMatch(/Restored .* \(2 articles, 0 highlights; integrity check ok\)/);
    expect(restore.stdout).toMatch(/kept as .*Research\.before-restore-\d{8}T\d{6}\.casefile/);
    expect(casefile('check', '--library', file)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ok: /) });

    const again = casefile('restore', out, '--library', file);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('add --force');
    expect(casefile('restore', out, '--library', file, '--force').code).toBe(0);
    expect(casefile('restore', '--library', file).code).toBe(2);
  });
});
