// Titles for articles that do not state one: a short headline made from the opening
// sentence, and the tests that decide whether a first line already is a title. Every
// title an import produces is kept within the API's limit (fitTitle), cut where a reader
// would cut it.
import { TITLE_MAX_LENGTH } from '../../../common/api/limits.ts';

export const HEADLINE_MAX = 100;

const ELLIPSIS = '…';
// Root-locale rules, so a cut does not depend on the machine's language settings.
// Made on first use: building a segmenter loads ICU's break rules (20-40 ms), which every
// CLI command would pay at start-up.
let graphemes: Intl.Segmenter | null = null;
let words: Intl.Segmenter | null = null;
// Looked at past the cut, so the grapheme and the word the cut falls in are seen whole.
const LOOKAHEAD = 64;

/**
 * `text` when it fits in `max` UTF-16 code units, else its beginning with "…", at most
 * `max` units in all. The cut falls after a word (before a space, else between two words
 * for scripts written without spaces) when that keeps at least half of the room, else
 * between two graphemes: never inside a surrogate pair, a combining sequence or an emoji.
 */
export function truncateAtBoundary(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  if (room <= 0) return max > 0 ? ELLIPSIS : '';
  const head = text.slice(0, room + LOOKAHEAD);
  // Grapheme boundaries within the room: a segment's end is one when the whole segment
  // fits (the last segment of `head` may be cut short, but it ends past the room).
  const boundaries = new Set<number>();
  let cut = 0;
  for (const { index, segment } of (graphemes ??= new Intl.Segmenter('und', { granularity: 'grapheme' })).segment(head)) {
    const end = index + segment.length;
    if (end > room) break;
    boundaries.add(end);
    cut = end;
  }
  let beforeSpace = 0;
  let betweenWords = 0;
  for (const { index, segment } of (words ??= new Intl.Segmenter('und', { granularity: 'word' })).segment(head)) {
    const end = index + segment.length;
    if (end > cut) break;
    // A word boundary inside a grapheme (possible with format characters) is no place to cut.
    if (!boundaries.has(end)) continue;
    betweenWords = end;
    if (/\s/u.test(head[end] ?? '')) beforeSpace = end;
  }
  const half = room / 2;
  const at = beforeSpace >= half ? beforeSpace : betweenWords >= half ? betweenWords : cut;
  // No dangling separator before the ellipsis ("talks, …", "Kabul - …").
  const kept = head.slice(0, at).replace(/[\s,;:–—-]+$/u, '');
  return `${kept.length > 0 && boundaries.has(kept.length) ? kept : head.slice(0, at)}${ELLIPSIS}`;
}

/** A title as stored: whitespace collapsed, within the API's limit (TITLE_MAX_LENGTH), cut with "…" beyond it. */
export function fitTitle(title: string): string {
  return truncateAtBoundary(title.replace(/\s+/g, ' ').trim(), TITLE_MAX_LENGTH);
}

// Abbreviations whose period does not end a sentence ("U.S. officials", "Mr. Khan").
const ABBREVIATION = /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Gov|Sen|Rep|St|Jr|Sr|No|Vol|vs|etc|e\.g|i\.e)|\b[A-Z](?:\.[A-Z])*)$/;

/** The first sentence of `text` (the whole text when no sentence end is found). */
export function firstSentence(text: string): string {
  const re = /[.!?…](?=["'”’)\]]*(?:\s|$))/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text)) !== null) {
    const before = text.slice(0, match.index);
    if (match[0] === '.' && ABBREVIATION.test(before)) continue;
    return text.slice(0, match.index + 1).trim();
  }
  return text.trim();
}

/** A headline from the opening sentence: at most HEADLINE_MAX characters, cut at a word boundary with "…". */
export function headlineFrom(text: string): string {
  const sentence = firstSentence(text.replace(/\s+/g, ' ').trim()).replace(/[.]$/, '');
  return truncateAtBoundary(sentence, HEADLINE_MAX);
}

/** A line that reads as a title: short, and not ending like a sentence or a lead-in. */
export function looksLikeTitle(line: string): boolean {
  const text = line.trim();
  if (text.length === 0 || text.length > 150) return false;
  if (text.split(/\s+/).length > 25) return false;
  return !/[.,;:]$/.test(text);
}

/** Removes the outlet's name when a page title carries it ("Headline | Outlet", "Outlet - Headline"). */
export function withoutOutletName(title: string, outlet: string | null): string {
  if (!outlet) return title;
  const name = outlet.trim().toLowerCase();
  const parts = title.split(/\s+[|–—-]\s+|\s+[:·»]\s+/);
  if (parts.length < 2) return title;
  const first = parts[0]!.trim();
  const last = parts[parts.length - 1]!.trim();
  if (last.toLowerCase() === name) return title.slice(0, title.length - last.length).replace(/\s*[|–—\-:·»]\s*$/, '').trim();
  if (first.toLowerCase() === name) return title.slice(first.length).replace(/^\s*[|–—\-:·»]\s*/, '').trim();
  return title;
}

/** A file name without directories and extension, as a last-resort title. */
export function titleFromFileName(fileName: string | null): string {
  if (!fileName) return 'Untitled';
  const base = (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.[^.]+$/, '').replace(/[_]+/g, ' ').trim();
  return base.length > 0 ? base : 'Untitled';
}
