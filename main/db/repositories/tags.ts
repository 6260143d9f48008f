// Tag rows (nestable codes) and the counts the views show.
import type { Tag } from '../../../common/api/methods/tags.ts';
import type { ReadDb, WriteDb } from '../handles.ts';

const SELECT = `SELECT t.id, t.name, t.parent_id AS parentId, t.color,
  (SELECT count(*) FROM annotation_tag x WHERE x.tag_id = t.id) AS annotationCount FROM tag t`;

export function listTags(db: ReadDb): Tag[] {
  return db.prepare(`${SELECT} ORDER BY t.name COLLATE NOCASE`).all() as Tag[];
}

export function getTag(db: ReadDb, id: number): Tag | null {
  return (db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as Tag | undefined) ?? null;
}

export function tagName(db: ReadDb, id: number): string | undefined {
  return db.prepare('SELECT name FROM tag WHERE id = ?').pluck().get(id) as string | undefined;
}

/** How many of `ids` (duplicates counted once) are tags of this library. */
export function countTags(db: ReadDb, ids: readonly number[]): number {
  return db.prepare('SELECT count(*) FROM tag WHERE id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify([...new Set(ids)])) as number;
}

/** The tag and every tag above it. */
export function tagAncestors(db: ReadDb, id: number): number[] {
  return db
    .prepare('WITH RECURSIVE up(id) AS (SELECT ? UNION SELECT t.parent_id FROM tag t JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL) SELECT id FROM up')
    .pluck()
    .all(id) as number[];
}

export function insertTag(db: WriteDb, tag: { name: string; parentId: number | null; color: string | null }, createdAt: string): number {
  return Number(
    db.prepare('INSERT INTO tag (gid, name, parent_id, color, created_at) VALUES (casefile_gid(), ?, ?, ?, ?)').run(tag.name, tag.parentId, tag.color, createdAt)
      .lastInsertRowid,
  );
}

export function updateTagRow(db: WriteDb, id: number, tag: { name: string; parentId: number | null; color: string | null }): void {
  db.prepare('UPDATE tag SET name = ?, parent_id = ?, color = ? WHERE id = ?').run(tag.name, tag.parentId, tag.color, id);
}

export function deleteTagRow(db: WriteDb, id: number): void {
  db.prepare('DELETE FROM tag WHERE id = ?').run(id);
}

/** The tag named `name` (case-insensitive) directly under `parentId` (null: at the top). */
export function findTag(db: ReadDb, parentId: number | null, name: string): number | undefined {
  return db.prepare('SELECT id FROM tag WHERE ifnull(parent_id, 0) = ? AND name = ? COLLATE NOCASE').pluck().get(parentId ?? 0, name) as number | undefined;
}
