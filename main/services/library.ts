// A library in use: the open database, where it lives, and its event bus. Every
// service function takes the library first.
import { openLibrary, type Db } from '../db/open.ts';
import { EventBus } from './events.ts';
import { addSeedArticles } from './seeds.ts';
import { isWelcomeShown, setWelcomeShown } from './welcome.ts';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index.ts';
import type { LibraryCheck, LibraryInfo } from '../../common/api/methods/library.ts';
import { countArticles } from '../db/repositories/articles.ts';
import { dailyBackupIfDue } from './backup.ts';

export interface Library {
  readonly db: Db;
  readonly path: string;
  readonly id: string;
  readonly events: EventBus;
  /** True when this session created the library (and filled it with the seed articles). */
  readonly created: boolean;
}

export interface OpenLibraryOptions {
  /** Create a new library (with the seed articles) when none exists at the path. */
  create?: boolean;
  /** Fill a newly created library with the sample articles (default true). */
  seed?: boolean;
  /** Once a day, a verified backup in "<name>.backups/" on opening an existing library (default true; see backup.ts). */
  dailyBackup?: boolean;
}

export function openLibrarySession(libraryPath: string, options: OpenLibraryOptions = {}): Library {
  const opened = openLibrary(libraryPath, { create: options.create ?? false });
  const id = (opened.db.prepare("SELECT value FROM library_meta WHERE key = 'library_id'").get() as { value: string }).value;
  const library: Library = { db: opened.db, path: opened.path, id, events: new EventBus(), created: opened.created };
  if (opened.created && (options.seed ?? true)) {
    addSeedArticles(library);
    setWelcomeShown(library.db, true);
  }
  if (!opened.created && (options.dailyBackup ?? true)) {
    const backup = dailyBackupIfDue(opened.db, opened.path);
    // Not being able to back up never stops the user from opening the library; it is said, though.
    if (backup.problem) process.stderr.write(`casefile: warning: ${backup.problem}\n`);
  }
  return library;
}

export function closeLibrary(library: Library): void {
  if (library.db.open) library.db.close();
}

export function libraryInfo(library: Library): LibraryInfo {
  const annotations = library.db.prepare('SELECT count(*) AS n FROM annotation').get() as { n: number };
  return {
    libraryId: library.id,
    path: library.path,
    schemaVersion: library.db.pragma('user_version', { simple: true }) as number,
    articleCount: countArticles(library.db),
    annotationCount: annotations.n,
    showWelcome: isWelcomeShown(library.db),
  };
}

const FULL_TEXT_INDEXES = ['article_fts', 'annotation_fts', 'note_fts'] as const;

/** SQLite's own integrity check, each FTS5 index checked against its content, and foreign keys. */
export function checkLibrary(library: Library): LibraryCheck {
  const { db } = library;
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const fullText: Record<string, string> = {};
  for (const index of FULL_TEXT_INDEXES) {
    try {
      db.prepare(`INSERT INTO ${index}(${index}, rank) VALUES ('integrity-check', 1)`).run();
      fullText[index] = 'ok';
    } catch (error) {
      fullText[index] = (error as { code?: string }).code === 'SQLITE_CORRUPT_VTAB' ? 'index does not match its content' : 'check failed';
    }
  }
  const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  const ok =
    integrity.length === 1 &&
    integrity[0] === 'ok' &&
    Object.values(fullText).every((v) => v === 'ok') &&
    foreignKeyViolations === 0 &&
    schemaVersion === LATEST_SCHEMA_VERSION;
  return { ok, schemaVersion, integrity, fullText, foreignKeyViolations };
}
