// Highlights are stored as a text selector over the canonical text (common/text/flatten.ts):
// the quote, up to 32 characters of context on each side, and its offsets in UTF-16 code
// units. When an article's text changes, re-anchoring finds where each highlight now is:
//   (a) the stored position still holds the quote             -> 'exact'
//   (b) the quote occurs elsewhere, chosen by context         -> 'moved'
//   (c) a scored approximate match (quote, context, distance) -> 'fuzzy'
//   (d) nothing good enough                                    -> 'orphan' (shown to the user)
// When the context around the stored position changed, (a) and (b) are decided together,
// because after an edit the quote at the old offset may be a different occurrence.
// Approximate search is Myers' bit-parallel algorithm (approx-string-match, and ./myers.ts
// for one-word patterns), the approach the Hypothesis client uses; the candidate
// generation and scoring here are our own.
import search from 'approx-string-match';
import { matchEnds, WORD_LENGTH } from './myers.ts';
import { distancesFrom, distancesTo, similarity } from './similarity.ts';

export interface TextSelector {
  /** The highlighted text, exactly as it was. */
  exact: string;
  /** Up to CONTEXT_LENGTH characters before the quote ('' at the start of the text). */
  prefix: string;
  /** Up to CONTEXT_LENGTH characters after the quote ('' at the end of the text). */
  suffix: string;
  /** Offset of the quote's first code unit in the canonical text. */
  start: number;
  /** Offset just past the quote's last code unit. */
  end: number;
}

export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphan';

export interface AnchorResult {
  status: AnchorStatus;
  start: number;
  end: number;
  /**
   * Confidence in [0, 1] from quote, context and position agreement: 1 when quote and
   * context are where they were, 0 for 'orphan'.
   */
  score: number;
}

/** Characters of context stored on each side of a quote. */
export const CONTEXT_LENGTH = 32;

/**
 * Minimum score for a fuzzy match, and for a moved match of a short quote. Between
 * unrelated places in the seed articles, 32-character contexts average a similarity of
 * 0.15 (0.30 at the 99.9th percentile of 10,000 samples), so a short exact quote in
 * unrelated surroundings scores about 0.66 (0.72) while one intact side of its context
 * lifts it to 0.80; an edited quote passes with both sides intact up to the 25% edit
 * limit, or with one side intact up to about 15% edits.
 */
export const ACCEPT_SCORE = 0.75;

/**
 * An exact quote at least this long is taken to be the same passage wherever it now
 * appears, even with new surroundings (a moved paragraph); shorter quotes ("Taliban")
 * recur too often to move without their context agreeing.
 */
export const DISTINCTIVE_LENGTH = 32;

/** Score weights: the quote matters most, each side of the context next, distance least. */
const WEIGHT_QUOTE = 50;
const WEIGHT_PREFIX = 20;
const WEIGHT_SUFFIX = 20;
const WEIGHT_POSITION = 10;
const WEIGHT_TOTAL = WEIGHT_QUOTE + WEIGHT_PREFIX + WEIGHT_SUFFIX + WEIGHT_POSITION;

/** Edits allowed in a fuzzy match, as a fraction of the quote's length. */
const ERROR_FRACTION = 0.25;
/** Quotes up to this length are searched whole (at most two 32-bit blocks); longer ones through pieces. */
const DIRECT_SEARCH_LENGTH = 64;
/** Long quotes: pieces looked up exactly, and how many at most. */
const EXACT_PIECE_LENGTH = 16;
const MAX_EXACT_PIECES = 32;
/** A piece occurring more often than this is too common to say where the quote is. */
const MAX_PIECE_OCCURRENCES = 64;
/** Long quotes, fallback: head and tail searched approximately, one machine word each. */
const APPROXIMATE_PIECE_LENGTH = WORD_LENGTH;
const APPROXIMATE_PIECE_ERRORS = Math.floor(APPROXIMATE_PIECE_LENGTH * ERROR_FRACTION);
/** Characters searched on each side of the expected range: first close, then wider. */
const NEAR_SLACK = 2 * CONTEXT_LENGTH;
const LOCAL_WINDOW = 1024;
/** Quotes longer than a word are searched over the whole text in chunks of this many characters. */
const GLOBAL_CHUNK = 4096;
/** Boundary refinement: how far each edge may move, and the longest quote refined. */
const BOUNDARY_SLACK = 3;
const REFINE_MAX_LENGTH = 256;
/** Candidates scored in full per search, and windows verified per long-quote search. */
const MAX_CANDIDATES = 32;
const MAX_WINDOWS = 8;
/** Scores closer than this are ties, decided by distance. */
const EPSILON = 1e-9;

interface Candidate {
  start: number;
  end: number;
  /** Edits between the stored quote and text.slice(start, end). */
  errors: number;
}

interface Scored extends Candidate {
  score: number;
  /** prefix + suffix similarity, in [0, 2]. */
  context: number;
  distance: number;
}

/** Builds the selector stored for a highlight of text.slice(start, end). */
export function describe(text: string, start: number, end: number): TextSelector {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start >= end || end > text.length) {
    throw new RangeError(`Invalid range [${start}, ${end}) for a text of length ${text.length}.`);
  }
  // A lone surrogate cannot survive storage as UTF-8, so the stored quote would never match again.
  if (splitsPair(text, start) || splitsPair(text, end)) {
    throw new RangeError(`Range [${start}, ${end}) splits a surrogate pair.`);
  }
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (splitsPair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (splitsPair(text, suffixEnd)) suffixEnd -= 1;
  return {
    exact: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
    start,
    end,
  };
}

/** Finds where a stored highlight is in (possibly changed) text. */
export function anchor(text: string, selector: TextSelector): AnchorResult {
  return locate(text, selector) ?? anchorFuzzy(text, selector, selector.start) ?? orphan(text, selector);
}

/**
 * Re-anchors every highlight of an article; results are in the order of the selectors.
 * Highlights that need a fuzzy search are looked for where their nearest preceding
 * neighbour moved them: an inserted or deleted paragraph shifts everything after it alike,
 * so the expected position is the stored one plus that neighbour's shift.
 */
export function anchorAll(text: string, selectors: readonly TextSelector[]): AnchorResult[] {
  const located = selectors.map((selector) => locate(text, selector));
  const byStoredStart = selectors.map((_, index) => index).sort((a, b) => selectors[a]!.start - selectors[b]!.start);
  let shift = 0;
  const results: AnchorResult[] = new Array<AnchorResult>(selectors.length);
  for (const index of byStoredStart) {
    const selector = selectors[index]!;
    const found = located[index] ?? anchorFuzzy(text, selector, clamp(selector.start + shift, 0, text.length));
    if (found) shift = found.start - selector.start;
    results[index] = found ?? orphan(text, selector);
  }
  return results;
}

/** Steps (a) and (b): the exact quote, at the stored position or elsewhere; null when neither fits. */
function locate(text: string, selector: TextSelector): AnchorResult | null {
  const { exact, start } = selector;
  if (exact.length === 0) return null;
  const end = start + exact.length;
  const holds = Number.isInteger(start) && start >= 0 && text.startsWith(exact, start);
  // Fast path: an unchanged text, or one changed only away from the highlight.
  if (
    holds &&
    start >= selector.prefix.length &&
    text.startsWith(selector.prefix, start - selector.prefix.length) &&
    text.startsWith(selector.suffix, end)
  ) {
    return { status: 'exact', start, end, score: 1 };
  }

  // The context changed, so the quote at the stored position may be a coincidence (a
  // short quote after an edit shifted the text): it competes with the other occurrences.
  const best = bestOccurrence(text, selector, holds);
  if (best) {
    if (best.start === start) return { status: 'exact', start, end, score: best.score };
    if (exact.length >= DISTINCTIVE_LENGTH || best.score >= ACCEPT_SCORE) {
      return { status: 'moved', start: best.start, end: best.end, score: best.score };
    }
  }
  if (holds) {
    return { status: 'exact', start, end, score: score(text, selector, { start, end, errors: 0 }, start).score };
  }
  return null;
}

function orphan(text: string, selector: TextSelector): AnchorResult {
  const start = clamp(selector.start, 0, text.length);
  const end = clamp(selector.end, start, text.length);
  return { status: 'orphan', start, end, score: 0 };
}

/**
 * Step (b): of the exact quote's occurrences, the one whose context agrees best, then the
 * nearest to the stored position (so the stored position itself wins a tie).
 */
function bestOccurrence(text: string, selector: TextSelector, holds: boolean): Scored | null {
  const { exact } = selector;
  const occurrences: Candidate[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    occurrences.push({ start: at, end: at + exact.length, errors: 0 });
  }
  if (occurrences.length === 0) return null;

  // Full scoring is bounded: a common word may occur thousands of times, so rank first by
  // how many context characters agree right next to the quote, which costs almost nothing.
  let shortlist = occurrences;
  if (occurrences.length > MAX_CANDIDATES) {
    const adjacency = (c: Candidate): number =>
      commonSuffixLength(selector.prefix, text, c.start) + commonPrefixLength(selector.suffix, text, c.end);
    shortlist = occurrences
      .map((c) => ({ c, adjacent: adjacency(c), distance: Math.abs(c.start - selector.start) }))
      .sort((x, y) => y.adjacent - x.adjacent || x.distance - y.distance)
      .slice(0, MAX_CANDIDATES)
      .map((x) => x.c);
    if (holds && !shortlist.some((c) => c.start === selector.start)) {
      shortlist.push({ start: selector.start, end: selector.start + exact.length, errors: 0 });
    }
  }

  let best: Scored | null = null;
  for (const candidate of shortlist) {
    const scored = score(text, selector, candidate, selector.start);
    if (
      !best ||
      scored.context > best.context + EPSILON ||
      (Math.abs(scored.context - best.context) <= EPSILON && scored.distance < best.distance)
    ) {
      best = scored;
    }
  }
  return best;
}

/**
 * Step (c): the best approximate match, looked for in widening circles: right where the
 * quote is expected, then the neighbourhood, then the whole text. The bit-parallel search
 * reports only the fewest-edit matches of the string it is given, so a narrow window keeps
 * a nearby edited quote from being hidden by a closer copy elsewhere (a short quote often
 * recurs exactly); the first circle with a match good enough to accept decides.
 */
function anchorFuzzy(text: string, selector: TextSelector, expected: number): AnchorResult | null {
  const quote = selector.exact;
  const maxErrors = Math.floor(quote.length * ERROR_FRACTION);
  if (maxErrors < 1) return null;
  const accepted = (found: readonly Candidate[]): Scored | null => {
    const best = pickBest(text, selector, found, expected);
    return best && best.score >= ACCEPT_SCORE ? best : null;
  };

  const near = clamp(expected, 0, text.length);
  const found: Candidate[] = [];
  let best: Scored | null = null;
  for (const margin of [maxErrors + NEAR_SLACK, LOCAL_WINDOW]) {
    found.push(...searchWindow(text, quote, maxErrors, near - margin, near + quote.length + margin));
    best = accepted(found);
    if (best) break;
  }
  if (!best) {
    found.push(
      ...(quote.length <= DIRECT_SEARCH_LENGTH
        ? searchEverywhere(text, quote, maxErrors, expected)
        : searchLong(text, selector, maxErrors, expected, (more) => accepted(more) !== null)),
    );
    best = accepted(found);
  }
  if (!best) return null;
  best = refineBoundaries(text, selector, best, maxErrors, expected);

  const start = splitsPair(text, best.start) ? best.start - 1 : best.start;
  const end = splitsPair(text, best.end) ? best.end + 1 : best.end;
  // A zero-edit match is an exact occurrence that step (b) left out of its shortlist.
  return { status: best.errors === 0 ? 'moved' : 'fuzzy', start, end, score: best.score };
}

/**
 * Long quotes are searched through pieces, so the cost does not grow with the product of
 * quote and text length: where a piece occurs predicts where the quote starts, and only
 * windows around the predictions are searched for the whole quote. First the quote's
 * short pieces are found exactly (cheap, and edits are usually local), the windows most
 * pieces point to verified first; only if that finds nothing good enough are the head and
 * tail (one machine word each) searched approximately, one bit-parallel pass each.
 */
function searchLong(
  text: string,
  selector: TextSelector,
  maxErrors: number,
  expected: number,
  good: (found: readonly Candidate[]) => boolean,
): Candidate[] {
  const quote = selector.exact;
  const votes: number[] = [];
  const pieces = Math.min(MAX_EXACT_PIECES, Math.floor(quote.length / EXACT_PIECE_LENGTH));
  for (let i = 0; i < pieces; i++) {
    const offset = Math.round((i * (quote.length - EXACT_PIECE_LENGTH)) / Math.max(1, pieces - 1));
    const piece = quote.slice(offset, offset + EXACT_PIECE_LENGTH);
    const hits: number[] = [];
    for (let at = text.indexOf(piece); at !== -1 && hits.length <= MAX_PIECE_OCCURRENCES; at = text.indexOf(piece, at + 1)) {
      hits.push(at - offset);
    }
    // A piece found everywhere (", and the ") says nothing about where the quote is.
    if (hits.length <= MAX_PIECE_OCCURRENCES) votes.push(...hits);
  }
  const found = verifyPredictions(text, quote, maxErrors, expected, votes);
  if (good(found)) return found;

  const approximate: number[] = [];
  for (const offset of [0, quote.length - APPROXIMATE_PIECE_LENGTH]) {
    const piece = quote.slice(offset, offset + APPROXIMATE_PIECE_LENGTH);
    for (const end of matchEnds(text, piece, APPROXIMATE_PIECE_ERRORS).ends) {
      approximate.push(end - APPROXIMATE_PIECE_LENGTH - offset);
    }
  }
  return [...found, ...verifyPredictions(text, quote, maxErrors, expected, approximate)];
}

/**
 * Groups predicted quote starts into windows (predictions within 2 * maxErrors of each
 * other are one place seen through different pieces) and searches the windows with the
 * most predictions, nearest first among equals, for the whole quote.
 */
function verifyPredictions(
  text: string,
  quote: string,
  maxErrors: number,
  expected: number,
  predictions: readonly number[],
): Candidate[] {
  const sorted = [...predictions].sort((a, b) => a - b);
  const windows: { first: number; last: number; votes: number }[] = [];
  for (const predicted of sorted) {
    const current = windows.at(-1);
    if (current && predicted - current.last <= 2 * maxErrors) {
      current.last = predicted;
      current.votes += 1;
    } else {
      windows.push({ first: predicted, last: predicted, votes: 1 });
    }
  }
  return windows
    .sort((a, b) => b.votes - a.votes || Math.abs(a.first - expected) - Math.abs(b.first - expected))
    .slice(0, MAX_WINDOWS)
    .flatMap((w) => searchWindow(text, quote, maxErrors, w.first - maxErrors, w.last + quote.length + maxErrors));
}

/**
 * Matches of a short quote anywhere in the text. A quote of one machine word is searched
 * for every match within the limit, the fewest-edit and nearest places are kept, and each
 * is searched again in a small window for its exact start; longer quotes go chunk by chunk.
 */
function searchEverywhere(text: string, quote: string, maxErrors: number, expected: number): Candidate[] {
  if (quote.length > WORD_LENGTH) return searchChunked(text, quote, maxErrors);
  const { ends, errors } = matchEnds(text, quote, maxErrors);
  // Nearby ends are one match seen at several lengths.
  const places: { first: number; last: number; errors: number }[] = [];
  ends.forEach((end, i) => {
    const current = places.at(-1);
    if (current && end - current.last <= maxErrors + 1) {
      current.last = end;
      current.errors = Math.min(current.errors, errors[i]!);
    } else {
      places.push({ first: end, last: end, errors: errors[i]! });
    }
  });
  return places
    .sort((a, b) => a.errors - b.errors || Math.abs(a.first - expected) - Math.abs(b.first - expected))
    .slice(0, MAX_CANDIDATES)
    .flatMap((place) => searchWindow(text, quote, maxErrors, place.first - quote.length - maxErrors, place.last));
}

/**
 * The whole text searched in overlapping chunks, so that each chunk reports its own best
 * matches instead of the whole text reporting only its single best edit count.
 */
function searchChunked(text: string, pattern: string, maxErrors: number): Candidate[] {
  const overlap = pattern.length + maxErrors;
  const found: Candidate[] = [];
  for (let from = 0; from < text.length; from += GLOBAL_CHUNK) {
    found.push(...searchWindow(text, pattern, maxErrors, from, from + GLOBAL_CHUNK + overlap));
  }
  return found;
}

/** Approximate matches of quote inside text[from, to), in text offsets. */
function searchWindow(text: string, quote: string, maxErrors: number, from: number, to: number): Candidate[] {
  const start = clamp(from, 0, text.length);
  const end = clamp(to, start, text.length);
  if (end === start) return [];
  return search(text.slice(start, end), quote, maxErrors).map((m) => ({
    start: m.start + start,
    end: m.end + start,
    errors: m.errors,
  }));
}

/**
 * The bit-parallel search reports one start per end (the longest match), so when an edit
 * touches the edge of a quote the match can take in a neighbouring character at no extra
 * cost. Each start within BOUNDARY_SLACK (for the found end), then each end (for the chosen
 * start) is rescored with its exact edit count, and the context decides. Quotes longer than
 * REFINE_MAX_LENGTH keep the search's boundaries, to bound the quadratic cost.
 */
function refineBoundaries(text: string, selector: TextSelector, found: Scored, maxErrors: number, expected: number): Scored {
  const quote = selector.exact;
  if (quote.length > REFINE_MAX_LENGTH || found.errors === 0) return found;
  // An edge is pinned when the quote and the stored context both line up exactly across it.
  const pin = BOUNDARY_SLACK + 1;
  const startPinned =
    commonPrefixLength(quote, text, found.start) >= pin && commonSuffixLength(selector.prefix, text, found.start) >= pin;
  const endPinned =
    commonSuffixLength(quote, text, found.end) >= pin && commonPrefixLength(selector.suffix, text, found.end) >= pin;
  let best = found;

  if (!startPinned) {
    const earliest = Math.max(0, found.start - BOUNDARY_SLACK);
    const toEnd = distancesTo(quote, text, earliest, found.end);
    for (let start = earliest; start <= found.start + BOUNDARY_SLACK && start < found.end; start++) {
      const errors = toEnd[found.end - start]!;
      if (start === found.start || errors > maxErrors) continue;
      const scored = score(text, selector, { start, end: found.end, errors }, expected);
      if (scored.score > best.score + EPSILON) best = scored;
    }
  }

  if (!endPinned) {
    const start = best.start;
    const latest = Math.min(text.length, best.end + BOUNDARY_SLACK);
    const fromStart = distancesFrom(quote, text, start, latest);
    for (let end = Math.max(start + 1, best.end - BOUNDARY_SLACK); end <= latest; end++) {
      const errors = fromStart[end - start]!;
      if (end === best.end || errors > maxErrors) continue;
      const scored = score(text, selector, { start, end, errors }, expected);
      if (scored.score > best.score + EPSILON) best = scored;
    }
  }
  return best;
}

/** Highest score wins; ties go to the candidate nearest the expected position. */
function pickBest(text: string, selector: TextSelector, candidates: readonly Candidate[], expected: number): Scored | null {
  const seen = new Set<string>();
  const unique = candidates.filter((c) => {
    const key = `${c.start}:${c.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Scoring a candidate costs two small edit distances; keep the fewest-edit, nearest ones.
  const shortlist = unique
    .sort((a, b) => a.errors - b.errors || Math.abs(a.start - expected) - Math.abs(b.start - expected))
    .slice(0, MAX_CANDIDATES);
  let best: Scored | null = null;
  for (const candidate of shortlist) {
    const scored = score(text, selector, candidate, expected);
    if (
      !best ||
      scored.score > best.score + EPSILON ||
      (Math.abs(scored.score - best.score) <= EPSILON && scored.distance < best.distance)
    ) {
      best = scored;
    }
  }
  return best;
}

/** Weighted similarity of quote, prefix and suffix, and closeness to where the quote is expected. */
function score(text: string, selector: TextSelector, candidate: Candidate, expected: number): Scored {
  const quote = 1 - candidate.errors / selector.exact.length;
  const prefix = contextSimilarity(
    selector.prefix,
    text.slice(Math.max(0, candidate.start - selector.prefix.length), candidate.start),
    candidate.start === 0,
  );
  const suffix = contextSimilarity(
    selector.suffix,
    text.slice(candidate.end, candidate.end + selector.suffix.length),
    candidate.end === text.length,
  );
  const distance = Math.abs(candidate.start - expected);
  const position = 1 - Math.min(1, distance / Math.max(1, text.length));
  const total =
    (WEIGHT_QUOTE * quote + WEIGHT_PREFIX * prefix + WEIGHT_SUFFIX * suffix + WEIGHT_POSITION * position) /
    WEIGHT_TOTAL;
  return { ...candidate, score: total, context: prefix + suffix, distance };
}

/**
 * Context compared over the stored length only, so a quote that was near the start of the
 * text is judged by the characters next to it. An empty stored context means the quote
 * touched the edge of the text: full agreement if it still does, no evidence otherwise.
 */
function contextSimilarity(stored: string, actual: string, atEdge: boolean): number {
  if (stored.length === 0) return atEdge ? 1 : 0.5;
  return similarity(stored, actual);
}

/** Characters at the end of `prefix` equal to those just before `at` in text (also used for a quote's end). */
function commonSuffixLength(prefix: string, text: string, at: number): number {
  let n = 0;
  while (n < prefix.length && at - n > 0 && prefix.charCodeAt(prefix.length - n - 1) === text.charCodeAt(at - n - 1)) {
    n++;
  }
  return n;
}

/** Characters at the start of `suffix` equal to those from `at` in text (also used for a quote's start). */
function commonPrefixLength(suffix: string, text: string, at: number): number {
  let n = 0;
  while (n < suffix.length && at + n < text.length && suffix.charCodeAt(n) === text.charCodeAt(at + n)) n++;
  return n;
}

/** True when offset falls between the two halves of a surrogate pair. */
function splitsPair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

function clamp(value: number, min: number, max: number): number {
  if (Number.isNaN(value)) return min;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
