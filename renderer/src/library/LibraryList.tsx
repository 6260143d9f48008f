// The library: every article with its title, outlet, date and highlight count.
import type { ArticleSummary } from '../../../common/api/methods/articles.ts';
import { formatDate } from '../format.ts';

interface Props {
  articles: ArticleSummary[];
  total: number;
  selectedId: number | null;
  onOpen(id: number): void;
}

export function LibraryList({ articles, total, selectedId, onOpen }: Props) {
  return (
    <nav className="library" aria-label="Library">
      <div className="library-heading">
        <h2>Library</h2>
        <span className="library-count">{total === 1 ? '1 article' : `${total} articles`}</span>
      </div>
      {articles.length === 0 ? (
        <p className="library-empty">No articles yet. Import an article to start.</p>
      ) : (
        <ul className="library-list" role="list">
          {articles.map((article) => (
            <li key={article.id}>
              <button
                type="button"
                className={article.id === selectedId ? 'library-item selected' : 'library-item'}
                aria-current={article.id === selectedId ? 'true' : undefined}
                onClick={() => onOpen(article.id)}
              >
                <span className="library-item-title" dir="auto">{article.title}</span>
                <span className="library-item-meta">
                  <span>{article.outlet ?? 'Unknown outlet'}</span>
                  <span>{formatDate(article.publishedAt ?? article.retrievedAt)}</span>
                  <span className="library-item-count" aria-label={`${article.annotationCount} highlights`}>
                    {article.annotationCount} {article.annotationCount === 1 ? 'highlight' : 'highlights'}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
