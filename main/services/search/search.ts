// Searching the library: the user's query parsed into a safe FTS5 expression, matched
// first and then filtered, ranked with bm25, one page of results turned into snippets.
import { AppError } from '../../../common/api/errors.ts';
import type { ParsedInput } from '../../../common/api/contract.ts';
import { ANNOTATION_KINDS, type AnnotationKind, type EntityRef, type Reliability } from '../../../common/api/methods/annotations.ts';
import type { EntityKind } from '../../../common/api/methods/entities.ts';
import type { PaletteResults, SearchHit, SearchKind, SearchPage } from '../../../common/api/methods/search.ts';
import { findEntitiesByName, getEntity, listEntities } from '../../db/repositories/entities.ts';
import { sharedWithTeam } from '../../db/repositories/makers.ts';
import type { EntityChoice } from '../entities.ts';
import type { Library } from '../library.ts';
import { ftsQuery, typeAheadQuery } from './query.ts';
import * as repo from '../../db/repositories/search.ts';
import { ReadError, type Readers } from '../../db/readers.ts';
import { CLOSE, OPEN, onWrittenText, parseMarked, snippetSegments } from './snippet.ts';

/** The ids an actor/source filter stands for: one by id, or every record with that name or alias. */
function resolveFilterEntity(library: Library, kind: EntityKind, choice: EntityChoice): number[] {
  const what = kind === 'actor' ? 'actor' : 'source';
  if ('id' in choice) {
    const entity = getEntity(library.db, choice.id);
    if (!entity || entity.kind !== kind) throw new AppError('NOT_FOUND', `There is no ${what} ${choice.id} in this library.`);
    return [entity.id];
  }
  const ids = [...new Set(findEntitiesByName(library.db, kind, choice.name.trim()).map((m) => m.id))];
  if (ids.length === 0) throw new AppError('NOT_FOUND', `There is no ${what} named "${choice.name.trim()}" (by name or alias) in this library.`);
  return ids;
}

export function resolveFilters(library: Library, input: Omit<ParsedInput<'search.query'>, 'query' | 'offset' | 'limit'>): repo.ResolvedFilters {
  const kinds = new Set<SearchKind>(input.kinds ?? ['article', ...ANNOTATION_KINDS, 'note']);
  if (input.from && input.to && input.from > input.to) {
    throw new AppError('INVALID_INPUT', `The date range runs backwards: ${input.from} is after ${input.to}.`);
  }
  let tagIds: number[] | null = null;
  if (input.tagId !== undefined) {
    tagIds = repo.tagWithDescendants(library.db, input.tagId);
    if (tagIds.length === 0) throw new AppError('NOT_FOUND', `There is no tag ${input.tagId} in this library.`);
  }
  return {
    article: kinds.has('article'),
    annotationKinds: ANNOTATION_KINDS.filter((k) => kinds.has(k)),
    note: kinds.has('note'),
    actorIds: input.actor ? resolveFilterEntity(library, 'actor', input.actor) : null,
    sourceIds: input.source ? resolveFilterEntity(library, 'source', input.source) : null,
    outlet: input.outlet ?? null,
    tagIds,
    from: input.from ?? null,
    to: input.to ?? null,
    madeBy: input.author ? { name: input.author, shared: sharedWithTeam(library.db) } : null,
  };
}

/**
 * Runs a statement carrying an FTS5 expression. The parser already refused anything
 * malformed; should FTS5 still object, the user hears SEARCH_SYNTAX, never SQLite.
 */
function matching<T>(run: () => T): T {
  try {
    const result = run();
    return (result instanceof Promise ? result.catch(asSearchSyntax) : result) as T;
  } catch (error) {
    return asSearchSyntax(error);
  }
}

function asSearchSyntax(error: unknown): never {
  const message = (error as { message?: unknown }).message;
  if ((error as { code?: unknown }).code === 'SQLITE_ERROR' && typeof message === 'string' && /fts5|MATCH/i.test(message)) {
    throw new AppError('SEARCH_SYNTAX', 'The full-text index could not read this search; try simpler words or a phrase in quotes.');
  }
  throw error;
}

function entityRef(row: { entity_id: number | null; entity_kind: 'actor' | 'source' | null; entity_name: string | null; entity_reliability: string | null }): EntityRef | null {
  if (row.entity_id === null || row.entity_kind === null || row.entity_name === null) return null;
  return { id: row.entity_id, kind: row.entity_kind, name: row.entity_name, reliability: row.entity_reliability as Reliability | null };
}

/** Snippets and offsets for one page of matched rows, in rank order. */
function hydrate(library: Library, q: string, rows: readonly repo.HitRow[]): SearchHit[] {
  const { db } = library;
  const idsOf = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.rid);
  const articles = new Map(repo.markedArticles(db, q, idsOf('article'), OPEN, CLOSE).map((a) => [a.id, a]));
  const annotations = new Map(repo.markedAnnotations(db, q, idsOf('annotation'), OPEN, CLOSE).map((n) => [n.id, n]));
  const notes = new Map(repo.markedNotes(db, q, idsOf('note'), OPEN, CLOSE).map((n) => [n.id, n]));
  const hits: SearchHit[] = [];
  for (const row of rows) {
    const score = -row.score;
    const a = row.kind === 'article' ? articles.get(row.rid) : undefined;
    const n = row.kind === 'annotation' ? annotations.get(row.rid) : undefined;
    const o = row.kind === 'note' ? notes.get(row.rid) : undefined;
    if (a) {
      const text = onWrittenText(parseMarked(a.marked_text), a.text);
      const inText = text.hits.length > 0;
      hits.push({
        kind: 'article',
        articleId: a.id,
        annotationId: null,
        noteId: null,
        title: a.title,
        outlet: a.outlet,
        publishedAt: a.published_at,
        offset: inText ? text.hits[0]!.start : null,
        field: inText ? 'text' : 'title',
        snippet: snippetSegments(inText ? text : onWrittenText(parseMarked(a.marked_title), a.title)),
        entity: null,
        score,
      });
    } else if (n) {
      const quote = onWrittenText(parseMarked(n.marked_quote), n.quote_exact);
      const inQuote = quote.hits.length > 0;
      hits.push({
        kind: n.kind,
        articleId: n.article_id,
        annotationId: n.id,
        noteId: null,
        title: n.title,
        outlet: n.outlet,
        publishedAt: n.published_at,
        // An orphaned highlight has no place in today's text to scroll to.
        offset: n.anchor_status === 'orphan' ? null : n.start_offset + (inQuote ? quote.hits[0]!.start : 0),
        field: inQuote ? 'quote' : 'note',
        snippet: snippetSegments(inQuote ? quote : onWrittenText(parseMarked(n.marked_note), n.note)),
        entity: entityRef(n),
        score,
      });
    } else if (o) {
      const text = onWrittenText(parseMarked(o.marked_text), o.text);
      const inText = text.hits.length > 0;
      hits.push({
        kind: 'note',
        articleId: null,
        annotationId: null,
        noteId: o.id,
        title: o.title,
        outlet: null,
        publishedAt: null,
        offset: null,
        field: inText ? 'text' : 'title',
        snippet: snippetSegments(inText ? text : onWrittenText(parseMarked(o.marked_title), o.title)),
        entity: null,
        score,
      });
    }
  }
  return hits;
}

/**
 * When ranking every match stops being quick. bm25 costs about 2 ms per thousand matches
 * on a laptop core (a word in 96,000 of 100,000 articles: 217 ms), while counting them is
 * cheap (7 ms): above `rankAllUpTo` matches, the first pages rank the newest `window`
 * matches of each kind (8 ms) and say so; `rankAll` ranks everything.
 */
export interface RankLimits {
  rankAllUpTo: number;
  window: number;
}
export const RANK_LIMITS: RankLimits = { rankAllUpTo: 5_000, window: 2_000 };

export interface SearchOptions {
  limits?: RankLimits;
  /**
   * Reader threads (library.ts, libraryReaders) to rank on: the articles in slices side by
   * side, the count beside the newest matches. None: this connection alone.
   */
  readers?: Readers | null;
}

/** Rows of one page, the number of all matches, and the window they were ranked in (null: all). */
interface Ranked {
  rows: repo.HitRow[];
  total: number;
  rankedWithin: number | null;
}

export async function search(library: Library, input: ParsedInput<'search.query'>, options: SearchOptions = {}): Promise<SearchPage> {
  const limits = options.limits ?? RANK_LIMITS;
  const q = ftsQuery(input.query);
  const filters = resolveFilters(library, input);
  // A filtered search stays on the library connection: every slice would build the filter's
  // sets of ids again, and ranking and counting share one pass there.
  const readers = options.readers?.usable && !repo.isFiltered(filters) ? options.readers : null;
  // Parts that saw different moments of the library (a write between them) are read again here.
  const ranked = (readers && (await matching(() => fromReaders(library.db, readers, q, filters, input, limits)))) || matching(() => rankHere(library.db, q, filters, input, limits));
  return { hits: hydrate(library, q, ranked.rows), total: ranked.total, offset: input.offset, limit: input.limit, understood: q, rankedWithin: ranked.rankedWithin };
}

/** Whether the first pages may rank only the newest matches (a page past the window is ranked in full). */
function mayWindow(filters: repo.ResolvedFilters, input: ParsedInput<'search.query'>, limits: RankLimits): boolean {
  return !repo.isFiltered(filters) && !input.rankAll && input.offset + input.limit <= limits.window;
}

function rankHere(db: Library['db'], q: string, filters: repo.ResolvedFilters, input: ParsedInput<'search.query'>, limits: RankLimits): Ranked {
  if (repo.isFiltered(filters)) {
    // Filters make every pass costly: count while ranking, in one pass.
    const rows = repo.rankedHits(db, q, filters, input.offset, input.limit, { withTotal: true });
    const total = input.offset === 0 && rows.length < input.limit ? rows.length : (rows[0]?.total ?? repo.countHits(db, q, filters));
    return { rows, total, rankedWithin: null };
  }
  const total = repo.countHits(db, q, filters);
  if (total > limits.rankAllUpTo && mayWindow(filters, input, limits)) {
    return { rows: repo.rankedHits(db, q, filters, input.offset, input.limit, { window: limits.window }), total, rankedWithin: limits.window };
  }
  return { rows: repo.rankedHits(db, q, filters, input.offset, input.limit), total, rankedWithin: null };
}

/** rankOnReaders, or null when a reader failed (this connection answers then); a query FTS5 refuses is still refused. */
async function fromReaders(...args: Parameters<typeof rankOnReaders>): Promise<Ranked | null> {
  try {
    return await rankOnReaders(...args);
  } catch (error) {
    if (error instanceof ReadError) throw error;
    return null;
  }
}

/**
 * The same page as rankHere, from the readers: the count beside the newest matches, or a
 * full ranking in slices of the articles merged here. bm25 takes its statistics from the
 * whole index in every slice, so the merged order is the one a single query gives
 * (search.test.ts). Ranking all, each slice is counted on its own, after its ranking on
 * the same reader: a count of every match beside them would keep one reader busy for a
 * whole pass of the match (a phrase in 90,000 articles: 28 ms) before its slice.
 * Null when the parts saw different moments of the library.
 */
async function rankOnReaders(db: Library['db'], readers: Readers, q: string, filters: repo.ResolvedFilters, input: ParsedInput<'search.query'>, limits: RankLimits): Promise<Ranked | null> {
  // Counted beside the newest matches, the total is known before the slices are ranked.
  let counted: { total: number; changeSet: number } | null = null;
  if (mayWindow(filters, input, limits)) {
    const countQuery = repo.countSql(q, filters);
    if (!countQuery) return { rows: [], total: 0, rankedWithin: null };
    const windowed = repo.rankedSql(q, filters, input.offset, input.limit, { window: limits.window })!;
    const [count, newest] = await Promise.all([readers.run<{ total: number }>(countQuery.sql, countQuery.params), readers.run<repo.HitRow>(windowed.sql, windowed.params)]);
    if (count.changeSet !== newest.changeSet) return null;
    counted = { total: count.rows[0]!.total, changeSet: count.changeSet };
    if (counted.total > limits.rankAllUpTo) return { rows: newest.rows, total: counted.total, rankedWithin: limits.window };
  }
  // A slice without articles to rank (a search of highlights only) has no query.
  const slices = repo.articleSlices(db, readers.size).flatMap((slice) => {
    const ranked = repo.rankedSql(q, filters, 0, input.offset + input.limit, { slice });
    return ranked ? [{ slice, ranked }] : [];
  });
  // The rankings first, one per reader; each count then waits behind its slice's ranking.
  const rankings = slices.map(({ ranked }) => readers.run<repo.HitRow>(ranked.sql, ranked.params));
  const counts = counted
    ? []
    : slices.map(({ slice }) => {
        // A slice that has a ranking has a count: both come from the same branches.
        const sliceCount = repo.countSql(q, filters, slice)!;
        return readers.run<{ total: number }>(sliceCount.sql, sliceCount.params);
      });
  const [parts, totals] = await Promise.all([Promise.all(rankings), Promise.all(counts)]);
  if (new Set([...parts, ...totals, ...(counted ? [counted] : [])].map((part) => part.changeSet)).size > 1) return null;
  const rows = parts
    .flatMap((part) => part.rows)
    .sort((a, b) => a.score - b.score || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || a.rid - b.rid)
    .slice(input.offset, input.offset + input.limit);
  return { rows, total: counted ? counted.total : totals.reduce((sum, count) => sum + count.rows[0]!.total, 0), rankedWithin: null };
}

/** Filters that let nothing through: a search names the kinds it wants on top of them. */
export const NO_FILTERS: repo.ResolvedFilters = {
  article: false,
  annotationKinds: [],
  note: false,
  actorIds: null,
  sourceIds: null,
  outlet: null,
  tagIds: null,
  from: null,
  to: null,
  madeBy: null,
};

/** Search as you type: titles of articles and notebook pages, quotes of claims, names of actors and sources. */
export function palette(library: Library, input: ParsedInput<'search.palette'>): PaletteResults {
  const text = input.text.trim();
  const entities = (kind: EntityKind) => (text ? listEntities(library.db, { kind, query: text, offset: 0, limit: input.limit }) : []);
  const results: PaletteResults = { articles: [], claims: [], notes: [], actors: entities('actor'), sources: entities('source') };
  const words = typeAheadQuery(text);
  if (!words) return results;
  const find = (column: string, filters: Partial<repo.ResolvedFilters>) => {
    const q = `${column} : (${words})`;
    return matching(() => hydrate(library, q, repo.rankedHits(library.db, q, { ...NO_FILTERS, ...filters }, 0, input.limit)));
  };
  results.articles = find('title', { article: true });
  results.claims = find('quote_exact', { annotationKinds: ['claim'] satisfies AnnotationKind[] });
  results.notes = find('title', { note: true });
  return results;
}
