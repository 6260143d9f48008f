// Choosing articles for a dossier: the ones already in it are left out, and the list reads
// on page by page as it scrolls.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArticleCursor, ArticleSummary } from '../../../common/api/methods/articles.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { usePagedSearch } from '../components/usePagedSearch.ts';
import { formatDate } from '../format.ts';

const ARTICLE_PAGE = 50;
/** Articles already in the dossier are left out of the list: pages are read on until this many show (within a few pages). */
const SHOW_AT_LEAST = 10;
const FILL_PAGES = 10;

/** The library's articles to tick, newest published first, narrowed on the server by title or outlet as you type (articles.list). */
export function ArticleChoices({
  inDossier,
  chosen,
  onChoose,
  onClose,
  onError,
}: {
  inDossier(articleId: number): boolean;
  chosen: Map<number, ArticleSummary>;
  onChoose(chosen: Map<number, ArticleSummary>): void;
  onClose(): void;
  onError(error: unknown): void;
}) {
  const api = useApi();
  const [filter, setFilter] = useState('');
  const load = useCallback(
    (text: string, after: ArticleCursor | null) => api.call('articles.list', { sort: 'published', limit: ARTICLE_PAGE, ...(text.trim() ? { text } : {}), ...(after ? { after } : {}) }),
    [api],
  );
  const { items, shownFor, loading, more, error, loadMore } = usePagedSearch(load, filter);
  const candidates = (items ?? []).filter((a) => !inDossier(a.id));

  // Each failure reported once.
  const reportRef = useRef(onError);
  reportRef.current = onError;
  useEffect(() => {
    if (error) reportRef.current(error);
  }, [error]);

  // When the dossier holds most of what came, read on, a few pages at most.
  const filled = useRef({ text: shownFor, pages: 0 });
  useEffect(() => {
    if (filled.current.text !== shownFor) filled.current = { text: shownFor, pages: 0 };
    if (more && !loading && !error && candidates.length < SHOW_AT_LEAST && filled.current.pages < FILL_PAGES) {
      filled.current.pages += 1;
      loadMore();
    }
  }, [shownFor, more, loading, error, candidates.length, loadMore]);

  const typed = shownFor.trim() !== '';
  return (
    <>
      <div className="dossier-add-head">
        <input type="search" placeholder="Filter articles by title or outlet" value={filter} onChange={(event) => setFilter(event.target.value)} aria-label="Filter articles" />
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <p className="hint" aria-live="polite">
        {items === null
          ? 'Loading…'
          : candidates.length === 0
            ? loading
              ? 'Searching…'
              : typed
                ? `No article outside this dossier matches “${shownFor.trim()}”.`
                : more
                  ? 'The newest articles are all in this dossier already: type to find others.'
                  : 'Every article is already in this dossier.'
            : typed
              ? `Articles matching “${shownFor.trim()}”${more ? '; scroll for more' : ''}.`
              : null}
      </p>
      <ul
        className="dossier-picker"
        aria-label="Articles"
        aria-busy={loading}
        onScroll={(event) => {
          const el = event.currentTarget;
          if (more && !error && el.scrollHeight - el.scrollTop - el.clientHeight < 200) loadMore();
        }}
      >
        {candidates.map((a) => (
          <li key={a.id}>
            <label>
              <input
                type="checkbox"
                checked={chosen.has(a.id)}
                onChange={(event) => {
                  const next = new Map(chosen);
                  if (event.target.checked) next.set(a.id, a);
                  else next.delete(a.id);
                  onChoose(next);
                }}
              />
              <span>
                <span className="dossier-item-title" dir="auto">{a.title}</span>
                <span className="dossier-item-meta">
                  {[a.outlet ?? 'Unknown outlet', a.publishedAt ? formatDate(a.publishedAt) : null, `${a.annotationCount} ${a.annotationCount === 1 ? 'highlight' : 'highlights'}`].filter(Boolean).join(' · ')}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {more ? (
        <div className="button-row dossier-more">
          <button type="button" className="button" disabled={loading} onClick={loadMore}>
            {loading ? 'Loading…' : 'Show more articles'}
          </button>
        </div>
      ) : null}
    </>
  );
}
