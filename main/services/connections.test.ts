import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createDispatcher, type Dispatch } from '../api/dispatch.ts';
import { closeLibrary, openLibrarySession, type Library } from './library.ts';
import type { ClaimCard } from '../../common/api/methods/connections.ts';
import { addArticle, buildCorpus, type Corpus } from '../testing/corpus.ts';
import { fixture } from '../testing/temp.ts';

// A worked-through library of realistic size: 2,000 articles about 300 named people,
// their highlights, about 800 claims in stories that several outlets report (grouped
// as the same claim), plus the two seed articles annotated by hand below.
let dir: string;
let library: Library;
let dispatch: Dispatch;
let corpus: Corpus;
let did: number;
let iran: number;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-connections-'));
  library = openLibrarySession(path.join(dir, 'connections.casefile'), { create: true });
  dispatch = createDispatcher(() => ({ library }));
  const seeds = library.db.prepare('SELECT id, outlet FROM article ORDER BY id').all() as { id: number; outlet: string | null }[];
  did = seeds.find((a) => a.outlet === 'DID Press')!.id;
  iran = seeds.find((a) => a.outlet === null)!.id;
  fixture(library.db, () => {
    library.db.prepare("UPDATE article SET published_at = '2025-10-20' WHERE id = ?").run(did);
    library.db.prepare("UPDATE article SET published_at = '2025-10-18' WHERE id = ?").run(iran);
  });
  corpus = buildCorpus(library, { articles: 2_000, seed: 3, annotate: true, actors: 300 });
});

afterAll(() => {
  closeLibrary(library);
  fs.rmSync(dir, { recursive: true, force: true });
});

interface ClaimRow {
  id: number;
  article_id: number;
  start_offset: number;
  end_offset: number;
  anchor_status: string;
  group_id: number | null;
  outlet: string | null;
  published_at: string | null;
  retrieved_at: string;
}

/** The oracle: claims and who appears in them, worked out in plain code from the rows. */
function oracle() {
  const claims = library.db
    .prepare(
      `SELECT n.id, n.article_id, n.start_offset, n.end_offset, n.anchor_status, c.group_id, a.outlet, a.published_at, a.retrieved_at
       FROM claim c JOIN annotation n ON n.id = c.annotation_id JOIN article a ON a.id = n.article_id`,
    )
    .all() as ClaimRow[];
  const claimants = library.db.prepare('SELECT claim_id, entity_id FROM claim_claimant').all() as { claim_id: number; entity_id: number }[];
  const highlights = library.db
    .prepare("SELECT id, article_id, start_offset, end_offset, entity_id FROM annotation WHERE kind = 'actor' AND entity_id IS NOT NULL AND anchor_status <> 'orphan'")
    .all() as { id: number; article_id: number; start_offset: number; end_offset: number; entity_id: number }[];
  const actorsIn = new Map<number, Set<number>>();
  for (const c of claims) actorsIn.set(c.id, new Set());
  for (const c of claimants) actorsIn.get(c.claim_id)!.add(c.entity_id);
  for (const c of claims) {
    if (c.anchor_status === 'orphan') continue;
    for (const h of highlights) {
      if (h.article_id === c.article_id && h.start_offset >= c.start_offset && h.end_offset <= c.end_offset) actorsIn.get(c.id)!.add(h.entity_id);
    }
  }
  return { claims, actorsIn };
}

const earliestFirst = (a: { published_at: string | null; retrieved_at: string; id: number }, b: typeof a) =>
  (a.published_at ?? '\uffff').localeCompare(b.published_at ?? '\uffff') || a.retrieved_at.localeCompare(b.retrieved_at) || a.id - b.id;

describe('the claims board', () => {
  it('groups the same claim across articles, counts independent outlets and names the earliest report', async () => {
    const board = await call(dispatch, 'claims.board', { ungroupedLimit: 5_000 });
    const { claims } = oracle();
    expect(board.groups).toHaveLength(corpus.groups.length);
    expect(board.groups.length).toBeGreaterThan(50);
    for (const group of board.groups) {
      const members = claims.filter((c) => c.group_id === group.groupId).sort(earliestFirst);
      expect(group.claims.map((c) => c.annotationId)).toEqual(members.map((m) => m.id));
      const outlets = new Set(members.map((m) => (m.outlet ? `outlet:${m.outlet.toLowerCase()}` : `article:${m.article_id}`)));
      expect(group.independentReports).toBe(outlets.size);
      expect(group.corroboration).toBe(outlets.size - 1);
    }
    // Most independently reported first.
    const counts = board.groups.map((g) => g.independentReports);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBeGreaterThan(3);
    const ungrouped = claims.filter((c) => c.group_id === null);
    expect(board.ungroupedTotal).toBe(ungrouped.length);
    expect(board.ungrouped.map((c) => c.annotationId)).toEqual(ungrouped.sort(earliestFirst).map((c) => c.id));
    const page = await call(dispatch, 'claims.board', { ungroupedOffset: 10, ungroupedLimit: 5 });
    expect(page.ungrouped.map((c) => c.annotationId)).toEqual(board.ungrouped.slice(10, 15).map((c) => c.annotationId));
  });

  it('marks and unmarks two claims as contradicting, and shows them on the board', async () => {
    const dawn = addArticle(library, {
      title: 'Islamabad denies seeking Tehran mediation',
      paragraphs: ['The Foreign Office said Pakistan had not asked Iran to mediate with the Taliban, calling the reports baseless.'],
      outlet: 'Dawn',
      publishedAt: '2025-10-19',
    });
    const asked = await call(dispatch, 'annotations.create', {
      articleId: iran,
      kind: 'claim',
      target: { quote: 'first sought the intervention of Qatar’s Amir and Turkish President Recep Tayyip Erdogan' },
      claimants: [{ name: 'Sources' }],
    });
    const denied = await call(dispatch, 'annotations.create', { articleId: dawn.id, kind: 'claim', target: { quote: 'Pakistan had not asked Iran to mediate with the Taliban' }, claimants: [{ name: 'Foreign Office' }] });
    const highlight = await call(dispatch, 'annotations.create', { articleId: dawn.id, kind: 'highlight', target: { quote: 'baseless' } });

    const pair = await call(dispatch, 'claims.markContradiction', { id: denied.id, otherId: asked.id });
    expect([pair.a.annotationId, pair.b.annotationId]).toEqual([asked.id, denied.id].sort((x, y) => x - y));
    expect(pair.a.contradicts).toEqual([pair.b.annotationId]);
    // Marking again changes nothing.
    await call(dispatch, 'claims.markContradiction', { id: asked.id, otherId: denied.id });
    let board = await call(dispatch, 'claims.board', {});
    const shown = board.contradictions.filter((c) => [c.a.annotationId, c.b.annotationId].includes(denied.id));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.b).toMatchObject({ articleTitle: 'Islamabad denies seeking Tehran mediation', outlet: 'Dawn', claimants: [{ name: 'Foreign Office' }] });

    const refusals: [unknown, string, RegExp][] = [
      [{ id: asked.id, otherId: asked.id }, 'INVALID_INPUT', /cannot contradict itself/],
      [{ id: asked.id, otherId: highlight.id }, 'INVALID_INPUT', new RegExp(`Highlight ${highlight.id} is not a claim`)],
      [{ id: asked.id, otherId: 99_999_999 }, 'NOT_FOUND', /There is no claim 99999999/],
    ];
    for (const [input, code, detail] of refusals) {
      const result = await dispatch('claims.markContradiction', input);
      expect(!result.ok && [result.error.code, result.error.detail]).toEqual([code, expect.stringMatching(detail)]);
    }
    // Claims grouped as saying the same thing cannot also contradict each other.
    const same = await call(dispatch, 'annotations.create', { articleId: did, kind: 'claim', target: { quote: 'Past multilateral negotiations in third countries such as Qatar, Turkey, and Saudi Arabia have yielded limited results.' } });
    await call(dispatch, 'claims.link', { id: same.id, sameAs: asked.id });
    const grouped = await dispatch('claims.markContradiction', { id: same.id, otherId: asked.id });
    expect(!grouped.ok && grouped.error.code).toBe('CONFLICT');

    expect(await call(dispatch, 'claims.unmarkContradiction', { id: asked.id, otherId: denied.id })).toEqual({ a: Math.min(asked.id, denied.id), b: Math.max(asked.id, denied.id) });
    board = await call(dispatch, 'claims.board', {});
    expect(board.contradictions.some((c) => c.a.annotationId === denied.id || c.b.annotationId === denied.id)).toBe(false);
    const again = await dispatch('claims.unmarkContradiction', { id: asked.id, otherId: denied.id });
    expect(!again.ok && again.error.code).toBe('NOT_FOUND');
    // A deleted claim takes its contradictions with it.
    await call(dispatch, 'claims.markContradiction', { id: asked.id, otherId: denied.id });
    await call(dispatch, 'annotations.delete', { id: denied.id });
    expect(library.db.prepare('SELECT count(*) FROM claim_contradiction WHERE claim_a = ? OR claim_b = ?').pluck().get(denied.id, denied.id)).toBe(0);
  });

  it('builds the board of a few thousand claims quickly', async () => {
    const start = performance.now();
    await call(dispatch, 'claims.board', { ungroupedLimit: 5_000 });
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe('actors alongside an actor, and sources with their claims', () => {
  it('lists actors in the same claims and the same articles', async () => {
    await call(dispatch, 'annotations.create', {
      articleId: did,
      kind: 'claim',
      target: { quote: 'Pakistan accuses the Taliban of supporting or tolerating Tehrik-i-Taliban Pakistan (TTP) activities' },
      claimants: [{ name: 'Pakistan' }],
      sources: [{ name: 'DID Press' }],
      credibility: 2,
    });
    const taliban = await call(dispatch, 'annotations.create', { articleId: did, kind: 'actor', target: { quote: 'Taliban of supporting' }, entity: { name: 'Afghan Taliban' } });
    await call(dispatch, 'annotations.create', { articleId: did, kind: 'actor', target: { quote: 'Sirajuddin Haqqani' }, entity: { name: 'Sirajuddin Haqqani' } });
    const pakistan = (await call(dispatch, 'entities.list', { kind: 'actor', query: 'Pakistan' })).find((e) => e.name === 'Pakistan')!;
    const alongside = await call(dispatch, 'actors.alongside', { id: pakistan.id });
    expect(alongside.map((a) => [a.actor.name, a.sharedClaims, a.sharedArticles])).toEqual([
      ['Afghan Taliban', 1, 1],
      ['Sirajuddin Haqqani', 0, 1],
    ]);
    expect((await call(dispatch, 'actors.alongside', { id: taliban.entity!.id })).map((a) => a.actor.name)).toEqual(['Pakistan', 'Sirajuddin Haqqani']);
    const missing = await dispatch('actors.alongside', { id: 99_999_999 });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });

  it('agrees with the map about who appears with a generated actor', async () => {
    const { actorsIn } = oracle();
    const actor = corpus.actors[0]!;
    const expected = new Map<number, number>();
    for (const actors of actorsIn.values()) {
      if (!actors.has(actor.id)) continue;
      for (const other of actors) if (other !== actor.id) expected.set(other, (expected.get(other) ?? 0) + 1);
    }
    const alongside = await call(dispatch, 'actors.alongside', { id: actor.id, limit: 1_000 });
    expect(new Map(alongside.filter((a) => a.sharedClaims > 0).map((a) => [a.actor.id, a.sharedClaims]))).toEqual(expected);
    expect(alongside.every((a) => a.sharedArticles > 0)).toBe(true);
  });

  it('gives every source with its reliability and the claims attributed to it', async () => {
    await call(dispatch, 'entities.update', { id: (await call(dispatch, 'entities.list', { kind: 'source', query: 'DID' }))[0]!.id, reliability: 'B', sourceType: 'outlet' });
    const overview = await call(dispatch, 'sources.overview', {});
    const didPress = overview.find((s) => s.source.name === 'DID Press')!;
    expect(didPress.source).toMatchObject({ reliability: 'B', sourceType: 'outlet', claimCount: 1 });
    expect(didPress.claims.map((c) => [c.quote.slice(0, 30), c.credibility, c.articleId])).toEqual([['Pakistan accuses the Taliban o', 2, did]]);
  });
});

describe('the relationship map', () => {
  it('links actors that appear in the same claim, each edge naming its claims', async () => {
    const map = await call(dispatch, 'connections.map', {});
    const { actorsIn } = oracle();
    const expected = new Map<string, number[]>();
    for (const [claimId, set] of actorsIn) {
      const actors = [...set].sort((a, b) => a - b);
      for (let i = 0; i < actors.length; i += 1) for (let j = i + 1; j < actors.length; j += 1) {
        const key = `${actors[i]}-${actors[j]}`;
        expected.set(key, [...(expected.get(key) ?? []), claimId].sort((a, b) => a - b));
      }
    }
    expect(new Map(map.edges.map((e) => [`${e.a}-${e.b}`, e.claimIds]))).toEqual(expected);
    expect(map.nodes.length).toBeGreaterThan(100);
    const nodeIds = new Set(map.nodes.map((n) => n.id));
    expect(map.edges.every((e) => nodeIds.has(e.a) && nodeIds.has(e.b) && e.a < e.b)).toBe(true);
    for (const n of map.nodes) expect(n.degree).toBe(map.edges.filter((e) => e.a === n.id || e.b === n.id).length);
    const strong = await call(dispatch, 'connections.map', { minClaims: 3 });
    expect(strong.edges).toEqual(map.edges.filter((e) => e.claimIds.length >= 3));
  });

  it('gives the passages behind an edge, each opening an article at a highlight', async () => {
    const map = await call(dispatch, 'connections.map', {});
    const edge = [...map.edges].sort((x, y) => y.claimIds.length - x.claimIds.length)[0]!;
    const evidence = await call(dispatch, 'connections.evidence', { a: edge.b, b: edge.a });
    expect(evidence.map((e) => e.claim.annotationId).sort((x, y) => x - y)).toEqual(edge.claimIds);
    for (const { claim, roles } of evidence) {
      expect(new Set(roles.map((r) => r.actorId))).toEqual(new Set([edge.a, edge.b]));
      for (const role of roles.filter((r) => r.role === 'mentioned')) {
        const h = library.db.prepare('SELECT article_id, start_offset, end_offset, entity_id FROM annotation WHERE id = ?').get(role.annotationId) as {
          article_id: number;
          start_offset: number;
          end_offset: number;
          entity_id: number;
        };
        const c = library.db.prepare('SELECT start_offset, end_offset FROM annotation WHERE id = ?').get(claim.annotationId) as { start_offset: number; end_offset: number };
        expect(h.article_id).toBe(claim.articleId);
        expect(h.entity_id).toBe(role.actorId);
        expect(h.start_offset >= c.start_offset && h.end_offset <= c.end_offset).toBe(true);
      }
      expect(claim.quote.length).toBeGreaterThan(0);
    }
    const same = await dispatch('connections.evidence', { a: edge.a, b: edge.a });
    expect(!same.ok && same.error.code).toBe('INVALID_INPUT');
  });

  it('leaves orphaned highlights out: their range is not trustworthy', async () => {
    const map = await call(dispatch, 'connections.map', {});
    const edge = map.edges.find((e) => e.claimIds.length === 1)!;
    const claimId = edge.claimIds[0]!;
    // The generated claims link their claimant to an actor highlighted inside them.
    expect(library.db.prepare('SELECT count(*) FROM claim_claimant WHERE claim_id = ?').pluck().get(claimId)).toBe(1);
    fixture(library.db, () => library.db.prepare("UPDATE annotation SET anchor_status = 'orphan' WHERE id = ?").run(claimId));
    const after = await call(dispatch, 'connections.map', {});
    expect(after.edges.some((e) => e.a === edge.a && e.b === edge.b)).toBe(false);
    fixture(library.db, () => library.db.prepare("UPDATE annotation SET anchor_status = 'exact' WHERE id = ?").run(claimId));
  });

  it('is computed quickly for hundreds of actors', async () => {
    const start = performance.now();
    await call(dispatch, 'connections.map', {});
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe('the claims timeline', () => {
  it('places claims by article date, one lane per same-claim group, undated ones apart', async () => {
    const timeline = await call(dispatch, 'connections.timeline', {});
    const { claims } = oracle();
    const dated = claims.filter((c) => c.published_at !== null);
    expect(timeline.lanes.reduce((n, l) => n + l.claims.length, 0)).toBe(dated.length);
    expect(timeline.undated.map((c) => c.annotationId).sort((a, b) => a - b)).toEqual(claims.filter((c) => c.published_at === null).map((c) => c.id).sort((a, b) => a - b));
    for (const lane of timeline.lanes) {
      expect(lane.claims.every((c) => c.groupId === lane.groupId)).toBe(true);
      const dates = lane.claims.map((c) => c.publishedAt!);
      expect(dates).toEqual([...dates].sort());
      expect(lane.label.length).toBeGreaterThan(0);
    }
    expect(timeline.lanes[timeline.lanes.length - 1]!.groupId).toBeNull();
    expect(timeline.from).toBe(dated.map((c) => c.published_at!).sort()[0]!.slice(0, 10));
    expect(timeline.to).toBe(dated.map((c) => c.published_at!).sort().at(-1)!.slice(0, 10));
  });

  it('narrows to a date range and to the claims an actor appears in', async () => {
    const range = await call(dispatch, 'connections.timeline', { from: '2024-01-01', to: '2024-03-31' });
    const all: ClaimCard[] = range.lanes.flatMap((l) => l.claims);
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((c) => c.publishedAt! >= '2024-01-01' && c.publishedAt! <= '2024-03-31')).toBe(true);
    expect(range.undated).toEqual([]);
    const actor = corpus.actors[0]!;
    const { actorsIn } = oracle();
    const mine = await call(dispatch, 'connections.timeline', { actorId: actor.id });
    const ids = [...mine.lanes.flatMap((l) => l.claims), ...mine.undated].map((c) => c.annotationId).sort((a, b) => a - b);
    expect(ids).toEqual([...actorsIn].filter(([, s]) => s.has(actor.id)).map(([id]) => id).sort((a, b) => a - b));
  });
});
