// The library: every article with its title, outlet, date and highlight count, newest
// first, a page at a time: the next page is asked for as the end of the list comes into
// view. Rows are memoized, so opening an article re-renders two rows, not thousands.
import { memo, useCallback, useEffect, useRef } from 'react';
import type { ArticleSummary } from '../../../common/api/methods/articles.ts';
import { formatCount, formatDate } from '../format.ts';
import { PAGE } from './useLibraryList.ts';

interface Props {
  articles: ArticleSummary[];
  total: number;
  selectedId: number | null;
  /** Must keep its identity across renders (the rows are memoized on it). */
  onOpen(id: number): void;
  /** More articles than are loaded. */
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?(): void;
}

/** How far below the visible end of the list the next page is asked for. */
const AHEAD_PX = 800;

const LibraryRow = memo(function LibraryRow({ article, selected, onOpen }: { article: ArticleSummary; selected: boolean; onOpen(id: number): void }) {
  return (
    <li>
      <button type="button" className={selected ? 'library-item selected' : 'library-item'} aria-current={selected ? 'true' : undefined} onClick={() => onOpen(article.id)}>
        <span className="library-item-title" dir="auto">
          {article.title}
        </span>
        <span className="library-item-meta">
          <span>{article.outlet ?? 'Unknown outlet'}</span>
          <span>{formatDate(article.publishedAt ?? article.retrievedAt)}</span>
          <span className="library-item-count" aria-label={`${article.annotationCount} highlights`}>
            {article.annotationCount} {article.annotationCount === 1 ? 'highlight' : 'highlights'}
          </span>
        </span>
      </button>
    </li>
  );
});

export const LibraryList = memo(function LibraryList({ articles, total, selectedId, onOpen, hasMore = false, loadingMore = false, onLoadMore }: Props) {
  const nav = useRef<HTMLElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const near = useRef(false);
  const wants = useRef({ hasMore, loadingMore, onLoadMore });
  wants.current = { hasMore, loadingMore, onLoadMore };

  const maybeLoad = useCallback(() => {
    const { hasMore: more, loadingMore: loading, onLoadMore: load } = wants.current;
    if (near.current && more && !loading) load?.();
  }, []);

  // The observer is made again when the list goes from empty to filled (its target appears).
  const empty = articles.length === 0;
  useEffect(() => {
    const target = sentinel.current;
    if (!target || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        near.current = entries.some((e) => e.isIntersecting);
        maybeLoad();
      },
      { root: nav.current, rootMargin: `0px 0px ${AHEAD_PX}px 0px` },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [maybeLoad, empty]);

  // A page came in (or a refresh dropped one) and the end is still in view: the next one.
  useEffect(maybeLoad, [articles, hasMore, loadingMore, maybeLoad]);

  const label = total === 1 ? '1 article' : `${formatCount(total)} articles`;
  return (
    <nav className="library" aria-label="Library" ref={nav}>
      <div className="library-heading">
        <h2>Library</h2>
        <span className="library-count">{label}</span>
      </div>
      {articles.length === 0 ? (
        <p className="library-empty">No articles yet. Import an article to start.</p>
      ) : (
        <>
          <ul className="library-list" role="list">
            {articles.map((article) => (
              <LibraryRow key={article.id} article={article} selected={article.id === selectedId} onOpen={onOpen} />
            ))}
          </ul>
          <div className="library-more" ref={sentinel}>
            {hasMore ? (
              // Not disabled while loading: a keyboard user who pressed it keeps the focus there.
              <button type="button" className="link-button" aria-disabled={loadingMore || undefined} onClick={() => onLoadMore?.()}>
                {loadingMore ? 'Loading more articles…' : `Showing ${formatCount(articles.length)} of ${formatCount(total)}: show more`}
              </button>
            ) : articles.length > PAGE ? (
              <span>End of the library</span>
            ) : null}
          </div>
        </>
      )}
    </nav>
  );
});
