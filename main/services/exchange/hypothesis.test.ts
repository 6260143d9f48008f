// Hypothesis import with a real API search response (main/testing/fixtures/exchange/hypothesis, origin in
// ORIGIN.md) and the same annotations in the client's export envelope. The articles
// are stand-ins for the annotated pages: their text holds the quoted passage, as the
// page did, laid out as Casefile lays out an article (paragraphs, single spaces).
import { describe, expect, it } from 'vitest';
import { documentFromParagraphs } from '../../../common/text/document.ts';
import { fixture as write, tempLibrary } from '../../testing/temp.ts';
import { storeArticle } from '../articles.ts';
import { importInputs } from '../import/importer.ts';
import type { Library } from '../library.ts';
import { pageKey } from './hypothesis.ts';
import { fixture } from '../../testing/exchange.ts';

interface Row {
  id: string;
  uri: string;
  tags: string[];
  text: string;
  target: { selector: { type: string; exact?: string; prefix?: string; suffix?: string }[] }[];
}
const SEARCH = fixture('hypothesis', 'api-search-2018.json');
const rows = (JSON.parse(new TextDecoder().decode(SEARCH)) as { rows: Row[] }).rows;
const quoteOf = (row: Row) => row.target[0]!.selector.find((s) => s.type === 'TextQuoteSelector')!.exact!;

function addPage(library: Library, url: string | null, paragraphs: string[], html?: string): number {
  return storeArticle(library, {
    metadata: { title: paragraphs[0]!.slice(0, 80), byline: null, outlet: null, url, publishedAt: null, language: 'en', direction: 'ltr' },
    body: documentFromParagraphs(paragraphs),
    original: html ? { bytes: new TextEncoder().encode(html), type: 'text/html', name: 'page.html' } : { bytes: new TextEncoder().encode(paragraphs.join('\n\n')), type: 'text/plain', name: 'page.txt' },
  }).id;
}

function counts(library: Library) {
  const n = (table: string) => library.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { articles: n('article'), annotations: n('annotation'), tags: n('tag') };
}

async function importJson(library: Library, name: string, bytes: Uint8Array) {
  const [outcome] = await importInputs(library, [{ kind: 'bytes', name, bytes }]);
  return outcome!;
}

describe('Hypothesis import', () => {
  it('API search results: matched by address, anchored, tagged, authored; pages not in the library reported by address', async () => {
    const library = tempLibrary({ seed: false });
    const magnesium = rows[0]!; // medicalxpress.com, one paragraph
    const nafld = rows[1]!; // researchgate.net, an abstract with headings and blank lines
    const a = addPage(library, magnesium.uri.replace('https://', 'http://www.'), ['Study shows magnesium optimizes vitamin D status', 'Some lead paragraph.', quoteOf(magnesium), 'The trial also revealed something else.']);
    const b = addPage(library, nafld.uri, ['Intakes of magnesium, calcium and risk of fatty liver disease', ...quoteOf(nafld).split(/\n+/)]);

    const outcome = await importJson(library, 'hypothesis-search.json', SEARCH);
    expect(outcome.status).toBe('imported');
    const highlights = outcome.items!.filter((i) => i.kind === 'highlight');
    const imported = highlights.filter((i) => i.status === 'imported');
    // Found by their quotes: the positions count the web page's text, not the article's.
    expect(imported.map((i) => [i.articleId, i.anchor])).toEqual([
      [a, 'moved'],
      [b, 'moved'], // and the page's line breaks are paragraph breaks in the article
    ]);
    // The other 18 pages are not in the library: one line per address, nothing written for them.
    const missing = highlights.filter((i) => i.status === 'skipped');
    expect(missing).toHaveLength(18);
    expect(missing[0]!.item).toBe('1 annotation on https://www.biorxiv.org/content/early/2018/12/04/484170');
    expect(counts(library).annotations).toBe(2);

    const saved = library.db.prepare('SELECT article_id AS articleId, quote_exact AS quote, note FROM annotation ORDER BY id').all() as { articleId: number; quote: string; note: string }[];
    expect(saved[0]!.quote).toBe(quoteOf(magnesium));
    expect(saved[0]!.note).toBe('Annotated by Gardener on Hypothesis, 2018-12-15 (https://hypothes.is/a/vU6pMACEEem9PdtjGwIgQw)');
    expect(saved[1]!.quote.replace(/\s+/g, ' ')).toBe(quoteOf(nafld).replace(/\s+/g, ' '));
    const tags = library.db.prepare('SELECT t.name FROM annotation_tag x JOIN tag t ON t.id = x.tag_id JOIN annotation a ON a.id = x.annotation_id WHERE a.article_id = ? ORDER BY t.name').pluck().all(a);
    expect(tags).toEqual(['Magnesium', 'Vitamin D']);

    // Again: nothing new.
    const again = await importJson(library, 'hypothesis-search.json', SEARCH);
    expect(again.status).toBe('duplicate');
    expect(counts(library).annotations).toBe(2);
  });

  it('the client export (same annotations in its envelope) with text, a fuzzy match, an orphan, a reply and a page note', async () => {
    const library = tempLibrary({ seed: false });
    const [magnesium, nafld, cytokine] = rows;
    const edited = quoteOf(cytokine!).replace('More complete pictures', 'Fuller pictures');
    addPage(library, magnesium!.uri, ['Magnesium', quoteOf(magnesium!)]);
    addPage(library, nafld!.uri, ['A page whose text no longer holds the quote.']);
    addPage(library, cytokine!.uri, ['Cytokines', edited]);
    const annotations = [
      { ...magnesium, text: 'Worth a **follow-up**.' },
      nafld,
      cytokine,
      { ...magnesium, id: 'reply1', references: [magnesium!.id], target: [{ source: magnesium!.uri }] },
      { ...magnesium, id: 'pagenote1', target: [{ source: magnesium!.uri }] },
    ];
    const exported = { export_date: '2026-12-01T10:00:00.000Z', export_userid: 'acct:Gardener@hypothes.is', client_version: '1.1500.0', annotations };
    const outcome = await importJson(library, 'hypothesis-export.json', new TextEncoder().encode(JSON.stringify(exported)));
    const byStatus = outcome.items!.filter((i) => i.kind === 'highlight').map((i) => [i.status, i.anchor ?? null, i.reason?.slice(0, 31) ?? null]);
    expect(byStatus).toEqual([
      ['imported', 'moved', 'Found by its quote away from it'],
      ['skipped', null, 'Its quote is not in the article'],
      ['imported', 'fuzzy', 'Found by a close match: the art'],
      ['skipped', null, 'A reply to another annotation: '],
      ['skipped', null, 'A page note: it quotes no passa'],
    ]);
    const notes = library.db.prepare('SELECT note FROM annotation ORDER BY id').pluck().all() as string[];
    expect(notes[0]).toMatch(/^Worth a \*\*follow-up\*\*\.\n\nAnnotated by Gardener on Hypothesis/);
    // A fuzzy match keeps what Hypothesis quoted.
    expect(notes[1]).toContain(`Hypothesis quoted: “${quoteOf(cytokine!)}”`);
  });

  it('finds the article by the canonical address its original page declares', async () => {
    const library = tempLibrary({ seed: false });
    const row = rows[0]!;
    const html = `<html><head><link rel="canonical" href="${row.uri}"></head><body><p>${quoteOf(row)}</p></body></html>`;
    // A damaged page met on the way is passed over, not a reason to give up the import.
    const damaged = addPage(library, 'https://amp.example.org/damaged', ['Another page', 'Its stored original was damaged on disk.'], '<html><body><p>Another page</p></body></html>');
    write(library.db, (db) => db.prepare("UPDATE article_original SET bytes = x'00' WHERE article_id = ?").run(damaged));
    const id = addPage(library, 'https://amp.example.org/some-other-address', ['Magnesium', quoteOf(row)], html);
    const outcome = await importJson(library, 'one.json', new TextEncoder().encode(JSON.stringify({ rows: [row], total: 1 })));
    expect(outcome.items!.filter((i) => i.kind === 'highlight')).toEqual([expect.objectContaining({ status: 'imported', articleId: id })]);
  });

  it.each([
    ['broken.json', '{"rows": [', 'failed', /broken\.json is not valid JSON/],
    ['other.json', '{"name": "a package.json, not annotations"}', 'skipped', /other\.json is JSON but not Hypothesis annotations/],
  ])('%s is refused with a message naming it and the library unchanged', async (name, text, status, message) => {
    const library = tempLibrary();
    const before = counts(library);
    const outcome = await importJson(library, name, new TextEncoder().encode(text));
    expect(outcome.status).toBe(status);
    expect(outcome.reason).toMatch(message);
    expect(counts(library)).toEqual(before);
  });

  it('page addresses compare without fragment, tracking parameters, www. or a trailing slash', () => {
    expect(pageKey('https://www.Example.org/a/b/?utm_source=x&id=3#frag')).toBe(pageKey('http://example.org/a/b?id=3'));
    expect(pageKey('urn:x-pdf:abc')).toBeNull();
  });

  it('a file over its limit handed over as bytes (an upload) is refused by the same check as one on disk, with nothing written', async () => {
    const library = tempLibrary();
    const before = library.db.prepare('SELECT count(*) FROM change_set').pluck().get();
    const [outcome] = await importInputs(library, [{ kind: 'bytes', name: 'annotations.json', bytes: new Uint8Array(50 * 1024 * 1024 + 1) }]);
    expect(outcome).toMatchObject({ status: 'failed', reason: 'annotations.json is larger than the 50 MB limit for this kind of file.' });
    expect(library.db.prepare('SELECT count(*) FROM change_set').pluck().get()).toBe(before);
  });
});
