// Claims: a claim highlight's credibility, claimants and sources; "same claim" groups
// and the claims board (each group with the number of independent reports behind it
// and its earliest report, the claims in no group); pairs of claims the researcher
// marked as contradicting each other. Claims are read through the annotations read
// model, so claimants, sources and corroboration mean the same here as on a highlight.
import { AppError } from '../../common/api/errors.ts';
import type { ParsedInput } from '../../common/api/contract.ts';
import type { Annotation } from '../../common/api/methods/annotations.ts';
import type { ClaimCard, ClaimGroupCard, ClaimsBoard, ContradictionPair } from '../../common/api/methods/claims.ts';
import { independentReports, kindOf, quoteOf, readAnnotations, readArticleDates, touchAnnotation } from '../db/repositories/annotations.ts';
import * as repo from '../db/repositories/claims.ts';
import { sharedWithTeam } from '../db/repositories/makers.ts';
import { appearanceOutlets, confirmedStoryPairs } from '../db/repositories/stories.ts';
import type { ReadDb } from '../db/handles.ts';
import { mutate } from '../db/mutation.ts';
import { quoted } from '../../common/text/quote.ts';
import { nowIso } from '../db/time.ts';
import { getAnnotation, writeClaim } from './annotations.ts';
import type { Library } from './library.ts';

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

/** Claims read model plus their articles' dates, as cards keyed by annotation id. */
export function readClaimCards(db: ReadDb, ids: readonly number[] | null): Map<number, ClaimCard & { corroboration: number }> {
  const cards = new Map<number, ClaimCard & { corroboration: number }>();
  if (ids !== null && ids.length === 0) return cards;
  const annotations: Annotation[] = ids === null ? readAnnotations(db, { kind: 'claim' }) : readAnnotations(db, { ids });
  const articleIds = [...new Set(annotations.map((a) => a.articleId))];
  const articles = readArticleDates(db, articleIds);
  const contradictions = repo.contradictionsOf(db, ids);
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

function groupCard(db: ReadDb, groupId: number, label: string, members: (ClaimCard & { corroboration: number })[]): ClaimGroupCard {
  const claims = [...members].sort(compareReports);
  // Every member sees the same number of other reports: all independent reports but its own.
  const corroboration = claims[0]!.corroboration;
  const outlets = [...new Set(claims.map((c) => c.outlet?.trim()).filter((o): o is string => Boolean(o)))];
  return { groupId, label, claims: claims.map(card), independentReports: corroboration + 1, corroboration, outlets, reportNotes: reportNotes(db, claims) };
}

/** Why a group's reports number fewer than its articles, in the words the board shows. */
function reportNotes(db: ReadDb, claims: readonly ClaimCard[]): string[] {
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
  // One member's claims: the groups and contradictions that hold one of them, whole (what
  // corroborates a claim does not depend on who highlighted it), and their ungrouped claims.
  const maker: repo.ClaimMaker = input.author ? { name: input.author, shared: sharedWithTeam(db) } : null;
  const mine = maker ? repo.claimsMadeBy(db, maker) : null;
  const grouped = repo.groupedClaims(db);
  const ungroupedIds = repo.ungroupedClaimIds(db, input.ungroupedLimit, input.ungroupedOffset, maker);
  const ungroupedTotal = repo.countUngroupedClaims(db, maker);
  const pairs = repo.listContradictions(db).filter((p) => !mine || mine.has(p.a) || mine.has(p.b));
  const groupsShown = mine ? new Set(grouped.filter((g) => mine.has(g.id)).map((g) => g.groupId)) : null;
  const groupedShown = groupsShown ? grouped.filter((g) => groupsShown.has(g.groupId)) : grouped;

  const cards = readClaimCards(db, [...new Set([...groupedShown.map((g) => g.id), ...ungroupedIds, ...pairs.flatMap((p) => [p.a, p.b])])]);
  const members = new Map<number, { label: string; claims: (ClaimCard & { corroboration: number })[] }>();
  for (const g of groupedShown) {
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

function requireClaims(library: Library, id: number, otherId: number): { a: number; b: number; groups: (number | null)[] } {
  if (id === otherId) throw new AppError('INVALID_INPUT', 'A claim cannot contradict itself.');
  const rows = repo.claimRows(library.db, [id, otherId]);
  for (const wanted of [id, otherId]) {
    if (!rows.some((r) => r.id === wanted)) {
      const exists = kindOf(library.db, wanted);
      throw new AppError(exists ? 'INVALID_INPUT' : 'NOT_FOUND', exists ? `Highlight ${wanted} is not a claim.` : `There is no claim ${wanted} in this library.`);
    }
  }
  return { a: Math.min(id, otherId), b: Math.max(id, otherId), groups: rows.map((r) => r.groupId) };
}

export function markContradiction(library: Library, id: number, otherId: number): ContradictionPair {
  const { a, b, groups } = requireClaims(library, id, otherId);
  const { db } = library;
  if (groups[0] !== null && groups[0] === groups[1]) {
    throw new AppError('CONFLICT', `Claims ${a} and ${b} are grouped as saying the same thing; take one out of the group before marking them as contradicting.`);
  }
  const quotes = [a, b].map((claim) => quoted(quoteOf(db, claim) ?? ''));
  mutate(db, { label: `Mark ${quotes.join(' and ')} as contradicting` }, (write) => repo.insertContradiction(write, a, b, nowIso()));
  const cards = readClaimCards(db, [a, b]);
  const createdAt = repo.contradictionCreatedAt(db, a, b)!;
  return { a: card(cards.get(a)!), b: card(cards.get(b)!), createdAt };
}

export function unmarkContradiction(library: Library, id: number, otherId: number): { a: number; b: number } {
  const { a, b } = requireClaims(library, id, otherId);
  const removed = mutate(library.db, { label: `Unmark claims ${a} and ${b} as contradicting` }, (db) => repo.deleteContradiction(db, a, b)).result;
  if (removed === 0) throw new AppError('NOT_FOUND', `Claims ${a} and ${b} are not marked as contradicting.`);
  return { a, b };
}

function requireClaim(library: Library, id: number): Annotation {
  const annotation = getAnnotation(library, id);
  if (annotation.kind !== 'claim') throw new AppError('INVALID_INPUT', `Highlight ${id} is ${annotation.kind === 'actor' ? 'an actor' : `a ${annotation.kind}`}, not a claim.`);
  return annotation;
}

export function updateClaim(library: Library, input: ParsedInput<'claims.update'>): Annotation {
  const claim = requireClaim(library, input.id);
  const quote = quoted(claim.quote.exact);
  const label =
    input.credibility !== undefined && !input.claimants && !input.sources
      ? `Grade the claim ${quote}`
      : input.claimants && !input.sources
        ? `Change the claimants of ${quote}`
        : input.sources && !input.claimants
          ? `Change the sources of ${quote}`
          : `Edit the claim ${quote}`;
  mutate(library.db, { label }, (db) => {
    writeClaim(db, library, input.id, input);
    touchAnnotation(db, input.id, nowIso());
  });
  return getAnnotation(library, input.id);
}

/** Records that two claims say the same thing: their groups become one. */
export function linkClaims(library: Library, id: number, sameAs: number): Annotation {
  if (id === sameAs) throw new AppError('INVALID_INPUT', 'A claim is already the same as itself.');
  const a = requireClaim(library, id);
  const b = requireClaim(library, sameAs);
  mutate(library.db, { label: `Mark ${quoted(a.quote.exact)} as the same claim as ${quoted(b.quote.exact)}` }, (db) => {
    let group = a.claim!.groupId ?? b.claim!.groupId;
    if (group === null) group = repo.insertClaimGroup(db, nowIso());
    for (const other of [a.claim!.groupId, b.claim!.groupId]) {
      if (other !== null && other !== group) repo.mergeClaimGroups(db, other, group);
    }
    repo.setClaimGroup(db, [a.id, b.id], group);
    repo.pruneClaimGroups(db);
  });
  return getAnnotation(library, id);
}

export function unlinkClaim(library: Library, id: number): Annotation {
  const claim = requireClaim(library, id);
  mutate(library.db, { label: `Unlink ${quoted(claim.quote.exact)} from its same claims` }, (db) => {
    repo.setClaimGroup(db, [id], null);
    repo.pruneClaimGroups(db);
  });
  return getAnnotation(library, id);
}
