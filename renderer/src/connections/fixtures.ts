// Data for the view tests: claims, a board, a map and a timeline of plausible shape.
import type { ClaimCard, ClaimsBoard, ClaimsTimeline, RelationshipMap } from '../../../common/api/methods/connections.ts';

export function claimCard(id: number, over: Partial<ClaimCard> = {}): ClaimCard {
  return {
    annotationId: id,
    articleId: 100 + id,
    articleTitle: `Article ${id}`,
    outlet: 'Dawn',
    publishedAt: '2025-10-20',
    retrievedAt: '2026-01-01T00:00:00.000Z',
    quote: `Claim number ${id} says the border will reopen for trade next week.`,
    note: '',
    anchorStatus: 'exact',
    credibility: 2,
    claimants: [{ id: 1, kind: 'actor', name: 'Asim Munir', reliability: null }],
    sources: [{ id: 2, kind: 'source', name: 'ISPR', reliability: 'B' }],
    groupId: null,
    contradicts: [],
    carriedBy: [],
    ...over,
  };
}

export function board(): ClaimsBoard {
  return {
    groups: [
      {
        groupId: 9,
        label: '',
        claims: [
          claimCard(1, { groupId: 9, publishedAt: '2025-10-18', outlet: null }),
          claimCard(2, { groupId: 9, outlet: 'Dawn' }),
          claimCard(3, { groupId: 9, outlet: 'Geo News' }),
          claimCard(10, { groupId: 9, outlet: 'Dawn', publishedAt: '2025-10-22' }),
        ],
        independentReports: 3,
        corroboration: 2,
        outlets: ['Dawn', 'Geo News'],
        reportNotes: ['2 articles from Dawn count as one report.'],
      },
    ],
    ungrouped: [claimCard(4), claimCard(5, { contradicts: [6] })],
    ungroupedTotal: 2,
    contradictions: [{ a: claimCard(5, { contradicts: [6] }), b: claimCard(6, { contradicts: [5], outlet: 'Tehran Times' }), createdAt: '2026-01-02T00:00:00.000Z' }],
  };
}

/** A ring of clusters: `size` actors, each linked to its neighbours and a hub per cluster. */
export function relationshipMap(size: number): RelationshipMap {
  const nodes = Array.from({ length: size }, (_, i) => ({ id: i + 1, name: `Actor ${i + 1}`, weight: 1 + (i % 7), degree: 0 }));
  const edges: RelationshipMap['edges'] = [];
  for (let i = 1; i <= size; i += 1) {
    const hub = Math.floor((i - 1) / 10) * 10 + 1;
    if (i !== hub) edges.push({ a: hub, b: i, claimIds: [1000 + i] });
    if (i < size && i % 10 !== 0) edges.push({ a: i, b: i + 1, claimIds: [2000 + i, 3000 + i] });
  }
  const dedup = [...new Map(edges.map((e) => [`${Math.min(e.a, e.b)}-${Math.max(e.a, e.b)}`, { ...e, a: Math.min(e.a, e.b), b: Math.max(e.a, e.b) }])).values()];
  for (const e of dedup) {
    nodes[e.a - 1]!.degree += 1;
    nodes[e.b - 1]!.degree += 1;
  }
  return { nodes, edges: dedup };
}

export function timeline(): ClaimsTimeline {
  return {
    lanes: [
      { groupId: 9, label: 'Border to reopen', claims: [claimCard(1, { groupId: 9, publishedAt: '2025-01-10' }), claimCard(2, { groupId: 9, publishedAt: '2025-02-01' }), claimCard(3, { groupId: 9, publishedAt: '2025-03-15' })] },
      { groupId: 10, label: 'Talks in Doha', claims: [claimCard(7, { groupId: 10, publishedAt: '2025-02-03' })] },
      { groupId: null, label: 'Claims in no group', claims: [claimCard(4, { publishedAt: '2025-06-30' })] },
    ],
    undated: [claimCard(8, { publishedAt: null })],
    from: '2025-01-10',
    to: '2025-06-30',
  };
}

/**
 * A large map of plausible shape for scale tests and the bench: `actors` actors and about
 * `links` links, most actors in a few links, a few hubs in hundreds (preferential
 * attachment, as officials and spokesmen gather links in real libraries). Seeded.
 */
export function scaleMap(actors: number, links: number, seed = 1): RelationshipMap {
  let s = seed >>> 0 || 1;
  const random = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
  const nodes = Array.from({ length: actors }, (_, i) => ({ id: i + 1, name: `Actor ${i + 1}`, weight: 1 + Math.floor(random() * 12), degree: 0 }));
  const ends: number[] = [];
  const seen = new Set<string>();
  const edges: RelationshipMap['edges'] = [];
  const add = (a: number, b: number) => {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const key = `${lo}-${hi}`;
    if (lo === hi || seen.has(key)) return;
    seen.add(key);
    edges.push({ a: lo, b: hi, claimIds: Array.from({ length: 1 + Math.floor(random() * random() * 6) }, (_, k) => edges.length * 8 + k + 1) });
    ends.push(lo, hi);
    nodes[lo - 1]!.degree += 1;
    nodes[hi - 1]!.degree += 1;
  };
  // Every actor gets one link (to a random earlier one), then the rest go mostly to actors already well linked.
  for (let i = 2; i <= actors && edges.length < links; i += 1) add(i, 1 + Math.floor(random() * (i - 1)));
  for (let tries = 0; edges.length < links && tries < links * 10; tries += 1) {
    const a = 1 + Math.floor(random() * actors);
    const b = random() < 0.7 && ends.length ? ends[Math.floor(random() * ends.length)]! : 1 + Math.floor(random() * actors);
    add(a, b);
  }
  return { nodes, edges };
}
