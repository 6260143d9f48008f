// Finding a quote a user typed (the CLI's `casefile annotate --quote … [--occurrence N]`).
// Matching is exact except for what a terminal cannot reproduce faithfully: runs of
// whitespace (line breaks, tabs, no-break spaces) and curly versus straight quotes and
// apostrophes. Both sides are normalized, with a map back to offsets in the original text.
import { AppError } from '../api/errors.ts';

export interface TextRange {
  start: number;
  end: number;
}

/** The quote does not occur, or the requested occurrence is past the last one. */
export class QuoteNotFoundError extends AppError {
  /** How many times the quote occurs (0 when it does not occur at all). */
  readonly count: number;
  /** The 1-based occurrence that was asked for, if any. */
  readonly occurrence: number | undefined;

  constructor(count: number, occurrence?: number) {
    super(
      'QUOTE_NOT_FOUND',
      count === 0 ? undefined : `The quote occurs ${plural(count)} in the article, so there is no occurrence ${occurrence}.`,
    );
    this.name = 'QuoteNotFoundError';
    this.count = count;
    this.occurrence = occurrence;
  }
}

/** The quote occurs more than once and no occurrence was chosen. */
export class QuoteAmbiguousError extends AppError {
  /** How many times the quote occurs (at least 2). */
  readonly count: number;

  constructor(count: number) {
    super('QUOTE_AMBIGUOUS', `The quote occurs ${plural(count)} in the article; choose an occurrence from 1 to ${count}.`);
    this.name = 'QuoteAmbiguousError';
    this.count = count;
  }
}

/**
 * The range of `quote` in `text`. Occurrences are counted from 1, left to right, without
 * overlapping (as an editor's "find next" counts them). Leading and trailing whitespace in
 * the quote is ignored. Throws QuoteNotFoundError or QuoteAmbiguousError, and RangeError
 * for an empty quote or an occurrence that is not a positive integer.
 */
export function findQuote(text: string, quote: string, occurrence?: number): TextRange {
  if (occurrence !== undefined && (!Number.isInteger(occurrence) || occurrence < 1)) {
    throw new RangeError(`Occurrence must be a positive integer, not ${occurrence}.`);
  }
  const needle = normalize(quote).text.trim();
  if (needle.length === 0) throw new RangeError('The quote is empty.');
  const haystack = normalize(text);

  const found: number[] = [];
  for (let at = haystack.text.indexOf(needle); at !== -1; at = haystack.text.indexOf(needle, at + needle.length)) {
    found.push(at);
  }
  if (found.length === 0) throw new QuoteNotFoundError(0, occurrence);
  if (occurrence === undefined && found.length > 1) throw new QuoteAmbiguousError(found.length);
  const chosen = found[(occurrence ?? 1) - 1];
  if (chosen === undefined) throw new QuoteNotFoundError(found.length, occurrence);
  return { start: haystack.starts[chosen]!, end: haystack.ends[chosen + needle.length - 1]! };
}

interface Normalized {
  text: string;
  /** starts[i]: offset in the original text where normalized character i begins. */
  starts: Int32Array;
  /** ends[i]: offset in the original text just past normalized character i. */
  ends: Int32Array;
}

/** Whitespace runs become one space and typographic quotes become straight ones; every output character is one code unit. */
export function normalize(original: string): Normalized {
  const chars: string[] = [];
  const starts = new Int32Array(original.length);
  const ends = new Int32Array(original.length);
  let i = 0;
  while (i < original.length) {
    const code = original.charCodeAt(i);
    let next = i + 1;
    let char: string;
    if (isWhitespace(code)) {
      while (next < original.length && isWhitespace(original.charCodeAt(next))) next++;
      char = ' ';
    } else if (SINGLE_QUOTES.has(code)) {
      char = "'";
    } else if (DOUBLE_QUOTES.has(code)) {
      char = '"';
    } else {
      char = original[i]!;
    }
    starts[chars.length] = i;
    ends[chars.length] = next;
    chars.push(char);
    i = next;
  }
  return { text: chars.join(''), starts: starts.subarray(0, chars.length), ends: ends.subarray(0, chars.length) };
}

/** ‘ ’ ‚ ‛ and the prime ′, which keyboards and OCR put where an apostrophe belongs. */
const SINGLE_QUOTES = new Set([0x2018, 0x2019, 0x201a, 0x201b, 0x2032]);
/** “ ” „ ‟ and the double prime ″. */
const DOUBLE_QUOTES = new Set([0x201c, 0x201d, 0x201e, 0x201f, 0x2033]);

/** The characters JavaScript's \s matches, tested without a regular expression per character. */
function isWhitespace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function plural(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}
