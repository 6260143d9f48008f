// Dossier rows and their ordered items: plain functions taking the database first,
// rows mapped to the API's types at this edge.
import type { ReadDb, WriteDb } from '../handles.ts';
import type { AnnotationKind } from '../../../common/api/methods/annotations.ts';
import type { Dossier, DossierItem, DossierSummary, HighlightFilter } from '../../../common/api/methods/dossiers.ts';

interface DossierRow {
  id: number;
  name: string;
  title: string;
  author: string;
  date: string | null;
  handling: string;
  highlight_kinds: string;
  highlight_tag_ids: string;
  created_at: string;
  updated_at: string;
  article_count: number;
  note_count: number;
}

const SELECT = `SELECT d.*,
    (SELECT count(*) FROM dossier_item i WHERE i.dossier_id = d.id AND i.article_id IS NOT NULL) AS article_count,
    (SELECT count(*) FROM dossier_item i WHERE i.dossier_id = d.id AND i.note_id IS NOT NULL) AS note_count
  FROM dossier d`;

function toSummary(row: DossierRow): DossierSummary {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    author: row.author,
    date: row.date,
    handling: row.handling,
    articleCount: row.article_count,
    noteCount: row.note_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toFilter(row: DossierRow): HighlightFilter {
  return { kinds: JSON.parse(row.highlight_kinds) as AnnotationKind[], tagIds: JSON.parse(row.highlight_tag_ids) as number[] };
}

export function listDossiers(db: ReadDb): DossierSummary[] {
  return (db.prepare(`${SELECT} ORDER BY d.updated_at DESC, d.id DESC`).all() as DossierRow[]).map(toSummary);
}

export function readDossier(db: ReadDb, id: number): Dossier | null {
  const row = db.prepare(`${SELECT} WHERE d.id = ?`).get(id) as DossierRow | undefined;
  if (!row) return null;
  return { ...toSummary(row), filter: toFilter(row), items: readItems(db, id) };
}

export function readItems(db: ReadDb, dossierId: number): DossierItem[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.article_id, i.note_id, a.title AS article_title, a.outlet, a.published_at, a.direction,
         (SELECT count(*) FROM annotation n WHERE n.article_id = a.id) AS annotation_count,
         nt.title AS note_title, nt.updated_at AS note_updated_at
       FROM dossier_item i
       LEFT JOIN article a ON a.id = i.article_id
       LEFT JOIN note nt ON nt.id = i.note_id
       WHERE i.dossier_id = ? ORDER BY i.position`,
    )
    .all(dossierId) as {
    id: number;
    article_id: number | null;
    note_id: number | null;
    article_title: string | null;
    outlet: string | null;
    published_at: string | null;
    direction: 'ltr' | 'rtl' | null;
    annotation_count: number;
    note_title: string | null;
    note_updated_at: string | null;
  }[];
  return rows.map((r): DossierItem =>
    r.article_id !== null
      ? {
          id: r.id,
          type: 'article',
          articleId: r.article_id,
          title: r.article_title ?? '',
          outlet: r.outlet,
          publishedAt: r.published_at,
          direction: r.direction ?? 'ltr',
          annotationCount: r.annotation_count,
        }
      : { id: r.id, type: 'note', noteId: r.note_id!, title: r.note_title ?? '', updatedAt: r.note_updated_at ?? '' },
  );
}

export interface DossierFields {
  name: string;
  title: string;
  author: string;
  date: string | null;
  handling: string;
  filter: HighlightFilter;
}

export function insertDossier(db: WriteDb, fields: DossierFields, now: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO dossier (gid, name, title, author, date, handling, highlight_kinds, highlight_tag_ids, created_at, updated_at)
         VALUES (casefile_gid(), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(fields.name, fields.title, fields.author, fields.date, fields.handling, JSON.stringify(fields.filter.kinds), JSON.stringify(fields.filter.tagIds), now, now)
      .lastInsertRowid,
  );
}

export function updateDossierRow(db: WriteDb, id: number, fields: DossierFields, now: string): void {
  db.prepare(
    `UPDATE dossier SET name = ?, title = ?, author = ?, date = ?, handling = ?, highlight_kinds = ?, highlight_tag_ids = ?, updated_at = ?
     WHERE id = ?`,
  ).run(fields.name, fields.title, fields.author, fields.date, fields.handling, JSON.stringify(fields.filter.kinds), JSON.stringify(fields.filter.tagIds), now, id);
}

export function touchDossier(db: WriteDb, id: number, now: string): void {
  db.prepare('UPDATE dossier SET updated_at = ? WHERE id = ?').run(now, id);
}

/** Replaces the items with this ordered list (positions 0..n-1). Runs inside the caller's transaction. */
export function replaceItems(db: WriteDb, dossierId: number, items: readonly ({ articleId: number } | { noteId: number })[]): void {
  db.prepare('DELETE FROM dossier_item WHERE dossier_id = ?').run(dossierId);
  const insert = db.prepare('INSERT INTO dossier_item (gid, dossier_id, position, article_id, note_id) VALUES (casefile_gid(), ?, ?, ?, ?)');
  items.forEach((item, position) => {
    insert.run(dossierId, position, 'articleId' in item ? item.articleId : null, 'noteId' in item ? item.noteId : null);
  });
}

export function deleteDossierRow(db: WriteDb, id: number): void {
  db.prepare('DELETE FROM dossier WHERE id = ?').run(id);
}

/** The ids among `ids` that are not rows of `table`. */
export function missingIds(db: ReadDb, table: 'article' | 'note' | 'tag', ids: readonly number[]): number[] {
  if (ids.length === 0) return [];
  const found = new Set(db.prepare(`SELECT id FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).pluck().all(JSON.stringify([...new Set(ids)])) as number[]);
  return [...new Set(ids)].filter((id) => !found.has(id));
}

/** Every article, oldest published first (undated ones after, by when they were retrieved). */
export function allArticleIds(db: ReadDb): number[] {
  return db.prepare('SELECT id FROM article ORDER BY published_at IS NULL, published_at, retrieved_at, id').pluck().all() as number[];
}

/** Articles with at least one highlight carrying this tag or a tag nested under it, in the same order. */
export function articleIdsWithTag(db: ReadDb, tagId: number): number[] {
  return db
    .prepare(
      `WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT t.id FROM tag t JOIN tree ON t.parent_id = tree.id)
       SELECT a.id FROM article a
       WHERE EXISTS (SELECT 1 FROM annotation n JOIN annotation_tag x ON x.annotation_id = n.id
                     WHERE n.article_id = a.id AND x.tag_id IN (SELECT id FROM tree))
       ORDER BY a.published_at IS NULL, a.published_at, a.retrieved_at, a.id`,
    )
    .pluck()
    .all(tagId) as number[];
}

/** Tag ids with every tag nested under them (a filter on a parent tag shows its children's highlights too). */
export function expandTagIds(db: ReadDb, tagIds: readonly number[]): Set<number> {
  if (tagIds.length === 0) return new Set();
  return new Set(
    db
      .prepare(
        `WITH RECURSIVE tree(id) AS (SELECT value FROM json_each(?) UNION SELECT t.id FROM tag t JOIN tree ON t.parent_id = tree.id)
         SELECT id FROM tree`,
      )
      .pluck()
      .all(JSON.stringify(tagIds)) as number[],
  );
}

/** Names of these tags, alphabetically. */
export function tagNames(db: ReadDb, tagIds: readonly number[]): string[] {
  return db.prepare('SELECT name FROM tag WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name COLLATE NOCASE').pluck().all(JSON.stringify(tagIds)) as string[];
}
