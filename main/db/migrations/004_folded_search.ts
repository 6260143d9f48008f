// Arabic-script words whole in the full-text index: each FTS5 table now reads a folded
// shadow of its text (a view with vowel marks, tatweel and zero-width joiners removed,
// main/db/fold.ts) instead of the text itself, and every index is rebuilt
// from it. The stored text is untouched: search maps matches back onto it.
import { foldedSql } from '../fold.ts';
import type { Migration } from './types.ts';

interface FullTextIndex {
  name: string;
  table: string;
  columns: readonly string[];
}

const INDEXES: readonly FullTextIndex[] = [
  { name: 'article_fts', table: 'article', columns: ['title', 'text'] },
  { name: 'annotation_fts', table: 'annotation', columns: ['quote_exact', 'note'] },
  { name: 'note_fts', table: 'note', columns: ['title', 'text'] },
];

function folded(index: FullTextIndex, row: 'new' | 'old'): string {
  return index.columns.map((c) => foldedSql(`${row}.${c}`)).join(', ');
}

function rebuild(index: FullTextIndex): string {
  const { name, table, columns } = index;
  const view = `${table}_search_text`;
  const list = columns.join(', ');

  return `
    DROP TRIGGER ${name}_after_insert;
    DROP TRIGGER ${name}_after_delete;
    DROP TRIGGER ${name}_after_update;
    DROP TABLE ${name};
    -- What the index holds and what highlight() reads: the text folded for search.
    CREATE VIEW ${view} AS SELECT id, ${columns.map((c) => `${foldedSql(c)} AS ${c}`).join(', ')} FROM ${table};
    CREATE VIRTUAL TABLE ${name} USING fts5(
      ${list}, content='${view}', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER ${name}_after_insert AFTER INSERT ON ${table} BEGIN
      INSERT INTO ${name}(rowid, ${list}) VALUES (new.id, ${folded(index, 'new')});
    END;
    CREATE TRIGGER ${name}_after_delete AFTER DELETE ON ${table} BEGIN
      INSERT INTO ${name}(${name}, rowid, ${list}) VALUES ('delete', old.id, ${folded(index, 'old')});
    END;
    CREATE TRIGGER ${name}_after_update AFTER UPDATE OF ${list} ON ${table} BEGIN
      INSERT INTO ${name}(${name}, rowid, ${list}) VALUES ('delete', old.id, ${folded(index, 'old')});
      INSERT INTO ${name}(rowid, ${list}) VALUES (new.id, ${folded(index, 'new')});
    END;
    INSERT INTO ${name}(${name}) VALUES ('rebuild');
  `;
}

export const migration004: Migration = {
  version: 4,
  name: 'folded Arabic-script search',
  up(db) {
    db.exec(INDEXES.map(rebuild).join('\n'));
  },
};
