// The pickers' server side: "Same claim as…" and "Insert a highlight" (annotations.find)
// and the dossier's article list (articles.list with text) reach the whole library as
// the researcher types, however old the article, a page at a time.
import { describe, expect, it } from 'vitest';
import type { AnnotationFindPage, AnnotationInArticle } from '../../common/api/methods/annotations.ts';
import type { ArticleCursor, ArticleSummary } from '../../common/api/methods/articles.ts';
import { documentFromParagraphs } from '../../common/text/document.ts';
import { call, createDispatcher, type Dispatch } from '../api/dispatch.ts';
import { articleWordsFilter, insertArticle } from '../db/repositories/articles.ts';
import { findAnnotationsSql } from '../db/repositories/annotations.ts';
import { fixture, tempLibrary } from '../testing/temp.ts';
import type { Library } from './library.ts';
import { typedWords } from './typeahead.ts';

const OUTLETS = ['Dawn', 'Geo News', 'The Express Tribune', null];

/**
 * `n` filler articles retrieved one a day, oldest first, so the first one is far past
 * the newest 500 in every sort; their titles and texts share no word with the claims.
 */
function fill(library: Library, n: number): number[] {
  const ids: number[] = [];
  fixture(library.db, () => {
    for (let i = 0; i < n; i++) {
      const text = `Routine market report number ${i}. Prices held steady across the region.`;
      const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString();
      ids.push(
        insertArticle(
          library.db,
          {
            title: `Market report ${i}`,
            byline: null,
            outlet: OUTLETS[i % OUTLETS.length]!,
            url: null,
            publishedAt: day.slice(0, 10),
            language: 'en',
            direction: 'ltr',
            retrievedAt: day,
            body: documentFromParagraphs([text]),
            text,
            textSha256: `sha-${i}`,
            previousVersionId: null,
            original: null,
          },
          day,
        ),
      );
    }
  });
  return ids;
}

function setup() {
  const library = tempLibrary();
  const dispatch = createDispatcher(() => ({ library }));
  const seeds = library.db.prepare('SELECT id, title FROM article ORDER BY title').all() as { id: number; title: string }[];
  const iran = seeds[0]!.id; // Pakistan Looks to Iran… (no outlet)
  const did = seeds[1]!.id; // Taliban, Pakistan Enter… (DID Press)
  const filler = fill(library, 620);
  return { library, dispatch, iran, did, filler, oldest: filler[0]! };
}

async function find(dispatch: Dispatch, input: Record<string, unknown>): Promise<AnnotationFindPage> {
  return call(dispatch, 'annotations.find', input as never);
}

/** A claim in the oldest article of a library of 622, with a claimant and a note. */
async function claimInOldest(dispatch: Dispatch, oldest: number) {
  // The filler text is the same for every article: give the oldest one its own words.
  return call(dispatch, 'annotations.create', {
    articleId: oldest,
    kind: 'claim',
    target: { quote: 'Prices held steady across the region' },
    claimants: [{ name: 'Asim Munir' }],
    note: 'Compare with the Quetta figures',
  });
}

describe('annotations.find: highlights across the whole library, as you type', () => {
  it('finds a claim in an article older than the newest 500, with its article, by any of its words', async () => {
    const { dispatch, oldest, did } = setup();
    const old = await claimInOldest(dispatch, oldest);
    await call(dispatch, 'annotations.create', { articleId: did, kind: 'claim', target: { quote: 'Past multilateral negotiations in third countries' } });

    const ids = async (text: string, more: Record<string, unknown> = {}) => (await find(dispatch, { text, kind: 'claim', ...more })).items.map((a) => a.id);
    // The quote, the last word half typed; the note; the claimant; the article's title and outlet.
    expect(await ids('prices held ste')).toEqual([old.id]);
    expect(await ids('quetta')).toEqual([old.id]);
    expect(await ids('asim')).toEqual([old.id]);
    expect(await ids('market report 0')).toEqual([old.id]);
    expect(await ids('dawn')).toEqual([old.id]);
    // Each word may be in a different place: the claimant, the outlet, the quote.
    expect(await ids('munir dawn steady')).toEqual([old.id]);
    expect(await ids('Dawn, “Asim')).toEqual([old.id]);
    expect(await ids('munir geo')).toEqual([]);
    // Left out when it is the claim's own article.
    expect(await ids('prices', { exceptArticleId: oldest })).toEqual([]);

    const [item] = (await find(dispatch, { text: 'prices' })).items as [AnnotationInArticle];
    expect(item.article).toEqual({ id: oldest, title: 'Market report 0', outlet: 'Dawn', publishedAt: '2020-01-01' });
    expect(item.claim?.claimants.map((e) => e.name)).toEqual(['Asim Munir']);
    expect(item.quote.exact).toBe('Prices held steady across the region');
  });

  it('takes half-typed quotes and operators as plain words, never as an error', async () => {
    const { dispatch, oldest } = setup();
    const old = await claimInOldest(dispatch, oldest);
    for (const text of ['"prices', '(steady', 'prices*', '"', '  ', 'held)']) {
      expect((await find(dispatch, { text })).items.map((a) => a.id), text).toEqual([old.id]);
    }
    for (const text of ['prices AND', 'NOT prices', 'prices OR (', '*', 'a"b"c', '\\%_']) {
      expect((await dispatch('annotations.find', { text })).ok, text).toBe(true);
    }
  });

  it('lists the newest first when nothing is typed, and pages through every one exactly once', async () => {
    const { dispatch, filler } = setup();
    const created: number[] = [];
    // One claim in every 20th article, the oldest first.
    for (const articleId of filler.filter((_, i) => i % 20 === 0)) {
      created.push((await call(dispatch, 'annotations.create', { articleId, kind: 'claim', target: { quote: 'held steady' } })).id);
    }
    await call(dispatch, 'annotations.create', { articleId: filler[1]!, kind: 'actor', target: { quote: 'Routine' }, entity: { name: 'Routine' } });
    const seen: AnnotationInArticle[] = [];
    let before: number | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await find(dispatch, { kind: 'claim', limit: 7, ...(before ? { before } : {}) });
      seen.push(...page.items);
      if (page.next === null) break;
      expect(page.items).toHaveLength(7);
      before = page.next;
    }
    expect(seen.map((a) => a.id)).toEqual([...created].reverse());
    expect(seen.at(-1)!.article.title).toBe('Market report 0');
    expect((await find(dispatch, { text: 'held stea', limit: 100 })).items).toHaveLength(created.length);
  });

  it('reads the highlights in id order, never sorting every match', () => {
    const { library } = setup();
    fixture(library.db, () => library.db.prepare("INSERT INTO entity (gid, kind, name, created_at, updated_at) VALUES (casefile_gid(), 'actor', 'Asim Munir', 'now', 'now')").run());
    const words = typedWords(library.db, 'munir dawn', { entities: true });
    expect(words.map((w) => [w.entityIds.length, w.outlets])).toEqual([
      [1, []],
      [0, ['Dawn']],
    ]);
    const query = findAnnotationsSql({ words, kind: 'claim', exceptArticleId: 1, limit: 51 });
    const plan = (library.db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(query.params) as { detail: string }[]).map((r) => r.detail);
    expect(plan[0]).toMatch(/^SCAN n\b/);
    expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });

  it('refuses a page size past 100', async () => {
    const { dispatch } = setup();
    const result = await dispatch('annotations.find', { limit: 101 });
    expect(!result.ok && result.error.code).toBe('INVALID_INPUT');
  });
});

describe('articles.list with text: the article list narrowed by title and outlet', () => {
  async function walk(dispatch: Dispatch, text: string, limit: number): Promise<ArticleSummary[]> {
    const seen: ArticleSummary[] = [];
    let after: ArticleCursor | undefined;
    for (let pages = 0; pages < 1000; pages++) {
      const page = await call(dispatch, 'articles.list', { text, sort: 'published', limit, ...(after ? { after } : {}) });
      seen.push(...page.items);
      if (!page.next) return seen;
      after = page.next;
    }
    throw new Error('paging does not end');
  }

  it('finds an article older than the newest 500 by a word of its title', async () => {
    const { dispatch, oldest } = setup();
    const page = await call(dispatch, 'articles.list', { text: 'report 0', sort: 'published', limit: 50 });
    expect(page.items.map((a) => a.id)).toEqual([oldest]);
    // The total is still the whole library's.
    expect(page.total).toBe(622);
    // The last word may be half typed; an earlier one is a whole word.
    expect((await call(dispatch, 'articles.list', { text: 'Market repo', limit: 500 })).items).toHaveLength(500);
    expect((await call(dispatch, 'articles.list', { text: 'Mar report 0', limit: 50 })).items).toEqual([]);
    expect((await call(dispatch, 'articles.list', { text: 'Rapprochement "Pakistan', limit: 50 })).items.map((a) => a.title)).toEqual([
      'Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust',
    ]);
  });

  it('matches a word in the outlet or the title, and pages through every match in the sort order', async () => {
    const { dispatch, library } = setup();
    const expected = library.db
      .prepare("SELECT id FROM article WHERE outlet = 'The Express Tribune' ORDER BY published_at DESC, id DESC")
      .pluck()
      .all() as number[];
    expect(expected.length).toBe(155);
    const seen = await walk(dispatch, 'tribune', 40);
    expect(seen.map((a) => a.id)).toEqual(expected);
    // One word in the outlet, one in the title.
    expect((await walk(dispatch, 'express report 6', 40)).map((a) => a.title)).toEqual(['Market report 6']);
    // "news" is in an outlet's name and no title: only Geo News articles.
    const news = await walk(dispatch, 'news', 100);
    expect(news).toHaveLength(155);
    expect(news.every((a) => a.outlet === 'Geo News')).toBe(true);
  });

  it('keeps to the sort index with a text filter (no sort of every match)', () => {
    const { library } = setup();
    const filter = articleWordsFilter(typedWords(library.db, 'market dawn', { entities: false }))!;
    for (const [order, index] of [
      ['a.published_at DESC, a.id DESC', 'article_by_published'],
      ['a.retrieved_at DESC, a.id DESC', 'article_by_retrieved'],
      ['a.title COLLATE NOCASE, a.id', 'article_by_title'],
    ]) {
      const sql = `EXPLAIN QUERY PLAN SELECT a.id FROM article a WHERE ${filter.where} ORDER BY ${order} LIMIT 10`;
      const plan = (library.db.prepare(sql).all(filter.params) as { detail: string }[]).map((r) => r.detail);
      expect(plan[0]).toMatch(new RegExp(`^SCAN a USING (COVERING )?INDEX ${index}`));
      expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
  });
});
