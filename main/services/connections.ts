// How actors connect. An actor appears in a claim when it is the claim's claimant or
// when an actor highlight naming it lies inside the claim's range in the same article
// (orphaned highlights have no trustworthy range and are left out). Two actors
// appearing in the same claim are linked, and that claim is the evidence for the link.
import { AppError } from '../../common/api/errors.ts';
import type { ParsedInput } from '../../common/api/contract.ts';
import type {
  AlongsideActor,
  ClaimCard,
  ClaimsTimeline,
  EdgeEvidence,
  MapEdge,
  RelationshipMap,
  SourceOverview,
  TimelineLane,
} from '../../common/api/methods/connections.ts';
import type { EntityRef } from '../../common/api/methods/annotations.ts';
import type { ReadDb } from '../db/handles.ts';
import * as repo from '../db/repositories/connections.ts';
import { getEntity, listEntities } from '../db/repositories/entities.ts';
import type { Library } from './library.ts';
import { card, compareReports, readClaimCards } from './claims.ts';

function requireActor(db: ReadDb, id: number): EntityRef {
  const entity = getEntity(db, id);
  if (!entity || entity.kind !== 'actor') throw new AppError('NOT_FOUND', `There is no actor ${id} in this library.`);
  return { id: entity.id, kind: 'actor', name: entity.name, reliability: null };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function countInto(map: Map<number, Set<number>>, actorId: number, item: number): void {
  let set = map.get(actorId);
  if (!set) map.set(actorId, (set = new Set()));
  set.add(item);
}

/** Actors seen with this one: in the same claims, and highlighted or claiming in the same articles. */
export function actorsAlongside(library: Library, input: ParsedInput<'actors.alongside'>): AlongsideActor[] {
  const { db } = library;
  requireActor(db, input.id);
  const byClaim = new Map<number, Set<number>>();
  for (const a of repo.appearances(db, repo.claimsOf(db, input.id))) if (a.actorId !== input.id) countInto(byClaim, a.actorId, a.claimId);

  const byArticle = new Map<number, Set<number>>();
  for (const r of repo.actorsInArticlesOf(db, input.id)) countInto(byArticle, r.actorId, r.articleId);

  const refs = repo.actorRefs(db, new Set([...byClaim.keys(), ...byArticle.keys()]));
  return [...refs.values()]
    .map((actor) => ({ actor, sharedClaims: byClaim.get(actor.id)?.size ?? 0, sharedArticles: byArticle.get(actor.id)?.size ?? 0 }))
    .sort((x, y) => y.sharedClaims - x.sharedClaims || y.sharedArticles - x.sharedArticles || x.actor.name.localeCompare(y.actor.name))
    .slice(0, input.limit);
}

/** The network: actors as nodes, an edge wherever two actors appear in the same claim. */
export function relationshipMap(library: Library, input: ParsedInput<'connections.map'>): RelationshipMap {
  const { db } = library;
  const actorsByClaim = new Map<number, Set<number>>();
  for (const a of repo.appearances(db, null)) countInto(actorsByClaim, a.claimId, a.actorId);

  const edges = new Map<string, MapEdge>();
  for (const [claimId, actorSet] of actorsByClaim) {
    const actors = [...actorSet].sort((x, y) => x - y);
    for (let i = 0; i < actors.length; i += 1) {
      for (let j = i + 1; j < actors.length; j += 1) {
        const key = `${actors[i]}-${actors[j]}`;
        const edge = edges.get(key) ?? { a: actors[i]!, b: actors[j]!, claimIds: [] };
        edge.claimIds.push(claimId);
        edges.set(key, edge);
      }
    }
  }
  const kept = [...edges.values()].filter((e) => e.claimIds.length >= input.minClaims);
  for (const e of kept) e.claimIds.sort((x, y) => x - y);
  kept.sort((x, y) => x.a - y.a || x.b - y.b);

  const degree = new Map<number, number>();
  for (const e of kept) for (const id of [e.a, e.b]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const nodes = repo.mapNodes(db, [...degree.keys()]);
  return { nodes: nodes.map((n) => ({ ...n, degree: degree.get(n.id) ?? 0 })), edges: kept };
}

/** The claims behind the edge between two actors, each with how both appear in it. */
export function edgeEvidence(library: Library, a: number, b: number): EdgeEvidence[] {
  const { db } = library;
  if (a === b) throw new AppError('INVALID_INPUT', 'An edge joins two different actors.');
  requireActor(db, a);
  requireActor(db, b);
  const ofB = new Set(repo.claimsOf(db, b));
  const shared = repo.claimsOf(db, a).filter((id) => ofB.has(id));
  const roles = new Map<number, EdgeEvidence['roles']>();
  for (const ap of repo.appearances(db, shared)) {
    if (ap.actorId !== a && ap.actorId !== b) continue;
    push(roles, ap.claimId, { actorId: ap.actorId, role: ap.role, annotationId: ap.annotationId });
  }
  const cards = readClaimCards(db, shared);
  return [...cards.values()]
    .sort(compareReports)
    .map((c) => ({ claim: card(c), roles: (roles.get(c.annotationId) ?? []).sort((x, y) => x.actorId - y.actorId || (x.annotationId ?? 0) - (y.annotationId ?? 0)) }));
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

/** Claims along a date axis by their article's publication date, one lane per same-claim group. */
export function claimsTimeline(library: Library, input: ParsedInput<'connections.timeline'>): ClaimsTimeline {
  const { db } = library;
  if (input.from && input.to && input.from > input.to) throw new AppError('INVALID_INPUT', `The date range runs backwards: ${input.from} is after ${input.to}.`);
  let ids: number[] | null = null;
  if (input.actorId !== undefined) {
    requireActor(db, input.actorId);
    ids = repo.claimsOf(db, input.actorId);
  }
  const cards = [...readClaimCards(db, ids).values()].map(card).sort(compareReports);
  const day = (c: ClaimCard) => c.publishedAt?.slice(0, 10) ?? null;
  const inRange = (d: string) => (!input.from || d >= input.from) && (!input.to || d <= input.to);
  const dated = cards.filter((c) => day(c) !== null && inRange(day(c)!));
  const undated = input.from || input.to ? [] : cards.filter((c) => day(c) === null);

  const labels = repo.claimGroupLabels(db);
  const lanes = new Map<number | null, TimelineLane>();
  for (const c of dated) {
    const lane = lanes.get(c.groupId) ?? {
      groupId: c.groupId,
      label: c.groupId === null ? 'Claims in no group' : labels.get(c.groupId) || clip(c.quote, 80),
      claims: [],
    };
    lane.claims.push(c);
    lanes.set(c.groupId, lane);
  }
  const ordered = [...lanes.values()].sort((x, y) => {
    if (x.groupId === null) return 1;
    if (y.groupId === null) return -1;
    return compareReports(x.claims[0]!, y.claims[0]!);
  });
  return {
    lanes: ordered,
    undated,
    from: dated.length ? day(dated[0]!) : null,
    // Sorted by publication date, so the last is the latest.
    to: dated.length ? day(dated[dated.length - 1]!) : null,
  };
}

/** Every source with its reliability and the claims attributed to it. */
export function sourcesOverview(library: Library, input: ParsedInput<'sources.overview'>): SourceOverview[] {
  const { db } = library;
  const sources = listEntities(db, { kind: 'source', offset: 0, limit: 100_000 });
  const links = repo.claimSourceLinks(db);
  const cards = readClaimCards(db, [...new Set(links.map((l) => l.claimId))]);
  const bySource = new Map<number, ClaimCard[]>();
  for (const l of links) {
    const c = cards.get(l.claimId);
    if (c) push(bySource, l.sourceId, card(c));
  }
  return sources.map((source) => ({ source, claims: (bySource.get(source.id) ?? []).sort(compareReports).slice(0, input.claimsPerSource) }));
}
