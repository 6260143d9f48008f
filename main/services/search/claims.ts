// The claims board: "same claim" groups with the number of independent reports behind
// each and its earliest report, the claims in no group, and pairs of claims the
// researcher marked as contradicting each other. Claims are read through the
// annotations read model, so claimants, sources and corroboration mean the same here
// as on a highlight.
import { AppError } from '../../../common/api/errors.ts';
import type { ParsedInput } from '../../../common/api/contract.ts';
import type { Annotation } from '../../../common/api/methods/annotations.ts';
import type { ClaimCard, ClaimGroupCard, ClaimsBoard, ContradictionPair } from '../../../common/api/methods/connections.ts';
import { independentReports, readAnnotations } from '../../db/repositories/annotations.ts';
import { appearanceOutlets, confirmedStoryPairs } from '../../db/repositories/stories.ts';
import type { Db } from '../../db/open.ts';
import { nowIso } from '../../db/time.ts';
import type { Library } from '../library.ts';
import { mutate } from '../../db/mutation.ts';
import { quoted } from '../../../common/text/quote.ts';

interface ArticleMeta {
  id: number;
  title: string;
  outlet: string | null;
  published_at: string | null;
  retrieved_at: string;
}

/** Earliest report first: publication date (unknown last), then retrieval date, then id. */
export function compareReports(a: ClaimCard, b: ClaimCard): number {
  if (a.publishedAt !== b.publishedAt) {
    if (a.publishedAt === null) return 1;
    if (b.publishedAt === null) return -1;
    return a.publishedAt < b.publishedAt ? -1 : 1;
  }
  if (a.retrievedAt !== b.retrievedAt) return a.retrievedAt < b.retrievedAt ? -1 : 1;
  return a.annotationId - b.annotationId;
}

function contradictionsOf(db: Db, ids: readonly number[] | null): Map<number, number[]> {
  const rows = (
    ids === null
      ? db.prepare('SELECT claim_a AS a, claim_b AS b FROM claim_contradiction').all()
      : db
          .prepare(
            `SELECT claim_a AS a, claim_b AS b FROM claim_contradiction
             WHERE claim_a IN (SELECT value FROM json_each(@ids)) OR claim_b IN (SELECT value FROM json_each(@ids))`,
          )
          .all({ ids: JSON.stringify(ids) })
  ) as { a: number; b: number }[];
  const map = new Map<number, number[]>();
  const add = (from: number, to: number) => {
    const list = map.get(from);
    if (list) list.push(to);
    else map.set(from, [to]);
  };
  for (const { a, b } of rows) {
    add(a, b);
    add(b, a);
  }
  return map;
}

/** Claims read model plus their articles' dates, as cards keyed by annotation id. */
export function readClaimCards(db: Db, ids: readonly number[] | null): Map<number, ClaimCard & { corroboration: number }> {
  const cards = new Map<number, ClaimCard & { corroboration: number }>();
  if (ids !== null && ids.length === 0) return cards;
  const annotations: Annotation[] = ids === null ? readAnnotations(db, { kind: 'claim' }) : readAnnotations(db, { ids });
  const articleIds = [...new Set(annotations.map((a) => a.articleId))];
  const articles = new Map(
    (
      db
        .prepare('SELECT id, title, outlet, published_at, retrieved_at FROM article WHERE id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(articleIds)) as ArticleMeta[]
    ).map((a) => [a.id, a]),
  );
  const contradictions = contradictionsOf(db, ids);
  const carried = appearanceOutlets(db, articleIds);
  for (const a of annotations) {
    if (!a.claim) continue;
    const article = articles.get(a.articleId)!;
    cards.set(a.id, {
      annotationId: a.id,
      articleId: a.articleId,
      articleTitle: article.title,
      outlet: article.outlet,
      publishedAt: article.published_at,
      retrievedAt: article.retrieved_at,
      quote: a.quote.exact,
      note: a.note,
      anchorStatus: a.anchorStatus,
      credibility: a.claim.credibility,
      claimants: a.claim.claimants,
      sources: a.claim.sources,
      groupId: a.claim.groupId,
      contradicts: (contradictions.get(a.id) ?? []).sort((x, y) => x - y),
      carriedBy: carried.get(a.articleId) ?? [],
      corroboration: a.claim.corroboration,
    });
  }
  return cards;
}

/** A card without the read model's extra field. */
export function card({ corroboration: _c, ...rest }: ClaimCard & { corroboration: number }): ClaimCard {
  return rest;
}

function groupCard(db: Db, groupId: number, label: string, members: (ClaimCard & { corroboration: number })[]): ClaimGroupCard {
  const claims = [...members].sort(compareReports);
  // Every member sees the same number of other reports: all independent reports but its own.
  const corroboration = claims[0]!.corroboration;
  const outlets = [...new Set(claims.map((c) => c.outlet?.trim()).filter((o): o is string => Boolean(o)))];
  return { groupId, label, claims: claims.map(card), independentReports: corroboration + 1, corroboration, outlets, reportNotes: reportNotes(db, claims) };
}

/** Why a group's reports number fewer than its articles, in the words the board shows. */
function reportNotes(db: Db, claims: readonly ClaimCard[]): string[] {
  const notes: string[] = [];
  const articles = new Map(claims.map((c) => [c.articleId, c]));
  const titled = (c: ClaimCard) => `“${c.articleTitle}”${c.outlet ? ` (${c.outlet})` : ''}`;
  for (const c of articles.values()) {
    if (c.carriedBy.length === 0) continue;
    const outlets = [...new Set([c.outlet, ...c.carriedBy].filter((o): o is string => Boolean(o)))];
    notes.push(`“${c.articleTitle}” was carried by ${listed(outlets)}: one wire text, counted as one report.`);
  }
  const byOutlet = new Map<string, ClaimCard[]>();
  for (const c of articles.values()) {
    const key = c.outlet?.trim().toLowerCase();
    if (key) byOutlet.set(key, [...(byOutlet.get(key) ?? []), c]);
  }
  for (const same of byOutlet.values()) {
    if (same.length > 1) notes.push(`${same.length} articles from ${same[0]!.outlet} count as one report.`);
  }
  const pairs = confirmedStoryPairs(db, [...articles.keys()]);
  const report = independentReports([...articles.values()], pairs);
  const inStory = new Set(pairs.flat());
  // Earliest report first, as the board lists them.
  const stories = new Map<number, ClaimCard[]>();
  for (const c of articles.values()) {
    if (!inStory.has(c.articleId)) continue;
    stories.set(report(c.articleId), [...(stories.get(report(c.articleId)) ?? []), c]);
  }
  for (const members of stories.values()) {
    if (members.length > 1) notes.push(`${listed(members.map(titled))} are the same story (confirmed): counted as one report.`);
  }
  return notes;
}

function listed(items: readonly string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function claimsBoard(library: Library, input: ParsedInput<'claims.board'>): ClaimsBoard {
  const { db } = library;
  const grouped = db
    .prepare('SELECT c.annotation_id AS id, c.group_id AS groupId, g.label FROM claim c JOIN claim_group g ON g.id = c.group_id')
    .all() as { id: number; groupId: number; label: string }[];
  const order = `ORDER BY a.published_at IS NULL, a.published_at, a.retrieved_at, n.id`;
  const ungroupedIds = db
    .prepare(
      `SELECT n.id FROM claim c JOIN annotation n ON n.id = c.annotation_id JOIN article a ON a.id = n.article_id
       WHERE c.group_id IS NULL ${order} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(input.ungroupedLimit, input.ungroupedOffset) as number[];
  const ungroupedTotal = db.prepare('SELECT count(*) FROM claim WHERE group_id IS NULL').pluck().get() as number;
  const pairs = db.prepare('SELECT claim_a AS a, claim_b AS b, created_at AS createdAt FROM claim_contradiction').all() as {
    a: number;
    b: number;
    createdAt: string;
  }[];

  const cards = readClaimCards(db, [...new Set([...grouped.map((g) => g.id), ...ungroupedIds, ...pairs.flatMap((p) => [p.a, p.b])])]);
  const members = new Map<number, { label: string; claims: (ClaimCard & { corroboration: number })[] }>();
  for (const g of grouped) {
    const c = cards.get(g.id);
    if (!c) continue;
    const entry = members.get(g.groupId) ?? { label: g.label, claims: [] };
    entry.claims.push(c);
    members.set(g.groupId, entry);
  }
  const groups = [...members].map(([groupId, { label, claims }]) => groupCard(db, groupId, label, claims));
  groups.sort((x, y) => y.independentReports - x.independentReports || compareReports(x.claims[0]!, y.claims[0]!));
  return {
    groups,
    ungrouped: ungroupedIds.map((id) => cards.get(id)).filter((c) => c !== undefined).map(card),
    ungroupedTotal,
    contradictions: pairs
      .filter((p) => cards.has(p.a) && cards.has(p.b))
      .map((p) => ({ a: card(cards.get(p.a)!), b: card(cards.get(p.b)!), createdAt: p.createdAt })),
  };
}

function requireClaims(library: Library, id: number, otherId: number): { a: number; b: number } {
  if (id === otherId) throw new AppError('INVALID_INPUT', 'A claim cannot contradict itself.');
  const rows = library.db
    .prepare('SELECT annotation_id AS id, group_id AS groupId FROM claim WHERE annotation_id IN (?, ?)')
    .all(id, otherId) as { id: number; groupId: number | null }[];
  for (const wanted of [id, otherId]) {
    if (!rows.some((r) => r.id === wanted)) {
      const exists = library.db.prepare('SELECT kind FROM annotation WHERE id = ?').pluck().get(wanted) as string | undefined;
      throw new AppError(exists ? 'INVALID_INPUT' : 'NOT_FOUND', exists ? `Highlight ${wanted} is not a claim.` : `There is no claim ${wanted} in this library.`);
    }
  }
  return { a: Math.min(id, otherId), b: Math.max(id, otherId) };
}

export function markContradiction(library: Library, id: number, otherId: number): ContradictionPair {
  const { a, b } = requireClaims(library, id, otherId);
  const { db } = library;
  const groups = db.prepare('SELECT group_id FROM claim WHERE annotation_id IN (?, ?)').pluck().all(a, b) as (number | null)[];
  if (groups[0] !== null && groups[0] === groups[1]) {
    throw new AppError('CONFLICT', `Claims ${a} and ${b} are grouped as saying the same thing; take one out of the group before marking them as contradicting.`);
  }
  const quotes = db.prepare('SELECT quote_exact FROM annotation WHERE id IN (?, ?) ORDER BY id').pluck().all(a, b) as string[];
  mutate(db, { label: `Mark ${quotes.map((q) => quoted(q)).join(' and ')} as contradicting` }, () =>
    db.prepare('INSERT OR IGNORE INTO claim_contradiction (gid, claim_a, claim_b, created_at) VALUES (casefile_gid(), ?, ?, ?)').run(a, b, nowIso()),
  );
  const cards = readClaimCards(db, [a, b]);
  const createdAt = db.prepare('SELECT created_at FROM claim_contradiction WHERE claim_a = ? AND claim_b = ?').pluck().get(a, b) as string;
  return { a: card(cards.get(a)!), b: card(cards.get(b)!), createdAt };
}

export function unmarkContradiction(library: Library, id: number, otherId: number): { a: number; b: number } {
  const { a, b } = requireClaims(library, id, otherId);
  const removed = mutate(library.db, { label: `Unmark claims ${a} and ${b} as contradicting` }, () =>
    library.db.prepare('DELETE FROM claim_contradiction WHERE claim_a = ? AND claim_b = ?').run(a, b),
  ).result.changes;
  if (removed === 0) throw new AppError('NOT_FOUND', `Claims ${a} and ${b} are not marked as contradicting.`);
  return { a, b };
}
