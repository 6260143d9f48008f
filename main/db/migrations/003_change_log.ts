// Global ids and the change log (issue 13). Every row of user data gets a UUIDv7 `gid`
// beside its local integer id, and every write from now on records a change set with its
// row changes (see main/db/mutation.ts), which undo, history and team sync read.
//
// ALTER TABLE cannot add a NOT NULL or UNIQUE column without rebuilding the table (which
// would rewrite every article body), so the column is added plain, backfilled, and made
// unique by an index and never-NULL, never-changing by two triggers per table.
import { newGid } from '../../../common/ids.ts';
import type { Migration } from './types.ts';

/** The user-data tables as of this migration (frozen here: later migrations add their own). */
const TABLES = [
  'article',
  'article_original',
  'entity',
  'entity_alias',
  'annotation',
  'claim_group',
  'claim',
  'claim_claimant',
  'claim_source',
  'claim_contradiction',
  'tag',
  'annotation_tag',
  'article_tag',
  'note',
  'note_annotation',
  'dossier',
  'dossier_item',
  'suggestion_dismissal',
] as const;

export const migration003: Migration = {
  version: 3,
  name: 'global ids and change log',
  up(db) {
    db.function('casefile_migration_gid', { deterministic: false }, () => newGid());
    for (const table of TABLES) {
      db.exec(`
        ALTER TABLE ${table} ADD COLUMN gid TEXT;
        UPDATE ${table} SET gid = casefile_migration_gid();
        CREATE UNIQUE INDEX ${table}_by_gid ON ${table}(gid);
        CREATE TRIGGER ${table}_gid_required BEFORE INSERT ON ${table} WHEN new.gid IS NULL BEGIN
          SELECT RAISE(ABORT, '${table}.gid is required');
        END;
        CREATE TRIGGER ${table}_gid_kept BEFORE UPDATE OF gid ON ${table} WHEN new.gid IS NOT old.gid BEGIN
          SELECT RAISE(ABORT, '${table}.gid never changes');
        END;
      `);
    }
    db.exec(`
      CREATE TABLE change_set (
        id INTEGER PRIMARY KEY,
        gid TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        device TEXT NOT NULL,
        label TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('window', 'cli', 'import', 'sync', 'undo', 'redo')),
        reverts TEXT
      ) STRICT;
      CREATE INDEX change_set_by_reverts ON change_set(reverts) WHERE reverts IS NOT NULL;

      CREATE TABLE row_change (
        change_set_id INTEGER NOT NULL REFERENCES change_set(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        table_name TEXT NOT NULL,
        row_gid TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        before TEXT CHECK (before IS NULL OR json_valid(before)),
        after TEXT CHECK (after IS NULL OR json_valid(after)),
        PRIMARY KEY (change_set_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX row_change_by_row ON row_change(table_name, row_gid);
    `);
    db.prepare("INSERT INTO library_meta (key, value) VALUES ('device', ?) ON CONFLICT (key) DO NOTHING").run(newGid());
  },
};
