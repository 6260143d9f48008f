// Language and direction guessed from the script a text is written in, for files that
// do not declare them (plain text, PDFs, Word files, HTML without lang/dir).
import type { TextDirection } from '../../../common/api/methods/articles.ts';

export interface ScriptGuess {
  direction: TextDirection;
  /** A best-effort ISO 639-1 code, or null when the script does not tell (Latin, Cyrillic, ...). */
  language: string | null;
}

/** Enough letters to decide; reading a whole book would only cost time. */
const SAMPLE_CHARS = 10_000;

// Letters Urdu uses and Persian/Arabic do not: ٹ ڈ ڑ ں ے ہ ھ.
const URDU = new Set([0x0679, 0x0688, 0x0691, 0x06ba, 0x06d2, 0x06c1, 0x06be]);
// Letters Persian uses and Arabic does not (Urdu uses them too): پ چ ژ گ.
const PERSIAN = new Set([0x067e, 0x0686, 0x0698, 0x06af]);

function isArabicScript(c: number): boolean {
  return (c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0x08a0 && c <= 0x08ff) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff);
}

function isHebrew(c: number): boolean {
  return (c >= 0x0590 && c <= 0x05ff) || (c >= 0xfb1d && c <= 0xfb4f);
}

// Scripts used by essentially one language each, so the script names the language.
const SINGLE_LANGUAGE_SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Georgian}/u, 'ka'],
  [/\p{Script=Armenian}/u, 'hy'],
];
const LETTER = /\p{L}/u;

export function guessScript(text: string): ScriptGuess {
  const n = Math.min(text.length, SAMPLE_CHARS);
  let letters = 0;
  let arabic = 0;
  let hebrew = 0;
  let urdu = 0;
  let persian = 0;
  const others = new Map<string, number>();
  // One pass over code units; ASCII, the common case, never reaches a regular expression.
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
      continue;
    }
    if (isArabicScript(c)) {
      letters++;
      arabic++;
      if (URDU.has(c)) urdu++;
      else if (PERSIAN.has(c)) persian++;
      continue;
    }
    if (isHebrew(c)) {
      letters++;
      hebrew++;
      continue;
    }
    const ch = text[i]!;
    if (!LETTER.test(ch)) continue;
    letters++;
    if (c < 0x0370) continue;
    for (const [re, language] of SINGLE_LANGUAGE_SCRIPTS) {
      if (re.test(ch)) {
        others.set(language, (others.get(language) ?? 0) + 1);
        break;
      }
    }
  }
  if (letters === 0) return { direction: 'ltr', language: null };
  // The text's own script decides, so an English article quoting an Urdu phrase stays left-to-right.
  if (arabic * 2 > letters) {
    // Urdu text is full of ے and ہ; a stray one (a quoted name) must not turn Arabic into Urdu.
    if (urdu >= Math.max(1, arabic * 0.005)) return { direction: 'rtl', language: 'ur' };
    if (persian >= Math.max(1, arabic * 0.002)) return { direction: 'rtl', language: 'fa' };
    return { direction: 'rtl', language: 'ar' };
  }
  if (hebrew * 2 > letters) return { direction: 'rtl', language: 'he' };
  for (const [language, count] of others) {
    if (count * 2 > letters) return { direction: 'ltr', language };
  }
  return { direction: 'ltr', language: null };
}

const RTL_LANGUAGES = new Set(['ar', 'fa', 'ur', 'he', 'iw', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb', 'ku-arab']);

/** Whether a declared language tag names a right-to-left language ("ur-PK" -> true). */
export function isRtlLanguage(tag: string | null): boolean {
  if (!tag) return false;
  const lower = tag.toLowerCase();
  return RTL_LANGUAGES.has(lower) || RTL_LANGUAGES.has(lower.split('-')[0]!) || lower.includes('-arab');
}

/**
 * A declared language tag tidied to BCP 47 casing ("en_us" -> "en-US"), or null when it
 * is not a language tag at all.
 */
export function normalizeLanguageTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const parts = tag.trim().replace(/_/g, '-').split('-');
  if (!/^[a-z]{2,3}$/i.test(parts[0] ?? '')) return null;
  if (!parts.every((p) => /^[a-z0-9]{1,8}$/i.test(p))) return null;
  return parts
    .map((p, i) => (i === 0 ? p.toLowerCase() : p.length === 2 ? p.toUpperCase() : p.length === 4 ? p[0]!.toUpperCase() + p.slice(1).toLowerCase() : p.toLowerCase()))
    .join('-');
}
