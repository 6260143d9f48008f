// The library view: the list of articles beside the open one (?view=library&id=ARTICLE).
import { useCallback } from 'react';
import type { ArticleSummary } from '../../../common/api/methods/articles.ts';
import { ArticleView } from '../reader/ArticleView.tsx';
import { useArticle } from '../reader/useArticle.ts';
import type { Route } from '../shell/route.ts';
import { useNavigate } from '../shell/navigation.tsx';
import { useServices } from '../shell/services.tsx';
import { StartPane } from '../shell/Welcome.tsx';
import { LibraryList } from './LibraryList.tsx';
import { useLibraryList } from './useLibraryList.ts';

const NO_ARTICLES: ArticleSummary[] = [];

export function LibraryView({ route }: { route: Route }) {
  const { reportError } = useServices();
  const navigate = useNavigate();
  const selectedId = route.id ?? null;
  const onListError = useCallback((e: unknown) => reportError(e, 'Could not list the library'), [reportError]);
  const { list, loadingMore, loadMore } = useLibraryList(selectedId, onListError);
  const [article, setArticle] = useArticle(selectedId);
  const openArticle = useCallback((id: number) => navigate({ view: 'library', id }), [navigate]);

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
