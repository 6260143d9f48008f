// The library list as the user scrolls it: the first page, then a page more each time
// the end of the list comes near (seek pagination on the server, newest first), kept
// current when the library changes.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArticleCursor, ArticleSummary } from '../../../common/api/methods/articles.ts';
import { useApi } from '../api/ApiProvider.tsx';
import type { ApiClient } from '../api/client.ts';
import { appendPage, cursorAfter, stitch, type LoadedList } from './pages.ts';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';

/** Rows per page as the user scrolls. */
export const PAGE = 200;
/** The most the API gives in one call. */
const CALL_MAX = 500;
/** A refresh reads at most this many rows from the top again; rows further down are kept. */
const REFRESH_MAX = 2_000;

/** Changes that cannot alter a title, outlet, date or highlight count: the list stays as it is. */

async function readRows(api: Pick<ApiClient, 'call'>, after: ArticleCursor | undefined, count: number): Promise<{ items: ArticleSummary[]; total: number; next: ArticleCursor | null }> {
  const items: ArticleSummary[] = [];
  for (;;) {
    const page = await api.call('articles.list', { limit: Math.min(CALL_MAX, Math.max(1, count - items.length)), ...(after ? { after } : {}) });
    items.push(...page.items);
    if (!page.next || items.length >= count) return { items, total: page.total, next: page.next };
    after = page.next;
  }
}

export interface LibraryListState {
  list: LoadedList | null;
  /** A page is on its way. */
  loadingMore: boolean;
  loadMore(): void;
}

export function useLibraryList(selectedId: number | null, onError: (error: unknown) => void): LibraryListState {
  const api = useApi();
  const [list, setList] = useState<LoadedList | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const current = useRef(list);
  current.current = list;
  const selected = useRef(selectedId);
  selected.current = selectedId;
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  // Each refresh starts a generation; a page asked for in an older one is dropped.
  const generation = useRef(0);
  const busy = useRef(false);

  const refresh = useCallback(async () => {
    const gen = ++generation.current;
    try {
      const shown = current.current;
      const count = Math.min(REFRESH_MAX, Math.max(PAGE, shown?.items.length ?? 0));
      const top = await readRows(api, undefined, count);
      if (gen !== generation.current) return;
      let next = shown ? stitch(current.current ?? shown, 0, top) : top;
      // The open article further down than the refresh reached: its rows are read again too (its highlight count).
      const at = selected.current === null ? -1 : next.items.findIndex((a) => a.id === selected.current);
      if (at >= top.items.length) {
        const near = await readRows(api, cursorAfter(next.items[at - 1]!), PAGE);
        if (gen !== generation.current) return;
        next = stitch(next, at, near);
      }
      setList(next);
    } catch (e) {
      if (gen === generation.current) onErrorRef.current(e);
    }
  }, [api]);

  const loadMore = useCallback(() => {
    const shown = current.current;
    if (!shown?.next || busy.current) return;
    busy.current = true;
    setLoadingMore(true);
    const gen = generation.current;
    api.call('articles.list', { limit: PAGE, after: shown.next }).then(
      (page) => {
        if (gen === generation.current) setList((l) => (l ? appendPage(l, page) : l));
      },
      (e: unknown) => onErrorRef.current(e),
    ).finally(() => {
      busy.current = false;
      setLoadingMore(false);
    });
  }, [api]);

  useEffect(() => {
    void refresh();
    return () => {
      generation.current += 1;
    };
  }, [refresh]);
  // Highlight counts change with every highlight: refresh the list, a little later.
  useLibraryChanged(() => void refresh(), { kinds: ['article', 'annotation'], delayMs: 300 });

  return { list, loadingMore, loadMore };
}
