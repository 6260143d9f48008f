// The library view: the list of articles beside the open one (?view=library&id=ARTICLE).
import { useCallback, useEffect, useState } from 'react';
import type { Article, ArticleSummary } from '../../../common/api/methods/articles.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { ArticleView } from '../reader/ArticleView.tsx';
import { prefetchAnnotations } from '../reader/prefetch.ts';
import type { Route } from '../shell/route.ts';
import { useNavigate } from '../shell/navigation.tsx';
import { useServices } from '../shell/services.tsx';
import { StartPane } from '../shell/Welcome.tsx';
import { LibraryList } from './LibraryList.tsx';
import { useLibraryList } from './useLibraryList.ts';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';

const NO_ARTICLES: ArticleSummary[] = [];

export function LibraryView({ route }: { route: Route }) {
  const api = useApi();
  const { reportError } = useServices();
  const navigate = useNavigate();
  const [article, setArticle] = useState<Article | null>(null);
  const selectedId = route.id ?? null;
  const onListError = useCallback((e: unknown) => reportError(e, 'Could not list the library'), [reportError]);
  const { list, loadingMore, loadMore } = useLibraryList(selectedId, onListError);
  const openArticle = useCallback((id: number) => navigate({ view: 'library', id }), [navigate]);

  // The open article is read again when it changed (details edited, text corrected, undone).
  const [articleVersion, setArticleVersion] = useState(0);
  useLibraryChanged(
    (event) => {
      if (event.origin === 'open' || event.changes.some((c) => c.kind === 'article' && c.id === selectedId)) setArticleVersion((v) => v + 1);
    },
    { kinds: ['article'], delayMs: 0 },
  );
  useEffect(() => {
    if (selectedId === null) {
      setArticle(null);
      return;
    }
    let current = true;
    prefetchAnnotations(api, selectedId);
    const load = () =>
      api.call('articles.get', { id: selectedId }).then(
        (loaded) => {
          // Keep the same object when the text did not change, so the reader is not rebuilt.
          if (current) setArticle((old) => (old && old.id === loaded.id && old.textSha256 === loaded.textSha256 ? { ...old, ...loaded, body: old.body } : loaded));
        },
        (e: unknown) => current && reportError(e, 'Could not open the article'),
      );
    void load();
    return () => {
      current = false;
    };
  }, [api, selectedId, reportError, articleVersion]);

  return (
    <div className="library-view">
      <LibraryList
        articles={list?.items ?? NO_ARTICLES}
        total={list?.total ?? 0}
        selectedId={selectedId}
        onOpen={openArticle}
        hasMore={Boolean(list?.next)}
        loadingMore={loadingMore}
        onLoadMore={loadMore}
      />
      <section className="reader-pane" aria-label="Reader">
        {article && article.id === selectedId ? (
          <ArticleView key={article.id} article={article} at={route.at} pos={route.pos} onArticleChanged={setArticle} />
        ) : selectedId === null ? (
          <StartPane />
        ) : (
          <div className="reader-empty">
            <p>Opening the article…</p>
          </div>
        )}
      </section>
    </div>
  );
}
