// User-defined tags (nestable codes), applied to highlights beside their kind.
import { AppError } from '../../common/api/errors.ts';
import type { ParsedInput } from '../../common/api/contract.ts';
import type { Tag } from '../../common/api/methods/tags.ts';
import { nowIso } from '../db/time.ts';
import type { Library } from './library.ts';
import { mutate } from '../db/mutation.ts';
import * as repo from '../db/repositories/tags.ts';
import { quoted } from '../../common/text/quote.ts';

export function listTags(library: Library): Tag[] {
  return repo.listTags(library.db);
}

function requireTag(library: Library, id: number): Tag {
  const tag = repo.getTag(library.db, id);
  if (!tag) throw new AppError('NOT_FOUND', `There is no tag ${id} in this library.`);
  return tag;
}

function assertParent(library: Library, id: number | null, parentId: number | null | undefined): void {
  if (parentId === null || parentId === undefined) return;
  requireTag(library, parentId);
  // A tag cannot sit under itself or its own descendants.
  const ancestors = repo.tagAncestors(library.db, parentId);
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
    id = mutate(library.db, { label: `Create the tag ${quoted(input.name)}` }, (db) =>
      repo.insertTag(db, { name: input.name, parentId: input.parentId ?? null, color: input.color ?? null }, nowIso()),
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
    mutate(library.db, { label }, (db) =>
      repo.updateTagRow(db, tag.id, {
        name: input.name ?? tag.name,
        parentId: input.parentId === undefined ? tag.parentId : input.parentId,
        color: input.color === undefined ? tag.color : input.color,
      }),
    );
  } catch (error) {
    uniqueName(error, input.name ?? tag.name);
  }
  return requireTag(library, tag.id);
}

export function deleteTag(library: Library, id: number): Tag {
  const tag = requireTag(library, id);
  mutate(library.db, { label: `Delete the tag ${quoted(tag.name)}` }, (db) => repo.deleteTagRow(db, id));
  return tag;
}
