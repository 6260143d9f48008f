// Article bodies and original files stored compressed (zstd), read back only through the
// articles repository (main/db/repositories/articles.ts), which holds the format: original
// files as a zstd frame of their bytes (their SHA-256 stays that of the original bytes and
// is checked on every read), the body JSON as a zstd frame with the article's text as its
// dictionary (the body's text nodes are that text, so mostly the document's structure is
// left). At 10,000 articles this takes the library from 447 MB to about 230 MB.
//
// article.body changes type (TEXT holding JSON → BLOB), which a STRICT table cannot do in
// place, and the table cannot be rebuilt inside the migration's transaction (dropping it
// would cascade into every highlight): a new column is filled, the old one dropped and
// the new one given its name. Rows are converted a page at a time, so a library of
// 100,000 articles is never held in memory. The space freed is given back by the VACUUM
// migrate() runs afterwards (`vacuum`).
import { storedBody, storedOriginal } from '../repositories/articles.ts';
import type { Migration } from './types.ts';

const PAGE = 500;

/** Converts `column` of `table` a page of rows at a time, by increasing `key`. */
function convert(
  db: Parameters<Migration['up']>[0],
  read: string,
  write: string,
  encode: (row: Record<string, unknown>) => Buffer,
): void {
  const page = db.prepare(read);
  const update = db.prepare(write);
  for (let after = 0; ; ) {
    const rows = page.all(after, PAGE) as (Record<string, unknown> & { key: number })[];
    if (rows.length === 0) break;
    for (const row of rows) update.run(encode(row), row.key);
    after = rows[rows.length - 1]!.key;
  }
}

export const migration006: Migration = {
  version: 6,
  name: 'compressed article bodies and original files',
  vacuum: true,
  up(db) {
    db.exec(`ALTER TABLE article ADD COLUMN body_stored BLOB`);
    convert(
      db,
      'SELECT id AS key, body, text FROM article WHERE id > ? ORDER BY id LIMIT ?',
      'UPDATE article SET body_stored = ? WHERE id = ?',
      (row) => storedBody(row.body as string, row.text as string),
    );
    db.exec(`
      ALTER TABLE article DROP COLUMN body;
      ALTER TABLE article RENAME COLUMN body_stored TO body;
    `);
    convert(
      db,
      'SELECT article_id AS key, bytes FROM article_original WHERE article_id > ? ORDER BY article_id LIMIT ?',
      'UPDATE article_original SET bytes = ? WHERE article_id = ?',
      (row) => storedOriginal(row.bytes as Buffer),
    );
    convert(
      db,
      'SELECT id AS key, original_bytes FROM article_appearance WHERE id > ? ORDER BY id LIMIT ?',
      'UPDATE article_appearance SET original_bytes = ? WHERE id = ?',
      (row) => storedOriginal(row.original_bytes as Buffer),
    );
    // Every row has its stored body now: none may be missing from here on.
    db.exec(`
      CREATE TRIGGER article_body_required BEFORE INSERT ON article WHEN new.body IS NULL
        BEGIN SELECT RAISE(ABORT, 'article.body is required'); END;
      CREATE TRIGGER article_body_kept BEFORE UPDATE OF body ON article WHEN new.body IS NULL
        BEGIN SELECT RAISE(ABORT, 'article.body is required'); END;
    `);
  },
};
