import { describe, expect, it } from 'vitest';
import type { Db } from '../open.ts';
import { schemaDb } from '../../testing/temp.ts';
import { migration001 } from './001_initial.ts';

function newDb(): Db {
  return schemaDb([migration001]);
}

const NOW = '2026-11-22T10:00:00.000Z';

function addArticle(db: Db, title: string, text: string): number {
  const body = JSON.stringify({ root: { type: 'root', version: 1, children: [] } });
  return Number(
    db
      .prepare(
        `INSERT INTO article (title, retrieved_at, text_sha256, created_at, updated_at, body, text)
         VALUES (?, ?, 'sha', ?, ?, ?, ?)`,
      )
      .run(title, NOW, NOW, NOW, body, text).lastInsertRowid,
  );
}

function addAnnotation(db: Db, articleId: number, kind: string, quote: string, note = ''): number {
  return Number(
    db
      .prepare(
        `INSERT INTO annotation (article_id, kind, quote_exact, start_offset, end_offset, note, created_at, updated_at)
         VALUES (?, ?, ?, 0, ?, ?, ?, ?)`,
      )
      .run(articleId, kind, quote, quote.length, note, NOW, NOW).lastInsertRowid,
  );
}

function ftsCheck(db: Db, table: string): void {
  db.prepare(`INSERT INTO ${table}(${table}, rank) VALUES ('integrity-check', 1)`).run();
}

describe('migration 001: the initial schema', () => {
  it('creates every table of the data model as STRICT', () => {
    const db = newDb();
    const tables = db
      .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'")
      .all() as { name: string; strict: number }[];
    const names = tables.map((t) => t.name).sort();
    for (const expected of ['article', 'article_original', 'annotation', 'entity', 'entity_alias', 'claim', 'claim_group', 'claim_claimant', 'claim_source', 'claim_contradiction', 'tag', 'annotation_tag', 'article_tag', 'note', 'note_annotation', 'dossier', 'dossier_item', 'library_meta']) {
      expect(names).toContain(expected);
    }
    expect(tables.filter((t) => t.strict !== 1)).toEqual([]);
    expect(db.prepare("SELECT value FROM library_meta WHERE key = 'library_id'").pluck().get()).toMatch(/^[0-9a-f]{32}$/);
    db.close();
  });

  it('keeps the article full-text index in sync on insert, update and delete', () => {
    const db = newDb();
    const id = addArticle(db, 'Mediation in Tehran', 'Iran offered to mediate between Pakistan and the Taliban.');
    const search = (q: string) => db.prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ?').pluck().all(q);
    expect(search('mediate')).toEqual([id]);
    db.prepare('UPDATE article SET text = ? WHERE id = ?').run('Qatar and Turkey tried first.', id);
    expect(search('mediate')).toEqual([]);
    expect(search('qatar')).toEqual([id]);
    ftsCheck(db, 'article_fts');
    db.prepare('DELETE FROM article WHERE id = ?').run(id);
    expect(search('qatar')).toEqual([]);
    ftsCheck(db, 'article_fts');
    db.close();
  });

  it('indexes annotation quotes and notes, and Urdu text', () => {
    const db = newDb();
    const article = addArticle(db, 'پاکستان اور افغانستان', 'پاکستان نے ایران سے ثالثی کی درخواست کی۔');
    const annotation = addAnnotation(db, article, 'claim', 'ثالثی کی درخواست', 'checked against a second report');
    expect(db.prepare('SELECT rowid FROM annotation_fts WHERE annotation_fts MATCH ?').pluck().all('second')).toEqual([annotation]);
    expect(db.prepare('SELECT rowid FROM annotation_fts WHERE annotation_fts MATCH ?').pluck().all('ثالثی')).toEqual([annotation]);
    expect(db.prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ?').pluck().all('ایران')).toEqual([article]);
    ftsCheck(db, 'annotation_fts');
    db.close();
  });

  it('refuses rows that break the model', () => {
    const db = newDb();
    const article = addArticle(db, 'A', 'text');
    expect(() => addAnnotation(db, article, 'rumour', 'text')).toThrow(/CHECK/);
    expect(() => addAnnotation(db, 9999, 'claim', 'text')).toThrow(/FOREIGN KEY/);
    const claim = addAnnotation(db, article, 'claim', 'text');
    expect(() => db.prepare('INSERT INTO claim (annotation_id, credibility) VALUES (?, 7)').run(claim)).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO entity (kind, name, reliability, created_at, updated_at) VALUES ('actor', 'Munir', 'A', ?, ?)").run(NOW, NOW),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('deletes an article with its annotations, claims and evidence together', () => {
    const db = newDb();
    const article = addArticle(db, 'A', 'text');
    db.prepare("INSERT INTO article_original (article_id, type, sha256, size, bytes) VALUES (?, 'text/plain', 'x', 1, x'41')").run(article);
    const claim = addAnnotation(db, article, 'claim', 'text');
    db.prepare('INSERT INTO claim (annotation_id, credibility) VALUES (?, 2)').run(claim);
    db.prepare('DELETE FROM article WHERE id = ?').run(article);
    for (const table of ['annotation', 'claim', 'article_original']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
