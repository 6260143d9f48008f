// Myers' bit-parallel approximate search for patterns of one machine word (32 code units).
// approx-string-match covers any length but reports only the fewest-edit matches of the
// whole string it is given, and pays for match starts we do not need; for the short
// patterns searched over a whole article (short quotes, the head and tail of long ones)
// this reports every end within the edit limit, several times faster.

/** Longest pattern matchEnds accepts. */
export const WORD_LENGTH = 32;

export interface MatchEnds {
  /** Offsets just past each match, ascending. */
  ends: number[];
  /** Edits of the best match ending there, for each entry of `ends`. */
  errors: number[];
}

/** Every end in text[from, to) of a substring within maxErrors edits of pattern (1 to 32 code units). */
export function matchEnds(text: string, pattern: string, maxErrors: number, from = 0, to = text.length): MatchEnds {
  const m = pattern.length;
  if (m === 0 || m > WORD_LENGTH) throw new RangeError(`Pattern length ${m} is not between 1 and ${WORD_LENGTH}.`);
  // Bit i of peq[c] is set when pattern[i] is c; Latin text stays in the array, the rest in the map.
  const ascii = new Int32Array(256);
  const other = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const code = pattern.charCodeAt(i);
    if (code < 256) ascii[code]! |= 1 << i;
    else other.set(code, (other.get(code) ?? 0) | (1 << i));
  }
  const last = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  const ends: number[] = [];
  const errors: number[] = [];
  const stop = Math.min(to, text.length);
  for (let j = Math.max(0, from); j < stop; j++) {
    const code = text.charCodeAt(j);
    const eq = code < 256 ? ascii[code]! : (other.get(code) ?? 0);
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    // A match may start anywhere, so row 0 stays zero: nothing is shifted in.
    ph <<= 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
    if (score <= maxErrors) {
      ends.push(j + 1);
      errors.push(score);
    }
  }
  return { ends, errors };
}
