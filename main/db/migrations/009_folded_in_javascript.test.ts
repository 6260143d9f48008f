import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { tempDir } from '../../testing/temp.ts';
import { migrations } from './index.ts';

const NOW = '2026-12-05T10:00:00.000Z';
const VOCALIZED = 'تُوُفِّيَ مُحَمَّد مير مُحَمَّدي، وتواجه السلطـــات انتقادات. می‌شود';
const before009 = migrations.filter((m) => m.version < 9);

const matches = (db: Database.Database, table: string, q: string) => db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).pluck().all(q);
const integrityChecked = (db: Database.Database) => {
  // With rank 1, FTS5 also checks the index against the content it is rebuilt from (the views, folded in SQL).
  for (const index of ['article_fts', 'annotation_fts', 'note_fts']) {
    expect(() => db.prepare(`INSERT INTO ${index}(${index}, rank) VALUES ('integrity-check', 1)`).run(), index).not.toThrow();
  }
};

describe('migration 009: the full-text triggers fold in JavaScript', () => {
  it('keeps rows indexed by the SQL fold, and indexes, edits and deletes through casefile_fold to the same terms', () => {
    const file = path.join(tempDir(), 'v8.casefile');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    migrate(db, 0, { libraryPath: file, migrations: before009 });
    // Written by the SQL fold's triggers (and without change capture: the schema alone is tested here).
    const insertArticle = db.prepare(`INSERT INTO article (gid, title, retrieved_at, text_sha256, created_at, updated_at, body, text) VALUES (?, 'مُحَمَّد', ?, 'sha', ?, ?, x'00', ?)`);
    insertArticle.run('g1', NOW, NOW, NOW, VOCALIZED);
    migrate(db, 8, { libraryPath: file, migrations: migrations.filter((m) => m.version <= 9) });
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_fts_after_%' AND sql LIKE '%casefile_fold(%'").pluck().get()).toBe(9);

    insertArticle.run('g2', NOW, NOW, NOW, 'السلطـــات قالت، مُحَمَّد');
    expect(matches(db, 'article_fts', '"محمد"')).toEqual([1, 2]);
    expect(matches(db, 'article_fts', '"السلطات"')).toEqual([1, 2]);
    integrityChecked(db);
    // The row indexed before the migration is taken out by the new triggers term for term.
    db.prepare('UPDATE article SET text = ? WHERE id = 1').run('عَلِيّ');
    expect(matches(db, 'article_fts', 'text : "محمد"')).toEqual([2]);
    expect(matches(db, 'article_fts', '"علي"')).toEqual([1]);
    db.prepare('DELETE FROM article WHERE id = 2').run();
    expect(matches(db, 'article_fts', '"السلطات"')).toEqual([]);
    integrityChecked(db);
    db.close();

    // A connection that has not registered the fold (the sqlite3 shell) cannot write an indexed row.
    const shell = new Database(file);
    expect(() => shell.prepare("UPDATE article SET title = 'x' WHERE id = 1").run()).toThrow(/no such function: casefile_fold/);
    shell.close();
  });
});
