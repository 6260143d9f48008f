import { readFileSync } from 'node:fs';
import { expect, suite, test } from 'vitest';
import { anchor, anchorAll, describe, CONTEXT_LENGTH } from './anchoring.ts';
import type { AnchorResult, TextSelector } from './anchoring.ts';

const SEEDS = new URL('../../seeds', import.meta.url).pathname;
const seed000 = readFileSync(`${SEEDS}/pakistan-looks-to-iran.txt`, 'utf8');
const seed003 = readFileSync(`${SEEDS}/taliban-pakistan-rapprochement.txt`, 'utf8');

/** The selector a user would store by highlighting the only occurrence of `quote`. */
function select(text: string, quote: string): TextSelector {
  const start = text.indexOf(quote);
  if (start === -1 || text.indexOf(quote, start + 1) !== -1) throw new Error(`fixture: "${quote}" is not unique`);
  return describe(text, start, start + quote.length);
}

function quoted(text: string, result: AnchorResult): string {
  return text.slice(result.start, result.end);
}

/** Deterministic pseudo-random numbers (mulberry32), so property tests are reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

suite('describe', () => {
  test('stores the quote, 32 characters of context on each side and the offsets', () => {
    const start = seed000.indexOf('Iran’s President');
    const selector = describe(seed000, start, start + 16);
    expect(selector).toEqual({
      exact: 'Iran’s President',
      prefix: seed000.slice(start - CONTEXT_LENGTH, start),
      suffix: seed000.slice(start + 16, start + 16 + CONTEXT_LENGTH),
      start,
      end: start + 16,
    });
    expect(selector.prefix).toHaveLength(32);
    expect(selector.suffix).toHaveLength(32);
  });

  test('context stops at the edges of the text', () => {
    expect(describe('Hello world', 0, 5)).toEqual({ exact: 'Hello', prefix: '', suffix: ' world', start: 0, end: 5 });
    expect(describe('Hello world', 6, 11)).toEqual({ exact: 'world', prefix: 'Hello ', suffix: '', start: 6, end: 11 });
  });

  test.each([
    ['a negative start', -1, 3],
    ['an empty range', 4, 4],
    ['a reversed range', 5, 2],
    ['an end past the text', 0, 12],
    ['a fractional offset', 1.5, 3],
    ['NaN', Number.NaN, 3],
  ])('rejects %s with a RangeError', (_, start, end) => {
    expect(() => describe('Hello world', start, end)).toThrow(RangeError);
  });

  test('rejects a range that splits a surrogate pair, since half a character cannot be stored', () => {
    const text = 'a😀b'; // the emoji is two code units, offsets 1 and 2
    expect(() => describe(text, 0, 2)).toThrow(RangeError);
    expect(() => describe(text, 2, 4)).toThrow(RangeError);
    expect(describe(text, 1, 3).exact).toBe('😀');
  });

  test('context never begins or ends with half a surrogate pair', () => {
    const text = `${'😀'.repeat(40)}X${'😀'.repeat(40)}`;
    const start = text.indexOf('X');
    const selector = describe(text, start, start + 1);
    expect(selector.prefix).toBe('😀'.repeat(16));
    expect(selector.suffix).toBe('😀'.repeat(16));
  });
});

// The same edits, applied to a quote in a middle paragraph of each seed article.
const seedCases = [
  {
    name: '000',
    text: seed000,
    separator: '\n',
    paragraph: 1,
    quote: 'Iran’s President Masoud Pezeshkian stepped forward',
    inside: ['Pezeshkian stepped', 'Pezeshkian quickly stepped'],
    typo: ['Pezeshkian', 'Pezeshkain'],
    spaces: ['Masoud Pezeshkian', 'Masoud  Pezeshkian'],
  },
  {
    name: '003',
    text: seed003,
    separator: '\n\n',
    paragraph: 3,
    quote: 'Taliban Interior Minister Sirajuddin Haqqani recently welcomed',
    inside: ['Haqqani recently', 'Haqqani also recently'],
    typo: ['Sirajuddin Haqqani', 'Sirajudin Haqani'],
    spaces: ['Interior Minister', 'Interior\nMinister'],
  },
];

suite.each(seedCases)('anchor on seed $name', ({ text, separator, paragraph, quote, inside, typo, spaces }) => {
  const selector = select(text, quote);
  const paragraphs = text.split(separator);
  const withParagraphs = (edit: (all: string[]) => string[]): string => edit([...paragraphs]).join(separator);
  const [insideFrom, insideTo] = inside as [string, string];
  const [typoRight, typoWrong] = typo as [string, string];
  const [spacesFrom, spacesTo] = spaces as [string, string];

  test('the unchanged text anchors exactly where it was, with score 1', () => {
    expect(anchor(text, selector)).toEqual({ status: 'exact', start: selector.start, end: selector.end, score: 1 });
  });

  test('an insertion before the quote moves it by the inserted length', () => {
    const inserted = 'This sentence was added in a later edition. ';
    const edited = withParagraphs((all) => {
      all[paragraph - 1] = inserted + all[paragraph - 1]!;
      return all;
    });
    const result = anchor(edited, selector);
    expect(result.status).toBe('moved');
    expect(result.start).toBe(selector.start + inserted.length);
    expect(quoted(edited, result)).toBe(quote);
    expect(result.score).toBeGreaterThan(0.95);
  });

  test('an insertion inside the quote is a fuzzy match covering the edited quote', () => {
    const edited = text.replace(insideFrom, insideTo);
    const result = anchor(edited, selector);
    expect(result.status).toBe('fuzzy');
    expect(result.start).toBe(selector.start);
    expect(quoted(edited, result)).toBe(quote.replace(insideFrom, insideTo));
  });

  test('an insertion after the quote leaves it exact', () => {
    const edited = withParagraphs((all) => {
      all[paragraph + 1] = `A later addition. ${all[paragraph + 1]!}`;
      return all;
    });
    expect(anchor(edited, selector)).toEqual({ status: 'exact', start: selector.start, end: selector.end, score: 1 });
  });

  test('deleting the paragraph that held the quote orphans it, keeping the old offsets', () => {
    const edited = withParagraphs((all) => all.filter((_, i) => i !== paragraph));
    expect(anchor(edited, selector)).toEqual({ status: 'orphan', start: selector.start, end: selector.end, score: 0 });
  });

  test('deleting a paragraph before the quote moves it back', () => {
    const removed = paragraphs[paragraph - 1]!.length + separator.length;
    const edited = withParagraphs((all) => all.filter((_, i) => i !== paragraph - 1));
    const result = anchor(edited, selector);
    expect(result.status).toBe('moved');
    expect(result.start).toBe(selector.start - removed);
    expect(quoted(edited, result)).toBe(quote);
  });

  test('a typo fixed inside the quote is a fuzzy match on the corrected text', () => {
    const before = text.replace(typoRight, typoWrong);
    const stored = select(before, quote.replace(typoRight, typoWrong));
    const result = anchor(text, stored);
    expect(result.status).toBe('fuzzy');
    expect(result).toMatchObject({ start: selector.start, end: selector.end });
    expect(result.score).toBeGreaterThan(0.9);
  });

  test('a whitespace change inside the quote is a fuzzy match covering the new whitespace', () => {
    const edited = text.replace(spacesFrom, spacesTo);
    const result = anchor(edited, selector);
    expect(result.status).toBe('fuzzy');
    expect(quoted(edited, result)).toBe(quote.replace(spacesFrom, spacesTo));
  });

  test('a whitespace change before the quote (paragraph breaks) moves it', () => {
    const edited = text.split(separator).join(`${separator}\n`);
    const result = anchor(edited, selector);
    expect(result.status).toBe('moved');
    expect(result.start).toBe(selector.start + paragraph);
    expect(quoted(edited, result)).toBe(quote);
  });

  test('a stored range past the end of a shortened text is clamped when orphaned', () => {
    const shortened = text.slice(0, selector.start - 10);
    expect(anchor(shortened, selector)).toEqual({
      status: 'orphan',
      start: shortened.length,
      end: shortened.length,
      score: 0,
    });
  });
});

suite('a duplicated sentence', () => {
  const sentence = 'Despite these gestures, trust remains fragile.';
  const doubled = seed003.replace(sentence, `${sentence} ${sentence}`);
  const shifted = `A new opening paragraph pushes everything down.\n\n${doubled}`;

  test('a quote at the end of the sentence goes with the copy that the old suffix follows', () => {
    // The first copy is at the stored offset, but only the second is followed by "Pakistan accuses".
    const selector = select(seed003, 'trust remains fragile.');
    const result = anchor(doubled, selector);
    expect(result.status).toBe('moved');
    expect(result.start).toBe(doubled.lastIndexOf('trust remains fragile.'));
    expect(doubled.slice(result.end, result.end + 17)).toBe(' Pakistan accuses');
  });

  test('context wins over nearness: the matching copy is chosen even when the other is closer', () => {
    const selector = select(seed003, 'trust remains fragile.');
    const result = anchor(shifted, selector);
    const first = shifted.indexOf('trust remains fragile.');
    expect(Math.abs(first - selector.start)).toBeLessThan(Math.abs(result.start - selector.start));
    expect(result).toMatchObject({ status: 'moved', start: shifted.lastIndexOf('trust remains fragile.') });
  });

  test('a quote at the start of the sentence stays on the first copy, which the old prefix precedes', () => {
    const selector = select(seed003, 'Despite these gestures');
    const result = anchor(doubled, selector);
    expect(result).toMatchObject({ status: 'exact', start: selector.start });
    expect(result.score).toBeLessThan(1);
    expect(anchor(shifted, selector)).toMatchObject({ status: 'moved', start: shifted.indexOf('Despite these gestures') });
  });
});

suite('short and long quotes', () => {
  test('a short, common quote whose paragraph was deleted is orphaned rather than moved to another occurrence', () => {
    const paragraphs = seed003.split('\n\n');
    const start = seed003.indexOf('the Taliban of supporting');
    const selector = describe(seed003, start, start + 'the Taliban'.length);
    const edited = paragraphs.filter((p) => !p.startsWith('Despite these gestures')).join('\n\n');
    expect(edited).toContain('the Taliban');
    expect(anchor(edited, selector).status).toBe('orphan');
  });

  test('a short quote whose surroundings are intact on one side still moves', () => {
    const start = seed003.indexOf('the Taliban of supporting');
    const selector = describe(seed003, start, start + 'the Taliban'.length);
    const edited = `Preface.\n\n${seed003.replace('Pakistan accuses the Taliban', 'Islamabad has long accused the Taliban')}`;
    expect(anchor(edited, selector)).toMatchObject({ status: 'moved', start: edited.indexOf('the Taliban of supporting') });
  });

  test('a long quote in a moved paragraph is moved even though both sides of its context changed', () => {
    const paragraphs = seed003.split('\n\n');
    const whole = paragraphs[4]!;
    const selector = select(seed003, whole);
    const reordered = [...paragraphs];
    reordered.splice(4, 1);
    reordered.splice(7, 0, whole);
    const edited = reordered.join('\n\n');
    const result = anchor(edited, selector);
    expect(result).toMatchObject({ status: 'moved', start: edited.indexOf(whole), end: edited.indexOf(whole) + whole.length });
  });

  const longQuote = seed003.slice(
    seed003.indexOf('Despite these gestures'),
    seed003.indexOf('significant casualties.') + 'significant casualties.'.length,
  );

  test('a long quote with a few corrections, far from where it was, is found through its intact pieces', () => {
    const selector = select(seed003, longQuote);
    const corrected = longQuote.replace('Tehrik-i-Taliban', 'Tehreek-e-Taliban').replace('gestures', 'gesture');
    const edited = `${'Background paragraph. '.repeat(150)}\n\n${seed003.replace(longQuote, corrected)}`;
    const result = anchor(edited, selector);
    expect(result.status).toBe('fuzzy');
    expect(quoted(edited, result)).toBe(corrected);
  });

  test('a long quote edited every 25 characters, far from where it was, is found through its head and tail', () => {
    const selector = select(seed003, longQuote);
    const chars = [...longQuote];
    for (let i = 10; i < chars.length; i += 25) chars[i] = '#';
    const edited25 = chars.join('');
    const edited = `${'Background paragraph. '.repeat(150)}\n\n${seed003.replace(longQuote, edited25)}`;
    const result = anchor(edited, selector);
    expect(result.status).toBe('fuzzy');
    expect(quoted(edited, result)).toBe(edited25);
  });

  test('a long quote rewritten beyond a quarter of its characters is orphaned', () => {
    const selector = select(seed003, longQuote);
    const chars = [...longQuote];
    for (let i = 0; i < chars.length; i += 3) chars[i] = '#';
    expect(anchor(seed003.replace(longQuote, chars.join('')), selector).status).toBe('orphan');
  });

  test('an edit to the first character of a quote does not pull in the equal character before it', () => {
    // "0 soldiers…" edited to "5 soldiers…" also matches "05 soldiers…" with one edit; the prefix decides.
    const selector = select(seed000, '0 soldiers fallen to insurgents');
    const edited = seed000.replace('4,000 soldiers', '4,005 soldiers');
    expect(anchor(edited, selector)).toMatchObject({ status: 'fuzzy', start: selector.start, end: selector.end });
  });

  test('a quote too short to allow an edit is only ever found exactly', () => {
    const selector = select(seed003, 'TTP');
    expect(anchor(seed003.replace('TTP', 'TTQ'), selector).status).toBe('orphan');
  });

  test('a quote occurring more often than the candidates scored in full still goes to its own occurrence', () => {
    const reports = Array.from({ length: 200 }, (_, i) => `Report ${i} says the Taliban met officials in district ${(i * 37) % 101}.`);
    const text = reports.join(' ');
    const start = text.indexOf('the Taliban', text.indexOf('Report 157 '));
    const selector = describe(text, start, start + 'the Taliban'.length);
    // Half the reports are deleted, so the occurrences nearest the old offset are all wrong ones.
    const edited = reports.slice(100).join(' ');
    const expected = edited.indexOf('the Taliban', edited.indexOf('Report 157 '));
    expect(anchor(edited, selector)).toMatchObject({ status: 'moved', start: expected });
  });

  test('a fuzzy match never splits a surrogate pair', () => {
    // Found by fuzzing: the quote ended with the "n" of "no", which became the emoji 😂, and
    // the fewest-edit match ends between the emoji's two code units.
    const text = 'on 😁 Monday peace Monday 😂 Doha ended 😃 😃 no 😀 Doha on with 😁 on 😃 😁 peace in Doha with no 😁';
    const selector = describe(text, 33, 47);
    expect(selector.exact).toBe(' ended 😃 😃 n');
    const edited = text.replace('😃 no 😀', '😃 😂o 😀');
    const result = anchor(edited, selector);
    expect(result.status).toBe('fuzzy');
    expect(quoted(edited, result)).toBe(' ended 😃 😃 😂');
  });

  test('an empty stored quote is an orphan', () => {
    expect(anchor('text', { exact: '', prefix: '', suffix: '', start: 1, end: 1 })).toEqual({
      status: 'orphan',
      start: 1,
      end: 1,
      score: 0,
    });
  });
});

suite('right-to-left text (Urdu)', () => {
  const urdu = [
    'پاکستان اور افغان طالبان کے درمیان سرحدی جھڑپوں کے بعد ایران نے ثالثی کی پیشکش کی ہے۔ ایرانی صدر مسعود پزشکیان نے کہا کہ مسلم ممالک کے درمیان یکجہتی ضروری ہے اور فریقین کو بات چیت کے ذریعے تنازع حل کرنا چاہیے۔',
    'تجزیہ کاروں کے مطابق ایران کی دونوں ممالک کے ساتھ طویل سرحد اسے اہم کردار ادا کرنے کا موقع دیتی ہے، تاہم اعتماد کی کمی اب بھی ایک بڑی رکاوٹ ہے۔',
    'دوسری جانب پاکستانی علما نے زور دیا کہ افغان سرزمین کو مسلح گروہوں کی پناہ گاہ نہیں بننا چاہیے۔',
  ].join('\n\n');
  const quote = 'مسعود پزشکیان نے کہا کہ مسلم ممالک کے درمیان یکجہتی ضروری ہے';
  const selector = select(urdu, quote);

  test('unchanged text is exact, in UTF-16 offsets', () => {
    expect(anchor(urdu, selector)).toEqual({ status: 'exact', start: selector.start, end: selector.end, score: 1 });
    expect(urdu.slice(selector.start, selector.end)).toBe(quote);
  });

  test('an inserted sentence before the quote moves it', () => {
    const inserted = 'یہ جملہ بعد میں شامل کیا گیا۔ ';
    const edited = inserted + urdu;
    expect(anchor(edited, selector)).toMatchObject({ status: 'moved', start: selector.start + inserted.length });
  });

  test('Arabic yeh (ي) corrected to Urdu yeh (ی) inside the quote is a fuzzy match on the corrected text', () => {
    const arabicYeh = urdu.replaceAll('ی', 'ي');
    const stored = select(arabicYeh, quote.replaceAll('ی', 'ي'));
    const result = anchor(urdu, stored);
    expect(result).toMatchObject({ status: 'fuzzy', start: selector.start, end: selector.end });
  });

  test('a word inserted inside the quote is a fuzzy match covering the edit', () => {
    const edited = urdu.replace('نے کہا کہ', 'نے واضح طور پر کہا کہ');
    const result = anchor(edited, selector);
    expect(result.status).toBe('fuzzy');
    expect(quoted(edited, result)).toBe(quote.replace('نے کہا کہ', 'نے واضح طور پر کہا کہ'));
  });

  test('a deleted paragraph containing the quote orphans it', () => {
    const edited = urdu.split('\n\n').slice(1).join('\n\n');
    expect(anchor(edited, selector).status).toBe('orphan');
  });
});

suite('properties', () => {
  test.each([
    ['000', seed000],
    ['003', seed003],
  ])('describe then anchor on unchanged seed %s is exact with the same range (500 random ranges)', (_, text) => {
    const next = random(3);
    for (let i = 0; i < 500; i++) {
      const start = Math.floor(next() * (text.length - 1));
      const end = Math.min(text.length, start + 1 + Math.floor(next() * 200));
      expect(anchor(text, describe(text, start, end)), `range [${start}, ${end})`).toEqual({
        status: 'exact',
        start,
        end,
        score: 1,
      });
    }
  });

  test.each([
    ['000', seed000],
    ['003', seed003],
  ])('an insertion or deletion away from the context shifts the range exactly (seed %s, 300 random edits)', (_, text) => {
    const next = random(7);
    for (let i = 0; i < 300; i++) {
      const start = Math.floor(next() * (text.length - 1));
      const end = Math.min(text.length, start + 1 + Math.floor(next() * 120));
      const selector = describe(text, start, end);
      // An edit that leaves the quote and its stored context untouched.
      const at = Math.floor(next() * text.length);
      const insert = next() < 0.5;
      const length = 1 + Math.floor(next() * 60);
      const before = (insert ? at : at + length) <= start - CONTEXT_LENGTH;
      const after = at >= end + CONTEXT_LENGTH && (insert || at + length <= text.length);
      if (!before && !after) continue;
      const edited = insert
        ? `${text.slice(0, at)}${'x'.repeat(length)}${text.slice(at)}`
        : text.slice(0, at) + text.slice(at + length);
      const delta = before ? (insert ? length : -length) : 0;
      expect(anchor(edited, selector), `range [${start}, ${end}), ${insert ? 'insert' : 'delete'} ${length} at ${at}`).toMatchObject({
        start: start + delta,
        end: end + delta,
        status: before ? 'moved' : 'exact',
      });
    }
  });
});

suite('anchorAll on a generated 20,000-word article with 1,000 highlights', () => {
  const words = `${seed000} ${seed003}`.split(/\s+/).filter(Boolean);
  const next = random(11);
  const parts: string[] = [];
  for (let i = 0; i < 20000; i++) {
    parts.push(words[Math.floor(next() * words.length)]!);
    parts.push(i % 120 === 119 ? '\n\n' : ' ');
  }
  const text = parts.join('');
  const selectors: TextSelector[] = [];
  for (let i = 0; i < 1000; i++) {
    const start = Math.floor(next() * (text.length - 200));
    selectors.push(describe(text, start, start + 5 + Math.floor(next() * 150)));
  }

  test('the generated article is the size the performance budget is written for', () => {
    expect(text.length).toBeGreaterThan(130_000);
  });

  test('unchanged: every highlight is exact, results in input order', () => {
    const results = anchorAll(text, selectors);
    expect(results).toHaveLength(1000);
    results.forEach((result, i) => {
      expect(result).toEqual({ status: 'exact', start: selectors[i]!.start, end: selectors[i]!.end, score: 1 });
    });
  });

  test('a paragraph inserted at the top: every highlight moves by its length', () => {
    const inserted = 'An editor’s note was added at the top of the article.\n\n';
    const results = anchorAll(inserted + text, selectors);
    results.forEach((result, i) => {
      expect(result).toMatchObject({
        status: 'moved',
        start: selectors[i]!.start + inserted.length,
        end: selectors[i]!.end + inserted.length,
      });
    });
  });

  test('a character replaced every 97 and a shift: every highlight is found at its shifted range', () => {
    const chars = [...text];
    for (let i = 0; i < chars.length; i += 97) chars[i] = '#';
    const prefix = 'Preface. '.repeat(400);
    const edited = prefix + chars.join('');
    const results = anchorAll(edited, selectors);
    const statuses = new Set<string>();
    results.forEach((result, i) => {
      statuses.add(result.status);
      expect(result, `highlight ${i}`).toMatchObject({
        start: selectors[i]!.start + prefix.length,
        end: selectors[i]!.end + prefix.length,
      });
      expect(result.status).not.toBe('orphan');
    });
    expect(statuses).toEqual(new Set(['moved', 'fuzzy']));
  });

  test('a deleted stretch: anchorAll gives each highlight, in input order, what anchor gives it alone', () => {
    const edited = text.slice(0, 50_000) + text.slice(52_000);
    const shuffled = [...selectors].reverse();
    const all = anchorAll(edited, shuffled);
    shuffled.forEach((selector, i) => {
      const single = anchor(edited, selector);
      expect(all[i]).toMatchObject({ status: single.status, start: single.start, end: single.end });
    });
  });
});
