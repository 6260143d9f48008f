// The library list's rows as pages of the server's seek pagination: what is loaded, how
// a refresh is stitched into it, and which rows kept their identity (so a memoized row
// does not re-render when nothing in it changed).
import type { ArticleCursor, ArticlePage, ArticleSummary } from '../../../common/api/methods/articles.ts';

export interface LoadedList {
  items: ArticleSummary[];
  total: number;
  /** Where the next page starts; null when everything is loaded. */
  next: ArticleCursor | null;
}

/** The cursor that continues the list after `item` (the list is sorted by retrieval, newest first). */
export function cursorAfter(item: ArticleSummary): ArticleCursor {
  return { key: item.retrievedAt, id: item.id };
}

function sameSummary(a: ArticleSummary, b: ArticleSummary): boolean {
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.outlet === b.outlet &&
    a.byline === b.byline &&
    a.publishedAt === b.publishedAt &&
    a.retrievedAt === b.retrievedAt &&
    a.language === b.language &&
    a.direction === b.direction &&
    a.annotationCount === b.annotationCount
  );
}

/** `fresh` with every row that did not change replaced by the object already shown; `old` itself when nothing changed. */
export function reuseRows(old: readonly ArticleSummary[], fresh: ArticleSummary[]): ArticleSummary[] {
  const before = new Map(old.map((a) => [a.id, a]));
  let same = old.length === fresh.length;
  const merged = fresh.map((a, i) => {
    const previous = before.get(a.id);
    if (previous && sameSummary(previous, a)) {
      if (old[i] !== previous) same = false;
      return previous;
    }
    same = false;
    return a;
  });
  return same ? (old as ArticleSummary[]) : merged;
}

/** A page appended at the end (rows already there are not repeated). */
export function appendPage(list: LoadedList, page: ArticlePage): LoadedList {
  const have = new Set(list.items.map((a) => a.id));
  return { items: [...list.items, ...page.items.filter((a) => !have.has(a.id))], total: page.total, next: page.next };
}

/**
 * Replaces the rows from `start` with `fresh` (read again from the cursor before them).
 * Rows after the last fresh one are kept when that row is still in the list, so a
 * refresh of the top does not throw away pages loaded further down; when it is gone,
 * the list ends at the fresh rows and continues from their cursor.
 */
export function stitch(list: LoadedList, start: number, fresh: { items: ArticleSummary[]; total: number; next: ArticleCursor | null }): LoadedList {
  const head = list.items.slice(0, start);
  const last = fresh.items[fresh.items.length - 1];
  const at = last && fresh.next ? list.items.findIndex((a, i) => i >= start && a.id === last.id) : -1;
  if (at < 0) return { items: reuseRows(list.items, [...head, ...fresh.items]), total: fresh.total, next: fresh.next };
  const seen = new Set([...head, ...fresh.items].map((a) => a.id));
  const tail = list.items.slice(at + 1).filter((a) => !seen.has(a.id));
  return { items: reuseRows(list.items, [...head, ...fresh.items, ...tail]), total: fresh.total, next: list.next };
}
