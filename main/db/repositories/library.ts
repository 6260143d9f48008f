// The library as a whole: its settings (library_meta: id, welcome, author), its counts,
// and the checks `casefile check` runs. library_meta holds no user data (no gid), so its
// writes are not change sets and take the plain connection.
import type { ReadDb } from '../handles.ts';
import type { Db } from '../db.ts';

export type LibrarySetting = 'library_id' | 'welcome' | 'author';

export function readSetting(db: ReadDb, key: LibrarySetting): string | undefined {
  return db.prepare('SELECT value FROM library_meta WHERE key = ?').pluck().get(key) as string | undefined;
}

export function writeSetting(db: Db, key: LibrarySetting, value: string): void {
  db.prepare('INSERT INTO library_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function countAnnotations(db: ReadDb): number {
  return db.prepare('SELECT count(*) FROM annotation').pluck().get() as number;
}

/** The outlets articles name (a few dozen at most, read from their index). */
export function listOutlets(db: ReadDb): string[] {
  return db.prepare('SELECT DISTINCT outlet FROM article WHERE outlet IS NOT NULL').pluck().all() as string[];
}

/**
 * FTS5's own check of a full-text index against its content. It is written as an INSERT
 * of a command row, though it changes nothing, so it needs the writable connection.
 * Throws (SQLITE_CORRUPT_VTAB) when the index does not match.
 */
export function checkFullTextIndex(db: Db, index: 'article_fts' | 'annotation_fts' | 'note_fts'): void {
  db.prepare(`INSERT INTO ${index}(${index}, rank) VALUES ('integrity-check', 1)`).run();
}

/** Pragmas are not on a ReadDb (some of them write), so the checks take the plain connection. */
/**
 * Copies what the write-ahead log holds into the library file, without waiting for readers
 * (PASSIVE): the file alone is then the whole library, even while reader connections that
 * close a moment later keep the log file open.
 */
export function checkpointLog(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** SQLite's integrity check ("ok" alone when the file is sound) and the count of foreign keys pointing nowhere. */
export function integrityCheck(db: Db): { integrity: string[]; foreignKeyViolations: number } {
  return {
    integrity: (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check),
    foreignKeyViolations: (db.pragma('foreign_key_check') as unknown[]).length,
  };
}
