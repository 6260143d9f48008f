// Near-copies of one story: the same wire text lightly edited by each outlet that carries
// it (a new first paragraph, a local headline, a sentence cut). Texts are compared as sets
// of word 5-grams ("shingles"); their Jaccard similarity is estimated by MinHash and
// candidates are found by locality-sensitive hashing over bands of the signature, so a
// new article is compared with the few that share a band, never with the whole library.
// (Broder 1997; Leskovec, Rajaraman and Ullman, "Mining of Massive Datasets", ch. 3.)
//
// Written here rather than taken from a package: the registry's MinHash packages hash
// with strings per permutation (10-50x slower in a bulk import) and none offers banding;
// the whole method is the forty lines below. It lives in main/db because the schema
// (migration 005) computes the stored bands with it, as import does for new articles.

/** Word n-grams: 5 words tell a shared sentence from shared common phrases. */
const SHINGLE_WORDS = 5;
/** 16 bands of 4 rows: a pair at similarity 0.8 shares a band 99.98% of the time, at 0.3 about 12%. */
export const BANDS = 16;
const ROWS = 4;
const PERMUTATIONS = BANDS * ROWS;
/** Below this many words a text is too short to call anything a copy of it. */
const MIN_WORDS = 40;

/** Seeds of the 64 hash functions (fixed: signatures are stored and compared across runs). */
const SEEDS = Uint32Array.from({ length: PERMUTATIONS }, (_, i) => mix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)));

/** A 32-bit finalizer (murmur3's fmix32): spreads every input bit over the output. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The words of a text, case- and punctuation-blind (letters and digits of every script). */
export function words(text: string): string[] {
  return text.toLocaleLowerCase('und').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

/** Hashes of the text's word 5-grams, deduplicated. */
export function shingleHashes(text: string): Set<number> {
  return new Set(shinglesOf(words(text)));
}

/**
 * FNV-1a of each run of five words joined by spaces, hashed word by word rather than over
 * a joined string: the same hashes without a string per shingle (this runs on every
 * imported article). Repeats are kept: a minimum does not change with them.
 */
function shinglesOf(w: readonly string[]): Uint32Array {
  const out = new Uint32Array(Math.max(0, w.length - SHINGLE_WORDS + 1));
  for (let i = 0; i < out.length; i += 1) {
    let h = 0x811c9dc5;
    for (let k = 0; k < SHINGLE_WORDS; k += 1) {
      if (k > 0) h = Math.imul(h ^ 0x20, 0x01000193);
      const word = w[i + k]!;
      for (let c = 0; c < word.length; c += 1) h = Math.imul(h ^ word.charCodeAt(c), 0x01000193);
    }
    out[i] = h >>> 0;
  }
  return out;
}

/** The MinHash signature of a text (64 minima), or null when it is too short to compare. */
export function signature(text: string): Uint32Array | null {
  const w = words(text);
  if (w.length < MIN_WORDS) return null;
  const mins = new Uint32Array(PERMUTATIONS).fill(0xffffffff);
  for (const h of shinglesOf(w)) {
    for (let p = 0; p < PERMUTATIONS; p += 1) {
      const v = mix32(h ^ SEEDS[p]!);
      if (v < mins[p]!) mins[p] = v;
    }
  }
  return mins;
}

/** One hash per band of the signature: two texts that share any are candidates. */
export function bandHashes(sig: Uint32Array): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b += 1) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r += 1) h = mix32(h ^ sig[b * ROWS + r]!);
    // Signed 32-bit, as SQLite's INTEGER keeps it compactly either way.
    out.push(h | 0);
  }
  return out;
}

/** The exact Jaccard similarity of two texts' shingle sets (0–1). */
export function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const h of small) if (large.has(h)) shared += 1;
  return shared / (a.size + b.size - shared);
}
