// Arabic-script text as the full-text index holds it. The unicode61 tokenizer splits a
// word at every vowel mark (harakat), shadda or zero-width joiner, and keeps tatweel (a
// letter to it) inside the word: a vocalized مُحَمَّد was indexed as the letters م ح د,
// a stretched السلطـــات never matched السلطات, and Persian می‌شود (with its zero-width
// non-joiner) was two words. The index therefore holds a folded shadow of each text with
// those characters removed (a view the FTS5 tables read, migration 004), queries are
// folded the same way, and the stored text stays as written: a match found in the folded
// text is mapped back through foldWithOffsets, so snippets and scroll positions point at
// the text as the reader sees it.
//
// The index is written through the JavaScript fold (the triggers call casefile_fold, which
// every connection that writes registers: migration 009) and rebuilt and read back through
// the SQL one (the views): the two must remove the same characters. Changing this list needs a migration that
// rebuilds the full-text indexes. That is why the fold lives in main/db: the schema
// (migration 004) is built with it, and search (main/services/search) reads through it.

import type { Db } from './db.ts';

/** Code points removed from indexed text and from queries. */
export const FOLDED_CODE_POINTS: readonly number[] = [
  // Tanween, fatha, damma, kasra, shadda, sukun, maddah, hamza above and below, and the
  // rarer vowel signs up to U+065F.
  ...Array.from({ length: 0x065f - 0x064b + 1 }, (_, i) => 0x064b + i),
  0x0670, // superscript (dagger) alef
  0x0640, // tatweel (kashida)
  0x200c, // zero-width non-joiner (Persian, Urdu)
  0x200d, // zero-width joiner
];

const FOLDED = new Set(FOLDED_CODE_POINTS);
const ANY_FOLDED = new RegExp(`[${FOLDED_CODE_POINTS.map((c) => `\\u{${c.toString(16)}}`).join('')}]`, 'gu');

/** The text as indexed: the folded characters removed. Text without any comes back as it is. */
export function foldForIndex(text: string): string {
  return text.replace(ANY_FOLDED, '');
}

/**
 * A quick test that a text may hold a folded character, as byte searches in its UTF-8:
 * the lead byte of each two-byte one (0xD9: the vowel marks and tatweel share it with
 * the Arabic letters from ـ to ي) and the whole of each longer one (the joiners). A
 * text without any of them (most texts) is passed over after a few byte scans.
 */
function mayHoldFolded(expression: string): string {
  const needles = new Set(
    FOLDED_CODE_POINTS.map((c) => {
      const bytes = Buffer.from(String.fromCodePoint(c), 'utf8');
      return bytes.subarray(0, bytes.length === 2 ? 1 : bytes.length).toString('hex').toUpperCase();
    }),
  );
  return [...needles].map((hex) => `instr(CAST(${expression} AS BLOB), x'${hex}') > 0`).join(' OR ');
}

/**
 * The same fold as an SQL expression over `expression`: nested replace() calls, so the
 * view the indexes are rebuilt from and highlight() reads works on any connection. They
 * run only on a text that may hold a folded character: 25 replace() passes over every
 * text cost about 190 µs per 2,000-character article (indexing it costs about 250 µs);
 * the byte test 18 µs. The test is coarse (any Arabic letter passes it), so the triggers
 * that index every write fold in JavaScript after it (foldedByFunctionSql).
 */
export function foldedSql(expression: string): string {
  const removed = FOLDED_CODE_POINTS.reduce((sql, c) => `replace(${sql}, char(${c}), '')`, expression);
  return `CASE WHEN ${mayHoldFolded(expression)} THEN ${removed} ELSE ${expression} END`;
}

/**
 * The fold the full-text triggers index with (migration 009): the same byte test, then
 * casefile_fold (registerFold) rather than 25 replace() passes. The byte test lets every
 * Arabic letter through, and on the bench's corpus (half the English articles quote an
 * Urdu or Arabic phrase) the passes took 170 µs per article, an eighth of storing it;
 * the JavaScript fold takes 50 µs, most of it handing the text over. Text without an
 * Arabic letter or a joiner (most English) never leaves SQLite.
 */
export function foldedByFunctionSql(expression: string): string {
  return `CASE WHEN ${mayHoldFolded(expression)} THEN casefile_fold(${expression}) ELSE ${expression} END`;
}

/**
 * Gives the connection SQL casefile_fold(text): foldForIndex. Every connection that writes
 * registers it (open.ts, migrate.ts); one that does not (the sqlite3 shell) is refused
 * with "no such function" on any write to an indexed table, as a write outside the change
 * log should be.
 */
export function registerFold(db: Db): void {
  db.function('casefile_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldForIndex(text) : text));
}

/**
 * A range [start, end) in the folded text, as a range in the text as written. The end
 * takes in the marks that follow the last letter (مُحَمَّدٌ's tanween belongs to the word).
 */
export type RangeMapper = (start: number, end: number) => { start: number; end: number };

/** Maps ranges of foldForIndex(text) back to `text`. */
export function foldWithOffsets(text: string): RangeMapper {
  ANY_FOLDED.lastIndex = 0;
  if (!ANY_FOLDED.test(text)) return (start, end) => ({ start, end });
  // kept[i]: where the i-th character of the folded text stands in `text` (all folded characters are in the BMP).
  const kept: number[] = [];
  for (let i = 0; i < text.length; i += 1) if (!FOLDED.has(text.charCodeAt(i))) kept.push(i);
  const at = (i: number) => (i < kept.length ? kept[i]! : text.length);
  return (start, end) => ({ start: at(start), end: end > start ? at(end - 1) + 1 + trailingFolded(text, at(end - 1) + 1) : at(start) });
}

function trailingFolded(text: string, from: number): number {
  let n = 0;
  while (from + n < text.length && FOLDED.has(text.charCodeAt(from + n))) n += 1;
  return n;
}
