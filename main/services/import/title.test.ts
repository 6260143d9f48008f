// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { TITLE_MAX_LENGTH } from '../../../common/api/limits.ts';
import { ArticleMetadataPatch } from '../../../common/api/methods/articles.ts';
import { convertFile, convertPaste } from './convert.ts';
import { textOf } from '../../testing/fixtures/import/helpers.ts';
import { makeDocx } from '../../testing/fixtures/import/make-docx.ts';
import { cleanTitle } from './metadata.ts';
import { fitTitle, headlineFrom, truncateAtBoundary } from './title.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const graphemes = (s: string): string[] => Array.from(new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(s), (g) => g.segment);

/** A title of `length` UTF-16 units made of words. */
const wordyTitle = (length: number): string => `Border talks ${'between the delegations resume in Doha '.repeat(Math.ceil(length / 38))}`.slice(0, length).trim();

describe('the title limit is the API’s', () => {
  it('is the limit the article schema validates against', () => {
    expect(ArticleMetadataPatch().safeParse({ title: 'x'.repeat(TITLE_MAX_LENGTH) }).success).toBe(true);
    expect(ArticleMetadataPatch().safeParse({ title: 'x'.repeat(TITLE_MAX_LENGTH + 1) }).success).toBe(false);
  });

  it('keeps a title up to that limit whole (the importer used to cut at 500)', () => {
    for (const length of [499, 501, 1_000, TITLE_MAX_LENGTH - 1, TITLE_MAX_LENGTH]) {
      const title = 'x'.repeat(length);
      expect(fitTitle(title)).toBe(title);
      expect(cleanTitle(title)).toBe(title);
    }
  });

  it('cuts a longer title after a word, with an ellipsis, within the limit', () => {
    const title = wordyTitle(3_000);
    const fitted = fitTitle(title);
    expect(fitted.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
    expect(fitted.length).toBeGreaterThan(TITLE_MAX_LENGTH - 40);
    expect(fitted.endsWith('…')).toBe(true);
    const kept = fitted.slice(0, -1);
    expect(title.startsWith(kept)).toBe(true);
    // Whole words: what follows the cut in the original is a space.
    expect(title[kept.length]).toBe(' ');
    expect(ArticleMetadataPatch().safeParse({ title: fitted }).success).toBe(true);
  });
});

describe('truncateAtBoundary', () => {
  it('leaves text that fits alone', () => {
    expect(truncateAtBoundary('Short', 5)).toBe('Short');
    expect(truncateAtBoundary('', 5)).toBe('');
  });

  it('drops a separator left dangling before the ellipsis', () => {
    expect(truncateAtBoundary('Talks in Kabul, Islamabad; and Doha – more talks', 33)).toBe('Talks in Kabul, Islamabad; and…');
    expect(truncateAtBoundary('Kabul, Islamabad, Doha, Tehran, Moscow', 18)).toBe('Kabul, Islamabad…');
  });

  it('never splits a surrogate pair, wherever the limit falls', () => {
    // Astral letters (two UTF-16 units each), offset by one so the limit lands inside a pair.
    for (const text of ['𝒜'.repeat(3_000), `a${'𝒜'.repeat(3_000)}`, `Report: ${'𝒜𝒝𝒞 '.repeat(800)}`]) {
      for (const max of [10, 11, 99, 100, TITLE_MAX_LENGTH]) {
        const cut = truncateAtBoundary(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cut).not.toMatch(LONE_SURROGATE);
        expect(text.startsWith(cut.slice(0, -1))).toBe(true);
      }
    }
  });

  it('never splits an emoji sequence, a flag or a letter and its combining marks', () => {
    const family = '👨‍👩‍👧‍👦';
    const cases = [family.repeat(400), '🇵🇰🇦🇫'.repeat(600), 'e\u0301'.repeat(1_500), `${'क्षि'.repeat(700)}`];
    for (const text of cases) {
      for (const max of [20, 21, 22, 23, TITLE_MAX_LENGTH]) {
        const cut = truncateAtBoundary(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        const kept = graphemes(cut.slice(0, -1));
        // Every grapheme kept is a whole grapheme of the original, in order.
        expect(graphemes(text).slice(0, kept.length)).toEqual(kept);
      }
    }
    expect(truncateAtBoundary(family.repeat(3), 20)).toBe(`${family}…`);
  });

  it('cuts one long token (a URL) between graphemes, and text without spaces between words', () => {
    const url = `https://example.org/${'a'.repeat(3_000)}`;
    expect(truncateAtBoundary(url, 100)).toBe(`${url.slice(0, 99)}…`);
    const japanese = '国境での協議は再開されたが双方の不信は根強く残っている'.repeat(10);
    const cut = truncateAtBoundary(japanese, 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(japanese.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('keeps headlines made from a first sentence within their own length, astral letters whole', () => {
    const headline = headlineFrom(`${'𝒜𝒝 '.repeat(60)}end.`);
    expect(headline.length).toBeLessThanOrEqual(100);
    expect(headline).not.toMatch(LONE_SURROGATE);
    expect(headline.endsWith('…')).toBe(true);
  });
});

describe('imported titles', () => {
  const html = (title: string): Uint8Array =>
    new TextEncoder().encode(
      `<!doctype html><html><head><title>${title}</title></head><body><article><p>${'Delegations met in Doha on Tuesday and agreed to meet again. '.repeat(20)}</p></article></body></html>`,
    );

  it('keeps an HTML page’s 1,800-character title whole', async () => {
    const title = wordyTitle(1_800);
    const c = await convertFile(html(title), 'long.html');
    expect(c.metadata.title).toBe(title);
  });

  it('cuts an HTML page’s 5,000-character title at a word within the limit', async () => {
    const title = wordyTitle(5_000);
    const c = await convertFile(html(title), 'longer.html');
    expect(c.metadata.title.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
    expect(c.metadata.title.length).toBeGreaterThan(TITLE_MAX_LENGTH - 40);
    expect(title.startsWith(c.metadata.title.slice(0, -1))).toBe(true);
    expect(c.metadata.title.endsWith('…')).toBe(true);
  });

  it('cuts a Markdown front-matter title of astral letters without splitting a pair', async () => {
    const title = `x${'𝒜'.repeat(1_500)}`;
    const c = await convertFile(new TextEncoder().encode(`---\ntitle: ${title}\n---\n\nDelegations met in Doha on Tuesday.\n`), 'notes.md');
    expect(c.metadata.title.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
    expect(c.metadata.title).not.toMatch(LONE_SURROGATE);
    expect(title.startsWith(c.metadata.title.slice(0, -1))).toBe(true);
  });

  it('keeps a heading too long for a title in the body (the title holds its beginning)', async () => {
    const heading = wordyTitle(2_500);
    const c = await convertPaste(`<h1>${heading}</h1><p>Delegations met in Doha on Tuesday.</p>`, 'html');
    expect(c.metadata.title.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
    expect(JSON.stringify(c.body)).toContain(heading.slice(-200));
  });

  it('keeps a Word document’s first heading in the body when it is too long for a title', async () => {
    const heading = wordyTitle(2_500);
    const c = await convertFile(makeDocx([{ kind: 'heading', level: 1, text: heading }, { kind: 'paragraph', runs: ['Delegations met in Doha on Tuesday.'] }]), 'long.docx');
    expect(c.metadata.title.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
    expect(heading.startsWith(c.metadata.title.slice(0, -1))).toBe(true);
    expect(textOf(c).startsWith(heading)).toBe(true);
    // A heading that fits is the title and leaves the body, as before.
    const short = await convertFile(makeDocx([{ kind: 'heading', level: 1, text: wordyTitle(1_500) }, { kind: 'paragraph', runs: ['Delegations met.'] }]), 'short.docx');
    expect(short.metadata.title).toBe(wordyTitle(1_500));
    expect(textOf(short)).toBe('Delegations met.');
  });
});
