// User-defined tags (nestable codes), applied to highlights beside their kind.
import { AppError } from '../../common/api/errors.ts';
import type { ParsedInput } from '../../common/api/contract.ts';
import type { Tag } from '../../common/api/methods/tags.ts';
import { nowIso } from './articles.ts';
import type { Library } from './library.ts';

const SELECT = `SELECT t.id, t.name, t.parent_id AS parentId, t.color,
  (SELECT count(*) FROM annotation_tag x WHERE x.tag_id = t.id) AS annotationCount FROM tag t`;

export function listTags(library: Library): Tag[] {
  return library.db.prepare(`${SELECT} ORDER BY t.name COLLATE NOCASE`).all() as Tag[];
}

function requireTag(library: Library, id: number): Tag {
  const tag = library.db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as Tag | undefined;
  if (!tag) throw new AppError('NOT_FOUND', `There is no tag ${id} in this library.`);
  return tag;
}

function assertParent(library: Library, id: number | null, parentId: number | null | undefined): void {
  if (parentId === null || parentId === undefined) return;
  requireTag(library, parentId);
  // A tag cannot sit under itself or its own descendants.
  const ancestors = library.db
    .prepare('WITH RECURSIVE up(id) AS (SELECT ? UNION SELECT t.parent_id FROM tag t JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL) SELECT id FROM up')
    .pluck()
    .all(parentId) as number[];
  if (id !== null && ancestors.includes(id)) throw new AppError('INVALID_INPUT', 'A tag cannot be nested inside itself.');
}

function uniqueName(error: unknown, name: string): never {
  if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new AppError('CONFLICT', `There is already a tag named "${name}" there.`);
  throw error;
}

export function createTag(library: Library, input: ParsedInput<'tags.create'>): Tag {
  assertParent(library, null, input.parentId);
  let id: number;
  try {
    id = Number(
      library.db.prepare('INSERT INTO tag (name, parent_id, color, created_at) VALUES (?, ?, ?, ?)').run(input.name, input.parentId ?? null, input.color ?? null, nowIso()).lastInsertRowid,
    );
  } catch (error) {
    uniqueName(error, input.name);
  }
  library.events.emit('library.changed', { reason: 'tag-changed' });
  return requireTag(library, id);
}

export function updateTag(library: Library, input: ParsedInput<'tags.update'>): Tag {
  const tag = requireTag(library, input.id);
  assertParent(library, tag.id, input.parentId);
  try {
    library.db
      .prepare('UPDATE tag SET name = ?, parent_id = ?, color = ? WHERE id = ?')
      .run(input.name ?? tag.name, input.parentId === undefined ? tag.parentId : input.parentId, input.color === undefined ? tag.color : input.color, tag.id);
  } catch (error) {
    uniqueName(error, input.name ?? tag.name);
  }
  library.events.emit('library.changed', { reason: 'tag-changed' });
  return requireTag(library, tag.id);
}

export function deleteTag(library: Library, id: number): Tag {
  const tag = requireTag(library, id);
  library.db.prepare('DELETE FROM tag WHERE id = ?').run(id);
  library.events.emit('library.changed', { reason: 'tag-changed' });
  return tag;
}
