import { describe, expect, it } from 'vitest';
import { findAll } from './FindBar.tsx';

describe('find in article', () => {
  it('finds every occurrence, ignoring case, with offsets into the canonical text', () => {
    const text = 'Pakistan accuses the Taliban. The TALIBAN deny it.';
    expect(findAll(text, 'taliban')).toEqual([
      { start: 21, end: 28 },
      { start: 34, end: 41 },
    ]);
  });

  it('matches across a line break or paragraph gap where the query has a space, and treats the query as text', () => {
    expect(findAll('limited\n\nresults', 'limited results')).toEqual([{ start: 0, end: 16 }]);
    expect(findAll('(TTP) activities', '(TTP)')).toEqual([{ start: 0, end: 5 }]);
    expect(findAll('abc', '  ')).toEqual([]);
  });
});
