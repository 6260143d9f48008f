// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaletteResults, SearchHit } from '../../../common/api/methods/search.ts';
import type { EntitySummary } from '../../../common/api/methods/entities.ts';
import { click, fakeClient, key, render, type, waitFor } from '../connections/test-helpers.tsx';
import { CommandPalette } from './CommandPalette.tsx';

const article: SearchHit = {
  kind: 'article',
  articleId: 7,
  annotationId: null,
  noteId: null,
  title: 'Army chief visits Tehran',
  outlet: 'Geo News',
  publishedAt: '2025-05-20',
  offset: null,
  field: 'title',
  snippet: [{ text: 'Army chief visits Tehran', match: false }],
  entity: null,
  score: 1,
};
const claim: SearchHit = { ...article, kind: 'claim', annotationId: 31, offset: 90, field: 'quote', snippet: [{ text: 'met ', match: false }, { text: 'Iranian', match: true }] };
const actor: EntitySummary = { id: 4, kind: 'actor', name: 'Asim Munir', aliases: ['army chief'], sourceType: null, reliability: null, description: '', mentionCount: 3, claimCount: 1 };

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function setup(results: PaletteResults) {
  const client = fakeClient({ 'search.palette': () => results });
  const handlers = { onOpenArticle: vi.fn(), onOpenPassage: vi.fn(), onOpenEntity: vi.fn(), onOpenNote: vi.fn() };
  const view = render(
    <div>
      <button type="button" id="before">
        Somewhere else
      </button>
      <CommandPalette {...handlers} client={client} />
    </div>,
  );
  cleanup = view.unmount;
  return { client, ...handlers, container: view.container };
}

const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]');
const combobox = () => document.querySelector<HTMLInputElement>('[role="combobox"]')!;
const options = () => [...document.querySelectorAll<HTMLElement>('[role="option"]')];

describe('CommandPalette', () => {
  it('opens on Ctrl+K or Cmd+K, focused in the search field, and closes on Escape, giving focus back', async () => {
    const { container } = setup({ articles: [], claims: [], notes: [], actors: [], sources: [] });
    const before = container.querySelector<HTMLButtonElement>('#before')!;
    before.focus();
    expect(dialog()).toBeNull();
    key(window, 'k', { ctrlKey: true });
    expect(dialog()?.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(combobox());
    key(combobox(), 'Escape');
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(before);
    key(window, 'k', { metaKey: true });
    expect(dialog()).not.toBeNull();
  });

  it('lists matches by group as the user types; arrows move, Enter opens', async () => {
    const { client, onOpenEntity, onOpenPassage } = setup({ articles: [article], claims: [claim], notes: [], actors: [actor], sources: [] });
    key(window, 'k', { ctrlKey: true });
    type(combobox(), 'army ch');
    await waitFor(() => options().length === 3);
    expect(client.calls.at(-1)).toEqual({ method: 'search.palette', input: { text: 'army ch', limit: 5 } });
    expect([...document.querySelectorAll('[role="group"]')].map((g) => document.getElementById(g.getAttribute('aria-labelledby')!)?.textContent)).toEqual(['Articles', 'Claims', 'Actors']);
    expect(options()[1]!.querySelector('mark')?.textContent).toBe('Iranian');
    expect(combobox().getAttribute('aria-expanded')).toBe('true');
    expect(combobox().getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
    key(combobox(), 'ArrowDown');
    key(combobox(), 'ArrowDown');
    expect(options()[2]!.getAttribute('aria-selected')).toBe('true');
    expect(combobox().getAttribute('aria-activedescendant')).toBe(options()[2]!.id);
    // An input method's Enter (composition) opens nothing.
    key(combobox(), 'Enter', { isComposing: true });
    key(combobox(), 'Enter', { keyCode: 229 });
    expect(onOpenEntity).not.toHaveBeenCalled();
    expect(dialog()).not.toBeNull();
    key(combobox(), 'Enter');
    expect(onOpenEntity).toHaveBeenCalledWith('actor', 4);
    expect(dialog()).toBeNull();

    key(window, 'k', { ctrlKey: true });
    type(combobox(), 'iranian');
    await waitFor(() => options().length === 3);
    click(options()[1]);
    expect(onOpenPassage).toHaveBeenCalledWith(7, 31);
  });

  it('says when nothing matches', async () => {
    setup({ articles: [], claims: [], notes: [], actors: [], sources: [] });
    key(window, 'k', { ctrlKey: true });
    type(combobox(), 'zzz');
    await waitFor(() => document.querySelector('.cf-palette-empty')?.textContent === 'Nothing matches “zzz”.');
    expect(combobox().getAttribute('aria-expanded')).toBe('false');
  });
});
