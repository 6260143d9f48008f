// Opening and closing a library in use (the Library handle, library-handle.ts), and what
// the library says about itself: its info and its integrity check.
import { openLibrary, type Db } from '../db/open.ts';
import { EventBus } from './events.ts';
import { addSeedArticles } from './seeds.ts';
import { isWelcomeShown, setWelcomeShown } from './welcome.ts';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index.ts';
import type { LibraryCheck, LibraryInfo, OriginalProblem } from '../../common/api/methods/library.ts';
import { countArticles, eachStoredOriginal, readStoredOriginal } from '../db/repositories/articles.ts';
import { checkFullTextIndex, checkpointLog, countAnnotations, integrityCheck, readSetting, schemaVersion } from '../db/repositories/library.ts';
import { startDailyBackup, type DailyBackupOutcome, type DailyBackupTask } from './daily-backup.ts';
import { announceChangeSets } from './change-events.ts';
import type { Library } from './library-handle.ts';
import { nodeHost, type HostServices } from './host.ts';
import { Readers, readersWorthIt } from '../db/readers.ts';

export type { Library } from './library-handle.ts';

export interface OpenLibraryOptions {
  /** Create a new library (with the seed articles) when none exists at the path. */
  create?: boolean;
  /** Fill a newly created library with the sample articles (default true). */
  seed?: boolean;
  /**
   * Once a day, a verified backup in "<name>.backups/" after opening an existing library, in
   * a worker thread: opening does not wait for it (default true; see daily-backup.ts).
   */
  dailyBackup?: boolean;
  /** The host's capabilities (host.ts; the daily backup runs its worker): the same object the handler context carries. Default: plain Node from the sources. */
  host?: HostServices;
}

/** Daily backups started on open, by the library's connection: closeLibrary stops an unfinished one. */
const dailyBackups = new WeakMap<Db, DailyBackupTask>();

function startDailyBackupOf(db: Db, libraryPath: string, due: boolean, host: HostServices): Promise<DailyBackupOutcome> {
  if (!due) return Promise.resolve({ written: null, problem: null });
  const task = startDailyBackup(libraryPath, host.backupWorker);
  dailyBackups.set(db, task);
  return task.outcome.then((outcome) => {
    // Not being able to back up never stops the user from working; it is said, though.
    if (outcome.problem) process.stderr.write(`casefile: warning: ${outcome.problem}\n`);
    return outcome;
  });
}

export function openLibrarySession(libraryPath: string, options: OpenLibraryOptions = {}): Library {
  const opened = openLibrary(libraryPath, { create: options.create ?? false });
  const id = readSetting(opened.db, 'library_id')!;
  const dailyBackup = startDailyBackupOf(opened.db, opened.path, !opened.created && (options.dailyBackup ?? true), options.host ?? nodeHost());
  const library: Library = { db: opened.db, path: opened.path, id, events: new EventBus(), created: opened.created, dailyBackup };
  announceChangeSets(library.db, library.events);
  if (opened.created && (options.seed ?? true)) {
    addSeedArticles(library);
    setWelcomeShown(library.db, true);
  }
  return library;
}

/** Reader threads a library's searches rank on, started by the first search and closed with the library. */
const readerPools = new WeakMap<Db, Readers>();

/** The library's readers (main/db/readers.ts); null for a host without them, on a single core, or once one has failed (searches then run on the library's own connection). */
export function libraryReaders(library: Library, host: HostServices): Readers | null {
  if (!host.readerWorker || !readersWorthIt()) return null;
  let readers = readerPools.get(library.db);
  if (!readers) {
    readers = new Readers(library.path, host.readerWorker);
    readerPools.set(library.db, readers);
  }
  return readers.usable ? readers : null;
}

/**
 * Closes the library. An unfinished daily backup is stopped, not waited for (closing must
 * not hang the app for the length of a backup): its worker is terminated and its temporary
 * file removed, nothing half-written is kept, and the next open tries again.
 * `await library.dailyBackup` afterwards resolves once the worker has let go of the file.
 */
export function closeLibrary(library: Library): void {
  dailyBackups.get(library.db)?.cancel();
  const readers = readerPools.get(library.db);
  if (readers) {
    void readers.close();
    // The readers' connections outlive this one by a moment, so closing it does not empty the log into the file: this does.
    if (library.db.open) checkpointLog(library.db);
  }
  if (library.db.open) library.db.close();
}

export function libraryInfo(library: Library): LibraryInfo {
  return {
    libraryId: library.id,
    path: library.path,
    schemaVersion: schemaVersion(library.db),
    articleCount: countArticles(library.db),
    annotationCount: countAnnotations(library.db),
    showWelcome: isWelcomeShown(library.db),
  };
}

const FULL_TEXT_INDEXES = ['article_fts', 'annotation_fts', 'note_fts'] as const;

/** SQLite's own integrity check, each FTS5 index checked against its content, foreign keys, and every original file against its SHA-256. */
export function checkLibrary(library: Library): LibraryCheck {
  const { db } = library;
  const { integrity, foreignKeyViolations } = integrityCheck(db);
  const fullText: Record<string, string> = {};
  for (const index of FULL_TEXT_INDEXES) {
    try {
      checkFullTextIndex(db, index);
      fullText[index] = 'ok';
    } catch (error) {
      fullText[index] = (error as { code?: string }).code === 'SQLITE_CORRUPT_VTAB' ? 'index does not match its content' : 'check failed';
    }
  }
  const version = schemaVersion(db);
  // Every original file (an article's and its other appearances') against its SHA-256.
  const originals: OriginalProblem[] = [];
  for (const original of eachStoredOriginal(db)) {
    const reading = readStoredOriginal(original.stored, original);
    if (!reading.ok) originals.push({ articleId: original.articleId, title: original.title, appearanceId: original.appearanceId, problem: reading.problem });
  }
  const ok =
    integrity.length === 1 &&
    integrity[0] === 'ok' &&
    Object.values(fullText).every((v) => v === 'ok') &&
    foreignKeyViolations === 0 &&
    originals.length === 0 &&
    version === LATEST_SCHEMA_VERSION;
  return { ok, schemaVersion: version, integrity, fullText, foreignKeyViolations, originals };
}
