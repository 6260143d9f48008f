// Search SQL. The full-text match drives every query: each branch starts from its FTS5
// table (CROSS JOIN and a unary + keep it the outer loop whatever the planner thinks of
// the filters), and the filters are checked on the matched rows only: as sets of ids
// read once from an index (outlet, dates, actors, tags), or by key on the matched
// highlight. No content table is scanned. The EXPLAIN QUERY PLAN test in
// search.test.ts holds the planner to this.
import type { Db } from '../db.ts';
import { madeBySql } from './makers.ts';
import { ANNOTATION_KINDS, type AnnotationKind } from '../../../common/api/methods/annotations.ts';

export interface ResolvedFilters {
  /** Result kinds wanted. */
  article: boolean;
  annotationKinds: readonly AnnotationKind[];
  note: boolean;
  actorIds: readonly number[] | null;
  sourceIds: readonly number[] | null;
  outlet: string | null;
  /** The tag and every tag nested under it. */
  tagIds: readonly number[] | null;
  from: string | null;
  to: string | null;
  /** Only what this member made (imported, highlighted, wrote); `shared`: the library joined a team. */
  madeBy: { name: string; shared: boolean } | null;
}

export interface HitRow {
  kind: string;
  rid: number;
  score: number;
  /** Every match, when asked for with the page. */
  total?: number;
}

type Params = Record<string, string | number>;

/**
 * Ten times more weight to a title than to the body; a highlight's quote twice its note.
 * bm25 favours short texts, so a two-word highlight would outrank every article naming
 * the same words: highlights count half, so the articles are not buried under them.
 */
const ARTICLE_RANK = 'bm25(article_fts, 10.0, 1.0)';
const ANNOTATION_RANK = '0.5 * bm25(annotation_fts, 2.0, 1.0)';
const NOTE_RANK = 'bm25(note_fts, 10.0, 1.0)';

const ANNOTATION_KIND_COUNT = ANNOTATION_KINDS.length;

const inList = (param: string) => `(SELECT value FROM json_each(@${param}))`;

/** Annotations that name one of the entities, or claims they make / are attributed to. */
function tiedTo(alias: string, param: string, table: 'claim_claimant' | 'claim_source'): string {
  return `(${alias}.entity_id IN ${inList(param)}
    OR ${alias}.id IN (SELECT claim_id FROM ${table} WHERE entity_id IN ${inList(param)}))`;
}

/** Claims with a highlight naming one of the entities inside their range. */
function containsHighlightOf(alias: string, param: string): string {
  return `(${alias}.kind = 'claim' AND ${alias}.anchor_status <> 'orphan' AND EXISTS (
    SELECT 1 FROM annotation h WHERE h.article_id = ${alias}.article_id
      AND h.start_offset >= ${alias}.start_offset AND h.start_offset < ${alias}.end_offset AND h.end_offset <= ${alias}.end_offset
      AND h.entity_id IN ${inList(param)} AND h.anchor_status <> 'orphan'))`;
}

function articlesTiedTo(param: string, table: 'claim_claimant' | 'claim_source'): string {
  return `(SELECT article_id FROM annotation WHERE entity_id IN ${inList(param)}
    UNION SELECT x.article_id FROM ${table} c JOIN annotation x ON x.id = c.claim_id WHERE c.entity_id IN ${inList(param)})`;
}

/**
 * Outlet and date filters as one set of article ids, read once per query from one index
 * range (article_by_outlet_and_date, or article_by_published for dates alone) and shared
 * by every kind of result, so a matched row is checked without reading its article: at
 * 100,000 articles, fetching every matched article row costs more than the match itself.
 */
function articleScopeSql(f: ResolvedFilters): string | null {
  const where = [
    f.outlet !== null ? 'outlet = @outlet COLLATE NOCASE' : null,
    // ISO dates and datetimes sort as text: "on or before 2024-06-30" is "before 2024-07-01".
    f.from !== null ? 'published_at >= @from' : null,
    f.to !== null ? 'published_at < @until' : null,
  ].filter(Boolean);
  return where.length ? `SELECT id FROM article WHERE ${where.join(' AND ')}` : null;
}

/** The statement's common table of the articles in scope (before its first SELECT), or nothing without such filters. */
function withScope(f: ResolvedFilters): string {
  const scope = articleScopeSql(f);
  return scope ? `WITH article_scope(id) AS MATERIALIZED (${scope})\n` : '';
}

function articleScope(f: ResolvedFilters, key: string): string[] {
  return articleScopeSql(f) ? [`${key} IN article_scope`] : [];
}

/** The unary + keeps FTS5 from taking "rowid IN" as a lookup: the match stays the outer loop. */
const ARTICLE_KEY = '+article_fts.rowid';

function articleFilters(f: ResolvedFilters): string[] {
  const where = articleScope(f, ARTICLE_KEY);
  if (f.actorIds) where.push(`${ARTICLE_KEY} IN ${articlesTiedTo('actors', 'claim_claimant')}`);
  if (f.sourceIds) where.push(`${ARTICLE_KEY} IN ${articlesTiedTo('sources', 'claim_source')}`);
  if (f.tagIds) {
    where.push(`${ARTICLE_KEY} IN (SELECT article_id FROM article_tag WHERE tag_id IN ${inList('tags')}
      UNION SELECT x.article_id FROM annotation_tag t JOIN annotation x ON x.id = t.annotation_id WHERE t.tag_id IN ${inList('tags')})`);
  }
  if (f.madeBy) where.push(`${ARTICLE_KEY} IN ${madeBySql('article', 'author', f.madeBy.shared)}`);
  return where;
}

function annotationFilters(f: ResolvedFilters): string[] {
  const where = articleScope(f, 'n.article_id');
  if (f.annotationKinds.length < ANNOTATION_KIND_COUNT) where.push(`n.kind IN ${inList('kinds')}`);
  if (f.actorIds) where.push(`(${tiedTo('n', 'actors', 'claim_claimant')} OR ${containsHighlightOf('n', 'actors')})`);
  if (f.sourceIds) where.push(`(${tiedTo('n', 'sources', 'claim_source')} OR ${containsHighlightOf('n', 'sources')})`);
  if (f.tagIds) where.push(`n.id IN (SELECT annotation_id FROM annotation_tag WHERE tag_id IN ${inList('tags')})`);
  if (f.madeBy) where.push(`n.id IN ${madeBySql('annotation', 'author', f.madeBy.shared)}`);
  return where;
}

/** Notebook pages pass an entity or tag filter through the highlights they quote. */
function noteFilters(f: ResolvedFilters): string[] {
  const quoted = (condition: string) =>
    `o.id IN (SELECT na.note_id FROM note_annotation na JOIN annotation x ON x.id = na.annotation_id WHERE ${condition})`;
  const where: string[] = [];
  if (f.actorIds) where.push(quoted(tiedTo('x', 'actors', 'claim_claimant')));
  if (f.sourceIds) where.push(quoted(tiedTo('x', 'sources', 'claim_source')));
  if (f.tagIds) where.push(quoted(`x.id IN (SELECT annotation_id FROM annotation_tag WHERE tag_id IN ${inList('tags')})`));
  if (f.madeBy) where.push(`o.id IN ${madeBySql('note', 'author', f.madeBy.shared)}`);
  return where;
}

/** Notes have no outlet or publication date: a filter on either leaves them out. */
function wantsNotes(f: ResolvedFilters): boolean {
  return f.note && f.outlet === null && f.from === null && f.to === null;
}

const and = (where: string[]) => (where.length ? ` AND ${where.join(' AND ')}` : '');

/**
 * How a branch's rows are produced: only matching rows (for counting), ranked, or
 * ranked within the newest `@window` matching rows of the branch. bm25 scores every row
 * the match yields before the best are known; a window read in rowid order (FTS5's own
 * order, newest imported first when descending) stops after `@window` rows.
 */
type Ranking = 'count' | 'all' | 'window';

/**
 * One SELECT per kind of result, each reaching its content rows only when a filter
 * needs them. Highlights come out as kind 'annotation'; their own kind is read with
 * the page.
 */
function branches(f: ResolvedFilters, ranking: Ranking, slice: Slice | null = null): string[] {
  const branch = (kind: string, fts: string, rank: string, join: string, where: string[]) => {
    const select = `SELECT '${kind}' AS kind, ${fts}.rowid AS rid${ranking === 'count' ? '' : `, ${rank} AS score`}
      FROM ${fts}${where.length ? join : ''}
      WHERE ${fts} MATCH @q${and(where)}`;
    return ranking === 'window' ? `SELECT * FROM (${select}\n      ORDER BY ${fts}.rowid DESC LIMIT @window)` : select;
  };
  const out: string[] = [];
  // A slice's bounds are on the FTS5 rowid itself (no unary +): FTS5 seeks to them. As
  // integers: better-sqlite3 binds a JS number as a REAL, and with a REAL bound a phrase
  // ranked over half of 100,000 articles took 78 ms instead of 63.
  const bounds = [slice?.from != null ? 'article_fts.rowid >= CAST(@sliceFrom AS INTEGER)' : null, slice?.to != null ? 'article_fts.rowid < CAST(@sliceTo AS INTEGER)' : null].filter(
    (b): b is string => b !== null,
  );
  if (f.article) out.push(branch('article', 'article_fts', ARTICLE_RANK, '', [...bounds, ...articleFilters(f)]));
  // Highlights and notebook pages are few beside the articles: the first slice takes them whole.
  if (slice && !slice.others) return out;
  if (f.annotationKinds.length > 0) {
    out.push(branch('annotation', 'annotation_fts', ANNOTATION_RANK, ' CROSS JOIN annotation n ON n.id = annotation_fts.rowid', annotationFilters(f)));
  }
  if (wantsNotes(f)) out.push(branch('note', 'note_fts', NOTE_RANK, ' CROSS JOIN note o ON o.id = note_fts.rowid', noteFilters(f)));
  return out;
}

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function params(q: string, f: ResolvedFilters): Params {
  const p: Params = { q };
  if (f.annotationKinds.length > 0 && f.annotationKinds.length < ANNOTATION_KIND_COUNT) p.kinds = JSON.stringify(f.annotationKinds);
  if (f.actorIds) p.actors = JSON.stringify(f.actorIds);
  if (f.sourceIds) p.sources = JSON.stringify(f.sourceIds);
  if (f.tagIds) p.tags = JSON.stringify(f.tagIds);
  if (f.outlet !== null) p.outlet = f.outlet;
  if (f.from !== null) p.from = f.from;
  if (f.to !== null) p.until = dayAfter(f.to);
  if (f.madeBy) p.author = f.madeBy.name;
  return p;
}

/** True when some filter narrows the matches (the sets it builds cost as much as the match). */
export function isFiltered(f: ResolvedFilters): boolean {
  return f.actorIds !== null || f.sourceIds !== null || f.outlet !== null || f.tagIds !== null || f.from !== null || f.to !== null || f.madeBy !== null;
}

/**
 * A part of a ranking split over several connections (main/db/readers.ts): the articles
 * whose id is in [from, to) (null: unbounded), and, for one part, the other kinds too.
 */
export interface Slice {
  from: number | null;
  to: number | null;
  others: boolean;
}

/** Article ids cut into `parts` ranges of equal width, the first and last open-ended (articles added meanwhile fall in one). */
export function articleSlices(db: Db, parts: number): Slice[] {
  const newest = (db.prepare('SELECT coalesce(max(id), 0) FROM article').pluck().get() as number) + 1;
  const cuts = Array.from({ length: parts - 1 }, (_, i) => Math.floor(((i + 1) * newest) / parts));
  return Array.from({ length: parts }, (_, i) => ({ from: i === 0 ? null : cuts[i - 1]!, to: i === parts - 1 ? null : cuts[i]!, others: i === 0 }));
}

export interface RankOptions {
  /**
   * Each row also carries the number of all matches: one pass instead of a second,
   * separate count (worth it when filters make each pass costly).
   */
  withTotal?: boolean;
  /** Rank only the newest this many matches of each kind. */
  window?: number;
  /** Only this part of the matches (ranked in full: not with `window`). */
  slice?: Slice;
}

/** The ranked page query and its parameters (exported for the query-plan test). */
export function rankedSql(q: string, f: ResolvedFilters, offset: number, limit: number, options: RankOptions = {}): { sql: string; params: Params } | null {
  const parts = branches(f, options.window === undefined ? 'all' : 'window', options.slice ?? null);
  if (parts.length === 0) return null;
  const union = parts.join('\nUNION ALL\n');
  return {
    sql: options.withTotal
      ? `${withScope(f)}SELECT kind, rid, score, count(*) OVER () AS total FROM (${union})\nORDER BY score, kind, rid LIMIT @limit OFFSET @offset`
      : `${withScope(f)}${union}\nORDER BY score, kind, rid LIMIT @limit OFFSET @offset`,
    params: { ...params(q, f), limit, offset, ...(options.window === undefined ? {} : { window: options.window }), ...sliceParams(options.slice ?? null) },
  };
}

/** The count of every match, or of one slice's. */
export function countSql(q: string, f: ResolvedFilters, slice: Slice | null = null): { sql: string; params: Params } | null {
  const parts = branches(f, 'count', slice);
  if (parts.length === 0) return null;
  return { sql: `${withScope(f)}SELECT count(*) AS total FROM (${parts.join('\nUNION ALL\n')})`, params: { ...params(q, f), ...sliceParams(slice) } };
}

function sliceParams(slice: Slice | null): Params {
  return { ...(slice?.from != null ? { sliceFrom: slice.from } : {}), ...(slice?.to != null ? { sliceTo: slice.to } : {}) };
}

export function rankedHits(db: Db, q: string, f: ResolvedFilters, offset: number, limit: number, options: RankOptions = {}): HitRow[] {
  const query = rankedSql(q, f, offset, limit, options);
  return query ? (db.prepare(query.sql).all(query.params) as HitRow[]) : [];
}

export function countHits(db: Db, q: string, f: ResolvedFilters): number {
  const query = countSql(q, f);
  return query ? (db.prepare(query.sql).pluck().get(query.params) as number) : 0;
}

// A page's rows are read back with their hits marked in one statement per table, and
// with their text as written: highlight() marks the folded text the index holds. The
// unary + keeps "rowid IN" away from FTS5: it would otherwise run the match once per
// id (costly for a prefix query), where this way it runs once and only the page's
// rows are highlighted.

export interface ArticleHitRow {
  id: number;
  title: string;
  text: string;
  outlet: string | null;
  published_at: string | null;
  marked_title: string;
  marked_text: string;
}

export function markedArticles(db: Db, q: string, ids: readonly number[], open: string, close: string): ArticleHitRow[] {
  if (ids.length === 0) return [];
  return db
    .prepare(
      `SELECT a.id, a.title, a.text, a.outlet, a.published_at,
         highlight(article_fts, 0, @open, @close) AS marked_title, highlight(article_fts, 1, @open, @close) AS marked_text
       FROM article_fts CROSS JOIN article a ON a.id = article_fts.rowid
       WHERE article_fts MATCH @q AND +article_fts.rowid IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ q, ids: JSON.stringify(ids), open, close }) as ArticleHitRow[];
}

export interface AnnotationHitRow {
  id: number;
  kind: AnnotationKind;
  article_id: number;
  start_offset: number;
  anchor_status: string;
  title: string;
  outlet: string | null;
  published_at: string | null;
  entity_id: number | null;
  entity_kind: 'actor' | 'source' | null;
  entity_name: string | null;
  entity_reliability: string | null;
  quote_exact: string;
  note: string | null;
  marked_quote: string;
  marked_note: string;
}

export function markedAnnotations(db: Db, q: string, ids: readonly number[], open: string, close: string): AnnotationHitRow[] {
  if (ids.length === 0) return [];
  return db
    .prepare(
      `SELECT n.id, n.kind, n.article_id, n.start_offset, n.anchor_status, n.quote_exact, n.note, a.title, a.outlet, a.published_at,
         e.id AS entity_id, e.kind AS entity_kind, e.name AS entity_name, e.reliability AS entity_reliability,
         highlight(annotation_fts, 0, @open, @close) AS marked_quote, highlight(annotation_fts, 1, @open, @close) AS marked_note
       FROM annotation_fts CROSS JOIN annotation n ON n.id = annotation_fts.rowid
         JOIN article a ON a.id = n.article_id LEFT JOIN entity e ON e.id = n.entity_id
       WHERE annotation_fts MATCH @q AND +annotation_fts.rowid IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ q, ids: JSON.stringify(ids), open, close }) as AnnotationHitRow[];
}

export interface NoteHitRow {
  id: number;
  title: string;
  text: string;
  marked_title: string;
  marked_text: string;
}

export function markedNotes(db: Db, q: string, ids: readonly number[], open: string, close: string): NoteHitRow[] {
  if (ids.length === 0) return [];
  return db
    .prepare(
      `SELECT o.id, o.title, o.text, highlight(note_fts, 0, @open, @close) AS marked_title, highlight(note_fts, 1, @open, @close) AS marked_text
       FROM note_fts CROSS JOIN note o ON o.id = note_fts.rowid
       WHERE note_fts MATCH @q AND +note_fts.rowid IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ q, ids: JSON.stringify(ids), open, close }) as NoteHitRow[];
}

/** The tag and all tags nested under it. */
export function tagWithDescendants(db: Db, tagId: number): number[] {
  return db
    .prepare('WITH RECURSIVE down(id) AS (SELECT id FROM tag WHERE id = ? UNION SELECT t.id FROM tag t JOIN down ON t.parent_id = down.id) SELECT id FROM down')
    .pluck()
    .all(tagId) as number[];
}

// Suggested actor mentions (suggestions.ts): what an article already has, the names known,
// and the texts the researcher dismissed there.

export function articleText(db: Db, articleId: number): string | undefined {
  return db.prepare('SELECT text FROM article WHERE id = ?').pluck().get(articleId) as string | undefined;
}

/** Ranges of the article's actor highlights (orphans have no place in the text), sorted by start. */
export function actorHighlightRanges(db: Db, articleId: number): { start: number; end: number }[] {
  return db
    .prepare(`SELECT start_offset AS start, end_offset AS end FROM annotation WHERE article_id = ? AND kind = 'actor' AND anchor_status <> 'orphan' ORDER BY start_offset`)
    .all(articleId) as { start: number; end: number }[];
}

export function dismissedSuggestions(db: Db, articleId: number): string[] {
  return db.prepare('SELECT text FROM suggestion_dismissal WHERE article_id = ?').pluck().all(articleId) as string[];
}

/** Every actor's name and alias, each with the actor's id and name. */
export function actorNames(db: Db): { id: number; text: string; name: string }[] {
  return db
    .prepare(
      `SELECT e.id, e.name AS text, e.name FROM entity e WHERE e.kind = 'actor'
       UNION SELECT e.id, x.alias, e.name FROM entity e JOIN entity_alias x ON x.entity_id = e.id WHERE e.kind = 'actor'`,
    )
    .all() as { id: number; text: string; name: string }[];
}

export function insertDismissal(db: Db, articleId: number, text: string, at: string): void {
  db.prepare('INSERT OR IGNORE INTO suggestion_dismissal (gid, article_id, text, created_at) VALUES (casefile_gid(), ?, ?, ?)').run(articleId, text, at);
}

/** Rows removed (0 when the text was not dismissed). */
export function deleteDismissal(db: Db, articleId: number, text: string): number {
  return db.prepare('DELETE FROM suggestion_dismissal WHERE article_id = ? AND text = ?').run(articleId, text).changes;
}
