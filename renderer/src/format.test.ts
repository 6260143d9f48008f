import { describe, expect, it } from 'vitest';
import { dateTimeFormat, formatCount, formatDate, numberFormat } from './format.ts';

describe('formatting', () => {
  it('formats as toLocaleDateString did: a bare date in UTC, a datetime on the local calendar', () => {
    const day = { day: 'numeric', month: 'short', year: 'numeric' } as const;
    expect(formatDate('2025-10-20')).toBe(new Date('2025-10-20').toLocaleDateString(undefined, { ...day, timeZone: 'UTC' }));
    expect(formatDate('2026-11-22T23:30:00.000Z')).toBe(new Date('2026-11-22T23:30:00.000Z').toLocaleDateString(undefined, day));
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('makes each formatter once, per locale and options', () => {
    expect(dateTimeFormat({ month: 'long' })).toBe(dateTimeFormat({ month: 'long' }));
    expect(dateTimeFormat({ month: 'long' }, 'de')).not.toBe(dateTimeFormat({ month: 'long' }));
    expect(dateTimeFormat({ month: 'long' }, 'de').format(new Date(Date.UTC(2026, 10, 22, 12)))).toBe('November');
    expect(numberFormat()).toBe(numberFormat({}));
    expect(formatCount(100_000)).toBe((100_000).toLocaleString());
  });
});
