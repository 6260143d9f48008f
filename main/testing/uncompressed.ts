// Tests of migration 006 and of the migrations before it need libraries as they were
// before it: article bodies as JSON text and original files as their plain bytes. This
// turns a library back into that form (the reverse of 006), on a connection without
// change capture, like any downgrade a test fabricates.
import type { Database } from 'better-sqlite3';
import { bodyJsonOf } from '../db/repositories/articles.ts';
import { zstdDecompressSync } from 'node:zlib';

export function uncompressArticles(db: Database): void {
  db.function('test_body_json', (body: Buffer, text: string) => bodyJsonOf(body, text));
  db.function('test_unzstd', (bytes: Buffer) => zstdDecompressSync(bytes));
  db.exec(`
    DROP TRIGGER article_body_required;
    DROP TRIGGER article_body_kept;
    ALTER TABLE article ADD COLUMN body_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(body_json));
    UPDATE article SET body_json = test_body_json(body, text);
    ALTER TABLE article DROP COLUMN body;
    ALTER TABLE article RENAME COLUMN body_json TO body;
    UPDATE article_original SET bytes = test_unzstd(bytes);
  `);
  const appearances = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'article_appearance'").get();
  if (appearances) db.exec('UPDATE article_appearance SET original_bytes = test_unzstd(original_bytes)');
}
