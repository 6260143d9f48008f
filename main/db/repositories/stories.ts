// Where an article's text appeared (wire copies carried by other outlets or addresses) and
// which articles are probably the same story (near-copies), with the bands that find them.
import type { ArticleAppearance, SameStoryLink, SameStoryStatus } from '../../../common/api/methods/articles.ts';
import { newGid } from '../../../common/ids.ts';
// The writes still take the plain connection: services/articles.ts (the article storage
// domain, changed on another branch) calls them inside mutate without its handle yet.
import type { Db } from '../db.ts';
import type { ReadDb } from '../handles.ts';
import { cachedRead, cachedStatement } from '../statements.ts';

/** An appearance to record: what the API shows of one, with the original file's bytes. */
export type NewAppearanceRow = Omit<ArticleAppearance, 'id' | 'original'> & {
  /** `stored`: the bytes as stored (storedOriginal in the articles repository, which reads them back). */
  original: { type: string; name: string | null; sha256: string; bytes: Uint8Array; stored: Uint8Array };
};

/** The article an original file (by its SHA-256) is already kept for as a further appearance. */
export function findArticleIdByAppearanceSha256(db: ReadDb, sha256: string): number | null {
  const row = cachedRead(db, 'SELECT article_id AS id FROM article_appearance WHERE original_sha256 = ? LIMIT 1').get(sha256) as { id: number } | undefined;
  return row?.id ?? null;
}

/** Whether the article already appears at this address from this outlet (its own appearance or a recorded one). */
export function hasAppearance(db: ReadDb, articleId: number, url: string | null, outlet: string | null): boolean {
  const same = `url IS @url AND lower(trim(coalesce(outlet, ''))) = lower(trim(coalesce(@outlet, '')))`;
  return (
    cachedRead(db, `SELECT EXISTS (SELECT 1 FROM article WHERE id = @id AND ${same}) OR EXISTS (SELECT 1 FROM article_appearance WHERE article_id = @id AND ${same}) AS found`).get({
      id: articleId,
      url,
      outlet,
    }) as { found: number }
  ).found === 1;
}

export function insertAppearance(db: Db, articleId: number, row: NewAppearanceRow, now: string): number {
  const { bytes } = row.original;
  const result = cachedStatement(
    db,
    `INSERT INTO article_appearance (gid, article_id, title, byline, outlet, url, published_at, retrieved_at,
       original_type, original_name, original_sha256, original_size, created_at, original_bytes)
     VALUES (@gid, @articleId, @title, @byline, @outlet, @url, @publishedAt, @retrievedAt, @type, @name, @sha256, @size, @now, @bytes)`,
  ).run({
    gid: newGid(),
    articleId,
    title: row.title,
    byline: row.byline,
    outlet: row.outlet,
    url: row.url,
    publishedAt: row.publishedAt,
    retrievedAt: row.retrievedAt,
    type: row.original.type,
    name: row.original.name,
    sha256: row.original.sha256,
    size: bytes.byteLength,
    now,
    bytes: Buffer.from(row.original.stored.buffer, row.original.stored.byteOffset, row.original.stored.byteLength),
  });
  return Number(result.lastInsertRowid);
}

/** The article's recorded appearances besides its own, in the order they were imported. */
export function listAppearances(db: ReadDb, articleId: number): ArticleAppearance[] {
  const rows = db
    .prepare(
      `SELECT id, title, byline, outlet, url, published_at, retrieved_at, original_type, original_name, original_sha256, original_size
       FROM article_appearance WHERE article_id = ? ORDER BY id`,
    )
    .all(articleId) as {
    id: number;
    title: string;
    byline: string | null;
    outlet: string | null;
    url: string | null;
    published_at: string | null;
    retrieved_at: string;
    original_type: string;
    original_name: string | null;
    original_sha256: string;
    original_size: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    byline: r.byline,
    outlet: r.outlet,
    url: r.url,
    publishedAt: r.published_at,
    retrievedAt: r.retrieved_at,
    original: { type: r.original_type, name: r.original_name, sha256: r.original_sha256, size: r.original_size },
  }));
}

/** Outlets that carried each article besides its own: for saying why reports count once. */
export function appearanceOutlets(db: ReadDb, articleIds: readonly number[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  if (articleIds.length === 0) return map;
  for (const r of db
    .prepare(`SELECT article_id, outlet FROM article_appearance WHERE outlet IS NOT NULL AND article_id IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .all(JSON.stringify(articleIds)) as { article_id: number; outlet: string }[]) {
    const list = map.get(r.article_id) ?? [];
    if (!list.includes(r.outlet)) list.push(r.outlet);
    map.set(r.article_id, list);
  }
  return map;
}

/** One statement for all sixteen bands (the band is the position in the list): an import stores them for every article. */
export function insertStoryBands(db: Db, articleId: number, bands: readonly number[]): void {
  cachedStatement(db, 'INSERT OR IGNORE INTO article_story_band (band, hash, article_id) SELECT key, value, ? FROM json_each(?)').run(articleId, JSON.stringify(bands));
}

/** After a text edit: the bands of the text as it now reads (none for a text too short to compare). */
export function replaceStoryBands(db: Db, articleId: number, bands: readonly number[] | null): void {
  db.prepare('DELETE FROM article_story_band WHERE article_id = ?').run(articleId);
  if (bands) insertStoryBands(db, articleId, bands);
}

/** Articles sharing at least one band with these, most shared bands first (at most `limit`). */
export function findStoryCandidates(db: ReadDb, bands: readonly number[], excludeId: number, limit = 20): number[] {
  return (
    cachedRead(
      db,
      `SELECT b.article_id AS id FROM article_story_band b JOIN json_each(@bands) j ON b.band = j.key AND b.hash = j.value
       WHERE b.article_id <> @exclude GROUP BY b.article_id ORDER BY count(*) DESC, b.article_id LIMIT @limit`,
    ).all({ bands: JSON.stringify(bands), exclude: excludeId, limit }) as { id: number }[]
  ).map((r) => r.id);
}

export function insertStoryLink(db: Db, articleId: number, sameAsId: number, similarity: number, now: string): void {
  cachedStatement(
    db,
    `INSERT INTO story_link (gid, article_id, same_as_id, similarity, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'suggested', ?, ?) ON CONFLICT (article_id, same_as_id) DO NOTHING`,
  ).run(newGid(), articleId, sameAsId, similarity, now, now);
}

/** Links of an article in either direction, with the other article's title and outlet. */
export function listSameStory(db: ReadDb, articleId: number): SameStoryLink[] {
  return db
    .prepare(
      `SELECT o.id AS articleId, o.title, o.outlet, o.published_at AS publishedAt, l.similarity, l.status
       FROM story_link l JOIN article o ON o.id = CASE WHEN l.article_id = @id THEN l.same_as_id ELSE l.article_id END
       WHERE l.article_id = @id OR l.same_as_id = @id
       ORDER BY l.similarity DESC, o.id`,
    )
    .all({ id: articleId }) as SameStoryLink[];
}

/** Sets the status of the link between two articles (either direction); false when there is none. */
export function setStoryLinkStatus(db: Db, a: number, b: number, status: SameStoryStatus, now: string): boolean {
  const result = db
    .prepare('UPDATE story_link SET status = @status, updated_at = @now WHERE (article_id = @a AND same_as_id = @b) OR (article_id = @b AND same_as_id = @a)')
    .run({ a, b, status, now });
  return result.changes > 0;
}

/** Confirmed same-story pairs touching any of these articles. */
export function confirmedStoryPairs(db: ReadDb, articleIds: readonly number[]): [number, number][] {
  if (articleIds.length === 0) return [];
  return (
    db
      .prepare(
        `SELECT article_id AS a, same_as_id AS b FROM story_link WHERE status = 'confirmed'
         AND (article_id IN (SELECT value FROM json_each(@ids)) OR same_as_id IN (SELECT value FROM json_each(@ids)))`,
      )
      .all({ ids: JSON.stringify(articleIds) }) as { a: number; b: number }[]
  ).map((r) => [r.a, r.b]);
}
