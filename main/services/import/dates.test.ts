// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { normalizeDate } from './dates.ts';

describe('normalizeDate', () => {
  it('keeps a plain date as a date', () => {
    expect(normalizeDate('2025-11-20')).toBe('2025-11-20');
    expect(normalizeDate('2025/03/15')).toBe('2025-03-15');
    expect(normalizeDate('20251120')).toBe('2025-11-20');
  });

  it('turns a datetime with a zone into UTC', () => {
    expect(normalizeDate('2025-11-20T10:30:00+05:00')).toBe('2025-11-20T05:30:00Z');
    expect(normalizeDate('2025-11-20T10:30:00.123Z')).toBe('2025-11-20T10:30:00Z');
    expect(normalizeDate('2025-11-20 10:30+0530')).toBe('2025-11-20T05:00:00Z');
    expect(normalizeDate('Thu, 20 Nov 2025 10:30:00 GMT')).toBe('2025-11-20T10:30:00Z');
  });

  it('keeps a datetime without a zone as written, since its zone is unknown', () => {
    expect(normalizeDate('2025-11-20T10:30')).toBe('2025-11-20T10:30:00');
  });

  it('reads dates written out in English', () => {
    expect(normalizeDate('November 20, 2025')).toBe('2025-11-20');
    expect(normalizeDate('Thursday, Nov. 20, 2025 10:30 AM')).toBe('2025-11-20');
    expect(normalizeDate('20 November 2025')).toBe('2025-11-20');
    expect(normalizeDate('3rd Sept 2025')).toBe('2025-09-03');
  });

  it('returns null for anything it cannot read with confidence', () => {
    expect(normalizeDate('yesterday')).toBeNull();
    expect(normalizeDate('2025')).toBeNull();
    expect(normalizeDate('2025-02-30')).toBeNull();
    expect(normalizeDate('11/20/2025')).toBeNull();
    expect(normalizeDate('Smarch 3, 2025')).toBeNull();
    expect(normalizeDate('')).toBeNull();
    expect(normalizeDate(null)).toBeNull();
  });
});
