import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './route.ts';

describe('routes in the address', () => {
  it('round-trips a view, the open item and a passage', () => {
    const route = { view: 'library', id: 2, at: 15 };
    expect(formatRoute(route)).toBe('?view=library&id=2&at=15');
    expect(parseRoute(formatRoute(route), 'library')).toEqual(route);
    expect(parseRoute('?view=actors&id=7', 'library')).toEqual({ view: 'actors', id: 7 });
  });

  it('reads the first reader address (?article=ID) as the library view', () => {
    expect(parseRoute('?article=3', 'library')).toEqual({ view: 'library', id: 3 });
  });

  it('ignores what is not a route', () => {
    expect(parseRoute('', 'library')).toEqual({ view: 'library' });
    expect(parseRoute('?view=../../etc&id=-4&at=1e9', 'library')).toEqual({ view: 'library' });
    expect(parseRoute('?view=notebook&id=abc', 'library')).toEqual({ view: 'notebook' });
  });
});
