// Article rows: plain functions taking the database first; row types mapped to the
// API's types at this edge.
import type { Db } from '../open.ts';
import { cachedStatement } from '../statements.ts';
import type { Article, ArticleAppearance, ArticleCursor, ArticleSummary, ArticleMetadata } from '../../../common/api/methods/articles.ts';
import { listAppearances, listSameStory } from './stories.ts';
import type { SerializedDocument } from '../../../common/text/document.ts';

interface ArticleRow {
  id: number;
  title: string;
  byline: string | null;
  outlet: string | null;
  url: string | null;
  published_at: string | null;
  retrieved_at: string;
  language: string | null;
  direction: 'ltr' | 'rtl';
  text_sha256: string;
  previous_version_id: number | null;
  created_at: string;
  updated_at: string;
  annotation_count: number;
}

export interface NewArticleRow extends ArticleMetadata {
  retrievedAt: string;
  /** The body, or its JSON when the caller serialized it already (an import worker does). */
  body: SerializedDocument | string;
  text: string;
  textSha256: string;
  previousVersionId: number | null;
  original: { type: string; name: string | null; sha256: string; bytes: Uint8Array } | null;
}

const SUMMARY_COLUMNS = `a.id, a.title, a.byline, a.outlet, a.url, a.published_at, a.retrieved_at, a.language,
  a.direction, a.text_sha256, a.previous_version_id, a.created_at, a.updated_at,
  (SELECT count(*) FROM annotation n WHERE n.article_id = a.id) AS annotation_count`;

const ORDER_BY = {
  retrieved: 'a.retrieved_at DESC, a.id DESC',
  published: 'a.published_at DESC, a.id DESC',
  title: 'a.title COLLATE NOCASE, a.id',
} as const;

function toSummary(row: ArticleRow): ArticleSummary {
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
    body: typeof article.body === 'string' ? article.body : JSON.stringify(article.body),
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
      // A view on the same memory, not a copy.
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    );
  }
  return id;
}

/** The column each sort orders by first (then by id), as the row's cursor key. */
const SORT_KEY = {
  retrieved: 'retrieved_at',
  published: 'published_at',
  title: 'title',
} as const satisfies Record<keyof typeof ORDER_BY, keyof ArticleRow>;

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
      .all({ ...params, ...filter?.params, n, offset }) as ArticleRow[];
  };

  let rows: ArticleRow[];
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
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS}, a.gid, a.body, a.text FROM article a WHERE a.id = ?`).get(id) as
    | (ArticleRow & { gid: string; body: string; text: string })
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
    body: JSON.parse(row.body) as SerializedDocument,
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
