// The first schema: articles with their evidence, annotations, actors and sources,
// claims and their corroboration groups, tags, notebook pages, dossiers, and FTS5
// indexes kept in sync by triggers. Every table is STRICT.
import type { Migration } from './types.ts';

export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE library_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      INSERT INTO library_meta (key, value) VALUES
        ('library_id', lower(hex(randomblob(16)))),
        ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

      CREATE TABLE article (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL CHECK (length(title) > 0),
        byline TEXT,
        outlet TEXT,
        url TEXT,
        published_at TEXT,
        retrieved_at TEXT NOT NULL,
        language TEXT,
        direction TEXT NOT NULL DEFAULT 'ltr' CHECK (direction IN ('ltr', 'rtl')),
        text_sha256 TEXT NOT NULL,
        previous_version_id INTEGER REFERENCES article(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        -- The large columns come last so list queries never read them.
        body TEXT NOT NULL CHECK (json_valid(body)),
        text TEXT NOT NULL
      ) STRICT;
      CREATE INDEX article_by_retrieved ON article(retrieved_at DESC, id DESC);
      CREATE INDEX article_by_published ON article(published_at DESC, id DESC);
      CREATE INDEX article_by_title ON article(title COLLATE NOCASE, id);
      CREATE INDEX article_by_text_sha256 ON article(text_sha256);
      CREATE INDEX article_by_url ON article(url) WHERE url IS NOT NULL;
      CREATE INDEX article_by_outlet ON article(outlet COLLATE NOCASE) WHERE outlet IS NOT NULL;
      CREATE INDEX article_by_previous_version ON article(previous_version_id) WHERE previous_version_id IS NOT NULL;

      -- The original file exactly as imported: evidence, never modified.
      CREATE TABLE article_original (
        article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        name TEXT,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        bytes BLOB NOT NULL
      ) STRICT;
      CREATE INDEX article_original_by_sha256 ON article_original(sha256);

      CREATE TABLE entity (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('actor', 'source')),
        name TEXT NOT NULL CHECK (length(name) > 0),
        source_type TEXT CHECK (source_type IN ('outlet', 'official', 'document', 'anonymous', 'other')),
        reliability TEXT CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (kind = 'source' OR (source_type IS NULL AND reliability IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX entity_by_name ON entity(kind, name COLLATE NOCASE);

      CREATE TABLE entity_alias (
        id INTEGER PRIMARY KEY,
        entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
        alias TEXT NOT NULL COLLATE NOCASE CHECK (length(alias) > 0),
        UNIQUE (entity_id, alias)
      ) STRICT;
      CREATE INDEX entity_alias_by_alias ON entity_alias(alias);

      CREATE TABLE annotation (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('claim', 'actor', 'source', 'highlight')),
        quote_exact TEXT NOT NULL CHECK (length(quote_exact) > 0),
        quote_prefix TEXT NOT NULL DEFAULT '',
        quote_suffix TEXT NOT NULL DEFAULT '',
        start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
        end_offset INTEGER NOT NULL CHECK (end_offset > start_offset),
        anchor_status TEXT NOT NULL DEFAULT 'exact' CHECK (anchor_status IN ('exact', 'moved', 'fuzzy', 'orphan')),
        -- The actor or source an actor/source highlight stands for.
        entity_id INTEGER REFERENCES entity(id) ON DELETE SET NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX annotation_by_article ON annotation(article_id, start_offset);
      CREATE INDEX annotation_by_entity ON annotation(entity_id) WHERE entity_id IS NOT NULL;
      CREATE INDEX annotation_by_kind ON annotation(kind, article_id);

      -- Claims that say the same thing in different articles share a group, so
      -- corroboration is counted from records, not guessed.
      CREATE TABLE claim_group (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE claim (
        annotation_id INTEGER PRIMARY KEY REFERENCES annotation(id) ON DELETE CASCADE,
        credibility INTEGER CHECK (credibility BETWEEN 1 AND 6),
        group_id INTEGER REFERENCES claim_group(id) ON DELETE SET NULL
      ) STRICT;
      CREATE INDEX claim_by_group ON claim(group_id) WHERE group_id IS NOT NULL;

      CREATE TABLE claim_claimant (
        claim_id INTEGER NOT NULL REFERENCES claim(annotation_id) ON DELETE CASCADE,
        entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
        PRIMARY KEY (claim_id, entity_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX claim_claimant_by_entity ON claim_claimant(entity_id);

      CREATE TABLE claim_source (
        claim_id INTEGER NOT NULL REFERENCES claim(annotation_id) ON DELETE CASCADE,
        entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
        PRIMARY KEY (claim_id, entity_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX claim_source_by_entity ON claim_source(entity_id);

      CREATE TABLE claim_contradiction (
        claim_a INTEGER NOT NULL REFERENCES claim(annotation_id) ON DELETE CASCADE,
        claim_b INTEGER NOT NULL REFERENCES claim(annotation_id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (claim_a, claim_b),
        CHECK (claim_a < claim_b)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE tag (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) > 0),
        parent_id INTEGER REFERENCES tag(id) ON DELETE CASCADE,
        color TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX tag_by_name ON tag(ifnull(parent_id, 0), name COLLATE NOCASE);

      CREATE TABLE annotation_tag (
        annotation_id INTEGER NOT NULL REFERENCES annotation(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
        PRIMARY KEY (annotation_id, tag_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX annotation_tag_by_tag ON annotation_tag(tag_id);

      CREATE TABLE article_tag (
        article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
        PRIMARY KEY (article_id, tag_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX article_tag_by_tag ON article_tag(tag_id);

      -- The researcher's own notebook pages (Lexical JSON) and the highlights they quote.
      CREATE TABLE note (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        text TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE note_annotation (
        note_id INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,
        annotation_id INTEGER NOT NULL REFERENCES annotation(id) ON DELETE CASCADE,
        PRIMARY KEY (note_id, annotation_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX note_annotation_by_annotation ON note_annotation(annotation_id);

      CREATE TABLE dossier (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) > 0),
        title TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        date TEXT,
        handling TEXT NOT NULL DEFAULT '',
        -- Which highlights show: JSON arrays of kinds and of tag ids (empty = no tag filter).
        highlight_kinds TEXT NOT NULL DEFAULT '["claim","actor","source","highlight"]' CHECK (json_valid(highlight_kinds)),
        highlight_tag_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(highlight_tag_ids)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE dossier_item (
        id INTEGER PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        article_id INTEGER REFERENCES article(id) ON DELETE CASCADE,
        note_id INTEGER REFERENCES note(id) ON DELETE CASCADE,
        CHECK ((article_id IS NULL) <> (note_id IS NULL)),
        UNIQUE (dossier_id, position)
      ) STRICT;
      CREATE INDEX dossier_item_by_article ON dossier_item(article_id) WHERE article_id IS NOT NULL;
      CREATE INDEX dossier_item_by_note ON dossier_item(note_id) WHERE note_id IS NOT NULL;

      -- Full-text indexes over external content, kept in sync by triggers.
      CREATE VIRTUAL TABLE article_fts USING fts5(
        title, text, content='article', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER article_fts_after_insert AFTER INSERT ON article BEGIN
        INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
      END;
      CREATE TRIGGER article_fts_after_delete AFTER DELETE ON article BEGIN
        INSERT INTO article_fts(article_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
      END;
      CREATE TRIGGER article_fts_after_update AFTER UPDATE OF title, text ON article BEGIN
        INSERT INTO article_fts(article_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
      END;

      CREATE VIRTUAL TABLE annotation_fts USING fts5(
        quote_exact, note, content='annotation', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER annotation_fts_after_insert AFTER INSERT ON annotation BEGIN
        INSERT INTO annotation_fts(rowid, quote_exact, note) VALUES (new.id, new.quote_exact, new.note);
      END;
      CREATE TRIGGER annotation_fts_after_delete AFTER DELETE ON annotation BEGIN
        INSERT INTO annotation_fts(annotation_fts, rowid, quote_exact, note) VALUES ('delete', old.id, old.quote_exact, old.note);
      END;
      CREATE TRIGGER annotation_fts_after_update AFTER UPDATE OF quote_exact, note ON annotation BEGIN
        INSERT INTO annotation_fts(annotation_fts, rowid, quote_exact, note) VALUES ('delete', old.id, old.quote_exact, old.note);
        INSERT INTO annotation_fts(rowid, quote_exact, note) VALUES (new.id, new.quote_exact, new.note);
      END;

      CREATE VIRTUAL TABLE note_fts USING fts5(
        title, text, content='note', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER note_fts_after_insert AFTER INSERT ON note BEGIN
        INSERT INTO note_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
      END;
      CREATE TRIGGER note_fts_after_delete AFTER DELETE ON note BEGIN
        INSERT INTO note_fts(note_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
      END;
      CREATE TRIGGER note_fts_after_update AFTER UPDATE OF title, text ON note BEGIN
        INSERT INTO note_fts(note_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO note_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
      END;
    `);
  },
};
