// Wire copies are evidence, not duplicates. The same text carried by another outlet or
// address becomes another appearance of the article (its own original file and hash,
// address, outlet, retrieval time); a lightly edited copy of a story is imported as its
// own article and linked as "probably the same story" for the researcher to confirm or
// dismiss. Confirmed stories count once as independent reports.
import { storeBandsOfEveryArticle } from './story-bands.ts';
import type { Migration } from './types.ts';

export const migration005: Migration = {
  version: 5,
  name: 'appearances and same-story links',
  up(db) {
    db.exec(`
      -- Another place the same text was published: the article's first appearance is the
      -- article itself (its outlet, address and article_original); these are the others.
      CREATE TABLE article_appearance (
        id INTEGER PRIMARY KEY,
        gid TEXT NOT NULL UNIQUE,
        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        byline TEXT,
        outlet TEXT,
        url TEXT,
        published_at TEXT,
        retrieved_at TEXT NOT NULL,
        original_type TEXT NOT NULL,
        original_name TEXT,
        original_sha256 TEXT NOT NULL,
        original_size INTEGER NOT NULL CHECK (original_size >= 0),
        created_at TEXT NOT NULL,
        -- The evidence bytes last, so listing appearances never reads them.
        original_bytes BLOB NOT NULL
      ) STRICT;
      CREATE INDEX article_appearance_by_article ON article_appearance(article_id);
      CREATE INDEX article_appearance_by_sha256 ON article_appearance(original_sha256);

      -- Locality-sensitive hashes of each article's MinHash signature (16 bands): derived
      -- from the text, rebuilt from it, never edited by the user.
      CREATE TABLE article_story_band (
        band INTEGER NOT NULL,
        hash INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
        PRIMARY KEY (band, hash, article_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX article_story_band_by_article ON article_story_band(article_id);

      -- Two articles that are probably one story (near-copies): suggested by the import,
      -- confirmed or dismissed by the researcher. article_id is the later article.
      CREATE TABLE story_link (
        id INTEGER PRIMARY KEY,
        gid TEXT NOT NULL UNIQUE,
        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
        same_as_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
        similarity REAL NOT NULL CHECK (similarity BETWEEN 0 AND 1),
        status TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'confirmed', 'dismissed')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (article_id, same_as_id),
        CHECK (article_id <> same_as_id)
      ) STRICT;
      CREATE INDEX story_link_by_same_as ON story_link(same_as_id);
    `);
    // Articles already in the library get their bands, so a copy imported later is found.
    // Links between articles already there are not suggested after the fact: the import
    // that brings a copy in is where the researcher is asked.
    storeBandsOfEveryArticle(db);
  },
};
