import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createDispatcher, type Dispatch } from '../../api/dispatch.ts';
import { closeLibrary, openLibrarySession, type Library } from '../library.ts';
import { addArticle, buildCorpus, type Corpus } from '../../testing/corpus.ts';

// The seed articles in a library that already knows 300 people, 1,000 generated
// articles about them, and many of their mentions highlighted.
let dir: string;
let library: Library;
let dispatch: Dispatch;
let corpus: Corpus;
let did: number;
let iran: number;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-suggestions-'));
  library = openLibrarySession(path.join(dir, 'suggestions.casefile'), { create: true });
  dispatch = createDispatcher(() => ({ library }));
  const seeds = library.db.prepare('SELECT id, outlet FROM article ORDER BY id').all() as { id: number; outlet: string | null }[];
  did = seeds.find((a) => a.outlet === 'DID Press')!.id;
  iran = seeds.find((a) => a.outlet === null)!.id;
  corpus = buildCorpus(library, { articles: 1_000, seed: 5, annotate: true, actors: 300 });
});

afterAll(() => {
  closeLibrary(library);
  fs.rmSync(dir, { recursive: true, force: true });
});

const annotationCount = () => library.db.prepare('SELECT count(*) FROM annotation').pluck().get() as number;
const textOf = (id: number) => library.db.prepare('SELECT text FROM article WHERE id = ?').pluck().get(id) as string;

describe('suggested actor mentions', () => {
  it('finds every mention of known actors by name and alias, as whole words, where no actor highlight is yet', async () => {
    // A generated article: the oracle is every place a known name occurs, minus highlighted ranges.
    const articleId = corpus.articleIds.find((id) => (library.db.prepare("SELECT count(*) FROM annotation WHERE article_id = ? AND kind = 'actor'").pluck().get(id) as number) > 2)!;
    const text = textOf(articleId);
    const highlighted = library.db.prepare("SELECT start_offset AS s, end_offset AS e FROM annotation WHERE article_id = ? AND kind = 'actor'").all(articleId) as { s: number; e: number }[];
    const expected = new Map<string, number[]>();
    for (const actor of corpus.actors) {
      for (let at = text.indexOf(actor.name); at >= 0; at = text.indexOf(actor.name, at + 1)) {
        if (highlighted.some((h) => h.s < at + actor.name.length && at < h.e)) continue;
        expected.set(actor.name, [...(expected.get(actor.name) ?? []), at]);
      }
    }
    const before = annotationCount();
    const suggestions = await call(dispatch, 'suggestions.list', { articleId, limit: 500 });
    // Full names here: the generated aliases (surnames) overlap them and lose to the longer name.
    const byName = new Map(suggestions.known.filter((k) => k.text.includes(' ')).map((k) => [k.text, k.occurrences.map((o) => o.start)]));
    expect(byName).toEqual(expected);
    for (const k of suggestions.known) expect(k.actors.length).toBeGreaterThan(0);
    // Listing suggestions annotates nothing.
    expect(annotationCount()).toBe(before);
  });

  it('is case-sensitive for names, respects word boundaries, and folds curly apostrophes', async () => {
    const bajwa = await call(dispatch, 'entities.create', { kind: 'actor', name: 'Qamar Bajwa', aliases: ['Pakistan\'s army chief', 'Bajwa'] });
    const article = addArticle(library, {
      title: 'Army chief in Tehran',
      paragraphs: ['Qamar Bajwa arrived on Monday. Later Bajwa met officials; the Bajwabad road was closed.', 'Pakistan’s army chief said the qamar bajwa rumours were false, and Qamar  Bajwa left.'],
    });
    const { known } = await call(dispatch, 'suggestions.list', { articleId: article.id });
    const found = known.filter((k) => k.actors.some((a) => a.id === bajwa.id));
    expect(found.map((k) => [k.text, k.occurrences.map((o) => article.text.slice(o.start, o.end))])).toEqual([
      ['Qamar Bajwa', ['Qamar Bajwa', 'Qamar  Bajwa']],
      ['Bajwa', ['Bajwa']],
      ['Pakistan’s army chief', ['Pakistan’s army chief']],
    ]);
    const at = article.text.indexOf('Later Bajwa') + 6;
    expect(found.find((k) => k.text === 'Bajwa')!.occurrences).toEqual([{ start: at, end: at + 5 }]);

    // Accepting creates actor highlights through annotations.create, on every occurrence.
    const created = await call(dispatch, 'suggestions.accept', { articleId: article.id, text: 'Qamar Bajwa', actor: { id: bajwa.id } });
    expect(created.map((a) => [a.kind, a.entity?.name, a.quote.exact])).toEqual([
      ['actor', 'Qamar Bajwa', 'Qamar Bajwa'],
      ['actor', 'Qamar Bajwa', 'Qamar  Bajwa'],
    ]);
    const after = await call(dispatch, 'suggestions.list', { articleId: article.id });
    expect(after.known.filter((k) => k.actors.some((a) => a.id === bajwa.id)).map((k) => k.text)).toEqual(['Bajwa', 'Pakistan’s army chief']);
  });

  it('suggests capitalised runs nobody has recorded yet, most frequent first', async () => {
    await call(dispatch, 'annotations.create', { articleId: did, kind: 'actor', target: { quote: 'Sirajuddin Haqqani' }, entity: { name: 'Sirajuddin Haqqani' } });
    const { candidates, known } = await call(dispatch, 'suggestions.list', { articleId: did });
    const names = candidates.map((c) => c.text);
    expect(names.slice(0, 2)).toEqual(['Taliban', 'Pakistan']);
    expect(candidates[0]!.occurrences.length).toBeGreaterThan(candidates[2]!.occurrences.length);
    for (const name of ['Muhammad Ishaq Dar', 'Amir Khan Muttaqi', 'Tehrik-i-Taliban Pakistan', 'Maulana Fazlur Rehman', 'Karachi']) expect(names).toContain(name);
    // Already an actor highlight here: not suggested again, neither as a candidate nor as known.
    expect(names).not.toContain('Sirajuddin Haqqani');
    expect(known.map((k) => k.text)).not.toContain('Sirajuddin Haqqani');
    const text = textOf(did);
    for (const c of candidates) for (const o of c.occurrences) expect(text.slice(o.start, o.end)).toBe(c.text);
  });

  it('accepting a candidate can create the actor, on chosen occurrences only', async () => {
    const { candidates } = await call(dispatch, 'suggestions.list', { articleId: did });
    const muttaqi = candidates.find((c) => c.text === 'Amir Khan Muttaqi')!;
    const [created] = await call(dispatch, 'suggestions.accept', { articleId: did, text: muttaqi.text, actor: { name: 'Amir Khan Muttaqi' }, ranges: muttaqi.occurrences.slice(0, 1) });
    expect(created).toMatchObject({ kind: 'actor', start: muttaqi.occurrences[0]!.start, entity: { name: 'Amir Khan Muttaqi' } });
    const after = await call(dispatch, 'suggestions.list', { articleId: did });
    expect(after.candidates.map((c) => c.text)).not.toContain('Amir Khan Muttaqi');
  });

  it('refuses a stale range and creates nothing at all', async () => {
    const { candidates } = await call(dispatch, 'suggestions.list', { articleId: did });
    const karachi = candidates.find((c) => c.text === 'Karachi')!;
    const before = annotationCount();
    const result = await dispatch('suggestions.accept', {
      articleId: did,
      text: 'Karachi',
      actor: { name: 'Karachi' },
      ranges: [karachi.occurrences[0]!, { start: 0, end: 7 }],
    });
    expect(!result.ok && [result.error.code, result.error.detail]).toEqual(['CONFLICT', expect.stringContaining('is not "Karachi"')]);
    expect(annotationCount()).toBe(before);
    expect((await call(dispatch, 'entities.list', { kind: 'actor', query: 'Karachi' })).length).toBe(0);
    const missing = await dispatch('suggestions.list', { articleId: 99_999_999 });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });

  it('remembers a dismissal per article, and can take it back', async () => {
    await call(dispatch, 'entities.create', { kind: 'actor', name: 'Shehbaz Sharif' });
    const other = addArticle(library, { title: 'Budget', paragraphs: ['Shehbaz Sharif presented the budget in Islamabad.'] });
    expect((await call(dispatch, 'suggestions.list', { articleId: iran })).known.map((k) => k.text)).toContain('Shehbaz Sharif');

    await call(dispatch, 'suggestions.dismiss', { articleId: iran, text: 'Shehbaz Sharif' });
    await call(dispatch, 'suggestions.dismiss', { articleId: iran, text: 'Tehran' });
    const dismissed = await call(dispatch, 'suggestions.list', { articleId: iran });
    expect(dismissed.known.map((k) => k.text)).not.toContain('Shehbaz Sharif');
    expect(dismissed.candidates.map((c) => c.text)).not.toContain('Tehran');
    expect(dismissed.dismissed).toEqual(['Shehbaz Sharif', 'Tehran']);
    // Only in that article.
    expect((await call(dispatch, 'suggestions.list', { articleId: other.id })).known.map((k) => k.text)).toEqual(['Shehbaz Sharif']);

    await call(dispatch, 'suggestions.undismiss', { articleId: iran, text: 'Tehran' });
    expect((await call(dispatch, 'suggestions.list', { articleId: iran })).candidates.map((c) => c.text)).toContain('Tehran');
    const notDismissed = await dispatch('suggestions.undismiss', { articleId: iran, text: 'Tehran' });
    expect(!notDismissed.ok && notDismissed.error.code).toBe('NOT_FOUND');
  });

  it('answers quickly with hundreds of known actors', async () => {
    const start = performance.now();
    for (const id of corpus.articleIds.slice(0, 20)) await call(dispatch, 'suggestions.list', { articleId: id });
    expect((performance.now() - start) / 20).toBeLessThan(100);
  });
});
