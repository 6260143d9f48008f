import { describe, expect, it } from 'vitest';
import { bandHashes, jaccard, shingleHashes, signature } from './minhash.ts';

const TEXT =
  Array.from({ length: 12 }, (_, i) => `Sentence ${i}: the delegation from Islamabad met Kabul's envoys at Torkham, and the talks resumed.`).join(' ') +
  ' ایران اور پاکستان کے درمیان مذاکرات';

describe('MinHash', () => {
  it('gives the bands libraries already store for a text (signatures are compared across versions: a change here needs a migration)', () => {
    // Computed by the first implementation (migration 005), which hashed joined 5-word strings.
    expect(bandHashes(signature(TEXT)!)).toEqual([
      754975354, 409640929, 2021948692, -1272567041, 1111092690, -366814465, 750404939, 530115957, -1972868958, 416868487, -270246537, 498369023, -1770835900,
      517912214, 42442805, -642578491,
    ]);
  });

  it('calls a text too short to compare null, and measures the overlap of two texts', () => {
    expect(signature('Only a few words here.')).toBeNull();
    const edited = TEXT.replace('Sentence 3', 'A new third sentence written by the local desk');
    const similarity = jaccard(shingleHashes(TEXT), shingleHashes(edited));
    expect(similarity).toBeGreaterThan(0.5);
    expect(similarity).toBeLessThan(1);
    expect(jaccard(shingleHashes(TEXT), shingleHashes(TEXT))).toBe(1);
  });
});
