// Highlights: created from a range of the canonical text (the reader) or a quote found
// in it (the CLI), saved at once in one transaction, and read back as whole records.
import { AppError } from '../../common/api/errors.ts';
import type { ParsedInput } from '../../common/api/contract.ts';
import type { Annotation, AnnotationFindPage, AnnotationKind } from '../../common/api/methods/annotations.ts';
import { describe, findQuote, QuoteAmbiguousError, QuoteNotFoundError } from '../../common/anchoring/index.ts';
import * as repo from '../db/repositories/annotations.ts';
import * as claims from '../db/repositories/claims.ts';
import { entityName } from '../db/repositories/entities.ts';
import * as tags from '../db/repositories/tags.ts';
import { mutate } from '../db/mutation.ts';
import { quoted } from '../../common/text/quote.ts';
import { nowIso } from '../db/time.ts';
import { resolveEntity, type EntityChoice } from './entities.ts';
import type { Library } from './library.ts';
import type { WriteDb } from '../db/handles.ts';
import { typedWords } from './typeahead.ts';

function articleText(library: Library, articleId: number): string {
  const text = repo.anchorText(library.db, articleId);
  if (text === undefined) throw new AppError('NOT_FOUND', `There is no article ${articleId} in this library.`);
  return text;
}

export function getAnnotation(library: Library, id: number): Annotation {
  const [annotation] = repo.readAnnotations(library.db, { ids: [id] });
  if (!annotation) throw new AppError('NOT_FOUND', `There is no highlight ${id} in this library.`);
  return annotation;
}

export function listAnnotations(library: Library, input: ParsedInput<'annotations.list'>): Annotation[] {
  return repo.readAnnotations(library.db, input);
}

/** Highlights to pick from, across the library, narrowed by what was typed (annotations.find). */
export function findAnnotations(library: Library, input: ParsedInput<'annotations.find'>): AnnotationFindPage {
  const { db } = library;
  const words = typedWords(db, input.text, { entities: true });
  // One more than asked: whether another page follows, without counting.
  const found = repo.findAnnotationIds(db, { words, kind: input.kind, exceptArticleId: input.exceptArticleId, before: input.before, limit: input.limit + 1 });
  const page = found.slice(0, input.limit);
  const annotations = new Map(repo.readAnnotations(db, { ids: page }).map((a) => [a.id, a]));
  const articles = repo.readArticleRefs(db, [...new Set([...annotations.values()].map((a) => a.articleId))]);
  const items = page.flatMap((id) => {
    const annotation = annotations.get(id);
    const article = annotation && articles.get(annotation.articleId);
    return annotation && article ? [{ ...annotation, article }] : [];
  });
  return { items, next: found.length > input.limit ? page[page.length - 1]! : null };
}

function entityKindFor(kind: AnnotationKind): 'actor' | 'source' | null {
  return kind === 'actor' || kind === 'source' ? kind : null;
}

function assertTagsExist(library: Library, tagIds: readonly number[]): void {
  if (tagIds.length === 0) return;
  const found = tags.countTags(library.db, tagIds);
  if (found !== new Set(tagIds).size) throw new AppError('NOT_FOUND', 'One of the tags does not exist in this library.');
}

function resolveRange(text: string, target: ParsedInput<'annotations.create'>['target'], articleId: number): { start: number; end: number } {
  if ('quote' in target) {
    try {
      return findQuote(text, target.quote, target.occurrence);
    } catch (error) {
      if (error instanceof RangeError) throw new AppError('INVALID_INPUT', 'The quote is empty.');
      const quoted = `"${target.quote.length > 60 ? `${target.quote.slice(0, 57)}...` : target.quote}"`;
      const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
      if (error instanceof QuoteAmbiguousError) {
        throw new AppError('QUOTE_AMBIGUOUS', `${quoted} occurs ${times(error.count)} in article ${articleId}; choose an occurrence from 1 to ${error.count}.`);
      }
      if (error instanceof QuoteNotFoundError) {
        throw new AppError(
          'QUOTE_NOT_FOUND',
          error.count === 0 ? `${quoted} is not in article ${articleId}.` : `${quoted} occurs ${times(error.count)} in article ${articleId}, so there is no occurrence ${error.occurrence}.`,
        );
      }
      throw error;
    }
  }
  if (target.end <= target.start || target.end > text.length) {
    throw new AppError('INVALID_INPUT', `The range ${target.start}-${target.end} is not inside the article's text (0-${text.length}).`);
  }
  if (text.slice(target.start, target.end).trim().length === 0) {
    throw new AppError('INVALID_INPUT', 'A highlight must cover some text, not only spaces.');
  }
  return { start: target.start, end: target.end };
}

/** Makes a highlight a claim (kept when it is one) and sets the claim fields given. */
export function writeClaim(
  db: WriteDb,
  library: Library,
  claimId: number,
  fields: { credibility?: number | null; claimants?: EntityChoice[]; sources?: EntityChoice[] },
): void {
  claims.ensureClaim(db, claimId);
  if (fields.credibility !== undefined) claims.setCredibility(db, claimId, fields.credibility);
  if (fields.claimants) claims.setClaimEntities(db, 'claim_claimant', claimId, fields.claimants.map((c) => resolveEntity(db, library, 'actor', c).id));
  if (fields.sources) claims.setClaimEntities(db, 'claim_source', claimId, fields.sources.map((c) => resolveEntity(db, library, 'source', c).id));
}

export function createAnnotation(library: Library, input: ParsedInput<'annotations.create'>): Annotation {
  const entityKind = entityKindFor(input.kind);
  if (input.entity && !entityKind) throw new AppError('INVALID_INPUT', 'Only actor and source highlights name an actor or source; a claim has claimants and sources.');
  if ((input.claimants || input.sources || input.credibility !== undefined) && input.kind !== 'claim') {
    throw new AppError('INVALID_INPUT', 'Claimants, sources and credibility belong to claim highlights.');
  }
  const { result: id } = mutate(library.db, { label: (created: number) => createdLabel(library, input.kind, created) }, (db) => {
    const text = articleText(library, input.articleId);
    const { start, end } = resolveRange(text, input.target, input.articleId);
    const selector = describe(text, start, end);
    const entityId = input.entity && entityKind ? resolveEntity(db, library, entityKind, input.entity).id : null;
    assertTagsExist(library, input.tagIds ?? []);
    const created = repo.insertAnnotation(db, {
      articleId: input.articleId,
      kind: input.kind,
      ...selector,
      anchorStatus: 'exact',
      entityId,
      note: input.note ?? '',
      createdAt: nowIso(),
    });
    if (input.kind === 'claim') writeClaim(db, library, created, input);
    repo.setAnnotationTags(db, created, input.tagIds ?? []);
    return created;
  });
  return getAnnotation(library, id);
}

function quoteOf(library: Library, id: number): string {
  const exact = repo.quoteOf(library.db, id);
  return quoted(exact ?? `highlight ${id}`);
}

const KIND_WORDS: Record<AnnotationKind, string> = { claim: 'a claim', actor: 'actor', source: 'source', highlight: 'a highlight' };

function createdLabel(library: Library, kind: AnnotationKind, id: number): string {
  return kind === 'highlight' ? `Highlight ${quoteOf(library, id)}` : `Tag ${quoteOf(library, id)} as ${KIND_WORDS[kind]}`;
}

/** What an update did, in the words of the first thing that changed. */
function updatedLabel(library: Library, current: Annotation, input: ParsedInput<'annotations.update'>): string {
  const quote = quoted(current.quote.exact);
  if (input.kind !== undefined && input.kind !== current.kind) return `Tag ${quote} as ${KIND_WORDS[input.kind]}`;
  if (input.entity !== undefined) {
    if (input.entity === null) return `Unlink ${quote} from ${current.entity?.name ?? 'its actor'}`;
    const name = 'id' in input.entity ? entityName(library.db, input.entity.id) : input.entity.name;
    return `Link ${quote} to ${name ?? 'an actor'}`;
  }
  if (input.tagIds !== undefined) {
    const had = new Set(current.tags.map((t) => t.id));
    const names = (ids: number[]) =>
      ids.map((id) => tags.tagName(library.db, id) ?? `tag ${id}`).join(', ');
    const added = input.tagIds.filter((id) => !had.has(id));
    const removed = [...had].filter((id) => !input.tagIds!.includes(id));
    if (added.length > 0 && removed.length === 0) return `Tag ${quote} with ${names(added)}`;
    if (removed.length > 0 && added.length === 0) return `Untag ${quote} (${names(removed)})`;
    return `Change the tags of ${quote}`;
  }
  return `Edit the note on ${quote}`;
}

export function updateAnnotation(library: Library, input: ParsedInput<'annotations.update'>): Annotation {
  const current = getAnnotation(library, input.id);
  const kind = input.kind ?? current.kind;
  const entityKind = entityKindFor(kind);
  if (input.entity && !entityKind) throw new AppError('INVALID_INPUT', `A ${kind} highlight does not name an actor or source.`);
  const onlyNote = input.note !== undefined && input.kind === undefined && input.entity === undefined && input.tagIds === undefined;
  // Saved as the user types: one note edit undoes as one step.
  mutate(library.db, { label: updatedLabel(library, current, input), coalesce: onlyNote ? `annotation-note:${current.id}` : undefined }, (db) => {
    let entityId = current.entity?.id ?? null;
    // Re-tagging keeps the link only when it still fits the new kind.
    if (!entityKind || (current.entity && current.entity.kind !== entityKind)) entityId = null;
    if (input.entity !== undefined) entityId = input.entity && entityKind ? resolveEntity(db, library, entityKind, input.entity).id : null;
    repo.updateAnnotationRow(db, current.id, { kind, note: input.note ?? current.note, entityId, updatedAt: nowIso() });
    if (kind === 'claim' && current.kind !== 'claim') writeClaim(db, library, current.id, {});
    if (kind !== 'claim' && current.kind === 'claim') {
      claims.deleteClaim(db, current.id);
      claims.pruneClaimGroups(db);
    }
    if (input.tagIds) {
      assertTagsExist(library, input.tagIds);
      repo.setAnnotationTags(db, current.id, input.tagIds);
    }
  });
  return getAnnotation(library, current.id);
}

export function deleteAnnotation(library: Library, id: number): Annotation {
  const snapshot = getAnnotation(library, id);
  mutate(library.db, { label: `Delete the highlight ${quoted(snapshot.quote.exact)}` }, (db) => {
    repo.deleteAnnotationRow(db, id);
    claims.pruneClaimGroups(db);
  });
  return snapshot;
}
