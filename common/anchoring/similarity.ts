// String similarity for scoring anchor candidates. Inputs here are short (a selector's
// 32-character context), so a plain two-row Levenshtein is both simplest and fast enough.

/** Levenshtein distance (insertions, deletions, substitutions) in UTF-16 code units. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length > b.length) [a, b] = [b, a];
  if (a.length === 0) return b.length;
  if (a.length <= 32) return bitParallelDistance(a, b);
  return distances(codes(a, 0, a.length, false), codes(b, 0, b.length, false))[b.length]!;
}

/**
 * Myers' bit-vector edit distance (in Hyyrö's form for whole strings) with `a` in one
 * 32-bit word: scoring candidates compares 32-character contexts many times over.
 */
function bitParallelDistance(a: string, b: string): number {
  const m = a.length;
  const peq = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const code = a.charCodeAt(i);
    peq.set(code, (peq.get(code) ?? 0) | (1 << i));
  }
  const last = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  for (let j = 0; j < b.length; j++) {
    const eq = peq.get(b.charCodeAt(j)) ?? 0;
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    // Row 0 of the matrix grows by one per character of b: shift a 1 into the horizontal positives.
    ph = (ph << 1) | 1;
    mh = mh << 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  return score;
}

/** 1 for identical strings, 0 for strings with nothing in common: 1 - distance / longer length. */
export function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  return 1 - editDistance(a, b) / longer;
}

/**
 * Edit distances between `pattern` and every prefix of text[from, to): entry j is the
 * distance to text.slice(from, from + j). One pass gives every possible end of a match
 * that must start at `from`, which is what fixing a match's boundaries needs.
 */
export function distancesFrom(pattern: string, text: string, from: number, to: number): Uint32Array {
  return distances(codes(pattern, 0, pattern.length, false), codes(text, from, to, false));
}

/**
 * Edit distances between `pattern` and every suffix of text[from, to): entry j is the
 * distance to text.slice(to - j, to), every possible start of a match that must end at `to`.
 */
export function distancesTo(pattern: string, text: string, from: number, to: number): Uint32Array {
  return distances(codes(pattern, 0, pattern.length, true), codes(text, from, to, true));
}

/** UTF-16 code units of s[from, to), reversed when asked, so the programme below reads forwards. */
function codes(s: string, from: number, to: number, reversed: boolean): Uint16Array {
  const length = Math.max(0, to - from);
  const out = new Uint16Array(length);
  for (let k = 0; k < length; k++) out[k] = s.charCodeAt(reversed ? to - 1 - k : from + k);
  return out;
}

/** Entry j: edit distance between the whole pattern and the first j code units of text. */
function distances(pattern: Uint16Array, text: Uint16Array): Uint32Array {
  const m = pattern.length;
  const result = new Uint32Array(text.length + 1);
  // column[i] = distance between the first i pattern code units and the text consumed so far.
  const column = new Uint32Array(m + 1);
  for (let i = 0; i <= m; i++) column[i] = i;
  result[0] = m;
  for (let j = 1; j <= text.length; j++) {
    const code = text[j - 1]!;
    let diagonal = column[0]!;
    column[0] = j;
    for (let i = 1; i <= m; i++) {
      const above = column[i]!;
      column[i] = Math.min(diagonal + (pattern[i - 1] === code ? 0 : 1), above + 1, column[i - 1]! + 1);
      diagonal = above;
    }
    result[j] = column[m]!;
  }
  return result;
}
