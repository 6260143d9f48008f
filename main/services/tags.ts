// User-defined tags (nestable codes), applied to highlights beside their kind.
import { AppError } from '../../common/api/errors.ts';
import type { ParsedInput } from '../../common/api/contract.ts';
import type { Tag } from '../../common/api/methods/tags.ts';
import { nowIso } from '../db/time.ts';
import type { Library } from './library.ts';
import { mutate } from '../db/mutation.ts';
import { quoted } from '../../common/text/quote.ts';

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
    id = mutate(library.db, { label: `Create the tag ${quoted(input.name)}` }, () =>
      Number(
        library.db
          .prepare('INSERT INTO tag (gid, name, parent_id, color, created_at) VALUES (casefile_gid(), ?, ?, ?, ?)')
          .run(input.name, input.parentId ?? null, input.color ?? null, nowIso()).lastInsertRowid,
      ),
    ).result;
  } catch (error) {
    uniqueName(error, input.name);
  }
  return requireTag(library, id);
}

export function updateTag(library: Library, input: ParsedInput<'tags.update'>): Tag {
  const tag = requireTag(library, input.id);
  assertParent(library, tag.id, input.parentId);
  const label = input.name !== undefined && input.name !== tag.name ? `Rename the tag ${quoted(tag.name)} to ${quoted(input.name)}` : `Edit the tag ${quoted(tag.name)}`;
  try {
    mutate(library.db, { label }, () =>
      library.db
        .prepare('UPDATE tag SET name = ?, parent_id = ?, color = ? WHERE id = ?')
        .run(input.name ?? tag.name, input.parentId === undefined ? tag.parentId : input.parentId, input.color === undefined ? tag.color : input.color, tag.id),
    );
  } catch (error) {
    uniqueName(error, input.name ?? tag.name);
  }
  return requireTag(library, tag.id);
}

export function deleteTag(library: Library, id: number): Tag {
  const tag = requireTag(library, id);
  mutate(library.db, { label: `Delete the tag ${quoted(tag.name)}` }, () => library.db.prepare('DELETE FROM tag WHERE id = ?').run(id));
  return tag;
}
