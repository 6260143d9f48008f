import { describe, expect, it } from 'vitest';
import { call, createDispatcher } from '../api/dispatch.ts';
import { fixture, tempLibrary } from '../testing/temp.ts';
import { documentFromParagraphs } from '../../common/text/document.ts';
import type { Library } from './library.ts';

function setup() {
  const library = tempLibrary();
  const dispatch = createDispatcher(() => ({ library }));
  const articles = library.db.prepare('SELECT id, title, outlet FROM article ORDER BY title').all() as { id: number; title: string; outlet: string | null }[];
  const iran = articles[0]!.id; // Pakistan Looks to Iran… (no outlet)
  const did = articles[1]!.id; // Taliban, Pakistan Enter… (DID Press)
  return { library, dispatch, iran, did };
}

function textOf(library: Library, id: number): string {
  return library.db.prepare('SELECT text FROM article WHERE id = ?').pluck().get(id) as string;
}

describe('highlights', () => {
  it('saves a highlight from a range with its quote, context and position', async () => {
    const { library, dispatch, did } = setup();
    const text = textOf(library, did);
    const start = text.indexOf('Sirajuddin Haqqani');
    const a = await call(dispatch, 'annotations.create', { articleId: did, kind: 'highlight', target: { start, end: start + 18 } });
    expect(a.quote.exact).toBe('Sirajuddin Haqqani');
    expect(a.quote.prefix.endsWith('Taliban Interior Minister ')).toBe(true);
    expect(a.quote.suffix.startsWith(' recently welcomed')).toBe(true);
    expect([a.start, a.end, a.anchorStatus]).toEqual([start, start + 18, 'exact']);
    expect(await call(dispatch, 'annotations.list', { articleId: did })).toHaveLength(1);
  });

  it('refuses a range outside the text and a quote that is missing or ambiguous', async () => {
    const { dispatch, did } = setup();
    const outside = await dispatch('annotations.create', { articleId: did, kind: 'claim', target: { start: 10, end: 10_000_000 } });
    expect(!outside.ok && outside.error.code).toBe('INVALID_INPUT');
    const missing = await dispatch('annotations.create', { articleId: did, kind: 'claim', target: { quote: 'Kabul airport' } });
    expect(!missing.ok && missing.error).toMatchObject({ code: 'QUOTE_NOT_FOUND', detail: `"Kabul airport" is not in article ${did}.` });
    const ambiguous = await dispatch('annotations.create', { articleId: did, kind: 'actor', target: { quote: 'Taliban' } });
    expect(!ambiguous.ok && ambiguous.error.code).toBe('QUOTE_AMBIGUOUS');
    const third = await call(dispatch, 'annotations.create', { articleId: did, kind: 'actor', target: { quote: 'Taliban', occurrence: 3 } });
    expect(third.quote.exact).toBe('Taliban');
  });

  it('links actor highlights to one actor through its aliases', async () => {
    const { dispatch, iran, did } = setup();
    const actor = await call(dispatch, 'entities.create', { kind: 'actor', name: 'Asim Munir', aliases: ['Army Chief Asim Munir', 'Munir', "Pakistan's army chief"] });
    const first = await call(dispatch, 'annotations.create', { articleId: iran, kind: 'actor', target: { quote: 'Army Chief Asim Munir' }, entity: { name: 'army chief asim munir' } });
    expect(first.entity).toMatchObject({ id: actor.id, name: 'Asim Munir' });
    const haqqani = await call(dispatch, 'annotations.create', { articleId: did, kind: 'actor', target: { quote: 'Sirajuddin Haqqani' }, entity: { name: 'Sirajuddin Haqqani' } });
    expect(haqqani.entity?.id).not.toBe(actor.id);
    const detail = await call(dispatch, 'entities.get', { id: actor.id });
    expect(detail.mentions.map((m) => [m.quote.exact, m.articleTitle])).toEqual([['Army Chief Asim Munir', expect.stringContaining('Pakistan Looks to Iran')]]);
    const typeAhead = await call(dispatch, 'entities.list', { kind: 'actor', query: 'mun' });
    expect(typeAhead.map((e) => e.name)).toEqual(['Asim Munir']);
  });

  it('records a claim with claimant, source, credibility, and counts corroboration by independent outlets', async () => {
    const { library, dispatch, iran, did } = setup();
    await call(dispatch, 'entities.create', { kind: 'source', name: 'DID Press', sourceType: 'outlet', reliability: 'B' });
    const didClaim = await call(dispatch, 'annotations.create', {
      articleId: did,
      kind: 'claim',
      target: { quote: 'Past multilateral negotiations in third countries such as Qatar, Turkey, and Saudi Arabia have yielded limited results.' },
      claimants: [{ name: 'Analysts' }],
      sources: [{ name: 'DID Press' }],
      credibility: 2,
    });
    expect(didClaim.claim).toMatchObject({ credibility: 2, claimants: [{ name: 'Analysts' }], sources: [{ name: 'DID Press', reliability: 'B' }], corroboration: 0 });
    const iranClaim = await call(dispatch, 'annotations.create', {
      articleId: iran,
      kind: 'claim',
      target: { quote: 'Previous attempts to resolve the dispute through Qatari and Turkish channels have reportedly faltered' },
    });
    const linked = await call(dispatch, 'claims.link', { id: iranClaim.id, sameAs: didClaim.id });
    expect(linked.claim?.corroboration).toBe(1);
    expect(linked.claim?.sameClaims.map((c) => c.annotationId)).toEqual([didClaim.id]);
    expect((await call(dispatch, 'annotations.get', { id: didClaim.id })).claim?.corroboration).toBe(1);

    // A second claim in the same outlet as the first is not an independent report.
    fixture(library.db, () => library.db.prepare("UPDATE article SET outlet = 'DID Press' WHERE id = ?").run(iran));
    expect((await call(dispatch, 'annotations.get', { id: didClaim.id })).claim?.corroboration).toBe(0);

    const unlinked = await call(dispatch, 'claims.unlink', { id: iranClaim.id });
    expect(unlinked.claim).toMatchObject({ groupId: null, sameClaims: [], corroboration: 0 });
    // A group of one says nothing: it is removed.
    expect((await call(dispatch, 'annotations.get', { id: didClaim.id })).claim?.groupId).toBeNull();
    expect(library.db.prepare('SELECT count(*) FROM claim_group').pluck().get()).toBe(0);
  });

  it('re-tags a highlight, keeping only what fits the new kind', async () => {
    const { dispatch, did } = setup();
    const source = await call(dispatch, 'annotations.create', { articleId: did, kind: 'source', target: { quote: 'DID Press' }, entity: { name: 'DID Press' } });
    const asClaim = await call(dispatch, 'annotations.update', { id: source.id, kind: 'claim' });
    expect(asClaim).toMatchObject({ kind: 'claim', entity: null, claim: { claimants: [], sources: [] } });
    const asActor = await call(dispatch, 'annotations.update', { id: source.id, kind: 'actor', entity: { name: 'DID Press agency' } });
    expect(asActor).toMatchObject({ kind: 'actor', claim: null, entity: { kind: 'actor', name: 'DID Press agency' } });
  });

  it('undoes a delete (history.undo) by restoring the highlight whole, under its old id, in its same-claim group', async () => {
    const { dispatch, iran, did } = setup();
    const tag = await call(dispatch, 'tags.create', { name: 'mediation' });
    const a = await call(dispatch, 'annotations.create', {
      articleId: did,
      kind: 'claim',
      target: { quote: 'Religious mediation has played a notable role in easing tensions.' },
      claimants: [{ name: 'DID Press' }],
      credibility: 3,
      note: 'Check against Dawn.',
      tagIds: [tag.id],
    });
    const b = await call(dispatch, 'annotations.create', { articleId: iran, kind: 'claim', target: { quote: 'He highlighted the importance of solidarity among Muslim states' } });
    await call(dispatch, 'claims.link', { id: a.id, sameAs: b.id });
    const before = await call(dispatch, 'annotations.get', { id: a.id });
    const deleted = await call(dispatch, 'annotations.delete', { id: a.id });
    expect((await dispatch('annotations.get', { id: a.id })).ok).toBe(false);
    await call(dispatch, 'history.undo', {});
    const restored = await call(dispatch, 'annotations.get', { id: a.id });
    expect(restored).toEqual(before);
    expect(deleted.id).toBe(a.id);
  });
});

describe('editing an article text', () => {
  it('re-anchors highlights: exact, moved, and orphaned when their passage is gone', async () => {
    const { library, dispatch, did } = setup();
    const create = (quote: string) => call(dispatch, 'annotations.create', { articleId: did, kind: 'highlight', target: { quote } });
    const early = await create('Sirajuddin Haqqani');
    const gone = await create('Religious mediation has played a notable role in easing tensions.');
    const late = await create('tangible cooperation to build mutual confidence');
    const paragraphs = textOf(library, did).split('\n\n');
    const edited = [paragraphs[0]!, 'Editor’s note: an inserted paragraph.', ...paragraphs.slice(1).filter((p) => !p.startsWith('Religious mediation'))];
    const result = await call(dispatch, 'articles.updateText', { id: did, body: documentFromParagraphs(edited) });
    expect(result.anchors).toEqual({ exact: 0, moved: 2, fuzzy: 0, orphan: 1 });
    const after = new Map((await call(dispatch, 'annotations.list', { articleId: did })).map((a) => [a.id, a]));
    for (const id of [early.id, late.id]) {
      const a = after.get(id)!;
      expect(a.anchorStatus).toBe('moved');
      expect(result.article.text.slice(a.start, a.end)).toBe(a.quote.exact);
    }
    expect(after.get(gone.id)).toMatchObject({ anchorStatus: 'orphan', quote: { exact: 'Religious mediation has played a notable role in easing tensions.' } });
    expect(result.article.textSha256).not.toBe((await call(dispatch, 'articles.get', { id: did })).original?.sha256);
  });
});

describe('actors and sources', () => {
  it('merges two actors: names become aliases, mentions and claims move', async () => {
    const { dispatch, iran, did } = setup();
    const m1 = await call(dispatch, 'annotations.create', { articleId: iran, kind: 'actor', target: { quote: 'Asim Munir' }, entity: { name: 'Asim Munir' } });
    const claim = await call(dispatch, 'annotations.create', { articleId: did, kind: 'claim', target: { quote: 'Pakistan accuses the Taliban' }, claimants: [{ name: 'Pakistan Army' }] });
    const army = claim.claim!.claimants[0]!;
    const merged = await call(dispatch, 'entities.merge', { keepId: m1.entity!.id, mergeId: army.id });
    expect(merged).toMatchObject({ name: 'Asim Munir', aliases: ['Pakistan Army'], mentionCount: 1, claimCount: 1 });
    expect((await call(dispatch, 'annotations.get', { id: claim.id })).claim?.claimants.map((e) => e.name)).toEqual(['Asim Munir']);
    expect((await dispatch('entities.get', { id: army.id })).ok).toBe(false);
  });

  it('refuses a duplicate name, and source fields on an actor', async () => {
    const { dispatch } = setup();
    await call(dispatch, 'entities.create', { kind: 'actor', name: 'Mohsin Naqvi' });
    expect((await dispatch('entities.create', { kind: 'actor', name: 'mohsin naqvi' })).ok).toBe(false);
    const graded = await dispatch('entities.create', { kind: 'actor', name: 'Naqvi', reliability: 'A' });
    expect(!graded.ok && graded.error.code).toBe('INVALID_INPUT');
  });
});

describe('notebook pages', () => {
  it('stores rich text with its plain text, and links the highlights it quotes', async () => {
    const { dispatch, did } = setup();
    const a = await call(dispatch, 'annotations.create', { articleId: did, kind: 'claim', target: { quote: 'trust remains fragile' } });
    const body = documentFromParagraphs(['Working notes on mediation.']);
    body.root.children.push({ type: 'annotation-quote', version: 1, annotationId: a.id, articleId: did, quote: 'trust remains fragile', articleTitle: 'x' });
    const note = await call(dispatch, 'notes.create', { title: 'Mediation', body });
    expect(note.quotedAnnotationIds).toEqual([a.id]);
    expect(note.text).toContain('Working notes on mediation.');
    const renamed = await call(dispatch, 'notes.update', { id: note.id, title: 'Mediation tracks' });
    expect(renamed).toMatchObject({ title: 'Mediation tracks', quotedAnnotationIds: [a.id] });
    const bad = await dispatch('notes.create', { title: 'Bad', body: { root: 'nope' } });
    expect(!bad.ok && bad.error.issues?.[0]?.field).toBe('body');
  });
});

describe('restoring a deleted highlight (undo)', () => {
  it('comes back by its quote, keeps its creation time and its notebook links, and an orphan stays an orphan', async () => {
    const { library, dispatch, did } = setup();
    const a = await call(dispatch, 'annotations.create', { articleId: did, kind: 'highlight', target: { quote: 'Religious mediation has played a notable role in easing tensions.' } });
    const body = documentFromParagraphs(['Notes']);
    body.root.children.push({ type: 'annotation-quote', version: 1, annotationId: a.id, articleId: did, quote: a.quote.exact, articleTitle: 't' });
    const note = await call(dispatch, 'notes.create', { title: 'Quotes', body });
    // The paragraph is edited away: the highlight is an orphan.
    const paragraphs = textOf(library, did).split('\n\n').filter((p) => !p.startsWith('Religious mediation'));
    await call(dispatch, 'articles.updateText', { id: did, body: documentFromParagraphs(paragraphs) });
    const orphan = await call(dispatch, 'annotations.get', { id: a.id });
    expect(orphan.anchorStatus).toBe('orphan');

    await call(dispatch, 'annotations.delete', { id: a.id });
    expect((await call(dispatch, 'notes.get', { id: note.id })).quotedAnnotationIds).toEqual([]);
    await call(dispatch, 'history.undo', {});
    const restored = await call(dispatch, 'annotations.get', { id: a.id });
    expect(restored).toMatchObject({ anchorStatus: 'orphan', quote: orphan.quote, createdAt: orphan.createdAt });
    expect((await call(dispatch, 'notes.get', { id: note.id })).quotedAnnotationIds).toEqual([a.id]);
  });
});
