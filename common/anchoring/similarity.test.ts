import { expect, suite, test } from 'vitest';
import { distancesFrom, distancesTo, editDistance, similarity } from './similarity.ts';

/** The textbook dynamic programme, as the reference the fast paths must agree with. */
function reference(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      rows[i]![j] = Math.min(rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}

function randomString(next: () => number, length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

suite('editDistance', () => {
  test.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['same', 'same', 0],
    ['Pakistan’s', "Pakistan's", 1],
    ['پزشکیان', 'پزشکيان', 1],
  ])('%s -> %s is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });

  test('agrees with the textbook programme on random strings, short (bit-parallel) and long', () => {
    const next = random(5);
    for (let i = 0; i < 400; i++) {
      const a = randomString(next, Math.floor(next() * 45), 'abcde ’');
      const b = randomString(next, Math.floor(next() * 45), 'abcde ’');
      expect(editDistance(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(reference(a, b));
    }
  });

  test('handles a 32-character string, the full width of the bit vector', () => {
    const a = 'abcdefghijklmnopqrstuvwxyz012345';
    expect(editDistance(a, `${a}x`)).toBe(1);
    expect(editDistance(a, a.replace('z', 'Z'))).toBe(1);
    expect(editDistance(a, a.split('').reverse().join(''))).toBe(reference(a, a.split('').reverse().join('')));
  });
});

suite('similarity', () => {
  test('is 1 for equal strings (including two empty ones) and 0 for nothing in common', () => {
    expect(similarity('', '')).toBe(1);
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('abc', 'xyz')).toBe(0);
    expect(similarity('abcd', 'abce')).toBe(0.75);
  });
});

suite('distancesFrom and distancesTo', () => {
  test('give the distance to every prefix, or every suffix, of a text window', () => {
    const next = random(9);
    for (let i = 0; i < 50; i++) {
      const pattern = randomString(next, 1 + Math.floor(next() * 20), 'abc');
      const text = randomString(next, 40, 'abc');
      const from = Math.floor(next() * 10);
      const to = from + Math.floor(next() * 30);
      const forward = distancesFrom(pattern, text, from, to);
      const backward = distancesTo(pattern, text, from, to);
      expect(forward).toHaveLength(to - from + 1);
      for (let j = 0; j <= to - from; j++) {
        expect(forward[j]).toBe(reference(pattern, text.slice(from, from + j)));
        expect(backward[j]).toBe(reference(pattern, text.slice(to - j, to)));
      }
    }
  });
});
