// Suggested actor mentions the researcher dismissed, remembered per article so the
// same text is not suggested there again (suggestions are never applied silently).
import type { Migration } from './types.ts';

export const migration002: Migration = {
  version: 2,
  name: 'suggestion dismissals',
  up(db) {
    db.exec(`
      CREATE TABLE suggestion_dismissal (
        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
        text TEXT NOT NULL CHECK (length(text) > 0),
        created_at TEXT NOT NULL,
        PRIMARY KEY (article_id, text)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
