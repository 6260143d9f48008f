// Arabic-script spelling variants a search should not depend on. The full-text index
// (unicode61) folds case and Latin accents but not these: a name is written أحمد or احمد
// depending on the writer, a final ي as ى in Egyptian print, ة as ه, hamza is often left
// off in typing (مسالة for مسألة), and Urdu and Persian keyboards type ی, ک and (Urdu)
// ہ and ۃ where Arabic ones type ي, ك, ه and ة. The stored text is evidence and is never
// rewritten, so the query is widened instead: each word becomes the OR of its spellings,
// which the index answers directly and highlight() marks like any other match.
//
// Vowel marks (harakat), tatweel and zero-width joiners are not spellings: they are
// folded out of the index and of the query alike (main/db/fold.ts).

const ALEFS = 'اأإآ';
/** Final ya and alef maqsura; Persian/Urdu ی is the keyboards' business. */
const FINAL_YA = 'يى';
const FINAL_TA = 'ةه';
/**
 * The letters Arabic, Persian and Urdu keyboards type differently for the same letter
 * (Urdu's heh goal ہ and teh marbuta goal ۃ are Arabic's ه and ة). A writer uses one
 * keyboard for a whole phrase, so each is applied to all of it.
 */
const KEYBOARDS: readonly Readonly<Record<string, string>>[] = [
  { ی: 'ي', ک: 'ك', ہ: 'ه', ۃ: 'ة' },
  { ي: 'ی', ك: 'ک', ہ: 'ه', ۃ: 'ة' },
  { ي: 'ی', ك: 'ک', ه: 'ہ', ة: 'ۃ' },
];

/** Enough for any real word or phrase; the spellings closest to what was typed are kept. */
const MAX_VARIANTS = 32;

interface Variant {
  text: string;
  /** How many independent changes from what was typed: fewer is likelier, kept first. */
  changes: number;
}

/** One way a word may be spelled differently: its options, the first being the word as typed. */
type Dimension = (word: string) => string[];

const replaceAt = (word: string, i: number, c: string) => word.slice(0, i) + c + word.slice(i + 1);

/** The alef that opens the word (after the article ال): أ, إ, آ or bare ا. */
const initialAlef: Dimension = (word) => {
  const i = word.startsWith('ال') && word.length > 2 ? 2 : 0;
  if (!ALEFS.includes(word[i]!)) return [word];
  return [word, ...[...ALEFS].filter((c) => c !== word[i]).map((c) => replaceAt(word, i, c))];
};

/** Hamza on an alef inside the word, left off: مسألة, مسالة. */
const medialHamza: Dimension = (word) => {
  const start = word.startsWith('ال') ? 3 : 1;
  const bare = word.slice(0, start) + word.slice(start).replace(/[أإآ]/gu, 'ا');
  return bare === word ? [word] : [word, bare];
};

const finalLetter: Dimension = (word) => {
  const last = word[word.length - 1]!;
  const group = FINAL_YA.includes(last) ? FINAL_YA : FINAL_TA.includes(last) ? FINAL_TA : null;
  if (!group || word.length < 2) return [word];
  return [word, ...[...group].filter((c) => c !== last).map((c) => word.slice(0, -1) + c)];
};

const keyboard: Dimension = (text) => [
  ...new Set([text, ...KEYBOARDS.map((letters) => Array.from(text, (c) => letters[c] ?? c).join(''))]),
];

/** Each variant with every option of the dimension, the same text reached twice kept once. */
function widen(variants: readonly Variant[], dimension: Dimension): Variant[] {
  const next = new Map<string, Variant>();
  for (const v of variants) {
    dimension(v.text).forEach((text, k) => {
      const changes = v.changes + (k === 0 ? 0 : 1);
      const seen = next.get(text);
      if (!seen || seen.changes > changes) next.set(text, { text, changes });
    });
  }
  return [...next.values()];
}

/** Sort is stable: among equal distances the order of generation (as typed first) stays. */
const closest = (variants: Variant[]) => variants.sort((a, b) => a.changes - b.changes).slice(0, MAX_VARIANTS);

function wordVariants(word: string): Variant[] {
  if (!/[\u0600-\u06FF]/u.test(word)) return [{ text: word, changes: 0 }];
  return [initialAlef, medialHamza, finalLetter].reduce(widen, [{ text: word, changes: 0 }]);
}

/** Every spelling of a word or phrase, the text as typed first, at most MAX_VARIANTS. */
export function spellingVariants(text: string): string[] {
  let variants: Variant[] = [{ text: '', changes: 0 }];
  for (const part of text.split(/(\s+)/u)) {
    const options = /^\s*$/u.test(part) ? [{ text: part, changes: 0 }] : wordVariants(part);
    variants = closest(variants.flatMap((v) => options.map((o) => ({ text: v.text + o.text, changes: v.changes + o.changes }))));
  }
  // One keyboard for the whole phrase.
  return closest(widen(variants, keyboard)).map((v) => v.text);
}
