// The library list, paged by seek (keyset): every article exactly once, in a stable
// order, however many share the sort key, and through the API as the renderer asks.
import { describe, expect, it } from 'vitest';
import type { ArticleCursor, ArticlePage, ArticleSummary } from '../../common/api/methods/articles.ts';
import { documentFromParagraphs } from '../../common/text/document.ts';
import { call, createDispatcher } from '../api/dispatch.ts';
import { insertArticle, listArticlesPage, SEEK_AFTER } from '../db/repositories/articles.ts';
import { fixture, tempLibrary } from '../testing/temp.ts';
import { listArticles } from './articles.ts';
import type { Library } from './library.ts';

type Sort = 'retrieved' | 'published' | 'title';

/** Articles that tie on every sort key in groups: 4 retrieval times, 3 publication dates and undated ones, 5 titles in mixed case. */
function fill(library: Library, n: number): void {
  const titles = ['alpha', 'Alpha', 'beta', 'BETA', 'Gamma'];
  fixture(library.db, () => {
    for (let i = 0; i < n; i++) {
      const text = `Article number ${i}.`;
      insertArticle(
        library.db,
        {
          title: titles[i % titles.length]!,
          byline: null,
          outlet: null,
          url: null,
          publishedAt: i % 4 === 3 ? null : `2024-0${1 + (i % 3)}-15`,
          language: 'en',
          direction: 'ltr',
          retrievedAt: `2026-11-2${i % 4}T10:00:00.000Z`,
          body: documentFromParagraphs([text]),
          text,
          textSha256: `sha-${i}`,
          previousVersionId: null,
          original: null,
        },
        '2026-11-22T10:00:00.000Z',
      );
    }
  });
}

/** Every row, in one query, in the order the sort promises (the reference for the pages). */
function reference(library: Library, sort: Sort): number[] {
  const order = {
    retrieved: 'retrieved_at DESC, id DESC',
    published: 'published_at IS NULL, published_at DESC, id DESC',
    title: 'title COLLATE NOCASE, id',
  }[sort];
  return library.db.prepare(`SELECT id FROM article ORDER BY ${order}`).pluck().all() as number[];
}

function walk(library: Library, sort: Sort, limit: number): { ids: number[]; pages: number } {
  const ids: number[] = [];
  let after: ArticleCursor | undefined;
  let pages = 0;
  for (;;) {
    const page = listArticlesPage(library.db, { limit, sort, after });
    pages += 1;
    ids.push(...page.items.map((a) => a.id));
    if (!page.next) break;
    expect(page.items).toHaveLength(limit);
    expect(page.next.id).toBe(page.items[page.items.length - 1]!.id);
    after = page.next;
    if (pages > 10_000) throw new Error('paging does not end');
  }
  return { ids, pages };
}

describe('library list paging', () => {
  it('walks every article once, in the sort order, with many rows sharing each sort key', () => {
    const library = tempLibrary({ seed: false });
    fill(library, 203);
    for (const sort of ['retrieved', 'published', 'title'] as const) {
      const expected = reference(library, sort);
      expect(expected).toHaveLength(203);
      for (const limit of [1, 7, 50, 203, 500]) {
        const { ids, pages } = walk(library, sort, limit);
        expect(ids, `${sort}, pages of ${limit}`).toEqual(expected);
        expect(pages).toBe(Math.max(1, Math.ceil(203 / limit)));
      }
      // The first page by seek is the first page by offset.
      expect(listArticles(library, { offset: 0, limit: 20, sort }).items.map((a) => a.id)).toEqual(expected.slice(0, 20));
    }
  });

  it('a cursor stays valid when articles are added before it or its own row goes away', () => {
    const library = tempLibrary({ seed: false });
    fill(library, 40);
    const first = listArticlesPage(library.db, { limit: 10, sort: 'retrieved' });
    const expectedRest = reference(library, 'retrieved').slice(10);
    // A new article sorts first (retrieved now) and does not shift the next page.
    fill(library, 1);
    fixture(library.db, () => {
      library.db.prepare('UPDATE article SET retrieved_at = ? WHERE id = (SELECT max(id) FROM article)').run('2030-01-01T00:00:00.000Z');
      library.db.prepare('DELETE FROM article WHERE id = ?').run(first.next!.id);
    });
    const rest: number[] = [];
    let after: ArticleCursor | undefined = first.next!;
    while (after) {
      const page = listArticlesPage(library.db, { limit: 10, sort: 'retrieved', after });
      rest.push(...page.items.map((a) => a.id));
      after = page.next ?? undefined;
    }
    expect(rest).toEqual(expectedRest);
  });

  it('seeks through the sort indexes to the cursor, never scanning from the start or sorting', () => {
    const library = tempLibrary({ seed: false });
    const indexes = { retrieved: 'article_by_retrieved', published: 'article_by_published', title: 'article_by_title', undated: 'article_by_published' } as const;
    for (const [sort, seek] of Object.entries(SEEK_AFTER) as [keyof typeof SEEK_AFTER, (typeof SEEK_AFTER)[keyof typeof SEEK_AFTER]][]) {
      const plan = (library.db.prepare(`EXPLAIN QUERY PLAN SELECT a.id FROM article a WHERE ${seek.where} ORDER BY ${seek.order} LIMIT 10`).all({ key: 'x', id: 1 }) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
      expect(plan, sort).toMatch(new RegExp(`^SEARCH a USING (COVERING )?INDEX ${indexes[sort]} \\(`));
      expect(plan, sort).not.toMatch(/TEMP B-TREE|SCAN/);
    }
  });

  it('through the API: the next page follows from the cursor, with the total on every page', async () => {
    const library = tempLibrary();
    fill(library, 12);
    const dispatch = createDispatcher(() => ({ library }));
    const seen: ArticleSummary[] = [];
    let page: ArticlePage = await call(dispatch, 'articles.list', { limit: 5 });
    seen.push(...page.items);
    while (page.next) {
      expect(page.total).toBe(14);
      page = await call(dispatch, 'articles.list', { limit: 5, after: page.next });
      seen.push(...page.items);
    }
    expect(page.total).toBe(14);
    expect(seen.map((a) => a.id)).toEqual(reference(library, 'retrieved'));
    const both = await dispatch('articles.list', { offset: 5, after: { key: null, id: 1 } });
    expect(!both.ok && both.error.code).toBe('INVALID_INPUT');
  });
});
