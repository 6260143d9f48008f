import { describe, expect, it } from 'vitest';
import type { ArticleCursor, ArticleSummary } from '../../../common/api/methods/articles.ts';
import { appendPage, cursorAfter, reuseRows, stitch, type LoadedList } from './pages.ts';

function row(id: number, count = 0): ArticleSummary {
  return { id, title: `Article ${id}`, outlet: null, byline: null, publishedAt: null, retrievedAt: `2026-01-01T00:00:${String(id % 60).padStart(2, '0')}.000Z`, language: 'en', direction: 'ltr', annotationCount: count };
}
const rows = (...ids: number[]) => ids.map((id) => row(id));
const ids = (list: LoadedList) => list.items.map((a) => a.id);
const cursor = (id: number): ArticleCursor => cursorAfter(row(id));

describe('library list pages', () => {
  it('keeps the rows that did not change, and the array itself when nothing did', () => {
    const old = rows(5, 4, 3);
    expect(reuseRows(old, rows(5, 4, 3))).toBe(old);
    const fresh = [row(5), row(4, 2), row(3)];
    const merged = reuseRows(old, fresh);
    expect(merged).not.toBe(old);
    expect(merged[0]).toBe(old[0]);
    expect(merged[1]).toBe(fresh[1]);
    expect(merged[2]).toBe(old[2]);
  });

  it('appends a page without repeating rows already there', () => {
    const list: LoadedList = { items: rows(9, 8, 7), total: 6, next: cursor(7) };
    const next = appendPage(list, { items: rows(7, 6, 5), total: 6, next: null });
    expect(ids(next)).toEqual([9, 8, 7, 6, 5]);
    expect(next.next).toBeNull();
  });

  it('a refresh of the top keeps the pages loaded below it', () => {
    const list: LoadedList = { items: rows(9, 8, 7, 6, 5, 4), total: 20, next: cursor(4) };
    // Two new articles on top; the refresh read three rows again.
    const next = stitch(list, 0, { items: [row(11), row(10), row(9, 3)], total: 22, next: cursor(9) });
    expect(ids(next)).toEqual([11, 10, 9, 8, 7, 6, 5, 4]);
    expect(next.items[0]!.id).toBe(11);
    expect(next.items[2]!.annotationCount).toBe(3);
    expect(next.items[3]).toBe(list.items[1]);
    expect(next).toMatchObject({ total: 22, next: cursor(4) });
  });

  it('a refresh whose last row is gone from the list ends the list there, to be paged in again', () => {
    const list: LoadedList = { items: rows(9, 8, 7, 6), total: 10, next: cursor(6) };
    const next = stitch(list, 0, { items: rows(9, 8, 3), total: 10, next: cursor(3) });
    expect(ids(next)).toEqual([9, 8, 3]);
    expect(next.next).toEqual(cursor(3));
  });

  it('a refresh that reached the end of the library drops what was below it', () => {
    const list: LoadedList = { items: rows(9, 8, 7, 6), total: 4, next: null };
    const next = stitch(list, 0, { items: rows(9, 7, 6), total: 3, next: null });
    expect(ids(next)).toEqual([9, 7, 6]);
    expect(next.next).toBeNull();
  });

  it('rows read again in the middle (around the open article) replace theirs', () => {
    const list: LoadedList = { items: rows(9, 8, 7, 6, 5, 4), total: 30, next: cursor(4) };
    const next = stitch(list, 2, { items: [row(7, 5), row(6)], total: 30, next: cursor(6) });
    expect(ids(next)).toEqual([9, 8, 7, 6, 5, 4]);
    expect(next.items[2]!.annotationCount).toBe(5);
    expect(next.items[0]).toBe(list.items[0]);
    expect(next.items[3]).toBe(list.items[3]);
    expect(next.next).toEqual(cursor(4));
  });
});
