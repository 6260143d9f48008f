// Article rows: plain functions taking the database first; row types mapped to the
// API's types at this edge.
import type { Db } from '../open.ts';
import type { Article, ArticleSummary, ArticleMetadata } from '../../../common/api/methods/articles.ts';
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
  body: SerializedDocument;
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
  const result = db
    .prepare(
      `INSERT INTO article (title, byline, outlet, url, published_at, retrieved_at, language, direction,
         text_sha256, previous_version_id, created_at, updated_at, body, text)
       VALUES (@title, @byline, @outlet, @url, @publishedAt, @retrievedAt, @language, @direction,
         @textSha256, @previousVersionId, @now, @now, @body, @text)`,
    )
    .run({
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
      body: JSON.stringify(article.body),
      text: article.text,
    });
  const id = Number(result.lastInsertRowid);
  if (article.original) {
    db.prepare(
      `INSERT INTO article_original (article_id, type, name, sha256, size, bytes) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(id, article.original.type, article.original.name, article.original.sha256, article.original.bytes.byteLength, Buffer.from(article.original.bytes));
  }
  return id;
}

export function listArticles(
  db: Db,
  options: { offset: number; limit: number; sort: keyof typeof ORDER_BY },
): ArticleSummary[] {
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM article a ORDER BY ${ORDER_BY[options.sort]} LIMIT ? OFFSET ?`)
    .all(options.limit, options.offset) as ArticleRow[];
  return rows.map(toSummary);
}

export function countArticles(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM article').get() as { n: number }).n;
}

export function getArticle(db: Db, id: number): Article | null {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS}, a.body, a.text FROM article a WHERE a.id = ?`).get(id) as
    | (ArticleRow & { body: string; text: string })
    | undefined;
  if (!row) return null;
  const original = db
    .prepare('SELECT type, name, sha256, size FROM article_original WHERE article_id = ?')
    .get(id) as { type: string; name: string | null; sha256: string; size: number } | undefined;
  return {
    ...toSummary(row),
    url: row.url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    body: JSON.parse(row.body) as SerializedDocument,
    text: row.text,
    textSha256: row.text_sha256,
    original: original ?? null,
    previousVersionId: row.previous_version_id,
  };
}

export function findArticleIdByTextSha256(db: Db, sha256: string): number | null {
  const row = db.prepare('SELECT id FROM article WHERE text_sha256 = ? LIMIT 1').get(sha256) as { id: number } | undefined;
  return row?.id ?? null;
}

export function findArticleIdByOriginalSha256(db: Db, sha256: string): number | null {
  const row = db.prepare('SELECT article_id AS id FROM article_original WHERE sha256 = ? LIMIT 1').get(sha256) as { id: number } | undefined;
  return row?.id ?? null;
}

/** The newest article imported from `url` (the head of its version chain). */
export function findLatestArticleIdByUrl(db: Db, url: string): number | null {
  const row = db.prepare('SELECT id FROM article WHERE url = ? ORDER BY id DESC LIMIT 1').get(url) as { id: number } | undefined;
  return row?.id ?? null;
}
