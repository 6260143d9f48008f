// A list the server filters as the user types and hands over a page at a time: the
// first page for what is typed now (after a short pause in typing), more pages on
// request, and answers to older text dropped when they arrive late.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Paged<T, C> {
  items: T[];
  /** The cursor for the page after this one, null when this was the last. */
  next: C | null;
}

export interface PagedSearch<T> {
  /** What is shown: null until the first page arrives. Kept while the next text loads. */
  items: T[] | null;
  /** The text the items are for (they lag behind what is typed while it loads). */
  shownFor: string;
  loading: boolean;
  /** Another page follows. */
  more: boolean;
  error: unknown;
  loadMore(): void;
}

/** How long typing must pause before the server is asked: a fast typist sends one request, not one per key. */
export const TYPING_PAUSE_MS = 150;

export function usePagedSearch<T, C>(load: (text: string, after: C | null) => Promise<Paged<T, C>>, text: string): PagedSearch<T> {
  const [state, setState] = useState<{ items: T[] | null; shownFor: string; next: C | null; error: unknown }>({ items: null, shownFor: text, next: null, error: null });
  const [loading, setLoading] = useState(true);
  const request = useRef(0);
  const first = useRef(true);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback((forText: string, after: C | null) => {
    const id = ++request.current;
    setLoading(true);
    loadRef.current(forText, after).then(
      (page) => {
        if (id !== request.current) return;
        setState((s) => ({ items: after === null || !s.items ? page.items : [...s.items, ...page.items], shownFor: forText, next: page.next, error: null }));
        setLoading(false);
      },
      (error: unknown) => {
        if (id !== request.current) return;
        setState((s) => ({ ...s, error }));
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    // The first page at once; later ones once typing pauses.
    if (first.current) {
      first.current = false;
      run(text, null);
      return;
    }
    ++request.current;
    setLoading(true);
    const timer = setTimeout(() => run(text, null), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, run]);

  const { items, shownFor, next, error } = state;
  const loadMore = useCallback(() => {
    if (loading || next === null) return;
    run(shownFor, next);
  }, [loading, next, run, shownFor]);

  return { items, shownFor, loading, more: next !== null, error, loadMore };
}
