// The open article's highlights as the SQLite rows say, in text order. Changes made in
// this window arrive at once (state/annotations.ts); anything else (the CLI, another
// window, re-anchoring after a text edit) arrives as a 'library.changed' event and a refetch.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Annotation } from '../../../common/api/methods/annotations.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { onAnnotationChange } from '../state/annotations.ts';
import { takePrefetched } from './prefetch.ts';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';
import type { LibraryChanged } from '../../../common/api/events.ts';

export function byTextOrder(a: Annotation, b: Annotation): number {
  return a.start - b.start || b.end - a.end || a.id - b.id;
}

/**
 * Keeps the objects (and the array) that did not change, so a refetch after the user's
 * own change re-renders only what changed, even with a thousand highlights.
 */
export function reuseUnchanged(old: Annotation[] | null, fresh: Annotation[]): Annotation[] {
  if (!old) return fresh;
  const before = new Map(old.map((a) => [a.id, a]));
  let same = old.length === fresh.length;
  const merged = fresh.map((a, i) => {
    const previous = before.get(a.id);
    if (previous && JSON.stringify(previous) === JSON.stringify(a)) {
      if (old[i] !== previous) same = false;
      return previous;
    }
    same = false;
    return a;
  });
  return same ? old : merged;
}

export interface ArticleAnnotations {
  annotations: Annotation[] | null;
  error: unknown;
  reload(): void;
  /** Forget what is shown and fetch again (after the text changed and highlights re-anchored). */
  reset(): void;
}

export function useArticleAnnotations(articleId: number, onError: (error: unknown) => void): ArticleAnnotations {
  const api = useApi();
  const [annotations, setAnnotations] = useState<Annotation[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  // A refetch that started before a local change must not overwrite it.
  const generation = useRef(0);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;

  const reload = useCallback(() => {
    const started = generation.current;
    (takePrefetched(articleId) ?? api.call('annotations.list', { articleId, limit: 20_000 })).then(
      (list) => {
        if (generation.current !== started) return;
        setAnnotations((old) => reuseUnchanged(old, list.sort(byTextOrder)));
      },
      (e: unknown) => {
        setError(e);
        onErrorRef.current(e);
      },
    );
  }, [api, articleId]);

  useEffect(() => {
    setAnnotations(null);
    reload();
    const offLocal = onAnnotationChange((change) => {
      if (change.type === 'saved' && change.annotation.articleId !== articleId) return;
      if (change.type === 'deleted' && change.articleId !== articleId) return;
      generation.current += 1;
      setAnnotations((list) => {
        if (!list) return list;
        const rest = list.filter((a) => a.id !== (change.type === 'saved' ? change.annotation.id : change.id));
        return change.type === 'saved' ? [...rest, change.annotation].sort(byTextOrder) : rest;
      });
    });
    return () => offLocal();
  }, [articleId, reload]);

  // Changes from elsewhere (undo, the CLI, another window): refetch only the highlights
  // that changed; everything only when what they show changed under them (an actor renamed).
  const refetch = useCallback(
    (event: LibraryChanged) => {
      const underAll = event.changes.some(
        (c) => (c.kind === 'article' && c.id === articleId) || ((c.kind === 'entity' || c.kind === 'tag' || c.kind === 'claim-group') && c.op !== 'insert'),
      );
      if (event.origin === 'open' || underAll) return reload();
      const mine = event.changes.filter((c) => c.kind === 'annotation' && c.articleId === articleId);
      if (mine.length === 0) return;
      const ids = [...new Set(mine.map((c) => c.id))];
      const started = generation.current;
      api.call('annotations.list', { ids, limit: ids.length }).then(
        (fresh) => {
          if (generation.current !== started) return;
          const gone = new Set(ids);
          setAnnotations((old) => old && reuseUnchanged(old, [...old.filter((a) => !gone.has(a.id)), ...fresh].sort(byTextOrder)));
        },
        (e: unknown) => onErrorRef.current(e),
      );
    },
    [api, articleId, reload],
  );
  useLibraryChanged(refetch, { kinds: ['annotation', 'article', 'entity', 'tag', 'claim-group'], delayMs: 150 });

  const reset = useCallback(() => {
    generation.current += 1;
    setAnnotations(null);
    reload();
  }, [reload]);

  return { annotations, error, reload, reset };
}
