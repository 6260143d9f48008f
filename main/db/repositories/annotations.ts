// Annotation rows and the read model built from them: one query per related table for
// a whole batch, so an article with thousands of highlights loads in a handful of queries.
import type { ReadDb, WriteDb } from '../handles.ts';
import type { TextSelector } from '../../../common/anchoring/index.ts';
import { confirmedStoryPairs } from './stories.ts';
import { setLinks } from './links.ts';
import { cachedRead, cachedStatement } from '../statements.ts';
import type {
  Annotation,
  AnnotationKind,
  AnchorStatus,
  ArticleRef,
  ClaimDetails,
  CorroboratingReport,
  Credibility,
  EntityRef,
  Reliability,
  TagRef,
} from '../../../common/api/methods/annotations.ts';

interface AnnotationRow {
  id: number;
  gid: string;
  article_id: number;
  kind: AnnotationKind;
  quote_exact: string;
  quote_prefix: string;
  quote_suffix: string;
  start_offset: number;
  end_offset: number;
  anchor_status: AnchorStatus;
  entity_id: number | null;
  note: string;
  created_at: string;
  updated_at: string;
  entity_kind: 'actor' | 'source' | null;
  entity_name: string | null;
  entity_reliability: Reliability | null;
  article_outlet: string | null;
}

export interface AnnotationFilter {
  ids?: readonly number[];
  articleId?: number;
  kind?: AnnotationKind;
  entityId?: number;
  offset?: number;
  limit?: number;
}

export interface NewAnnotationRow {
  id?: number;
  articleId: number;
  kind: AnnotationKind;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  anchorStatus: AnchorStatus;
  entityId: number | null;
  note: string;
  createdAt: string;
}

export function insertAnnotation(db: WriteDb, row: NewAnnotationRow): number {
  const result = db
    .prepare(
      `INSERT INTO annotation (gid, id, article_id, kind, quote_exact, quote_prefix, quote_suffix, start_offset, end_offset,
         anchor_status, entity_id, note, created_at, updated_at)
       VALUES (casefile_gid(), @id, @articleId, @kind, @exact, @prefix, @suffix, @start, @end, @anchorStatus, @entityId, @note, @createdAt, @createdAt)`,
    )
    .run({ ...row, id: row.id ?? null });
  return Number(result.lastInsertRowid);
}

const ids = (values: readonly number[]) => JSON.stringify(values);

export function readAnnotations(db: ReadDb, filter: AnnotationFilter): Annotation[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.ids) {
    where.push('a.id IN (SELECT value FROM json_each(?))');
    params.push(ids(filter.ids));
  }
  if (filter.articleId !== undefined) {
    where.push('a.article_id = ?');
    params.push(filter.articleId);
  }
  if (filter.kind !== undefined) {
    where.push('a.kind = ?');
    params.push(filter.kind);
  }
  if (filter.entityId !== undefined) {
    where.push('a.entity_id = ?');
    params.push(filter.entityId);
  }
  params.push(filter.limit ?? -1, filter.offset ?? 0);
  const rows = db
    .prepare(
      `SELECT a.*, e.kind AS entity_kind, e.name AS entity_name, e.reliability AS entity_reliability, ar.outlet AS article_outlet
       FROM annotation a
       JOIN article ar ON ar.id = a.article_id
       LEFT JOIN entity e ON e.id = a.entity_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY a.article_id, a.start_offset, a.end_offset DESC, a.id
       LIMIT ? OFFSET ?`,
    )
    .all(...params) as AnnotationRow[];
  if (rows.length === 0) return [];

  const rowIds = ids(rows.map((r) => r.id));
  const claims = new Map<number, { credibility: Credibility | null; group_id: number | null }>();
  for (const c of db
    .prepare('SELECT annotation_id, credibility, group_id FROM claim WHERE annotation_id IN (SELECT value FROM json_each(?))')
    .all(rowIds) as { annotation_id: number; credibility: Credibility | null; group_id: number | null }[]) {
    claims.set(c.annotation_id, c);
  }
  const claimants = groupEntities(db, 'claim_claimant', rowIds);
  const sources = groupEntities(db, 'claim_source', rowIds);
  const sameClaims = readGroups(db, [...new Set([...claims.values()].map((c) => c.group_id).filter((g): g is number => g !== null))]);
  const sameStory = confirmedStoryPairs(db, [...new Set([...rows.map((r) => r.article_id), ...[...sameClaims.values()].flat().map((r) => r.articleId)])]);
  const tags = new Map<number, TagRef[]>();
  for (const t of db
    .prepare(
      `SELECT at.annotation_id, t.id, t.name, t.color FROM annotation_tag at JOIN tag t ON t.id = at.tag_id
       WHERE at.annotation_id IN (SELECT value FROM json_each(?)) ORDER BY t.name COLLATE NOCASE`,
    )
    .all(rowIds) as ({ annotation_id: number } & TagRef)[]) {
    push(tags, t.annotation_id, { id: t.id, name: t.name, color: t.color });
  }

  return rows.map((row) => {
    const claim = claims.get(row.id);
    let claimDetails: ClaimDetails | null = null;
    if (claim) {
      const others = claim.group_id === null ? [] : (sameClaims.get(claim.group_id) ?? []).filter((r) => r.annotationId !== row.id);
      claimDetails = {
        credibility: claim.credibility,
        claimants: claimants.get(row.id) ?? [],
        sources: sources.get(row.id) ?? [],
        groupId: claim.group_id,
        sameClaims: others,
        corroboration: countIndependentReports(row.article_id, row.article_outlet, others, sameStory),
      };
    }
    return {
      id: row.id,
      gid: row.gid,
      articleId: row.article_id,
      kind: row.kind,
      quote: { exact: row.quote_exact, prefix: row.quote_prefix, suffix: row.quote_suffix },
      start: row.start_offset,
      end: row.end_offset,
      anchorStatus: row.anchor_status,
      note: row.note,
      entity:
        row.entity_id !== null && row.entity_kind && row.entity_name !== null
          ? { id: row.entity_id, kind: row.entity_kind, name: row.entity_name, reliability: row.entity_reliability }
          : null,
      claim: claimDetails,
      tags: tags.get(row.id) ?? [],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

/**
 * Independent reports besides this one, among the other claims of its group. Two
 * articles are one report when they come from the same outlet, or when the researcher
 * confirmed them as the same story (near-copies of one wire text); an article carried by
 * several outlets (its appearances) is one report however many carried it. Other claims
 * in this article, or in its report, do not count. An article with no known outlet is a
 * report of its own unless confirmed as the same story as another.
 */
export function countIndependentReports(
  articleId: number,
  outlet: string | null,
  others: readonly CorroboratingReport[],
  sameStoryPairs: readonly (readonly [number, number])[] = [],
): number {
  const report = independentReports([{ articleId, outlet }, ...others], sameStoryPairs);
  const own = report(articleId);
  return new Set(others.map((o) => report(o.articleId)).filter((r) => r !== own)).size;
}

/**
 * Groups articles into independent reports (union of same outlet and confirmed same
 * story); returns each article's report, named by one of its articles.
 */
export function independentReports(
  articles: readonly { articleId: number; outlet: string | null }[],
  sameStoryPairs: readonly (readonly [number, number])[],
): (articleId: number) => number {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while ((parent.get(root) ?? root) !== root) root = parent.get(root)!;
    for (let y = x; y !== root; ) {
      const next = parent.get(y)!;
      parent.set(y, root);
      y = next;
    }
    return root;
  };
  const union = (a: number, b: number): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  };
  const byOutlet = new Map<string, number>();
  for (const { articleId, outlet } of articles) {
    const key = outlet?.trim().toLowerCase();
    if (!key) continue;
    const first = byOutlet.get(key);
    if (first === undefined) byOutlet.set(key, articleId);
    else union(first, articleId);
  }
  for (const [a, b] of sameStoryPairs) union(a, b);
  return find;
}

function groupEntities(db: ReadDb, table: 'claim_claimant' | 'claim_source', rowIds: string): Map<number, EntityRef[]> {
  const map = new Map<number, EntityRef[]>();
  for (const r of db
    .prepare(
      `SELECT x.claim_id, e.id, e.kind, e.name, e.reliability FROM ${table} x JOIN entity e ON e.id = x.entity_id
       WHERE x.claim_id IN (SELECT value FROM json_each(?)) ORDER BY e.name COLLATE NOCASE`,
    )
    .all(rowIds) as ({ claim_id: number } & EntityRef)[]) {
    push(map, r.claim_id, { id: r.id, kind: r.kind, name: r.name, reliability: r.reliability });
  }
  return map;
}

export function readGroups(db: ReadDb, groupIds: readonly number[]): Map<number, CorroboratingReport[]> {
  const map = new Map<number, CorroboratingReport[]>();
  if (groupIds.length === 0) return map;
  for (const r of db
    .prepare(
      `SELECT c.group_id, a.id AS annotationId, a.gid AS annotationGid, a.article_id AS articleId, ar.title AS articleTitle, ar.outlet,
         ar.published_at AS publishedAt, a.quote_exact AS quote
       FROM claim c JOIN annotation a ON a.id = c.annotation_id JOIN article ar ON ar.id = a.article_id
       WHERE c.group_id IN (SELECT value FROM json_each(?))
       ORDER BY ar.published_at, a.id`,
    )
    .all(ids(groupIds)) as ({ group_id: number } & CorroboratingReport)[]) {
    const { group_id, ...report } = r;
    push(map, group_id, report);
  }
  return map;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function setAnnotationTags(db: WriteDb, annotationId: number, tagIds: readonly number[]): void {
  setLinks(db, 'annotation_tag', 'annotation_id', annotationId, 'tag_id', tagIds);
}

export function updateAnnotationRow(db: WriteDb, id: number, fields: { kind: AnnotationKind; note: string; entityId: number | null; updatedAt: string }): void {
  db.prepare('UPDATE annotation SET kind = @kind, note = @note, entity_id = @entityId, updated_at = @updatedAt WHERE id = @id').run({ ...fields, id });
}

export function touchAnnotation(db: WriteDb, id: number, updatedAt: string): void {
  db.prepare('UPDATE annotation SET updated_at = ? WHERE id = ?').run(updatedAt, id);
}

export function deleteAnnotationRow(db: WriteDb, id: number): void {
  db.prepare('DELETE FROM annotation WHERE id = ?').run(id);
}

/** The exact quote of a highlight, or undefined when there is none with this id. */
export function quoteOf(db: ReadDb, id: number): string | undefined {
  return db.prepare('SELECT quote_exact FROM annotation WHERE id = ?').pluck().get(id) as string | undefined;
}

/** The kind of a highlight, or undefined when there is none with this id. */
export function kindOf(db: ReadDb, id: number): AnnotationKind | undefined {
  return db.prepare('SELECT kind FROM annotation WHERE id = ?').pluck().get(id) as AnnotationKind | undefined;
}

/** The canonical text highlights are anchored in, or undefined when there is no such article. */
export function anchorText(db: ReadDb, articleId: number): string | undefined {
  return cachedRead(db, 'SELECT text FROM article WHERE id = ?').pluck().get(articleId) as string | undefined;
}

/** One typed word of a picker's filter, resolved (services/typeahead.ts). */
export interface PickerWord {
  /** FTS5 expression, matched against highlight quotes and notes and article titles. */
  fts: string;
  outlets: readonly string[];
  entityIds: readonly number[];
}

export interface AnnotationSearch {
  words: readonly PickerWord[];
  kind?: AnnotationKind;
  exceptArticleId?: number;
  /** Only highlights older than this id (the previous page's last). */
  before?: number;
  limit: number;
}

/**
 * Ids of the highlights a picker lists, newest first. Every word must be found in one
 * of: the quote or note, the article's title (both through the full-text index), the
 * article's outlet, the actor/source the highlight names, a claim's claimants or
 * sources. The highlights are read in id order and each word's sets of ids are built
 * once, when a row first needs them: a word most highlights hold stops after a page, a
 * word none holds costs one pass over the highlights' ids (6 ms for 34,000), and the
 * rest is the full-text match itself (at 100,000 articles, 70 ms for the titles holding
 * a word starting "th", 1-10 ms for most words).
 */
export function findAnnotationIds(db: ReadDb, search: AnnotationSearch): number[] {
  const query = findAnnotationsSql(search);
  return db.prepare(query.sql).pluck().all(query.params) as number[];
}

/** The statement findAnnotationIds runs and its parameters (exported for the query-plan test). */
export function findAnnotationsSql(search: AnnotationSearch): { sql: string; params: Record<string, string | number> } {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: search.limit };
  // The unary + on every term keeps the planner on the id order: an index for a term
  // would fetch every row it matches and sort them, costly for a word most rows hold.
  if (search.kind !== undefined) {
    where.push('+n.kind = @kind');
    params.kind = search.kind;
  }
  if (search.exceptArticleId !== undefined) {
    where.push('+n.article_id <> @except');
    params.except = search.exceptArticleId;
  }
  if (search.before !== undefined) {
    where.push('n.id < @before');
    params.before = search.before;
  }
  search.words.forEach((word, i) => {
    const anyOf = [
      `+n.id IN (SELECT rowid FROM annotation_fts WHERE annotation_fts MATCH @q${i})`,
      `+n.article_id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH @t${i})`,
    ];
    params[`q${i}`] = word.fts;
    params[`t${i}`] = `title : (${word.fts})`;
    if (word.outlets.length > 0) {
      anyOf.push(`+n.article_id IN (SELECT id FROM article WHERE outlet COLLATE NOCASE IN (SELECT value FROM json_each(@o${i})))`);
      params[`o${i}`] = JSON.stringify(word.outlets);
    }
    if (word.entityIds.length > 0) {
      const entities = `(SELECT value FROM json_each(@e${i}))`;
      anyOf.push(
        `+n.entity_id IN ${entities}`,
        `+n.id IN (SELECT claim_id FROM claim_claimant WHERE entity_id IN ${entities})`,
        `+n.id IN (SELECT claim_id FROM claim_source WHERE entity_id IN ${entities})`,
      );
      params[`e${i}`] = ids(word.entityIds);
    }
    where.push(`(${anyOf.join(' OR ')})`);
  });
  return { sql: `SELECT n.id FROM annotation n ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY n.id DESC LIMIT @limit`, params };
}

/** Title, outlet and date of each article, by id. */
export function readArticleRefs(db: ReadDb, articleIds: readonly number[]): Map<number, ArticleRef> {
  const rows = db
    .prepare('SELECT id, title, outlet, published_at AS publishedAt FROM article WHERE id IN (SELECT value FROM json_each(?))')
    .all(ids(articleIds)) as ArticleRef[];
  return new Map(rows.map((r) => [r.id, r]));
}

export interface ArticleDates {
  id: number;
  title: string;
  outlet: string | null;
  published_at: string | null;
  retrieved_at: string;
}

/** Title, outlet, publication and retrieval dates of each article, by id (the claims board orders reports by them). */
export function readArticleDates(db: ReadDb, articleIds: readonly number[]): Map<number, ArticleDates> {
  const rows = db
    .prepare('SELECT id, title, outlet, published_at, retrieved_at FROM article WHERE id IN (SELECT value FROM json_each(?))')
    .all(ids(articleIds)) as ArticleDates[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** A highlight of this kind on exactly this range of the article, if there is one (an import seen before). */
export function findSameHighlight(db: ReadDb, articleId: number, range: { start: number; end: number }, kind: AnnotationKind): number | undefined {
  return db
    .prepare('SELECT id FROM annotation WHERE article_id = ? AND start_offset = ? AND end_offset = ? AND kind = ?')
    .pluck()
    .get(articleId, range.start, range.end, kind) as number | undefined;
}

/** A highlight of the article whose note holds `text` (an imported annotation's link back). */
export function findHighlightNoting(db: ReadDb, articleId: number, text: string): number | undefined {
  return db.prepare('SELECT id FROM annotation WHERE article_id = ? AND instr(note, ?) > 0').pluck().get(articleId, text) as number | undefined;
}

/** The article a highlight is on (undefined when there is no such highlight). */
export function articleOfAnnotation(db: ReadDb, id: number): number | undefined {
  return cachedRead(db, 'SELECT article_id FROM annotation WHERE id = ?').pluck().get(id) as number | undefined;
}

/** A highlight's stored selector and anchor: what re-anchoring starts from. */
export interface StoredAnchor extends TextSelector {
  id: number;
  status: AnchorStatus;
}

export function readArticleAnchors(db: ReadDb, articleId: number): StoredAnchor[] {
  return cachedRead(
    db,
    `SELECT id, quote_exact AS exact, quote_prefix AS prefix, quote_suffix AS suffix, start_offset AS start, end_offset AS end,
       anchor_status AS status FROM annotation WHERE article_id = ?`,
  ).all(articleId) as StoredAnchor[];
}

/** Moves a highlight's anchor. Not an edit of the highlight, so its `updated_at` stays (and stays the same in every teammate's library). */
export function writeAnchor(db: WriteDb, id: number, anchor: { start: number; end: number; status: AnchorStatus }): void {
  cachedStatement(db, 'UPDATE annotation SET start_offset = ?, end_offset = ?, anchor_status = ? WHERE id = ?').run(anchor.start, anchor.end, anchor.status, id);
}
