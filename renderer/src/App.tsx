import { useCallback, useEffect, useState } from 'react';
import type { Article, ArticlePage } from '../../common/api/methods/articles.ts';
import { api, ApiCallError } from './api/client.ts';
import { LibraryList } from './library/LibraryList.tsx';
import { ArticleView } from './reader/ArticleView.tsx';

/** The open article lives in the URL (?article=ID) so a reload returns to it. */
function articleIdFromUrl(): number | null {
  const id = Number(new URLSearchParams(window.location.search).get('article'));
  return Number.isInteger(id) && id > 0 ? id : null;
}

function messageOf(error: unknown): string {
  return error instanceof ApiCallError ? error.message : 'Something went wrong inside Casefile.';
}

export function App() {
  const [page, setPage] = useState<ArticlePage | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(articleIdFromUrl);
  const [article, setArticle] = useState<Article | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadLibrary = useCallback(() => {
    api.call('articles.list', { limit: 500 }).then(setPage, (e: unknown) => setError(messageOf(e)));
  }, []);

  useEffect(() => {
    loadLibrary();
    return api.on('library.changed', loadLibrary);
  }, [loadLibrary]);

  useEffect(() => {
    if (selectedId === null) {
      setArticle(null);
      return;
    }
    let current = true;
    api.call('articles.get', { id: selectedId }).then(
      (loaded) => current && setArticle(loaded),
      (e: unknown) => current && setError(messageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [selectedId]);

  const open = (id: number) => {
    setSelectedId(id);
    const url = new URL(window.location.href);
    url.searchParams.set('article', String(id));
    history.replaceState(null, '', url);
  };

  return (
    <div className="app">
      <header className="app-bar">
        <span className="app-name">Casefile</span>
      </header>
      {error ? (
        <div role="alert" className="error-banner">
          {error}
          <button type="button" onClick={() => setError(null)} aria-label="Dismiss">×</button>
        </div>
      ) : null}
      <div className="app-body">
        <LibraryList articles={page?.items ?? []} total={page?.total ?? 0} selectedId={selectedId} onOpen={open} />
        <main className="reader-pane">
          {article ? (
            <ArticleView article={article} />
          ) : (
            <div className="reader-empty">
              <p>Choose an article from the library to read it.</p>
            </div>
          )}
        </main>
      </div>
    </div>
  );
}
