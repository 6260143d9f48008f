import search from 'approx-string-match';
import { expect, suite, test } from 'vitest';
import { matchEnds, WORD_LENGTH } from './myers.ts';

/** Fewest edits between pattern and any substring of text ending at `end` (textbook, free start). */
function bestEndingAt(text: string, pattern: string, end: number): number {
  let column = Array.from({ length: pattern.length + 1 }, (_, i) => i);
  for (let j = 1; j <= end; j++) {
    const next = [0];
    for (let i = 1; i <= pattern.length; i++) {
      next[i] = Math.min(column[i - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1), column[i]! + 1, next[i - 1]! + 1);
    }
    column = next;
  }
  return column[pattern.length]!;
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

suite('matchEnds', () => {
  test('finds "annd" in "four score and seven" ending after "and" with one edit', () => {
    const { ends, errors } = matchEnds('four score and seven', 'annd', 1);
    expect(ends).toContain(14);
    expect(errors[ends.indexOf(14)]).toBe(1);
  });

  test('reports every end within the limit, not only the best ones, agreeing with the textbook programme', () => {
    const next = random(17);
    for (let round = 0; round < 60; round++) {
      const alphabet = round % 2 === 0 ? 'ab c' : 'پاکستان ';
      const text = Array.from({ length: 80 }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const pattern = Array.from({ length: 1 + Math.floor(next() * WORD_LENGTH) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const maxErrors = Math.floor(next() * 4);
      const { ends, errors } = matchEnds(text, pattern, maxErrors);
      const expected: number[] = [];
      for (let end = 1; end <= text.length; end++) if (bestEndingAt(text, pattern, end) <= maxErrors) expected.push(end);
      expect(ends, `${JSON.stringify(pattern)} in ${JSON.stringify(text)}`).toEqual(expected);
      ends.forEach((end, i) => expect(errors[i]).toBe(bestEndingAt(text, pattern, end)));
    }
  });

  test('agrees with approx-string-match on the best edit count', () => {
    const text = 'Pakistan accuses the Taliban of supporting or tolerating Tehrik-i-Taliban Pakistan';
    const pattern = 'Talibn of suporting';
    const best = Math.min(...matchEnds(text, pattern, 6).errors);
    expect(best).toBe(search(text, pattern, 6)[0]!.errors);
  });

  test('a 32-character pattern uses the whole word', () => {
    const pattern = 'x'.repeat(31) + 'y';
    expect(matchEnds(`aaa${pattern}bbb`, pattern, 0).ends).toEqual([35]);
  });

  test('searches only the given window', () => {
    expect(matchEnds('abc abc abc', 'abc', 0, 4, 11).ends).toEqual([7, 11]);
  });

  test('rejects an empty pattern or one longer than a word', () => {
    expect(() => matchEnds('text', '', 0)).toThrow(RangeError);
    expect(() => matchEnds('text', 'x'.repeat(33), 0)).toThrow(RangeError);
  });
});
