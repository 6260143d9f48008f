// @vitest-environment jsdom
// The two pickers built on RecordPicker ("Same claim as…", "Insert a highlight") against
// a fake server holding a library of 620 articles: records from its oldest article,
// far past the newest 500, are found by typing, with their article's title, outlet and
// date, and the list pages in as the researcher scrolls, clicks "Show more" or arrows down.
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Annotation, AnnotationFindPage, AnnotationInArticle, AnnotationKind } from '../../../common/api/methods/annotations.ts';
import type { Input } from '../../../common/api/contract.ts';
import { byRole, click, fakeClient, key, render, type, waitFor, type Handlers } from '../connections/test-helpers.tsx';
import { SameClaimDialog } from '../reader/SameClaimDialog.tsx';
import { InsertHighlightDialog } from '../notebook/InsertHighlightDialog.tsx';

beforeAll(() => {
  // jsdom has <dialog> without its modal methods.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const OUTLETS = ['Dawn', 'Geo News', 'Reuters', null];

/** Article 1 is the oldest of 620; 620 the newest. */
function articleRef(id: number) {
  const i = id - 1;
  return { id, title: `Market report ${i}`, outlet: OUTLETS[i % OUTLETS.length]!, publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10) };
}

function record(id: number, articleId: number, kind: AnnotationKind, quote: string, claimant?: string): AnnotationInArticle {
  const annotation: Annotation = {
    id,
    gid: `01890000-0000-7000-8000-${String(id).padStart(12, '0')}`,
    articleId,
    kind,
    quote: { exact: quote, prefix: '', suffix: '' },
    start: 0,
    end: quote.length,
    anchorStatus: 'exact',
    note: '',
    entity: kind === 'actor' ? { id: 900 + id, kind: 'actor', name: quote, reliability: null } : null,
    claim:
      kind === 'claim'
        ? { credibility: null, claimants: claimant ? [{ id: 1, kind: 'actor', name: claimant, reliability: null }] : [], sources: [], groupId: null, sameClaims: [], corroboration: 0 }
        : null,
    tags: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  return { ...annotation, article: articleRef(articleId) };
}

/**
 * The library: the oldest article's claim, made first, then a claim in every 5th
 * article and an actor highlight in every 7th (newer articles, newer highlights), so
 * the oldest article's claim is the last of 213 records.
 */
function library(): AnnotationInArticle[] {
  const records: AnnotationInArticle[] = [record(1, 1, 'claim', 'Quetta prices held steady across the region', 'Asim Munir')];
  let id = 2;
  for (let articleId = 2; articleId <= 620; articleId++) {
    if (articleId % 5 === 0) records.push(record(id++, articleId, 'claim', `Trade figures for week ${articleId} were unchanged`));
    if (articleId % 7 === 0) records.push(record(id++, articleId, 'actor', `Official ${articleId}`));
  }
  return records;
}
const OLDEST_CLAIM = 1;

/** annotations.find as the server answers it: every word somewhere in the record, newest first, a page at a time. */
function serve(records: AnnotationInArticle[], input: Input<'annotations.find'>): AnnotationFindPage {
  const words = (input.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const found = records
    .filter((r) => (input.kind === undefined || r.kind === input.kind) && r.articleId !== input.exceptArticleId && (input.before === undefined || r.id < input.before))
    .filter((r) => {
      const haystack = `${r.quote.exact} ${r.article.title} ${r.article.outlet ?? ''} ${r.claim?.claimants.map((c) => c.name).join(' ') ?? ''}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => b.id - a.id);
  const limit = input.limit ?? 50;
  const items = found.slice(0, limit);
  return { items, next: found.length > limit ? items[items.length - 1]!.id : null };
}

function setupClient(records = library(), handlers: Handlers = {}) {
  return fakeClient({ 'annotations.find': (input) => serve(records, input), ...handlers });
}

const field = () => document.querySelector<HTMLInputElement>('[role="combobox"]')!;
const options = () => [...document.querySelectorAll<HTMLElement>('[role="option"]')];
const status = () => document.querySelector('[role="status"]')?.textContent ?? '';
const findCalls = (client: ReturnType<typeof setupClient>) => client.calls.filter((c) => c.method === 'annotations.find').map((c) => c.input as Input<'annotations.find'>);

describe('Same claim as… (RecordPicker over annotations.find)', () => {
  const editing = record(5000, 620, 'claim', 'Prices were steady this week');

  function open(claim: Annotation = editing, records = library()) {
    const client = setupClient(records);
    const onPick = vi.fn();
    const onClose = vi.fn();
    const view = render(<SameClaimDialog claim={claim} onPick={onPick} onClose={onClose} />, { client });
    cleanup = view.unmount;
    return { client, onPick, onClose };
  }

  it('finds a claim in the oldest of 620 articles by typing, shown with its article, and picks it with the keyboard', async () => {
    const { client, onPick } = open();
    const combo = field();
    expect(document.activeElement).toBe(combo);
    expect(document.querySelector(`label[for="${combo.id}"]`)?.textContent).toBe('Search claims');
    expect(byRole(document, 'listbox', 'Claims in other articles')).not.toBeNull();
    // The newest claims of other articles first, at once.
    await waitFor(() => options().length === 50);
    expect(findCalls(client)[0]).toEqual({ text: '', kind: 'claim', exceptArticleId: 620, limit: 50 });
    expect(options()[0]!.textContent).toContain('Market report 614');
    expect(options().some((o) => o.textContent?.includes('Quetta'))).toBe(false);
    // Nothing else is read to label the records: no list of the newest articles.
    expect(client.calls.map((c) => c.method)).toEqual(['annotations.find']);

    type(combo, 'quetta ste');
    await waitFor(() => options().length === 1);
    expect(findCalls(client).at(-1)).toMatchObject({ text: 'quetta ste', kind: 'claim', exceptArticleId: 620 });
    // A pause in typing sends one request, not one per key.
    expect(findCalls(client)).toHaveLength(2);
    const [only] = options();
    expect(only!.textContent).toContain('“Quetta prices held steady across the region”');
    expect(only!.textContent).toContain('Claimed by Asim Munir');
    expect(only!.textContent).toContain('Market report 0');
    expect(only!.querySelector('.record-article-meta')?.textContent).toMatch(/^Dawn · .*2020$/);
    expect(only!.textContent).not.toContain('Article 1');
    expect(status()).toBe('1 claim matching “quetta ste”');
    expect(combo.getAttribute('aria-activedescendant')).toBe(only!.id);
    // An input method's Enter commits what is being composed (Urdu, Chinese typing); it picks nothing.
    key(combo, 'Enter', { isComposing: true });
    key(combo, 'Enter', { keyCode: 229 });
    expect(onPick).not.toHaveBeenCalled();
    key(combo, 'Enter');
    expect(onPick).toHaveBeenCalledWith(OLDEST_CLAIM);
  });

  it('picks the record the arrow keys moved to with Enter', async () => {
    const { onPick } = open();
    await waitFor(() => options().length === 50);
    for (const name of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp']) key(field(), name);
    expect(field().getAttribute('aria-activedescendant')).toBe(options()[2]!.id);
    key(field(), 'Enter', { keyCode: 229 });
    expect(onPick).not.toHaveBeenCalled();
    key(field(), 'Enter');
    expect(onPick).toHaveBeenCalledWith(Number(options()[2]!.getAttribute('data-key')));
  });

  it('shows claims already linked as such, and does not pick them', async () => {
    const records = library();
    const oldest = records[0]!;
    const claim: Annotation = { ...editing, claim: { ...editing.claim!, groupId: 1, sameClaims: [{ annotationId: oldest.id, annotationGid: oldest.gid, articleId: 1, articleTitle: 'Market report 0', outlet: 'Dawn', publishedAt: null, quote: oldest.quote.exact }] } };
    const { onPick } = open(claim, records);
    type(field(), 'quetta');
    await waitFor(() => options().length === 1);
    const [linked] = options();
    expect(linked!.getAttribute('aria-disabled')).toBe('true');
    expect(linked!.textContent).toContain('Already linked');
    key(field(), 'Enter');
    click(linked);
    expect(onPick).not.toHaveBeenCalled();
  });

  it('says when there is nothing to link, and when nothing matches', async () => {
    open(editing, []);
    await waitFor(() => status() === 'There are no claims in other articles yet. Tag a passage as a claim in another article first.');
    expect(field().getAttribute('aria-expanded')).toBe('false');
    cleanup?.();
    open();
    type(field(), 'zzz');
    await waitFor(() => status() === 'No claim in another article matches.');
  });

  it('closes on Escape (the dialog’s cancel)', async () => {
    const { onClose } = open();
    await waitFor(() => options().length > 0);
    const dialog = document.querySelector('dialog')!;
    act(() => {
      dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    });
    expect(onClose).toHaveBeenCalled();
  });
});

describe('Insert a highlight (RecordPicker over annotations.find)', () => {
  function open(handlers: Handlers = {}) {
    const client = setupClient(library(), handlers);
    const onPick = vi.fn();
    const view = render(<InsertHighlightDialog onPick={onPick} onClose={vi.fn()} />, { client });
    cleanup = view.unmount;
    return { client, onPick };
  }

  it('pages through the whole library: "Show more", arrowing towards the end, and scrolling near it', async () => {
    const { client, onPick } = open();
    await waitFor(() => options().length === 50);
    expect(byRole(document, 'listbox', 'Highlights')).not.toBeNull();
    const newest = library().sort((a, b) => b.id - a.id);
    expect(options()[0]!.textContent).toContain(newest[0]!.quote.exact);
    expect(options()[0]!.textContent).toContain(newest[0]!.article.title);
    expect(status()).toBe('50 highlights, more below');

    click(byRole(document, 'button', 'Show more highlights'));
    await waitFor(() => options().length === 100);
    expect(findCalls(client).at(-1)).toEqual({ text: '', limit: 50, before: newest[49]!.id });

    // Arrowing down to within a few of the end asks for the next page.
    for (let i = 0; i < 96; i++) key(field(), 'ArrowDown');
    expect(options()[96]!.getAttribute('aria-selected')).toBe('true');
    await waitFor(() => options().length === 150);

    // Scrolling near the end of the list asks for the next one.
    const list = byRole(document, 'listbox', 'Highlights')!;
    Object.defineProperties(list, { scrollHeight: { value: 5000, configurable: true }, clientHeight: { value: 400, configurable: true } });
    act(() => {
      list.scrollTop = 4500;
      list.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => options().length === 200);

    // Every record once, newest first, in four requests.
    expect(findCalls(client)).toHaveLength(4);
    expect(options().map((o) => o.textContent)).toEqual(newest.slice(0, 200).map((r) => expect.stringContaining(r.quote.exact)));
    expect(new Set(options().map((o) => o.id)).size).toBe(200);
    key(field(), 'PageUp');
    expect(options()[88]!.getAttribute('aria-selected')).toBe('true');
    key(field(), 'ArrowUp');
    key(field(), 'Enter');
    expect(onPick).toHaveBeenCalledTimes(1);
    const [picked, title] = onPick.mock.calls[0]!;
    expect(picked.id).toBe(newest[87]!.id);
    expect(title).toBe(picked.article.title);
  });

  it('quotes the oldest article’s highlight with its article title', async () => {
    const { onPick } = open();
    await waitFor(() => options().length === 50);
    type(field(), 'asim');
    await waitFor(() => options().length === 1);
    click(options()[0]);
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ articleId: 1, quote: expect.objectContaining({ exact: 'Quetta prices held steady across the region' }) }), 'Market report 0');
  });

  it('keeps to the latest text when an older answer comes late', async () => {
    const records = library();
    const { client } = open({
      'annotations.find': (input) =>
        new Promise((resolve) => setTimeout(() => resolve(serve(records, input)), input.text === 'trade' ? 400 : 0)),
    });
    await waitFor(() => options().length === 50);
    type(field(), 'trade');
    await waitFor(() => findCalls(client).some((c) => c.text === 'trade'));
    type(field(), 'quetta');
    await waitFor(() => options().length === 1);
    await new Promise((resolve) => setTimeout(resolve, 450));
    await waitFor(() => findCalls(client).length === 3);
    expect(options()).toHaveLength(1);
    expect(options()[0]!.textContent).toContain('Quetta');
  });

  it('asks for a page that failed again only when told to ("Show more"), not in a loop', async () => {
    const records = library();
    const { client } = open({
      'annotations.find': (input) => (input.before === undefined ? serve(records, input) : Promise.reject(new Error('disk full'))),
    });
    await waitFor(() => options().length === 50);
    for (let i = 0; i < 49; i++) key(field(), 'ArrowDown');
    await waitFor(() => status().startsWith('Could not list the highlights'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(findCalls(client)).toHaveLength(2);
    click(byRole(document, 'button', 'Show more highlights'));
    await waitFor(() => findCalls(client).length === 3);
    expect(options()).toHaveLength(50);
  });

  it('says so when the server cannot list them', async () => {
    open({ 'annotations.find': () => Promise.reject(new Error('boom')) });
    await waitFor(() => status().startsWith('Could not list the highlights'));
  });
});
