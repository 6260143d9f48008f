import { readFileSync } from 'node:fs';
import { expect, suite, test } from 'vitest';
import { AppError } from '../api/errors.ts';
import { anchor, describe } from './anchoring.ts';
import { findQuote, normalize, QuoteAmbiguousError, QuoteNotFoundError } from './find-quote.ts';

const seed000 = readFileSync(new URL('../../seeds/pakistan-looks-to-iran.txt', import.meta.url), 'utf8');
const seed003 = readFileSync(new URL('../../seeds/taliban-pakistan-rapprochement.txt', import.meta.url), 'utf8');

/** Counts occurrences independently of the code under test. */
function count(text: string, quote: string): number {
  return text.split(quote).length - 1;
}

suite('findQuote', () => {
  test('returns the offsets of a unique quote in the original text', () => {
    const quote = 'Sirajuddin Haqqani';
    const start = seed003.indexOf(quote);
    expect(findQuote(seed003, quote)).toEqual({ start, end: start + quote.length });
  });

  test('a straight apostrophe typed on a terminal matches a curly one in the article', () => {
    const range = findQuote(seed000, "Pakistan's top leadership");
    expect(seed000.slice(range.start, range.end)).toBe('Pakistan’s top leadership');
  });

  test('straight double quotes match curly ones, and the other way round', () => {
    const text = 'He said “peace is possible” and left. Then: "no comment".';
    const curly = findQuote(text, '"peace is possible"');
    expect(text.slice(curly.start, curly.end)).toBe('“peace is possible”');
    const straight = findQuote(text, '“no comment”');
    expect(text.slice(straight.start, straight.end)).toBe('"no comment"');
  });

  test('whitespace runs in the quote and the text match whatever their length or kind', () => {
    const spanning = findQuote(seed003, 'continue to limit trust. Taliban Interior Minister');
    expect(seed003.slice(spanning.start, spanning.end)).toBe('continue to limit trust.\n\nTaliban Interior Minister');
    const typed = findQuote(seed000, 'Prime   Minister\n\tShehbaz Sharif');
    expect(seed000.slice(typed.start, typed.end)).toBe('Prime Minister Shehbaz Sharif');
    const nbsp = 'Costs rose by 4,000\u00a0rupees in May.';
    expect(findQuote(nbsp, '4,000 rupees')).toEqual({ start: 14, end: 26 });
  });

  test('leading and trailing whitespace in the quote is ignored', () => {
    const quote = 'Sirajuddin Haqqani';
    const start = seed003.indexOf(quote);
    expect(findQuote(seed003, `  ${quote}\n`)).toEqual({ start, end: start + quote.length });
  });

  test('case and other characters must match exactly', () => {
    expect(() => findQuote(seed003, 'sirajuddin haqqani')).toThrow(QuoteNotFoundError);
    expect(() => findQuote(seed003, 'Sirajudin Haqqani')).toThrow(QuoteNotFoundError);
  });

  test('a missing quote throws QuoteNotFoundError with a count of 0, an API error', () => {
    let error: unknown;
    try {
      findQuote(seed003, 'Kabul airport');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(QuoteNotFoundError);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'QUOTE_NOT_FOUND', count: 0, occurrence: undefined, name: 'QuoteNotFoundError' });
  });

  test('a repeated quote without an occurrence throws QuoteAmbiguousError with the count', () => {
    const expected = count(seed003, 'Taliban');
    expect(expected).toBeGreaterThan(1);
    let error: unknown;
    try {
      findQuote(seed003, 'Taliban');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(QuoteAmbiguousError);
    expect(error).toMatchObject({ code: 'QUOTE_AMBIGUOUS', count: expected, name: 'QuoteAmbiguousError' });
    expect((error as QuoteAmbiguousError).detail).toContain(`1 to ${expected}`);
  });

  test('occurrence N (1-based) picks the Nth from the start', () => {
    let from = -1;
    for (let n = 1; n <= count(seed003, 'Taliban'); n++) {
      from = seed003.indexOf('Taliban', from + 1);
      expect(findQuote(seed003, 'Taliban', n)).toEqual({ start: from, end: from + 7 });
    }
  });

  test('occurrence 1 of a unique quote is that quote', () => {
    const start = seed003.indexOf('Sirajuddin');
    expect(findQuote(seed003, 'Sirajuddin', 1)).toEqual({ start, end: start + 10 });
  });

  test('an occurrence past the last throws QuoteNotFoundError with the count and the occurrence', () => {
    const total = count(seed003, 'Taliban');
    expect(() => findQuote(seed003, 'Taliban', total + 1)).toThrow(QuoteNotFoundError);
    try {
      findQuote(seed003, 'Taliban', total + 1);
    } catch (error) {
      expect(error).toMatchObject({ count: total, occurrence: total + 1 });
    }
  });

  test('occurrences are counted without overlapping, as "find next" does', () => {
    expect(() => findQuote('aaaa', 'aa')).toThrow(QuoteAmbiguousError);
    expect(findQuote('aaaa', 'aa', 2)).toEqual({ start: 2, end: 4 });
    expect(() => findQuote('aaaa', 'aa', 3)).toThrow(QuoteNotFoundError);
  });

  test.each([0, -1, 1.5, Number.NaN])('occurrence %s is a RangeError', (occurrence) => {
    expect(() => findQuote(seed003, 'Taliban', occurrence)).toThrow(RangeError);
  });

  test('an empty or all-whitespace quote is a RangeError', () => {
    expect(() => findQuote(seed003, '')).toThrow(RangeError);
    expect(() => findQuote(seed003, ' \n\t')).toThrow(RangeError);
  });

  test('works on right-to-left text', () => {
    const urdu = 'ایرانی صدر مسعود پزشکیان نے کہا کہ مسلم ممالک کے درمیان یکجہتی ضروری ہے۔\n\nتجزیہ کاروں کے مطابق';
    const range = findQuote(urdu, 'مسعود پزشکیان  نے\nکہا');
    expect(urdu.slice(range.start, range.end)).toBe('مسعود پزشکیان نے کہا');
  });

  test('a found quote described and anchored on the same text is exact', () => {
    const range = findQuote(seed000, "Iran's President Masoud Pezeshkian");
    expect(anchor(seed000, describe(seed000, range.start, range.end))).toEqual({ status: 'exact', ...range, score: 1 });
  });
});

suite('normalize', () => {
  test('folds exactly the characters JavaScript calls whitespace, each run to one space', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      const folded = normalize(`a${char}${char}b`).text;
      expect(folded, `U+${code.toString(16)}`).toBe(/\s/.test(char) ? 'a b' : `a${folded[1]}${folded[1]}b`);
    }
  });

  test('maps every normalized character back to the original code units it stands for', () => {
    const original = 'A  “B”\n\n’C';
    const { text, starts, ends } = normalize(original);
    expect(text).toBe('A "B" \'C');
    expect([...starts]).toEqual([0, 1, 3, 4, 5, 6, 8, 9]);
    expect([...ends]).toEqual([1, 3, 4, 5, 6, 8, 9, 10]);
  });
});
