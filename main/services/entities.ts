// Actors and sources: records with aliases under the analyst's control. A highlight
// names one by id, or by a name that is resolved against names and aliases (and
// created when it is new).
import { AppError } from '../../common/api/errors.ts';
import type { ParsedInput } from '../../common/api/contract.ts';
import type { EntityRef } from '../../common/api/methods/annotations.ts';
import type { EntityDetail, EntityKind, EntityMention, EntitySummary } from '../../common/api/methods/entities.ts';
import * as repo from '../db/repositories/entities.ts';
import { readAnnotations, readArticleDates } from '../db/repositories/annotations.ts';
import { nowIso } from '../db/time.ts';
import type { Library } from './library.ts';
import { mutate } from '../db/mutation.ts';
import type { WriteDb } from '../db/handles.ts';
import { quoted } from '../../common/text/quote.ts';

export type EntityChoice = { id: number } | { name: string };

function requireEntity(library: Library, id: number): EntitySummary {
  const entity = repo.getEntity(library.db, id);
  if (!entity) throw new AppError('NOT_FOUND', `There is no actor or source ${id} in this library.`);
  return entity;
}

/** The entity a choice names, creating it from a new name. Runs inside the caller's `mutate` (its handle is `db`). */
export function resolveEntity(db: WriteDb, library: Library, kind: EntityKind, choice: EntityChoice): EntityRef {
  if ('id' in choice) {
    const entity = requireEntity(library, choice.id);
    if (entity.kind !== kind) {
      throw new AppError('INVALID_INPUT', `${entity.name} (${entity.id}) is ${entity.kind === 'actor' ? 'an actor' : 'a source'}, not ${kind === 'actor' ? 'an actor' : 'a source'}.`);
    }
    return { id: entity.id, kind: entity.kind, name: entity.name, reliability: entity.reliability };
  }
  const name = choice.name.trim();
  const matches = repo.findEntitiesByName(library.db, kind, name);
  const byName = matches.filter((m) => m.byName);
  const distinct = [...new Map(matches.map((m) => [m.id, m])).values()];
  if (byName.length === 1 || distinct.length === 1) {
    return resolveEntity(db, library, kind, { id: (byName[0] ?? distinct[0])!.id });
  }
  if (distinct.length > 1) {
    throw new AppError(
      'CONFLICT',
      `"${name}" is an alias of ${distinct.length} ${kind}s (${distinct.map((m) => `${m.name} [${m.id}]`).join(', ')}); choose one by id.`,
    );
  }
  const id = repo.insertEntity(db, { kind, name, sourceType: null, reliability: null, description: '' }, nowIso());
  return { id, kind, name, reliability: null };
}

export function listEntities(library: Library, input: ParsedInput<'entities.list'>): EntitySummary[] {
  return repo.listEntities(library.db, input);
}

export function getEntityDetail(library: Library, id: number): EntityDetail {
  const entity = requireEntity(library, id);
  const mentions = withArticles(library, readAnnotations(library.db, { entityId: id }));
  const table = entity.kind === 'actor' ? 'claim_claimant' : 'claim_source';
  const claimIds = repo.claimIdsOf(library.db, table, id);
  const claims = withArticles(library, claimIds.length ? readAnnotations(library.db, { ids: claimIds }) : []);
  return { ...entity, mentions, claims };
}

function withArticles(library: Library, annotations: ReturnType<typeof readAnnotations>): EntityMention[] {
  if (annotations.length === 0) return [];
  const articleIds = [...new Set(annotations.map((a) => a.articleId))];
  const byId = readArticleDates(library.db, articleIds);
  return annotations.map((a) => ({ ...a, articleTitle: byId.get(a.articleId)?.title ?? '', outlet: byId.get(a.articleId)?.outlet ?? null }));
}

function cleanAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([name.toLowerCase()]);
  const out: string[] = [];
  for (const alias of aliases.map((a) => a.trim()).filter(Boolean)) {
    if (seen.has(alias.toLowerCase())) continue;
    seen.add(alias.toLowerCase());
    out.push(alias);
  }
  return out;
}

function assertNameFree(library: Library, kind: EntityKind, name: string, exceptId?: number): void {
  const clash = repo.findEntitiesByName(library.db, kind, name).find((m) => m.byName && m.id !== exceptId);
  if (clash) throw new AppError('CONFLICT', `There is already ${kind === 'actor' ? 'an actor' : 'a source'} named "${clash.name}" (${clash.id}).`);
}

function assertSourceFields(kind: EntityKind, input: { sourceType?: unknown; reliability?: unknown }): void {
  if (kind === 'actor' && (input.sourceType || input.reliability)) {
    throw new AppError('INVALID_INPUT', 'Only sources have a source type and a reliability grade.');
  }
}

export function createEntity(library: Library, input: ParsedInput<'entities.create'>): EntitySummary {
  assertSourceFields(input.kind, input);
  const { result: id } = mutate(library.db, { label: `Add the ${input.kind} ${quoted(input.name)}` }, (db) => {
    assertNameFree(library, input.kind, input.name);
    const created = repo.insertEntity(
      db,
      { kind: input.kind, name: input.name, sourceType: input.sourceType ?? null, reliability: input.reliability ?? null, description: input.description ?? '' },
      nowIso(),
    );
    repo.setAliases(db, created, cleanAliases(input.name, input.aliases ?? []));
    return created;
  });
  return requireEntity(library, id);
}

export function updateEntity(library: Library, input: ParsedInput<'entities.update'>): EntitySummary {
  const entity = requireEntity(library, input.id);
  assertSourceFields(entity.kind, input);
  const label = input.name !== undefined && input.name !== entity.name ? `Rename the ${entity.kind} ${quoted(entity.name)} to ${quoted(input.name)}` : `Edit the ${entity.kind} ${quoted(entity.name)}`;
  mutate(library.db, { label }, (db) => {
    const name = input.name ?? entity.name;
    if (input.name !== undefined) assertNameFree(library, entity.kind, input.name, entity.id);
    repo.updateEntityRow(db, entity.id, {
      name,
      sourceType: input.sourceType === undefined ? entity.sourceType : input.sourceType,
      reliability: input.reliability === undefined ? entity.reliability : input.reliability,
      description: input.description ?? entity.description,
      updatedAt: nowIso(),
    });
    if (input.aliases !== undefined || input.name !== undefined) {
      repo.setAliases(db, entity.id, cleanAliases(name, input.aliases ?? entity.aliases));
    }
  });
  return requireEntity(library, entity.id);
}

/** Folds one actor (or source) into another: names become aliases, highlights and claims move. */
export function mergeEntities(library: Library, keepId: number, mergeId: number): EntitySummary {
  if (keepId === mergeId) throw new AppError('INVALID_INPUT', 'An actor or source cannot be merged into itself.');
  const keep = requireEntity(library, keepId);
  const merge = requireEntity(library, mergeId);
  if (keep.kind !== merge.kind) throw new AppError('INVALID_INPUT', `${merge.name} is ${merge.kind === 'actor' ? 'an actor' : 'a source'} and ${keep.name} is not.`);
  mutate(library.db, { label: `Merge the ${merge.kind} ${quoted(merge.name)} into ${quoted(keep.name)}` }, (db) => {
    repo.setAliases(db, keep.id, cleanAliases(keep.name, [...keep.aliases, merge.name, ...merge.aliases]));
    repo.mergeEntityRows(db, keep.id, merge, nowIso());
  });
  return requireEntity(library, keep.id);
}
