// The article open in the reader: read when it opens (its highlights asked for at the same
// time), and read again when it changed (details edited, text corrected, undone, another
// library opened). The same object is kept when the text did not change, so the reader
// is not rebuilt.
import { useEffect, useState } from 'react';
import type { Article } from '../../../common/api/methods/articles.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';
import { useServices } from '../shell/services.tsx';
import { prefetchAnnotations } from './prefetch.ts';

/** The article with this id (null: none open, or still loading), and a setter for an article saved by the reader. */
export function useArticle(id: number | null): [Article | null, (article: Article) => void] {
  const api = useApi();
  const { reportError } = useServices();
  const [article, setArticle] = useState<Article | null>(null);
  const [version, setVersion] = useState(0);
  useLibraryChanged(
    (event) => {
      if (event.origin === 'open' || event.changes.some((c) => c.kind === 'article' && c.id === id)) setVersion((v) => v + 1);
    },
    { kinds: ['article'], delayMs: 0 },
  );
  useEffect(() => {
    if (id === null) {
      setArticle(null);
      return;
    }
    let current = true;
    prefetchAnnotations(api, id);
    api.call('articles.get', { id }).then(
      (loaded) => {
        if (current) setArticle((old) => (old && old.id === loaded.id && old.textSha256 === loaded.textSha256 ? { ...old, ...loaded, body: old.body } : loaded));
      },
      (e: unknown) => current && reportError(e, 'Could not open the article'),
    );
    return () => {
      current = false;
    };
  }, [api, id, reportError, version]);
  return [article, setArticle];
}
