// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { guessScript, isRtlLanguage, normalizeLanguageTag } from './language.ts';

describe('guessScript', () => {
  it('reads Urdu from the letters only Urdu uses (ے ہ ں ٹ)', () => {
    expect(guessScript('پاکستان اور افغانستان کے درمیان تعلقات میں کشیدگی برقرار ہے۔')).toEqual({ direction: 'rtl', language: 'ur' });
  });

  it('reads Persian from پ چ ژ گ when no Urdu letters appear', () => {
    expect(guessScript('وزیر امور خارجه ایران گفت که تهران آماده میانجیگری میان پاکستان و افغانستان است.')).toEqual({ direction: 'rtl', language: 'fa' });
  });

  it('reads Arabic when the text has neither Urdu nor Persian letters', () => {
    expect(guessScript('قال المتحدث باسم وزارة الخارجية إن المحادثات ستستمر رغم الخلافات.')).toEqual({ direction: 'rtl', language: 'ar' });
  });

  it('reads Hebrew as right-to-left', () => {
    expect(guessScript('השיחות בין הצדדים נמשכו גם היום.')).toEqual({ direction: 'rtl', language: 'he' });
  });

  it('keeps an English text that quotes an Urdu phrase left-to-right with no language claimed', () => {
    expect(guessScript('The minister said in a long televised address, quoting a poet: "ہم دیکھیں گے", before turning to the budget.')).toEqual({ direction: 'ltr', language: null });
  });

  it('names languages whose script is their own, and none for Latin or Cyrillic', () => {
    expect(guessScript('Οι συνομιλίες συνεχίζονται.').language).toBe('el');
    expect(guessScript('회담은 계속된다.').language).toBe('ko');
    expect(guessScript('Переговоры продолжаются.')).toEqual({ direction: 'ltr', language: null });
    expect(guessScript('')).toEqual({ direction: 'ltr', language: null });
  });
});

describe('language tags', () => {
  it('normalizes casing and separators, and rejects what is not a tag', () => {
    expect(normalizeLanguageTag('en_us')).toBe('en-US');
    expect(normalizeLanguageTag('UR-pk')).toBe('ur-PK');
    expect(normalizeLanguageTag('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(normalizeLanguageTag('English')).toBeNull();
    expect(normalizeLanguageTag('')).toBeNull();
  });

  it('knows which declared languages are right-to-left', () => {
    expect(isRtlLanguage('ur-PK')).toBe(true);
    expect(isRtlLanguage('fa')).toBe(true);
    expect(isRtlLanguage('ps')).toBe(true);
    expect(isRtlLanguage('en')).toBe(false);
    expect(isRtlLanguage(null)).toBe(false);
  });
});
