// Schema migrations: pending ones run in one transaction, after a VACUUM INTO backup
// of an existing library, and PRAGMA user_version records where the library stands.
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { migrations as allMigrations, LATEST_SCHEMA_VERSION } from './migrations/index.ts';
import type { Migration } from './migrations/types.ts';
import { libraryStem, timeStamp } from './backup/files.ts';
import { registerFold } from './fold.ts';

export interface MigrateContext {
  libraryPath: string;
  /** The migrations to apply (all of them, except in tests of the mechanism itself). */
  migrations?: readonly Migration[];
}

/** PRAGMA application_id of every Casefile library ("CSF1"). */
export const CASEFILE_APPLICATION_ID = 0x43534631;

/** Brings the library from `fromVersion` to the latest schema. Returns the backup path, if one was made. */
export function migrate(db: Database, fromVersion: number, context: MigrateContext): string | null {
  const pending = (context.migrations ?? allMigrations).filter((m) => m.version > fromVersion);
  // The full-text triggers call it (migration 009), and migrations write rows.
  registerFold(db);
  if (pending.length === 0) return null;

  const backupPath = fromVersion > 0 ? backupBeforeMigration(db, context.libraryPath, fromVersion) : null;
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
    db.pragma(`application_id = ${CASEFILE_APPLICATION_ID}`);
  })();
  // Outside the transaction (VACUUM cannot run in one); a new library has nothing to give back.
  // The migration is committed by now: a VACUUM that fails (a full disk: it needs room for a
  // copy) leaves the library whole and migrated, only not yet smaller on disk, so it does not
  // fail the open; the freed pages are reused by the next imports.
  if (fromVersion > 0 && pending.some((m) => m.vacuum)) {
    try {
      db.exec('VACUUM');
    } catch {
      // Nothing to undo (see above).
    }
  }
  return backupPath;
}

function backupBeforeMigration(db: Database, libraryPath: string, fromVersion: number): string {
  const target = path.join(path.dirname(libraryPath), `${libraryStem(libraryPath)}.backup-v${fromVersion}-${timeStamp()}.casefile`);
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

export { LATEST_SCHEMA_VERSION };
