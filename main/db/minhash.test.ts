import { describe, expect, it } from 'vitest';
import { bandHashes, jaccard, shingleHashes, signature } from './minhash.ts';

const TEXT =
  Array.from({ length: 12 }, (_, i) => `Sentence ${i}: the delegation from Islamabad met Kabul's envoys at Torkham, and the talks resumed.`).join(' ') +
  ' ایران اور پاکستان کے درمیان مذاکرات';

describe('MinHash', () => {
  it('gives the bands libraries already store for a text (signatures are compared across versions: a change here needs a migration)', () => {
    // The one-permutation signature that migration 010 stored for every article.
    expect(bandHashes(signature(TEXT)!)).toEqual([
      -439607738, 1606914984, -1052648660, 138808842, 1381995396, -2101835437, -156072248, 753774558, 1197766227, -597385511, -902707630, -517521613, 640392126,
      -1925714042, -881790486, -1938067844,
    ]);
  });

  it('estimates the Jaccard similarity of two texts, short ones (most bins empty before densification) included', () => {
    // Texts of random words from a small PRNG, and copies with a share of their words replaced.
    let state = 7;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const word = () => `w${Math.floor(next() * 5000)}`;
    for (const length of [45, 120, 800]) {
      let error = 0;
      const pairs = 40;
      for (let pair = 0; pair < pairs; pair += 1) {
        const a = Array.from({ length }, word);
        const share = pair / pairs / 4; // 0 to 25% of the words replaced: similarities from 1 down to about 0.2
        const b = a.map((w) => (next() < share ? word() : w));
        const exact = jaccard(shingleHashes(a.join(' ')), shingleHashes(b.join(' ')));
        const [sa, sb] = [signature(a.join(' '))!, signature(b.join(' '))!];
        const estimate = sa.filter((v, i) => v === sb[i]).length / sa.length;
        error += Math.abs(estimate - exact);
      }
      // 64 bins: off by 0.03-0.04 on average here; empty bins left undensified, by 0.2 at 45 words.
      expect(error / pairs, `${length} words`).toBeLessThan(0.07);
    }
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

describe('words', () => {
  it('are runs of letters, digits and marks of any script, case-blind, whatever separates them', () => {
    // Same shingles whatever the case, punctuation and spacing; marks (Urdu vowel signs) and astral letters are inside words.
    expect(shingleHashes('Talks resumed at Torkham, officials said; trade waits.')).toEqual(shingleHashes('talks  RESUMED at torkham officials — said trade\nwaits'));
    expect(shingleHashes('one two three four five')).not.toEqual(shingleHashes('one two three four fivé'));
    expect(shingleHashes('پاکستانِ ایران 𝐀bc one two three')).toEqual(shingleHashes('پاکستانِ ایران 𝐀bc one two three'));
    expect(shingleHashes('پاکستانِ ایران 𝐀bc one two three')).not.toEqual(shingleHashes('پاکستان ِایران 𝐀bc one two three'));
    expect(shingleHashes('a b c d')).toEqual(new Set());
    expect(shingleHashes('a b c d e').size).toBe(1);
  });
});
