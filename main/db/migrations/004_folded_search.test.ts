import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { tempDir } from '../../testing/temp.ts';
import { migration001 } from './001_initial.ts';
import { migration002 } from './002_suggestion_dismissal.ts';
import { migration004 } from './004_folded_search.ts';

const NOW = '2026-12-04T10:00:00.000Z';
const VOCALIZED = 'تُوُفِّيَ مُحَمَّد مير مُحَمَّدي، وتواجه السلطـــات انتقادات. می‌شود';

/** A library as version 2 left it (what 003 adds is not needed here), with text, a highlight and a page to re-index. */
function libraryAtVersion2(): { file: string; db: Database.Database } {
  const file = path.join(tempDir(), 'v2.casefile');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, 0, { libraryPath: file, migrations: [migration001, migration002] });
  const articleId = db
    .prepare(`INSERT INTO article (title, retrieved_at, text_sha256, created_at, updated_at, body, text) VALUES ('مُحَمَّد', ?, 'sha', ?, ?, '{}', ?)`)
    .run(NOW, NOW, NOW, VOCALIZED).lastInsertRowid;
  db.prepare(
    `INSERT INTO annotation (article_id, kind, quote_exact, start_offset, end_offset, note, created_at, updated_at) VALUES (?, 'actor', 'مُحَمَّد مير', 10, 22, 'السلطـــات', ?, ?)`,
  ).run(articleId, NOW, NOW);
  db.prepare(`INSERT INTO note (title, body, text, created_at, updated_at) VALUES ('مُحَمَّد', '{}', 'می‌شود', ?, ?)`).run(NOW, NOW);
  return { file, db };
}

const matches = (db: Database.Database, table: string, q: string) => db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).pluck().all(q);

describe('migration 004: folded Arabic-script search', () => {
  it('re-indexes an existing library so vocalized, stretched and joined words are found whole', () => {
    const { file, db } = libraryAtVersion2();
    expect(matches(db, 'article_fts', '"محمد"')).toEqual([]);
    const backup = migrate(db, 2, { libraryPath: file, migrations: [migration001, migration002, migration004] });
    expect(backup && fs.existsSync(backup)).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(4);

    expect(matches(db, 'article_fts', '"محمد"')).toEqual([1]);
    expect(matches(db, 'article_fts', 'title : "محمد"')).toEqual([1]);
    expect(matches(db, 'article_fts', '"السلطات"')).toEqual([1]);
    expect(matches(db, 'article_fts', '"میشود"')).toEqual([1]);
    expect(matches(db, 'annotation_fts', '"محمد مير"')).toEqual([1]);
    expect(matches(db, 'annotation_fts', 'note : "السلطات"')).toEqual([1]);
    expect(matches(db, 'note_fts', '"میشود"')).toEqual([1]);
    // The stored text is as written; only what the index reads is folded.
    expect(db.prepare('SELECT text FROM article').pluck().get()).toBe(VOCALIZED);
    expect(db.prepare("SELECT highlight(article_fts, 1, '[', ']') FROM article_fts WHERE article_fts MATCH '\"محمد\"'").pluck().get()).toBe(
      'توفي [محمد] مير محمدي، وتواجه السلطات انتقادات. میشود',
    );
    for (const index of ['article_fts', 'annotation_fts', 'note_fts']) {
      expect(() => db.prepare(`INSERT INTO ${index}(${index}, rank) VALUES ('integrity-check', 1)`).run(), index).not.toThrow();
    }
    db.close();
  });

  it('keeps the indexes in step with inserts, edits and deletes after it', () => {
    const { file, db } = libraryAtVersion2();
    migrate(db, 2, { libraryPath: file, migrations: [migration001, migration002, migration004] });
    db.prepare('UPDATE article SET text = ? WHERE id = 1').run('عَلِيّ');
    expect(matches(db, 'article_fts', 'text : "محمد"')).toEqual([]);
    expect(matches(db, 'article_fts', '"علي"')).toEqual([1]);
    db.prepare('UPDATE annotation SET note = ? WHERE id = 1').run('');
    expect(matches(db, 'annotation_fts', 'note : "السلطات"')).toEqual([]);
    db.prepare('DELETE FROM note WHERE id = 1').run();
    expect(matches(db, 'note_fts', '"میشود"')).toEqual([]);
    for (const index of ['article_fts', 'annotation_fts', 'note_fts']) {
      expect(() => db.prepare(`INSERT INTO ${index}(${index}, rank) VALUES ('integrity-check', 1)`).run(), index).not.toThrow();
    }
    db.close();
  });
});
