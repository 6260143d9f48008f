// The open article's highlights as the SQLite rows say, in text order. Changes made in
// this window arrive at once (state/annotations.ts); anything else (the CLI, another
// window, re-anchoring after a text edit) arrives as a 'library.changed' event and a refetch.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Annotation } from '../../../common/api/methods/annotations.ts';
import { api } from '../api/client.ts';
import { onAnnotationChange } from '../state/annotations.ts';
import { takePrefetched } from './prefetch.ts';

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
  }, [articleId]);

  useEffect(() => {
    setAnnotations(null);
    reload();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const offEvents = api.on('library.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(reload, 150);
    });
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
    return () => {
      clearTimeout(timer);
      offEvents();
      offLocal();
    };
  }, [articleId, reload]);

  const reset = useCallback(() => {
    generation.current += 1;
    setAnnotations(null);
    reload();
  }, [reload]);

  return { annotations, error, reload, reset };
}
