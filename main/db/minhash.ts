// Near-copies of one story: the same wire text lightly edited by each outlet that carries
// it (a new first paragraph, a local headline, a sentence cut). Texts are compared as sets
// of word 5-grams ("shingles"); their Jaccard similarity is estimated by MinHash and
// candidates are found by locality-sensitive hashing over bands of the signature, so a
// new article is compared with the few that share a band, never with the whole library.
// (Broder 1997; Leskovec, Rajaraman and Ullman, "Mining of Massive Datasets", ch. 3.)
// The signature is a one-permutation MinHash (Li, Owen and Zhang 2012): each shingle is
// hashed once and lands in one of 64 bins, whose minima are the signature, with empty bins
// filled by optimal densification (Shrivastava 2017): the same estimate of the Jaccard
// similarity as 64 hash functions, at one hash per shingle instead of 64; with words
// hashed as they are read, a signature takes 0.14 ms of an article's import instead of
// 0.60 (migration 010 recomputed the stored bands).
//
// Written here rather than taken from a package: the registry's MinHash packages hash
// with strings per permutation (10-50x slower in a bulk import) and none offers banding;
// the whole method is the hundred lines below. It lives in main/db because the schema
// (migrations 005 and 010) computes the stored bands with it, as import does for new articles.

/** Word n-grams: 5 words tell a shared sentence from shared common phrases. */
const SHINGLE_WORDS = 5;
/** 16 bands of 4 rows: a pair at similarity 0.8 shares a band 99.98% of the time, at 0.3 about 12%. */
export const BANDS = 16;
const ROWS = 4;
const BINS = BANDS * ROWS;
/** Below this many words a text is too short to call anything a copy of it. */
const MIN_WORDS = 40;

/** The seed of the one hash of each shingle (fixed: signatures are stored and compared across runs). */
const SEED = 0x2545f491;
/** 64 bins: a hash's top 6 bits choose its bin, the other 26 are its value there. */
const BIN_SHIFT = 26;
const VALUE_MASK = (1 << BIN_SHIFT) - 1;
const EMPTY = 0xffffffff;

/** A 32-bit finalizer (murmur3's fmix32): spreads every input bit over the output. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** What counts as part of a word: letters, digits and marks of every script. */
const WORD_CHARACTER = /^[\p{L}\p{N}\p{M}]$/u;
/** WORD_CHARACTER for each UTF-16 unit of the Basic Multilingual Plane, found once: 0 not yet known, 1 yes, 2 no. */
const bmpWordCharacter = new Uint8Array(0x10000);

function isWordCharacter(character: string, unit: number): boolean {
  if (unit >= 0xd800 && unit <= 0xdfff) return WORD_CHARACTER.test(character);
  let known = bmpWordCharacter[unit]!;
  if (known === 0) bmpWordCharacter[unit] = known = WORD_CHARACTER.test(character) ? 1 : 2;
  return known === 1;
}

/**
 * The FNV-1a hash of each word of a text, in order, case- and punctuation-blind: read
 * character by character, without a string per word (this runs on every imported article,
 * and a match() of every word took half its MinHash).
 */
function wordHashes(text: string): Uint32Array {
  const lower = text.toLocaleLowerCase('und');
  const out = new Uint32Array((lower.length >> 1) + 1);
  let count = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i < lower.length; i += 1) {
    const unit = lower.charCodeAt(i);
    // A surrogate pair is one character, hashed unit by unit.
    const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < lower.length;
    const word =
      unit < 0x80 ? (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39) : isWordCharacter(pair ? lower.slice(i, i + 2) : lower[i]!, unit);
    if (word) {
      h = Math.imul(h ^ unit, FNV_PRIME);
      if (pair) h = Math.imul(h ^ lower.charCodeAt(++i), FNV_PRIME);
      inWord = true;
    } else {
      if (pair) i += 1;
      if (inWord) out[count++] = h >>> 0;
      h = FNV_OFFSET;
      inWord = false;
    }
  }
  if (inWord) out[count++] = h >>> 0;
  return out.subarray(0, count);
}

/** Hashes of the text's word 5-grams, deduplicated. */
export function shingleHashes(text: string): Set<number> {
  return new Set(shinglesOf(wordHashes(text)));
}

/** A hash of each run of five words, from the words' hashes. Repeats are kept: a minimum does not change with them. */
function shinglesOf(words: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.max(0, words.length - SHINGLE_WORDS + 1));
  for (let i = 0; i < out.length; i += 1) {
    let h = FNV_OFFSET;
    for (let k = 0; k < SHINGLE_WORDS; k += 1) h = mix32(h ^ words[i + k]!);
    out[i] = h;
  }
  return out;
}

/** The MinHash signature of a text (the minima of its 64 bins), or null when it is too short to compare. */
export function signature(text: string): Uint32Array | null {
  const words = wordHashes(text);
  if (words.length < MIN_WORDS) return null;
  const mins = new Uint32Array(BINS).fill(EMPTY);
  for (const h of shinglesOf(words)) {
    const v = mix32(h ^ SEED);
    const bin = v >>> BIN_SHIFT;
    const value = v & VALUE_MASK;
    if (value < mins[bin]!) mins[bin] = value;
  }
  return densified(mins);
}

/**
 * Each empty bin takes the minimum of a filled one, chosen by probing with a hash of the
 * empty bin's own index (optimal densification): two texts fill the same empty bin from the
 * same place, so a bin still agrees with the probability of their Jaccard similarity.
 * A text long enough to compare fills at least one bin.
 */
function densified(mins: Uint32Array): Uint32Array {
  const out = mins.slice();
  for (let bin = 0; bin < BINS; bin += 1) {
    if (mins[bin] !== EMPTY) continue;
    for (let attempt = 1; ; attempt += 1) {
      const from = mix32(Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b)) % BINS;
      if (mins[from] !== EMPTY) {
        out[bin] = mins[from]!;
        break;
      }
    }
  }
  return out;
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
