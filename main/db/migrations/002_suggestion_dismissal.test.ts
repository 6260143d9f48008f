import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { schemaDb, tempDir } from '../../testing/temp.ts';
import { migration001 } from './001_initial.ts';
import { migration002 } from './002_suggestion_dismissal.ts';

const NOW = '2026-11-22T10:00:00.000Z';

/** A library as version 1 left it, holding one article. */
function libraryAtVersion1(): { file: string; db: Database.Database; articleId: number } {
  const file = path.join(tempDir(), 'v1.casefile');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, 0, { libraryPath: file, migrations: [migration001] });
  const articleId = Number(
    db
      .prepare(`INSERT INTO article (title, retrieved_at, text_sha256, created_at, updated_at, body, text) VALUES ('A', ?, 'sha', ?, ?, '{}', 'Asim Munir spoke.')`)
      .run(NOW, NOW, NOW).lastInsertRowid,
  );
  return { file, db, articleId };
}

describe('migration 002: suggestion dismissals', () => {
  it('adds a STRICT table to a version 1 library after a backup, keeping its articles', () => {
    const { file, db, articleId } = libraryAtVersion1();
    const backup = migrate(db, 1, { libraryPath: file, migrations: [migration001, migration002] });
    expect(backup && fs.existsSync(backup)).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    const table = db.prepare("SELECT strict, wr FROM pragma_table_list WHERE name = 'suggestion_dismissal'").get();
    expect(table).toEqual({ strict: 1, wr: 1 });
    expect(db.prepare('SELECT count(*) FROM article').pluck().get()).toBe(1);

    db.prepare('INSERT INTO suggestion_dismissal (article_id, text, created_at) VALUES (?, ?, ?)').run(articleId, 'Asim Munir', NOW);
    // One dismissal per text and article.
    expect(() => db.prepare('INSERT INTO suggestion_dismissal (article_id, text, created_at) VALUES (?, ?, ?)').run(articleId, 'Asim Munir', NOW)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare('INSERT INTO suggestion_dismissal (article_id, text, created_at) VALUES (?, ?, ?)').run(articleId, '', NOW)).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO suggestion_dismissal (article_id, text, created_at) VALUES (?, ?, ?)').run(9999, 'x', NOW)).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('forgets the dismissals of a deleted article', () => {
    const db = schemaDb([migration001, migration002]);
    const articleId = Number(
      db.prepare(`INSERT INTO article (title, retrieved_at, text_sha256, created_at, updated_at, body, text) VALUES ('A', ?, 'sha', ?, ?, '{}', 'x')`).run(NOW, NOW, NOW).lastInsertRowid,
    );
    db.prepare('INSERT INTO suggestion_dismissal (article_id, text, created_at) VALUES (?, ?, ?)').run(articleId, 'Munir', NOW);
    db.prepare('DELETE FROM article WHERE id = ?').run(articleId);
    expect(db.prepare('SELECT count(*) FROM suggestion_dismissal').pluck().get()).toBe(0);
    db.close();
  });
});
