// Migration 006: an existing library's bodies and original files are stored compressed,
// and everything reads back as it was (articles, their original files byte for byte, the
// full-text index); the library gets smaller; a damaged original is refused on reading.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkLibrary, closeLibrary, openLibrarySession } from '../../services/library.ts';
import { getArticle } from '../../services/articles.ts';
import { tempDir, tempLibrary } from '../../testing/temp.ts';
import { uncompressArticles } from '../../testing/uncompressed.ts';
import { bodyJsonOf, getArticleOriginal, plainRowValues, storedOriginal, storedRowValues } from '../repositories/articles.ts';
import { mutate } from '../mutation.ts';
import { LATEST_SCHEMA_VERSION } from '../migrations/index.ts';
import { AppError } from '../../../common/api/errors.ts';

describe('migration 006: compressed article bodies and original files', () => {
  it('converts an existing library: every article and original reads back the same, and the library is smaller', () => {
    const file = path.join(tempDir(), 'Old.casefile');
    const library = openLibrarySession(file, { create: true, dailyBackup: false });
    const ids = library.db.prepare('SELECT id FROM article ORDER BY id').pluck().all() as number[];
    expect(ids.length).toBeGreaterThan(0);
    const articles = ids.map((id) => getArticle(library, id));
    const originals = ids.map((id) => getArticleOriginal(library.db, id));
    closeLibrary(library);

    // As a library written before 006 holds them: JSON text and plain bytes.
    const raw = new Database(file);
    uncompressArticles(raw);
    raw.pragma('user_version = 5');
    expect(typeof raw.prepare('SELECT body FROM article LIMIT 1').pluck().get()).toBe('string');
    const plainBytes = raw.prepare('SELECT sum(length(bytes)) FROM article_original').pluck().get() as number;
    raw.close();

    const reopened = openLibrarySession(file, { dailyBackup: false });
    try {
      expect(reopened.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      // The backup before migrating, as for every migration.
      expect(fs.readdirSync(path.dirname(file), { recursive: true }).some((f) => String(f).includes('backup-v5'))).toBe(true);
      const stored = reopened.db.prepare('SELECT typeof(body) AS type, length(body) AS size, length(text) AS text FROM article').all() as { type: string; size: number; text: number }[];
      for (const row of stored) {
        expect(row.type).toBe('blob');
        // The body's text is the dictionary: what is stored is a fraction of the text.
        expect(row.size).toBeLessThan(row.text);
      }
      expect(reopened.db.prepare('SELECT sum(length(bytes)) FROM article_original').pluck().get()).toBeLessThan(plainBytes);
      expect(ids.map((id) => getArticle(reopened, id))).toEqual(articles);
      expect(ids.map((id) => getArticleOriginal(reopened.db, id))).toEqual(originals);
      expect(checkLibrary(reopened)).toMatchObject({ ok: true, originals: [] });
      // Search still reads the plain text.
      expect(reopened.db.prepare("SELECT count(*) FROM article_fts WHERE article_fts MATCH 'taliban'").pluck().get()).toBeGreaterThan(0);
      // A body is required, as the NOT NULL it replaced required it.
      expect(() => reopened.db.prepare('UPDATE article SET body = NULL WHERE id = ?').run(ids[0])).toThrow(/article.body is required|outside mutate/);
    } finally {
      closeLibrary(reopened);
    }
  });

  it('refuses an original that no longer matches its SHA-256, or cannot be read, with EVIDENCE_CORRUPT', () => {
    const file = path.join(tempDir(), 'Damaged.casefile');
    const library = openLibrarySession(file, { create: true, dailyBackup: false });
    const [first, second] = library.db.prepare('SELECT id, title FROM article ORDER BY id').all() as { id: number; title: string }[];
    closeLibrary(library);
    const raw = new Database(file);
    raw.prepare('UPDATE article_original SET bytes = ? WHERE article_id = ?').run(storedOriginal(Buffer.from('other bytes')), first!.id);
    raw.prepare("UPDATE article_original SET bytes = x'00010203' WHERE article_id = ?").run(second!.id);
    raw.close();

    const reopened = openLibrarySession(file, { dailyBackup: false });
    try {
      let refused: unknown = null;
      try {
        getArticleOriginal(reopened.db, first!.id);
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: 'EVIDENCE_CORRUPT', detail: expect.stringContaining(`article ${first!.id}`) });
      expect(() => getArticleOriginal(reopened.db, second!.id)).toThrow(expect.objectContaining({ code: 'EVIDENCE_CORRUPT' }));
      const check = checkLibrary(reopened);
      expect(check.ok).toBe(false);
      expect(check.originals).toEqual([
        { articleId: first!.id, title: first!.title, appearanceId: null, problem: expect.stringContaining('bytes where') },
        { articleId: second!.id, title: second!.title, appearanceId: null, problem: 'its stored bytes cannot be read (damaged)' },
      ]);
      // The article itself still opens: only its original is refused.
      expect(getArticle(reopened, first!.id).title).toBe(first!.title);
    } finally {
      closeLibrary(reopened);
    }
  });

  it('rows written by column name (team sync) are stored compressed and read back as their values', () => {
    const library = tempLibrary();
    const { db } = library;
    const row = db.prepare('SELECT * FROM article ORDER BY id LIMIT 1').get() as Record<string, unknown> & { gid: string; text: string };
    const plain = plainRowValues('article', row);
    expect(JSON.parse(plain.body as string)).toEqual(getArticle(library, row.id as number).body);
    // Only the text arrives (a merge kept their text and our body): the body is re-encoded against the new text.
    const text = `${row.text}\n\nA correction.`;
    mutate(db, { label: 'Sync' }, () => {
      const values = storedRowValues(db, 'article', row.gid, { text });
      db.prepare('UPDATE article SET text = ?, body = ? WHERE gid = ?').run(values.text, values.body, row.gid);
    });
    const stored = db.prepare('SELECT body FROM article WHERE gid = ?').pluck().get(row.gid) as Buffer;
    expect(bodyJsonOf(stored, text)).toBe(plain.body);
    // Original bytes given by column name are compressed, and read back checked.
    const bytes = Buffer.from('an original file');
    expect(storedRowValues(db, 'article_original', null, { bytes }).bytes).toEqual(storedOriginal(bytes));
  });
});
