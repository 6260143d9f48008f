// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchHit, SearchPage } from '../../../common/api/methods/search.ts';
import { apiError } from '../../../common/api/errors.ts';
import { ApiCallError } from '../api/client.ts';
import { byRole, choose, click, fakeClient, key, labelled, render, type, waitFor } from '../connections/test-helpers.tsx';
import { SearchView } from './SearchView.tsx';

const hit = (over: Partial<SearchHit>): SearchHit => ({
  kind: 'article',
  articleId: 7,
  annotationId: null,
  noteId: null,
  title: 'Taliban, Pakistan Enter Tentative Rapprochement',
  outlet: 'DID Press',
  publishedAt: '2025-10-20',
  offset: 412,
  field: 'text',
  snippet: [
    { text: '… Pakistan accuses the ', match: false },
    { text: 'Taliban', match: true },
    { text: ' of supporting <b>TTP</b> activities …', match: false },
  ],
  entity: null,
  score: 3.2,
  ...over,
});

function page(hits: SearchHit[], total = hits.length, offset = 0, rankedWithin: number | null = null): SearchPage {
  return { hits, total, offset, limit: 20, understood: '"taliban"', rankedWithin };
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function setup(search: (input: unknown) => SearchPage | Promise<SearchPage>, makers: string[] = []) {
  const client = fakeClient({
    'search.query': search,
    'team.makers': () => makers.map((name) => ({ name, initials: name.slice(0, 2).toUpperCase(), color: 'hsl(0 55% 42%)' })),
    'entities.list': () => [],
    'tags.list': () => [{ id: 3, name: 'Military', parentId: null, color: null, annotationCount: 2 }],
  });
  const onOpenArticle = vi.fn();
  const onOpenNote = vi.fn();
  const view = render(<SearchView onOpenArticle={onOpenArticle} onOpenNote={onOpenNote} />, { client });
  cleanup = view.unmount;
  const input = view.container.querySelector<HTMLInputElement>('input[type="search"]')!;
  return { client, onOpenArticle, onOpenNote, container: view.container, input };
}

const searches = (client: ReturnType<typeof fakeClient>) => client.calls.filter((c) => c.method === 'search.query').map((c) => c.input as Record<string, unknown>);

describe('SearchView', () => {
  it('searches as the user types and shows ranked results with the matched words marked', async () => {
    const { client, container, input, onOpenArticle } = setup(() => page([hit({}), hit({ kind: 'claim', annotationId: 12, offset: 420, title: 'Pakistan Looks to Iran', outlet: null })], 2));
    expect(byRole(container, 'search')).not.toBeNull();
    expect(container.querySelector('label')?.textContent).toBe('Search the library');
    type(input, 'taliban');
    await waitFor(() => container.querySelectorAll('.cf-search-hit').length === 2);
    expect(searches(client).at(-1)).toMatchObject({ query: 'taliban', offset: 0, limit: 20 });
    expect(byRole(container, 'status')?.textContent).toBe('2 results');
    const first = container.querySelector('.cf-search-hit')!;
    expect([...first.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Taliban']);
    // Snippet text is text: markup in an article never becomes elements.
    expect(first.querySelector('b')).toBeNull();
    expect(first.textContent).toContain('<b>TTP</b>');
    expect(first.getAttribute('aria-label')).toBe('Article, Taliban, Pakistan Enter Tentative Rapprochement, DID Press, ' + new Date('2025-10-20').toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }));
    click(first);
    expect(onOpenArticle).toHaveBeenCalledWith(7, 412);
    click(container.querySelectorAll('.cf-search-hit')[1]);
    expect(onOpenArticle).toHaveBeenLastCalledWith(7, 420);
  });

  it('shows a malformed query as an alert naming the problem', async () => {
    const { container, input } = setup(() => {
      throw new ApiCallError(apiError('SEARCH_SYNTAX', 'The parenthesis opened at character 1 is never closed.'));
    });
    type(input, '(a OR');
    const alert = await waitFor(() => byRole(container, 'alert'));
    expect(alert.textContent).toBe('The parenthesis opened at character 1 is never closed.');
  });

  it('sends the filters with the query and pages through results', async () => {
    const { client, container, input } = setup((raw) => {
      const { offset } = raw as { offset: number };
      return page(Array.from({ length: 20 }, (_, i) => hit({ articleId: offset + i + 1 })), 45, offset);
    });
    type(input, 'talks');
    await waitFor(() => container.querySelectorAll('.cf-search-hit').length === 20);
    click([...container.querySelectorAll('label.segment')].find((l) => l.textContent === 'Claim')!.querySelector('input'));
    type([...container.querySelectorAll('label.field')].find((l) => l.textContent?.startsWith('Actor'))!.querySelector('input'), 'Asim Munir');
    type([...container.querySelectorAll('label.field')].find((l) => l.textContent?.startsWith('Outlet'))!.querySelector('input'), 'Dawn');
    await waitFor(() => searches(client).some((s) => s.outlet === 'Dawn'));
    expect(searches(client).at(-1)).toMatchObject({ query: 'talks', kinds: ['claim'], actor: { name: 'Asim Munir' }, outlet: 'Dawn', offset: 0 });
    expect(byRole(container, 'status')?.textContent).toBe('45 results, showing 1–20');
    click(byRole(container, 'button', 'Next'));
    await waitFor(() => searches(client).at(-1)?.offset === 20 && byRole(container, 'status')?.textContent === '45 results, showing 21–40');
    click(byRole(container, 'button', 'Clear filters'));
    await waitFor(() => searches(client).at(-1)?.outlet === undefined);
  });

  it('offers "Made by" once more than one person made something, and sends the choice with the query', async () => {
    const alone = setup(() => page([hit({})]), ['Amina']);
    type(alone.input, 'talks');
    await waitFor(() => searches(alone.client).length === 1);
    expect(labelled(alone.container, 'Made by')).toBeNull();
    cleanup?.();

    const { client, container, input } = setup(() => page([hit({})]), ['Amina', 'Bilal']);
    type(input, 'talks');
    const select = await waitFor(() => labelled(container, 'Made by'));
    expect([...(select as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['everyone', 'Amina', 'Bilal']);
    choose(select, 'Bilal');
    await waitFor(() => searches(client).at(-1)?.author === 'Bilal');
    choose(select, '');
    await waitFor(() => searches(client).at(-1)?.author === undefined);
  });

  it('says when only the newest matches were ranked, ranks all on request, and forgets that for a new query', async () => {
    const { client, container, input } = setup((raw) => {
      const { rankAll } = raw as { rankAll: boolean };
      return page(Array.from({ length: 20 }, (_, i) => hit({ articleId: i + 1 })), 96_221, 0, rankAll ? null : 2_000);
    });
    type(input, 'said');
    await waitFor(() => container.querySelector('.cf-search-window'));
    expect(container.querySelector('.cf-search-window')?.textContent).toContain('best of the 2,000 most recently added matches');
    expect(searches(client).at(-1)).toMatchObject({ query: 'said', rankAll: false });
    click(byRole(container, 'button', 'Rank all 96,221'));
    await waitFor(() => searches(client).at(-1)?.rankAll === true && !container.querySelector('.cf-search-window'));
    type(input, 'told');
    await waitFor(() => searches(client).at(-1)?.query === 'told');
    expect(searches(client).at(-1)).toMatchObject({ rankAll: false });
  });

  it('moves from the search box into the results with the arrow keys', async () => {
    const { container, input } = setup(() => page([hit({ articleId: 1 }), hit({ articleId: 2 })]));
    type(input, 'taliban');
    await waitFor(() => container.querySelectorAll('.cf-search-hit').length === 2);
    key(input, 'ArrowDown');
    const hits = container.querySelectorAll('.cf-search-hit');
    expect(document.activeElement).toBe(hits[0]);
    key(hits[0], 'ArrowDown');
    expect(document.activeElement).toBe(hits[1]);
    key(hits[1], 'Home');
    expect(document.activeElement).toBe(hits[0]);
  });

  it('opens a notebook page result through onOpenNote', async () => {
    const { container, input, onOpenNote } = setup(() => page([hit({ kind: 'note', articleId: null, noteId: 5, title: 'Tehran visit', offset: null })]));
    type(input, 'tehran');
    await waitFor(() => container.querySelector('.cf-search-hit'));
    click(container.querySelector('.cf-search-hit'));
    expect(onOpenNote).toHaveBeenCalledWith(5);
  });
});
