import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../api/dispatch.ts';
import { libraryInfo } from '../services/library.ts';
import { manualBackupPath } from '../db/backup/files.ts';
import { writeBackup } from '../db/backup/write.ts';
import { nodeHost } from '../services/host.ts';
import { interruptedCheckpoint } from '../testing/interrupted-checkpoint.ts';
import { errorMessages } from '../../common/api/errors.ts';
import { LIBRARY_OPENED } from '../../common/api/events.ts';
import { LibraryManager, type LibraryUi, type RecoveryChoice, type RecoveryOffer, type UserMessage } from './library-manager.ts';
import { readSettings, writeSettings } from './settings.ts';

let dir: string;
let managers: LibraryManager[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-shell-'));
});
afterEach(() => {
  for (const m of managers) m.close();
  managers = [];
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Scripted answers for the dialogs, and a record of what the user was shown. */
function scriptedUi(answers: { recovery?: RecoveryChoice[]; open?: (string | null)[]; create?: (string | null)[] } = {}) {
  const shown: { kind: 'error' | 'recovery'; problem: UserMessage; offer?: RecoveryOffer }[] = [];
  const ui: LibraryUi = {
    async showError(problem) {
      shown.push({ kind: 'error', problem });
    },
    async chooseRecovery(problem, offer) {
      shown.push({ kind: 'recovery', problem, offer });
      return answers.recovery?.shift() ?? 'quit';
    },
    async chooseLibraryToOpen() {
      return answers.open?.shift() ?? null;
    },
    async chooseNewLibraryPath() {
      return answers.create?.shift() ?? null;
    },
  };
  return { ui, shown };
}

function manager(ui: LibraryUi) {
  const forwarded: { event: string; payload: unknown }[] = [];
  const m = new LibraryManager({
    settingsDir: path.join(dir, 'userData'),
    defaultLibraryPath: path.join(dir, 'userData', 'Library.casefile'),
    ui,
    forward: (event, payload) => forwarded.push({ event, payload }),
    log: () => {},
    host: nodeHost(),
  });
  managers.push(m);
  return { m, forwarded };
}

describe('LibraryManager', () => {
  it('creates the default library with the sample articles on first start, then reopens the last one', async () => {
    const { ui, shown } = scriptedUi();
    const first = manager(ui).m;
    const library = await first.startup(null);
    expect(library?.path).toBe(path.join(dir, 'userData', 'Library.casefile'));
    expect(library?.created).toBe(true);
    expect(libraryInfo(library!).articleCount).toBe(2);
    expect(readSettings(path.join(dir, 'userData')).lastLibrary).toBe(library?.path);

    // Switch to another library, quit, start again: the other one comes back.
    const other = path.join(dir, 'Other.casefile');
    expect(await first.switchTo({ path: other, create: true, seed: false })).toBe(true);
    first.close();
    const second = await manager(ui).m.startup(null);
    expect(second?.path).toBe(other);
    expect(second?.created).toBe(false);
    expect(shown).toEqual([]);
  });

  it('asks what to do when the last library is gone, and can fall back to the default one', async () => {
    writeSettings(path.join(dir, 'userData'), { lastLibrary: path.join(dir, 'Gone.casefile') });
    const { ui, shown } = scriptedUi({ recovery: ['default'] });
    const library = await manager(ui).m.startup(null);
    expect(library?.path).toBe(path.join(dir, 'userData', 'Library.casefile'));
    expect(shown).toHaveLength(1);
    expect(shown[0]?.offer).toEqual({ offerDefault: true, backup: null, backupLoss: null });
    expect(shown[0]?.problem.message).toBe(errorMessages.LIBRARY_NOT_FOUND);
    expect(shown[0]?.problem.detail).toContain('Gone.casefile');
  });

  it('offers the newest backup of a damaged library, restores it, keeps the damaged file aside, and opens it', async () => {
    const file = path.join(dir, 'Research.casefile');
    const { m: first } = manager(scriptedUi().ui);
    const original = await first.startup({ path: file, create: true, seed: true });
    const backupFile = manualBackupPath(file, new Date('2026-11-01T09:00:00Z'));
    writeBackup(original!.db, backupFile);
    first.close();
    // A newer backup that fails its own check: offered first, and when it fails, the next one is.
    const broken = manualBackupPath(file, new Date('2026-11-02T09:00:00Z'));
    fs.writeFileSync(broken, 'not a database either');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const damaged = fs.readFileSync(file);

    const { ui, shown } = scriptedUi({ recovery: ['restore', 'restore'] });
    const library = await manager(ui).m.startup({ path: file, create: false });
    expect(shown.map((s) => [s.kind, s.kind === 'recovery' ? s.offer?.backup?.path : s.problem.message])).toEqual([
      ['recovery', broken],
      ['error', errorMessages.NOT_A_LIBRARY],
      ['recovery', backupFile],
    ]);
    // Each offer says what going back would cost; this library is too damaged to count.
    expect(shown[0]?.kind === 'recovery' && shown[0].offer?.backupLoss).toMatch(/^Restoring it loses every change made after \d{4}-\d\d-\d\d \d\d:\d\d UTC \(\d+ (minute|hour|day)s? of work\)\.$/);
    expect(library?.path).toBe(file);
    expect(libraryInfo(library!).articleCount).toBe(2);
    const aside = fs.readdirSync(dir).filter((name) => name.startsWith('Research.before-restore-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!)).equals(damaged)).toBe(true);
  });

  it('a library a crash left in the middle of a checkpoint opens at start-up with every highlight, and no recovery is offered', async () => {
    const { file, rows } = interruptedCheckpoint();
    const { ui, shown } = scriptedUi();
    const library = await manager(ui).m.startup({ path: file, create: false });
    expect(shown).toEqual([]);
    expect(libraryInfo(library!).annotationCount).toBe(rows.length);
  });

  it('does not offer a backup for a library written by a newer Casefile', async () => {
    const file = path.join(dir, 'Newer.casefile');
    const { m: first } = manager(scriptedUi().ui);
    const original = await first.startup({ path: file, create: true, seed: false });
    writeBackup(original!.db, manualBackupPath(file));
    original!.db.pragma('user_version = 999');
    first.close();
    const { ui, shown } = scriptedUi({ recovery: ['quit'] });
    expect(await manager(ui).m.startup({ path: file, create: false })).toBeNull();
    expect(shown[0]?.problem.message).toBe(errorMessages.LIBRARY_TOO_NEW);
    expect(shown[0]?.offer?.backup).toBeNull();
  });

  it('leaves a refused file untouched and lets the user create a new, empty library instead', async () => {
    const bad = path.join(dir, 'Notes.casefile');
    fs.writeFileSync(bad, 'these are my notes, not a database\n');
    const before = fs.readFileSync(bad);
    writeSettings(path.join(dir, 'userData'), { lastLibrary: bad });
    const { ui, shown } = scriptedUi({ recovery: ['create'], create: [path.join(dir, 'Fresh')] });
    const library = await manager(ui).m.startup(null);
    expect(library?.path).toBe(path.join(dir, 'Fresh.casefile'));
    expect(libraryInfo(library!).articleCount).toBe(0);
    expect(fs.readFileSync(bad).equals(before)).toBe(true);
    expect(shown[0]?.problem.message).toBe(errorMessages.NOT_A_LIBRARY);
    expect(`${shown[0]?.problem.message} ${shown[0]?.problem.detail}`).not.toMatch(/\n\s+at /);
    expect(readSettings(path.join(dir, 'userData')).lastLibrary).toBe(library?.path);
  });

  it('keeps asking after a cancelled dialog or another refused file, and quits when told', async () => {
    const bad = path.join(dir, 'Bad.casefile');
    fs.writeFileSync(bad, 'x'.repeat(200));
    const { ui, shown } = scriptedUi({ recovery: ['open', 'open', 'quit'], open: [null, bad] });
    const result = await manager(ui).m.startup({ path: bad, create: false });
    expect(result).toBeNull();
    expect(shown.map((s) => s.kind)).toEqual(['recovery', 'recovery', 'recovery']);
  });

  it('switches libraries: the old one is closed, the window hears library.changed', async () => {
    const { ui } = scriptedUi({ open: [path.join(dir, 'B.casefile')] });
    const { m, forwarded } = manager(ui);
    const a = await m.startup({ path: path.join(dir, 'A.casefile'), create: true, seed: true });
    await m.switchTo({ path: path.join(dir, 'B.casefile'), create: true, seed: false });
    expect(a?.db.open).toBe(false);
    expect(m.current?.path).toBe(path.join(dir, 'B.casefile'));
    expect(forwarded).toEqual([{ event: 'library.changed', payload: LIBRARY_OPENED }]);
    // Events of the closed library are no longer forwarded.
    a?.events.emit('library.changed', { ...LIBRARY_OPENED, label: 'stale' });
    expect(forwarded).toHaveLength(1);
    // Opening the library that is already open changes nothing.
    expect(await m.openWithDialog()).toBe(true);
    expect(forwarded).toHaveLength(1);
  });

  it('keeps the current library when the new one is refused, and says why', async () => {
    const bad = path.join(dir, 'Bad.casefile');
    fs.writeFileSync(bad, 'not sqlite');
    const { ui, shown } = scriptedUi({ open: [bad] });
    const { m, forwarded } = manager(ui);
    const a = await m.startup({ path: path.join(dir, 'A.casefile'), create: true, seed: false });
    expect(await m.openWithDialog()).toBe(false);
    expect(m.current).toBe(a);
    expect(a?.db.open).toBe(true);
    expect(forwarded).toEqual([]);
    expect(shown).toEqual([{ kind: 'error', problem: { message: errorMessages.NOT_A_LIBRARY, detail: expect.stringContaining('Bad.casefile') } }]);
  });

  it('creates New Library… empty, adding the extension, and never overwrites an existing file', async () => {
    const existing = path.join(dir, 'Existing.casefile');
    fs.writeFileSync(existing, 'precious');
    const { ui, shown } = scriptedUi({ create: [path.join(dir, 'Project'), existing] });
    const { m } = manager(ui);
    await m.startup({ path: path.join(dir, 'A.casefile'), create: true, seed: true });
    expect(await m.createWithDialog()).toBe(true);
    expect(m.current?.path).toBe(path.join(dir, 'Project.casefile'));
    expect(libraryInfo(m.current!).articleCount).toBe(0);
    expect(await m.createWithDialog()).toBe(false);
    expect(fs.readFileSync(existing, 'utf8')).toBe('precious');
    expect(shown.at(-1)?.problem.message).toBe(errorMessages.NOT_A_LIBRARY);
  });

  it('answers API calls with LIBRARY_NOT_FOUND, not a crash, while no library is open', async () => {
    const { m } = manager(scriptedUi().ui);
    const dispatch = createDispatcher(m.context, { logInternalError: () => {} });
    const result = await dispatch('library.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'LIBRARY_NOT_FOUND' } });
    await m.startup({ path: path.join(dir, 'A.casefile'), create: true, seed: true });
    expect(await dispatch('library.info', {})).toMatchObject({ ok: true, value: { articleCount: 2 } });
  });
});
