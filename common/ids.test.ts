import { describe, expect, it } from 'vitest';
import { isGid, newGid } from './ids.ts';

describe('newGid', () => {
  it('makes RFC 9562 version 7 ids, lower-case, unique, in creation order, carrying the time', () => {
    const before = Date.now();
    const ids = Array.from({ length: 10_000 }, () => newGid());
    expect(ids.every(isGid)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // Made in one process, they sort as they were made, even many in one millisecond.
    expect([...ids].sort()).toEqual(ids);
    const ms = parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 5);
    expect(isGid('01a240d5-f1dd-4000-9881-ec958c851f2d')).toBe(false); // v4
  });
});
