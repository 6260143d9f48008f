// The full-text triggers fold what they index with casefile_fold (main/db/fold.ts,
// foldedByFunctionSql: the JavaScript fold, registered on every connection that writes)
// after the quick byte test, instead of the SQL fold, whose byte test lets every Arabic
// letter through to 25 replace() passes over the whole text. The index holds the same
// terms either way (the two folds are checked equal), so it is not rebuilt; the views it
// is rebuilt from and highlight() reads keep the SQL fold.
import { foldedByFunctionSql } from '../fold.ts';
import type { Migration } from './types.ts';

const INDEXES = [
  { name: 'article_fts', table: 'article', columns: ['title', 'text'] },
  { name: 'annotation_fts', table: 'annotation', columns: ['quote_exact', 'note'] },
  { name: 'note_fts', table: 'note', columns: ['title', 'text'] },
] as const;

function triggers({ name, table, columns }: (typeof INDEXES)[number]): string {
  const list = columns.join(', ');
  const folded = (row: 'new' | 'old') => columns.map((c) => foldedByFunctionSql(`${row}.${c}`)).join(', ');
  return `
    DROP TRIGGER ${name}_after_insert;
    DROP TRIGGER ${name}_after_delete;
    DROP TRIGGER ${name}_after_update;
    CREATE TRIGGER ${name}_after_insert AFTER INSERT ON ${table} BEGIN
      INSERT INTO ${name}(rowid, ${list}) VALUES (new.id, ${folded('new')});
    END;
    CREATE TRIGGER ${name}_after_delete AFTER DELETE ON ${table} BEGIN
      INSERT INTO ${name}(${name}, rowid, ${list}) VALUES ('delete', old.id, ${folded('old')});
    END;
    CREATE TRIGGER ${name}_after_update AFTER UPDATE OF ${list} ON ${table} BEGIN
      INSERT INTO ${name}(${name}, rowid, ${list}) VALUES ('delete', old.id, ${folded('old')});
      INSERT INTO ${name}(rowid, ${list}) VALUES (new.id, ${folded('new')});
    END;
  `;
}

export const migration009: Migration = {
  version: 9,
  name: 'full-text triggers fold in JavaScript',
  up(db) {
    db.exec(INDEXES.map(triggers).join('\n'));
  },
};
