import { describe, expect, it } from 'vitest';
import { AppError } from '../../../common/api/errors.ts';
import { ftsQuery, ftsString, typeAheadQuery } from './query.ts';
import { spellingVariants } from './spelling.ts';

function syntaxError(query: string): string {
  try {
    ftsQuery(query);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('SEARCH_SYNTAX');
    return (error as AppError).detail ?? '';
  }
  throw new Error(`"${query}" was accepted`);
}

describe('the search syntax', () => {
  it('quotes every word, so punctuation in what the user typed is never FTS5 syntax', () => {
    expect(ftsQuery('taliban pakistan')).toBe('"taliban" AND "pakistan"');
    expect(ftsQuery('Tehrik-i-Taliban')).toBe('"Tehrik-i-Taliban"');
    expect(ftsQuery('title:foo NEAR(a b) col:*x')).toBe('"title:foo" AND "NEAR" AND ("a" AND "b") AND "col:*x"');
    expect(ftsQuery('say "hi" there')).toBe('"say" AND "hi" AND "there"');
    // Words that are only punctuation are not searchable: unicode61 skips them.
    expect(ftsQuery('Iran - Pakistan & Qatar')).toBe('"Iran" AND "Pakistan" AND "Qatar"');
  });

  it('understands phrases, prefixes, AND / OR / NOT and parentheses', () => {
    expect(ftsQuery('"army chief" munir')).toBe('"army chief" AND "munir"');
    expect(ftsQuery('“army chief”')).toBe('"army chief"');
    expect(ftsQuery('taliba* "asim mun"*')).toBe('"taliba"* AND "asim mun"*');
    expect(ftsQuery('iran OR qatar')).toBe('"iran" OR "qatar"');
    expect(ftsQuery('iran qatar OR turkey')).toBe('("iran" AND "qatar") OR "turkey"');
    expect(ftsQuery('taliban NOT pakistan')).toBe('"taliban" NOT "pakistan"');
    expect(ftsQuery('taliban AND NOT pakistan iran')).toBe('("taliban" AND "iran") NOT "pakistan"');
    expect(ftsQuery('taliban NOT (iran OR qatar) NOT turkey')).toBe('"taliban" NOT (("iran" OR "qatar") OR "turkey")');
    expect(ftsQuery('(iran OR qatar) AND (talks OR mediation)')).toBe('("iran" OR "qatar") AND ("talks" OR "mediation")');
    // Lower-case operators are words.
    expect(ftsQuery('law and order')).toBe('"law" AND "and" AND "order"');
  });

  it('doubles any quote mark inside an FTS5 string', () => {
    expect(ftsString('5" gun')).toBe('"5"" gun"');
    expect(ftsString('taliba', true)).toBe('"taliba"*');
  });

  it('keeps Urdu, Arabic and Persian words whole, and widens each to its spellings', () => {
    expect(ftsQuery('گفتگو')).toBe('"گفتگو"');
    // Urdu ک and ی typed on an Arabic keyboard are ك and ي: both spellings, a phrase as a whole.
    expect(ftsQuery('پاکستان "ثالثی کی درخواست"')).toBe('("پاکستان" OR "پاكستان") AND ("ثالثی کی درخواست" OR "ثالثي كي درخواست")');
    expect(ftsQuery('مذاکرات OR گفتگو')).toBe('("مذاکرات" OR "مذاكرات") OR "گفتگو"');
    expect(ftsQuery('احمد*')).toBe('("احمد"* OR "أحمد"* OR "إحمد"* OR "آحمد"*)');
  });

  it('finds an Arabic word however its alef, final ya or ta marbuta and hamza are written', () => {
    expect(spellingVariants('احمد')).toEqual(['احمد', 'أحمد', 'إحمد', 'آحمد']);
    // The article's alef never carries hamza; the one after it may.
    expect(spellingVariants('الاسلام')).toEqual(['الاسلام', 'الأسلام', 'الإسلام', 'الآسلام']);
    expect(spellingVariants('مسألة')).toEqual(expect.arrayContaining(['مسالة', 'مسأله', 'مساله']));
    expect(spellingVariants('على')).toEqual(['على', 'علي', 'علی']);
    expect(spellingVariants('القرآن')).toEqual(['القرآن', 'القران']);
    expect(spellingVariants('Taliban')).toEqual(['Taliban']);
    // A long phrase keeps the spellings closest to what was typed, as typed first.
    const phrase = spellingVariants('أحمد علي الإسلامية مدرسة');
    expect(phrase).toHaveLength(32);
    expect(phrase[0]).toBe('أحمد علي الإسلامية مدرسة');
  });

  it('names the problem in a malformed query', () => {
    expect(syntaxError('"unbalanced')).toMatch(/quote mark at character 1 is never closed/);
    expect(syntaxError('(a OR')).toMatch(/parenthesis opened at character 1 is never closed/);
    expect(syntaxError('NOT')).toMatch(/NOT at character 1 needs words to exclude from/);
    expect(syntaxError('NOT iran')).toMatch(/cannot start with NOT/);
    expect(syntaxError('*')).toMatch(/The \* at character 1 has no word before it/);
    expect(syntaxError('AND AND')).toMatch(/AND at character 1 needs a word or phrase before it/);
    expect(syntaxError('iran AND')).toMatch(/AND at character 6 needs a word or phrase after it/);
    expect(syntaxError('iran OR')).toMatch(/OR at character 6 needs a word or phrase after it/);
    expect(syntaxError('OR iran')).toMatch(/OR at character 1 needs a word or phrase before it/);
    expect(syntaxError('iran NOT')).toMatch(/NOT at character 6 needs a word or phrase after it/);
    expect(syntaxError('iran)')).toMatch(/closing parenthesis at character 5 has no opening one/);
    expect(syntaxError('iran ()')).toMatch(/parentheses at character 6 are empty/);
    expect(syntaxError('""')).toMatch(/phrase at character 1 has no words/);
    expect(syntaxError('   ')).toMatch(/no words to look for/);
    expect(syntaxError('- &')).toMatch(/no words to look for/);
    expect(syntaxError('('.repeat(20) + 'a' + ')'.repeat(20))).toMatch(/nested more than/);
    expect(syntaxError(Array.from({ length: 70 }, (_, i) => `w${i}`).join(' '))).toMatch(/more than 64 words/);
  });
});

describe('search as you type', () => {
  it('matches every word, the last one as a prefix, and never fails on half-typed syntax', () => {
    expect(typeAheadQuery('asim mun')).toBe('"asim" "mun"*');
    expect(typeAheadQuery('asim ')).toBe('"asim"');
    expect(typeAheadQuery('a')).toBe('"a"');
    expect(typeAheadQuery('"unbalanced (a OR')).toBe('"unbalanced" "a" "OR"*');
    expect(typeAheadQuery('NOT')).toBe('"NOT"*');
    expect(typeAheadQuery('* ( )')).toBeNull();
    expect(typeAheadQuery('')).toBeNull();    expect(typeAheadQuery('على الك')).toBe('("على" OR "علي" OR "علی") ("الك"* OR "الک"*)');
  });
});
