// Article rows: plain functions taking the database first; row types mapped to the
// API's types at this edge.
import { constants as zlibConstants, zstdCompressSync, zstdDecompressSync } from 'node:zlib';
import { AppError } from '../../../common/api/errors.ts';
import type { Db } from '../db.ts';
import type { WriteDb } from '../handles.ts';
import { cachedStatement } from '../statements.ts';
import { sha256Hex } from '../sha256.ts';
import type { Article, ArticleAppearance, ArticleCursor, ArticleSummary, ArticleMetadata } from '../../../common/api/methods/articles.ts';
import { listAppearances, listSameStory } from './stories.ts';
import type { SerializedDocument } from '../../../common/text/document.ts';

/** What a summary (a line of the library list) is made of. */
interface SummaryRow {
  id: number;
  title: string;
  byline: string | null;
  outlet: string | null;
  published_at: string | null;
  retrieved_at: string;
  language: string | null;
  direction: 'ltr' | 'rtl';
  annotation_count: number;
}

interface ArticleRow extends SummaryRow {
  url: string | null;
  text_sha256: string;
  previous_version_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface NewArticleRow extends ArticleMetadata {
  retrievedAt: string;
  /** The body, or its stored form when the caller made it already (an import worker does: storedBody). */
  body: SerializedDocument | Uint8Array;
  text: string;
  textSha256: string;
  previousVersionId: number | null;
  /** `stored`: the bytes' stored form when the caller made it already (storedOriginal). */
  original: NewOriginal | null;
}

export interface NewOriginal {
  type: string;
  name: string | null;
  sha256: string;
  bytes: Uint8Array;
  stored?: Uint8Array;
}

/** A view on the same memory, not a copy (better-sqlite3 binds Buffers as BLOBs). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The stored form of a new original: the one the caller made, else made here. */
export function storedOriginalOf(original: NewOriginal): Buffer {
  return original.stored ? asBuffer(original.stored) : storedOriginal(original.bytes);
}

// A list page reads only what a summary shows (the whole list at 10,000 articles is read
// by `casefile list`: every column more is 10,000 strings more to make and collect).
const SUMMARY_COLUMNS = `a.id, a.title, a.byline, a.outlet, a.published_at, a.retrieved_at, a.language, a.direction,
  (SELECT count(*) FROM annotation n WHERE n.article_id = a.id) AS annotation_count`;
const ARTICLE_COLUMNS = `${SUMMARY_COLUMNS}, a.url, a.text_sha256, a.previous_version_id, a.created_at, a.updated_at`;

const ORDER_BY = {
  retrieved: 'a.retrieved_at DESC, a.id DESC',
  published: 'a.published_at DESC, a.id DESC',
  title: 'a.title COLLATE NOCASE, a.id',
} as const;

function toSummary(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    outlet: row.outlet,
    byline: row.byline,
    publishedAt: row.published_at,
    retrievedAt: row.retrieved_at,
    language: row.language,
    direction: row.direction,
    annotationCount: row.annotation_count,
  };
}

// How the large article columns are stored (migration 006), and the one place that reads
// and writes them: every reader of article.body, article_original.bytes and
// article_appearance.original_bytes goes through the functions below.
//
// - Original files: a zstd frame of the bytes exactly as imported. Their SHA-256 is of
//   those original bytes, and reading one checks it (EVIDENCE_CORRUPT when it differs).
// - Body JSON: a zstd frame compressed with the article's own text as its dictionary. The
//   body's text nodes are that text again, so what is stored is little more than the
//   document's structure (about 0.5 KB for a 17 KB body). Body and text are always written
//   together (the text is the body's canonical text), so the dictionary is the row's text.
// - article.text stays plain: the full-text index reads it (external content, through the
//   article_search_text view) and so do snippets and highlight().
// Each frame carries zstd's checksum, so damage is found on reading even without a hash.
// Level 3 (zstd's default): level 6 saves 3% more at 1.7x the time (measured on 10k articles).

const ZSTD_PARAMS = { [zlibConstants.ZSTD_c_compressionLevel]: 3, [zlibConstants.ZSTD_c_checksumFlag]: 1 };

function zstd(data: Uint8Array, dictionary?: Buffer): Buffer {
  return zstdCompressSync(data, { params: ZSTD_PARAMS, pledgedSrcSize: data.byteLength, ...(dictionary ? { dictionary } : {}) });
}

/** The stored form of an original file. */
export function storedOriginal(bytes: Uint8Array): Buffer {
  return zstd(bytes);
}

/** The stored form of an article body (its JSON), given the article's text. */
export function storedBody(bodyJson: string, text: string): Buffer {
  return zstd(Buffer.from(bodyJson, 'utf8'), Buffer.from(text, 'utf8'));
}

/** The body JSON back from its stored form and the article's text. */
export function bodyJsonOf(stored: Uint8Array, text: string): string {
  return zstdDecompressSync(stored, { dictionary: Buffer.from(text, 'utf8') }).toString('utf8');
}

/** What reading an original found: its bytes, or why they are not the evidence recorded. */
export type OriginalReading = { ok: true; bytes: Buffer } | { ok: false; problem: string };

/** Decompresses a stored original and checks its size and SHA-256 against what was recorded. */
export function readStoredOriginal(stored: Uint8Array, recorded: { sha256: string; size: number }): OriginalReading {
  let bytes: Buffer;
  try {
    bytes = zstdDecompressSync(stored);
  } catch {
    return { ok: false, problem: 'its stored bytes cannot be read (damaged)' };
  }
  if (bytes.byteLength !== recorded.size) return { ok: false, problem: `it has ${bytes.byteLength} bytes where ${recorded.size} were recorded` };
  if (sha256Hex(bytes) !== recorded.sha256) return { ok: false, problem: 'its bytes no longer match their SHA-256 fingerprint' };
  return { ok: true, bytes };
}

/** The original bytes, checked; refuses with EVIDENCE_CORRUPT, naming `what`, when they are not the evidence recorded. */
export function originalBytesOf(stored: Uint8Array, recorded: { sha256: string; size: number }, what: string): Buffer {
  const reading = readStoredOriginal(stored, recorded);
  if (!reading.ok) throw new AppError('EVIDENCE_CORRUPT', `The original file of ${what}: ${reading.problem}.`);
  return reading.bytes;
}

/**
 * For code that reads and writes rows of any table by column name (team sync): the columns
 * whose stored form is compressed text. They travel as their text; original files travel
 * apart, as the uncompressed bytes their SHA-256 names.
 */
export const COMPRESSED_TEXT_COLUMNS: Readonly<Record<string, readonly string[]>> = { article: ['body'] };
const COMPRESSED_BYTES_COLUMNS: Readonly<Record<string, readonly string[]>> = { article_original: ['bytes'], article_appearance: ['original_bytes'] };

/** A stored row's values with the compressed text columns as their text (the row as read by SELECT *). */
export function plainRowValues(table: string, row: Record<string, unknown>): Record<string, unknown> {
  if (table !== 'article' || !(row.body instanceof Uint8Array)) return row;
  return { ...row, body: bodyJsonOf(row.body, row.text as string) };
}

/**
 * Values to write into a row (by gid; null for a new row) in their stored form: a body
 * compressed against the text the row will have, a body re-encoded when only the text
 * changes, original bytes compressed.
 */
export function storedRowValues(db: Db, table: string, gid: string | null, values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const column of COMPRESSED_BYTES_COLUMNS[table] ?? []) {
    if (out[column] instanceof Uint8Array) out[column] = storedOriginal(out[column]);
  }
  if (table === 'article' && ('body' in out || 'text' in out)) {
    const current = gid === null ? undefined : (cachedStatement(db, 'SELECT body, text FROM article WHERE gid = ?').get(gid) as { body: Buffer; text: string } | undefined);
    const text = 'text' in out ? (out.text as string) : current?.text;
    const body = 'body' in out ? (out.body as string) : current && bodyJsonOf(current.body, current.text);
    if (typeof text === 'string' && typeof body === 'string') out.body = storedBody(body, text);
  }
  return out;
}

export interface StoredOriginalRow {
  articleId: number;
  title: string;
  type: string;
  name: string | null;
  sha256: string;
  size: number;
  /** Where the row is: null for the article's own original, else the appearance's id. */
  appearanceId: number | null;
  stored: Buffer;
}

const ORIGINAL_PAGES = {
  own: `SELECT o.article_id AS articleId, a.title, o.type, o.name, o.sha256, o.size, NULL AS appearanceId, o.bytes AS stored, o.article_id AS key
    FROM article_original o JOIN article a ON a.id = o.article_id WHERE o.type LIKE @type AND o.article_id > @after ORDER BY o.article_id LIMIT 200`,
  appearances: `SELECT p.article_id AS articleId, a.title, p.original_type AS type, p.original_name AS name, p.original_sha256 AS sha256,
      p.original_size AS size, p.id AS appearanceId, p.original_bytes AS stored, p.id AS key
    FROM article_appearance p JOIN article a ON a.id = p.article_id WHERE p.original_type LIKE @type AND p.id > @after ORDER BY p.id LIMIT 200`,
};

/**
 * Every original file (the articles' own, then their other appearances), as stored, a page
 * at a time so a library of 100,000 never holds them all. `type`: a LIKE pattern.
 */
export function* eachStoredOriginal(db: Db, type = '%'): Generator<StoredOriginalRow> {
  for (const sql of Object.values(ORIGINAL_PAGES)) {
    const page = db.prepare(sql);
    for (let after = 0; ; ) {
      const rows = page.all({ type, after }) as (StoredOriginalRow & { key: number })[];
      if (rows.length === 0) break;
      for (const { key: _key, ...row } of rows) yield row;
      after = rows[rows.length - 1]!.key;
    }
  }
}

/** An original file by its SHA-256 (any article's or appearance's), checked, or null when none has it. */
export function findOriginalBytesBySha256(db: Db, sha256: string): Buffer | null {
  const row = cachedStatement(
    db,
    `SELECT bytes AS stored, size, 'article ' || article_id AS what FROM article_original WHERE sha256 = @sha256
     UNION ALL SELECT original_bytes, original_size, 'an appearance of article ' || article_id FROM article_appearance WHERE original_sha256 = @sha256 LIMIT 1`,
  ).get({ sha256 }) as { stored: Buffer; size: number; what: string } | undefined;
  return row ? originalBytesOf(row.stored, { sha256, size: row.size }, row.what) : null;
}

/** An article's own original file: what was recorded of it and its bytes, checked; null when it has none. */
export function getArticleOriginal(db: Db, articleId: number): { type: string; name: string | null; sha256: string; size: number; bytes: Buffer } | null {
  const row = cachedStatement(db, 'SELECT type, name, sha256, size, bytes AS stored FROM article_original WHERE article_id = ?').get(articleId) as
    | { type: string; name: string | null; sha256: string; size: number; stored: Buffer }
    | undefined;
  if (!row) return null;
  const { stored, ...recorded } = row;
  return { ...recorded, bytes: originalBytesOf(stored, recorded, `article ${articleId}`) };
}

export function insertArticle(db: Db, article: NewArticleRow, now: string): number {
  const result = cachedStatement(
    db,
    `INSERT INTO article (gid, title, byline, outlet, url, published_at, retrieved_at, language, direction,
         text_sha256, previous_version_id, created_at, updated_at, body, text)
       VALUES (casefile_gid(), @title, @byline, @outlet, @url, @publishedAt, @retrievedAt, @language, @direction,
         @textSha256, @previousVersionId, @now, @now, @body, @text)`,
  ).run({
    title: article.title,
    byline: article.byline,
    outlet: article.outlet,
    url: article.url,
    publishedAt: article.publishedAt,
    retrievedAt: article.retrievedAt,
    language: article.language,
    direction: article.direction,
    textSha256: article.textSha256,
    previousVersionId: article.previousVersionId,
    now,
    body: article.body instanceof Uint8Array ? asBuffer(article.body) : storedBody(JSON.stringify(article.body), article.text),
    text: article.text,
  });
  const id = Number(result.lastInsertRowid);
  if (article.original) {
    const { bytes } = article.original;
    cachedStatement(db, `INSERT INTO article_original (gid, article_id, type, name, sha256, size, bytes) VALUES (casefile_gid(), ?, ?, ?, ?, ?, ?)`).run(
      id,
      article.original.type,
      article.original.name,
      article.original.sha256,
      bytes.byteLength,
      storedOriginalOf(article.original),
    );
  }
  return id;
}

/** The column each sort orders by first (then by id), as the row's cursor key. */
const SORT_KEY = {
  retrieved: 'retrieved_at',
  published: 'published_at',
  title: 'title',
} as const satisfies Record<keyof typeof ORDER_BY, keyof SummaryRow>;

export type ArticleSortName = keyof typeof ORDER_BY;

/**
 * The rows after a cursor (@key, @id) in each sort, written so SQLite seeks the sort's
 * index to them (a range, not a scan from the start). `undated`: after a cursor among the
 * articles without a publication date, which come last in `published`.
 */
export const SEEK_AFTER = {
  retrieved: { where: '(a.retrieved_at, a.id) < (@key, @id)', order: ORDER_BY.retrieved },
  published: { where: '(a.published_at, a.id) < (@key, @id)', order: ORDER_BY.published },
  // A row value with COLLATE on its left is not matched to the NOCASE index: the range is spelled out.
  title: { where: 'a.title COLLATE NOCASE >= @key AND (a.title COLLATE NOCASE > @key OR a.id > @id)', order: ORDER_BY.title },
  undated: { where: 'a.published_at IS NULL AND a.id < @id', order: 'a.id DESC' },
} as const;

/** One typed word narrowing the list: in the title (an FTS5 expression), or naming one of these outlets. */
export interface ArticleWord {
  fts: string;
  outlets: readonly string[];
}

/**
 * Every word in the title or the outlet. Words that name no outlet go into one
 * full-text match on the title (FTS5 intersects them itself); each word that could also
 * be the outlet is its own either-or. Both are sets of ids built once per query, and
 * the unary + keeps the rows coming in the sort's index order, checked against them:
 * fetching every matching row and sorting would cost 180 ms for a word in most titles
 * of 100,000 articles, where this stops after a page (the match itself is the rest).
 */
export function articleWordsFilter(words: readonly ArticleWord[]): { where: string; params: Record<string, string> } | null {
  if (words.length === 0) return null;
  const where: string[] = [];
  const params: Record<string, string> = {};
  const titleOnly = words.filter((w) => w.outlets.length === 0);
  if (titleOnly.length > 0) {
    where.push('+a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH @title)');
    params.title = `title : (${titleOnly.map((w) => w.fts).join(' ')})`;
  }
  words
    .filter((w) => w.outlets.length > 0)
    .forEach((w, i) => {
      where.push(
        `(+a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH @title${i}) OR +a.id IN (SELECT id FROM article WHERE outlet COLLATE NOCASE IN (SELECT value FROM json_each(@outlets${i}))))`,
      );
      params[`title${i}`] = `title : (${w.fts})`;
      params[`outlets${i}`] = JSON.stringify(w.outlets);
    });
  return { where: where.join(' AND '), params };
}

/**
 * A page of the library list in one of its sorts: by `offset`, or, with `after` (the
 * previous page's `next`), by seek through the sort's index: rows strictly after
 * (key, id) in the sort order, so ties on the key are split by id and no row is skipped
 * or repeated however many share a date or a title, and a page deep in 100,000 articles
 * costs what the first does. `published` puts undated articles last (NULL sorts lowest
 * in SQLite, so last in DESC); a cursor among them seeks by id alone.
 *
 * Returns up to `limit` rows and the cursor after the last one when more follow.
 */
export function listArticlesPage(
  db: Db,
  options: { offset?: number; limit: number; sort: ArticleSortName; after?: ArticleCursor; words?: readonly ArticleWord[] },
): { items: ArticleSummary[]; next: ArticleCursor | null } {
  const { sort, after, limit } = options;
  // One more than asked: whether another page follows, without counting.
  const want = limit + 1;
  const filter = articleWordsFilter(options.words ?? []);
  const select = (seek: { where: string; order: string } | null, n: number, params: Record<string, unknown> = {}, offset = 0) => {
    const where = [seek?.where, filter?.where].filter(Boolean);
    return db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM article a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${seek?.order ?? ORDER_BY[sort]} LIMIT @n OFFSET @offset`,
      )
      .all({ ...params, ...filter?.params, n, offset }) as SummaryRow[];
  };

  let rows: SummaryRow[];
  if (!after) {
    rows = select(null, want, {}, options.offset ?? 0);
  } else if (after.key !== null) {
    rows = select(SEEK_AFTER[sort], want, { key: after.key, id: after.id });
    // Past the last dated article come the undated ones, newest first.
    if (sort === 'published' && rows.length < want) rows = rows.concat(select({ where: 'a.published_at IS NULL', order: 'a.id DESC' }, want - rows.length));
  } else {
    // Only `published` has rows without a key: the cursor is among the undated ones.
    rows = sort === 'published' ? select(SEEK_AFTER.undated, want, { id: after.id }) : [];
  }

  const more = rows.length > limit;
  const items = (more ? rows.slice(0, limit) : rows).map(toSummary);
  const last = more ? rows[limit - 1]! : null;
  return { items, next: last ? { key: last[SORT_KEY[sort]], id: last.id } : null };
}

export function listArticles(db: Db, options: { offset: number; limit: number; sort: ArticleSortName }): ArticleSummary[] {
  return listArticlesPage(db, options).items;
}

export function countArticles(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM article').get() as { n: number }).n;
}

export function getArticle(db: Db, id: number): Article | null {
  const row = db.prepare(`SELECT ${ARTICLE_COLUMNS}, a.gid, a.body, a.text FROM article a WHERE a.id = ?`).get(id) as
    | (ArticleRow & { gid: string; body: Buffer; text: string })
    | undefined;
  if (!row) return null;
  const original = db
    .prepare('SELECT type, name, sha256, size FROM article_original WHERE article_id = ?')
    .get(id) as { type: string; name: string | null; sha256: string; size: number } | undefined;
  const summary = toSummary(row);
  const own: ArticleAppearance = {
    id: null,
    title: row.title,
    byline: row.byline,
    outlet: row.outlet,
    url: row.url,
    publishedAt: row.published_at,
    retrievedAt: row.retrieved_at,
    original: original ?? null,
  };
  return {
    ...summary,
    gid: row.gid,
    url: row.url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    body: JSON.parse(bodyJsonOf(row.body, row.text)) as SerializedDocument,
    text: row.text,
    textSha256: row.text_sha256,
    original: original ?? null,
    previousVersionId: row.previous_version_id,
    appearances: [own, ...listAppearances(db, id)],
    sameStory: listSameStory(db, id),
  };
}

export function findArticleIdByTextSha256(db: Db, sha256: string): number | null {
  const row = cachedStatement(db, 'SELECT id FROM article WHERE text_sha256 = ? LIMIT 1').get(sha256) as { id: number } | undefined;
  return row?.id ?? null;
}

export function findArticleIdByOriginalSha256(db: Db, sha256: string): number | null {
  const row = cachedStatement(db, 'SELECT article_id AS id FROM article_original WHERE sha256 = ? LIMIT 1').get(sha256) as { id: number } | undefined;
  return row?.id ?? null;
}

/** The newest article imported from `url` (the head of its version chain). */
export function findLatestArticleIdByUrl(db: Db, url: string): number | null {
  const row = cachedStatement(db, 'SELECT id FROM article WHERE url = ? ORDER BY id DESC LIMIT 1').get(url) as { id: number } | undefined;
  return row?.id ?? null;
}

/** An article's plain text (what highlights are anchored in), or null when there is no such article. */
export function readArticleText(db: Db, id: number): string | null {
  return (cachedStatement(db, 'SELECT text FROM article WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}

/** Every article saved from a web address, oldest first (a later version of a page comes after the earlier). */
export function listArticleUrls(db: Db): { id: number; url: string }[] {
  return db.prepare('SELECT id, url FROM article WHERE url IS NOT NULL ORDER BY id').all() as { id: number; url: string }[];
}

/** An article's details as the researcher corrected them. */
export function writeArticleMetadata(db: WriteDb, id: number, m: ArticleMetadata, now: string): void {
  db.prepare('UPDATE article SET title = ?, byline = ?, outlet = ?, url = ?, published_at = ?, language = ?, direction = ?, updated_at = ? WHERE id = ?').run(
    m.title,
    m.byline,
    m.outlet,
    m.url,
    m.publishedAt,
    m.language,
    m.direction,
    now,
    id,
  );
}

/** A corrected text: the body stored compressed against it, as every body is. */
export function writeArticleText(db: WriteDb, id: number, t: { bodyJson: string; text: string; textSha256: string }, now: string): void {
  db.prepare('UPDATE article SET body = ?, text = ?, text_sha256 = ?, updated_at = ? WHERE id = ?').run(storedBody(t.bodyJson, t.text), t.text, t.textSha256, now, id);
}
