// Snippets as segments: FTS5's highlight() marks every matched token of a field with
// two control characters; here they become {text, match} pieces around the first hit,
// and the hit's offset in the field's own text. No HTML is ever produced.
import type { SnippetSegment } from '../../../common/api/methods/search.ts';
import { foldForIndex, foldWithOffsets } from '../../db/fold.ts';

/** Markers passed to highlight(): control characters that canonical text does not contain. */
export const OPEN = '\u0001';
export const CLOSE = '\u0002';

export interface Marked {
  /** The field's text without markers. */
  plain: string;
  /** Matched ranges in `plain`, in order. */
  hits: { start: number; end: number }[];
}

export function parseMarked(marked: string): Marked {
  const hits: Marked['hits'] = [];
  let plain = '';
  let open = -1;
  for (const part of marked.split(/([\u0001\u0002])/u)) {
    if (part === OPEN) open = plain.length;
    else if (part === CLOSE) {
      if (open >= 0 && plain.length > open) hits.push({ start: open, end: plain.length });
      open = -1;
    } else plain += part;
  }
  return { plain, hits };
}

/**
 * The hits highlight() marked in the folded text the index holds (main/db/fold.ts), moved onto
 * the text as written, so the snippet shows the reader's text and offsets scroll to it.
 */
export function onWrittenText(marked: Marked, written: string | null): Marked {
  if (written === null || marked.plain === written || foldForIndex(written) !== marked.plain) return marked;
  const toWritten = foldWithOffsets(written);
  return { plain: written, hits: marked.hits.map((hit) => toWritten(hit.start, hit.end)) };
}

const BEFORE = 70;
const LENGTH = 240;

/**
 * A window of about LENGTH characters of `plain` holding the first hit (and any others
 * that fit), cut at spaces, with an ellipsis where text was left out. Whitespace runs
 * (paragraph breaks) read as single spaces.
 */
export function snippetSegments({ plain, hits }: Marked, length = LENGTH): SnippetSegment[] {
  const first = hits[0];
  let start = 0;
  if (first && first.start > BEFORE) {
    start = first.start - BEFORE;
    const space = plain.slice(start, first.start).search(/\s/u);
    start = space >= 0 ? start + space + 1 : first.start;
  }
  let end = Math.min(plain.length, Math.max(start + length, first?.end ?? 0));
  if (end < plain.length) {
    const cut = plain.slice(first ? Math.max(first.end, start) : start, end).search(/\s\S*$/u);
    if (cut > 0) end = (first ? Math.max(first.end, start) : start) + cut;
  }
  const segments: SnippetSegment[] = [];
  const push = (text: string, match: boolean) => {
    const flat = text.replace(/\s+/gu, ' ');
    if (!flat) return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += flat;
    else segments.push({ text: flat, match });
  };
  if (start > 0) push('… ', false);
  let at = start;
  for (const hit of hits) {
    if (hit.end <= start) continue;
    if (hit.start >= end) break;
    const s = Math.max(hit.start, start);
    const e = Math.min(hit.end, end);
    push(plain.slice(at, s), false);
    push(plain.slice(s, e), true);
    at = e;
  }
  push(plain.slice(at, end), false);
  if (end < plain.length) push(' …', false);
  if (segments[0] && !segments[0].match) segments[0].text = segments[0].text.trimStart();
  return segments;
}
