// The library view: the list of articles beside the open one (?view=library&id=ARTICLE).
import { useCallback, useEffect, useState } from 'react';
import type { Article, ArticlePage } from '../../../common/api/methods/articles.ts';
import { api } from '../api/client.ts';
import { ArticleView } from '../reader/ArticleView.tsx';
import { prefetchAnnotations } from '../reader/prefetch.ts';
import type { Route } from '../shell/route.ts';
import { useNavigate } from '../shell/navigation.tsx';
import { useServices } from '../shell/services.tsx';
import { StartPane } from '../shell/Welcome.tsx';
import { LibraryList } from './LibraryList.tsx';

export function LibraryView({ route }: { route: Route }) {
  const { reportError } = useServices();
  const navigate = useNavigate();
  const [page, setPage] = useState<ArticlePage | null>(null);
  const [article, setArticle] = useState<Article | null>(null);
  const selectedId = route.id ?? null;

  const loadLibrary = useCallback(() => {
    api.call('articles.list', { limit: 500 }).then(setPage, (e: unknown) => reportError(e, 'Could not list the library'));
  }, [reportError]);

  useEffect(() => {
    loadLibrary();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Highlight counts change with every highlight: refresh the list, a little later.
    const off = api.on('library.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(loadLibrary, 300);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [loadLibrary]);

  useEffect(() => {
    if (selectedId === null) {
      setArticle(null);
      return;
    }
    let current = true;
    prefetchAnnotations(selectedId);
    const load = () =>
      api.call('articles.get', { id: selectedId }).then(
        (loaded) => {
          // Keep the same object when the text did not change, so the reader is not rebuilt.
          if (current) setArticle((old) => (old && old.id === loaded.id && old.textSha256 === loaded.textSha256 ? { ...old, ...loaded, body: old.body } : loaded));
        },
        (e: unknown) => current && reportError(e, 'Could not open the article'),
      );
    void load();
    const off = api.on('library.changed', ({ reason }) => {
      if (reason === 'article-changed') void load();
    });
    return () => {
      current = false;
      off();
    };
  }, [selectedId, reportError]);

  return (
    <div className="library-view">
      <LibraryList articles={page?.items ?? []} total={page?.total ?? 0} selectedId={selectedId} onOpen={(id) => navigate({ view: 'library', id })} />
      <main className="reader-pane" aria-label="Reader">
        {article && article.id === selectedId ? (
          <ArticleView key={article.id} article={article} at={route.at} pos={route.pos} onArticleChanged={setArticle} />
        ) : selectedId === null ? (
          <StartPane />
        ) : (
          <div className="reader-empty">
            <p>Opening the article…</p>
          </div>
        )}
      </main>
    </div>
  );
}
