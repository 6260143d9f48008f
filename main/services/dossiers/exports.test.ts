// Exports of the annotated library in every format, checked with the tools each format
// is meant for: poppler (pdfinfo, pdffonts, pdftotext, pdftoppm) for the PDF, a DOM for
// the HTML, an RFC 4180 parser for the CSV, the Web Annotation model's required fields
// for the JSON-LD. Set CASEFILE_KEEP_EXPORTS=/some/folder to keep the files and page PNGs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { call } from '../../api/dispatch.ts';
import { setLibraryAuthor } from '../../db/mutation.ts';
import { tempDir, tempLibrary } from '../../testing/temp.ts';
import type { ExportProgress } from '../../../common/api/methods/dossiers.ts';
import { documentOf, paragraph, textNode } from '../../../common/text/document.ts';
import { storeArticle } from '../articles.ts';
import { CSV_COLUMNS } from './csv.ts';
import { cancelExport, exportToFile, renderExport, runningExports } from './exports.ts';
import { readLinkTargets, readPdfOutline } from './pdf.ts';
import { findChromium, openChromiumPrinter } from './print-chromium.ts';
import type { PdfPrinterFactory } from './printer.ts';
import { buildAnnotatedLibrary, URDU_CLAIM, URDU_TITLE, type AnnotatedLibrary } from '../../testing/annotated-library.ts';

const hasTool = (tool: string) => spawnSync(tool, ['-v'], { encoding: 'utf8' }).error === undefined;
const canPrint = findChromium() !== null;
const hasPoppler = ['pdfinfo', 'pdftotext', 'pdffonts', 'pdftoppm'].every(hasTool);

const DID_TITLE = 'Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust';
const IRAN_TITLE = 'Pakistan Looks to Iran as Qatari and Turkish Mediation With the Afghan Taliban Falters';
const BRIEFING_TITLE = 'Iran Offers to Mediate as Border Trade Slumps';
const HOSTILE_TITLE = '<script>alert("pwned")</script> & <b>bold</b> "quoted"';

function outputDir(): string {
  const keep = process.env.CASEFILE_KEEP_EXPORTS;
  if (!keep) return tempDir('casefile-export-');
  fs.mkdirSync(keep, { recursive: true });
  return keep;
}

async function seedDossier(fx: AnnotatedLibrary) {
  return call(fx.dispatch, 'dossiers.create', {
    name: 'Mediation track',
    title: 'Pakistan–Afghanistan mediation: the Iranian channel',
    author: 'R. Analyst',
    date: '2026-11-20',
    handling: 'Restricted – not for publication',
    items: [{ articleId: fx.did }, { articleId: fx.iran }, { noteId: fx.noteId }, { articleId: fx.briefing }, { articleId: fx.urdu }],
  });
}

/** pdftotext per page (-layout keeps table rows on one line); bidi marks removed. */
function pdfPages(file: string): string[] {
  const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(out.status).toBe(0);
  return out.stdout.replace(/[\u200e\u200f\u202a-\u202e]/g, '').split('\f').slice(0, -1);
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** A tiny RFC 4180 reader: quoted fields with "" escapes and line breaks, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else if (c === '\n') throw new Error(`bare LF at ${i}: records must end with CRLF`);
    else field += c;
  }
  if (field !== '' || row.length) throw new Error('the last record does not end with CRLF');
  return rows;
}

describe.skipIf(!canPrint || !hasPoppler)('PDF export of the annotated seed library', () => {
  it('is a tagged, bookmarked A4 document with embedded fonts, numbered contents, running headers, and everything the dossier holds', async () => {
    const fx = await buildAnnotatedLibrary(tempLibrary());
    const dossier = await seedDossier(fx);
    const dir = outputDir();
    const file = path.join(dir, 'dossier.pdf');
    const events: ExportProgress[] = [];
    const off = fx.library.events.on('export.progress', (p) => events.push(p));
    const started = performance.now();
    const result = await exportToFile(fx.library, { source: { dossierId: dossier.id }, format: 'pdf' }, file, { force: true, openPdfPrinter: openChromiumPrinter });
    off();
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(30);
    expect(result.fileName).toBe('Pakistan–Afghanistan mediation- the Iranian channel.pdf');
    expect(Buffer.from(fs.readFileSync(file).subarray(0, 5)).toString()).toBe('%PDF-');

    // Progress: collecting, building, printing twice with numbering between, done.
    expect(events.every((p) => p.dossierId === dossier.id && p.exportId === result.exportId)).toBe(true);
    expect([...new Set(events.map((p) => p.phase))]).toEqual(['collecting', 'building', 'printing', 'numbering', 'printing', 'done'].filter((v, i, a) => a.indexOf(v) === i));
    expect(events.at(-1)).toMatchObject({ phase: 'done', done: 1, total: 1 });

    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Page size:\s+594\.\d+ x 841\.\d+ pts \(A4\)$/m);
    expect(info).toMatch(/^Title:\s+Pakistan–Afghanistan mediation: the Iranian channel$/m);
    const pageCount = Number(/^Pages:\s+(\d+)$/m.exec(info)![1]);
    expect(result.pageCount).toBe(pageCount);
    expect(pageCount).toBeGreaterThanOrEqual(8);

    // Every font is embedded (Chromium subsets what it uses).
    const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout.trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line, line).toMatch(/\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/);

    const pages = pdfPages(file);
    expect(pages).toHaveLength(pageCount);
    const all = flat(pages.join('\n'));

    // Cover: no running header or page number on it; the handling line and the facts.
    expect(pages[0]).not.toMatch(/Page 1 of/);
    expect(flat(pages[0]!)).toContain('RESTRICTED – NOT FOR PUBLICATION');
    expect(flat(pages[0]!)).toContain('Prepared by R. Analyst');
    expect(flat(pages[0]!)).toContain('20 November 2026');
    // Running header (title and handling) and "Page N of M" on every other page.
    pages.slice(1).forEach((page, i) => {
      expect(page, `page ${i + 2}`).toContain(`Page ${i + 2} of ${pageCount}`);
      expect(flat(page)).toContain('Pakistan–Afghanistan mediation: the Iranian channel');
      expect(flat(page)).toContain('RESTRICTED – NOT FOR PUBLICATION');
    });

    // Contents: each entry's page number is the page its section starts on.
    const contents = pages[1]!;
    expect(contents).toContain('Contents');
    const startPage = (marker: RegExp) => pages.findIndex((p) => marker.test(flat(p))) + 1;
    const expected: [string, number][] = [
      ['Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust', startPage(/ARTICLE 1 Taliban, Pakistan Enter/)],
      ['Pakistan Looks to Iran as Qatari and Turkish Mediation With the Afghan Taliban', startPage(/ARTICLE 2 Pakistan Looks to Iran/)],
      ['Working notes: the mediation track', startPage(/NOTEBOOK PAGE Working notes/)],
      ['Iran Offers to Mediate as Border Trade Slumps', startPage(/ARTICLE 3 Iran Offers/)],
      ['Claims', startPage(/ Claims \d+ claims in the order/)],
      ['Actor index', startPage(/ Actor index \d+ actors/)],
      ['Sources', startPage(/ Sources \d+ sources cited/)],
    ];
    for (const [title, page] of expected) {
      expect(page, title).toBeGreaterThan(2);
      const line = contents.split('\n').find((l) => l.includes(title));
      expect(line, title).toBeDefined();
      // Long titles wrap: the number ends the first line of the entry.
      expect(line!.trim().endsWith(` ${page}`), `${title}: "${line}" should end with page ${page}`).toBe(true);
    }
    const urduPage = startPage(/ARTICLE 4/);
    expect(contents.split('\n').some((l) => l.trim().startsWith('4') && l.trim().endsWith(` ${urduPage}`))).toBe(true);

    // Legend with the kinds' colours and the grading scales.
    expect(flat(contents)).toMatch(/Claim \(\d+\) Actor \(\d+\) Source \(\d+\) Highlight \(\d+\)/);
    expect(flat(contents)).toContain('B Usually reliable');

    // Article text with numbered highlights, provenance.
    expect(all).toContain(DID_TITLE);
    expect(all).toContain(IRAN_TITLE.slice(0, 60));
    expect(all).toContain(BRIEFING_TITLE);
    // (pdftotext puts a space before a superscript.)
    const numbered = all.replace(/\s+(\[\d+\])/g, '$1');
    expect(numbered).toContain('Taliban Interior Minister Sirajuddin Haqqani[3] recently welcomed positive statements[2]');
    expect(numbered).toContain('trust remains fragile[5]');
    expect(all).toContain('The core judgement of the piece');
    const did = fx.library.db.prepare('SELECT text_sha256 FROM article WHERE id = ?').pluck().get(fx.did) as string;
    expect(all).toContain(did);
    expect(all).toContain('https://example.org/didpress/taliban-pakistan-rapprochement');
    expect(all).toContain('taliban-pakistan-rapprochement.txt');
    // Links keep their address in print; the article's own heading sits under the section.
    expect(all).toContain('earlier report (https://example.org/chabahar)');

    // Urdu article: right to left, its words extracted (only letters the installed fonts cover).
    expect(all).toContain('ur (right to left)');
    expect(all).toMatch(/اسحاق ڈار/);

    // Claims table rows (read in reading order, cell by cell): number, quote, claimant, source, grades, corroboration.
    const claimsPageNumber = startPage(/ Claims \d+ claims in the order/);
    const claims = flat(spawnSync('pdftotext', ['-f', String(claimsPageNumber), '-l', String(claimsPageNumber), file, '-'], { encoding: 'utf8' }).stdout);
    expect(claims).toContain('No. Claim Claimant Source Source reliability Credibility Corroborating reports');
    // (Table cells come out in no useful order, so the rows themselves are checked in the HTML test.)
    for (const text of ['Taliban Interior Minister', 'Past multilateral negotiations in third countries', 'Previous attempts to resolve', 'with over 4,000 soldiers', 'Government of Pakistan', 'Government sources', 'Usually reliable', 'Probably true', 'Reliability cannot be judged', 'Doubtful', 'independent report']) {
      expect(claims, text).toContain(text);
    }
    for (const n of [2, 6, 7, 8, 10, 11, 13, 15]) expect(claims).toContain(`[${n}]`);
    expect(claims.match(/Art\. \d/g)!.length).toBeGreaterThanOrEqual(8);

    // Actor index with aliases and mentions; sources with type and reliability (entries are checked whole in the HTML test).
    const rawText = (page: number) => flat(spawnSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).stdout);
    const actors = rawText(startPage(/ Actor index \d+ actors/));
    for (const text of ['Sirajuddin Haqqani', 'also Haqqani; Taliban Interior Minister', 'Mentioned: Art. 1: [3]', 'Claims made: Art. 1: [2]', 'also Ishaq Dar;', 'Mentioned: Art. 1: [4]; Art. 4: [14]', 'Asim Munir also Army Chief Asim Munir; Munir']) {
      expect(actors, text).toContain(text);
    }
    const sources = rawText(startPage(/ Sources \d+ sources cited/));
    for (const text of ['DID Press News outlet B Art. 1: [1], [2], [6], [7]', 'Afghan news agency.', 'Usually reliable', 'Government sources', 'Anonymous ("sources suggest")', 'Reliability cannot be judged', 'Art. 2: [8]; Art. 4: [15]']) {
      expect(sources, text).toContain(text);
    }

    // Bookmarks: the outline exists, and each section is a top-level bookmark on its page.
    const raw = fs.readFileSync(file).toString('latin1');
    expect(raw).toContain('/Outlines');
    expect(raw).toContain('(Claims)');
    const outline = await readPdfOutline(new Uint8Array(fs.readFileSync(file)));
    expect(outline.top.map((e) => e.title).slice(0, 3)).toEqual(['Contents', DID_TITLE, IRAN_TITLE]);
    expect(outline.top.find((e) => e.title === 'Sources')!.page).toBe(startPage(/ Sources \d+ sources cited/));
    expect(outline.top.find((e) => e.title === 'Contents')!.page).toBe(2);

    // The contents' links (from the body's print) lead to the pages their numbers say.
    const links = await readLinkTargets(new Uint8Array(fs.readFileSync(file)), 2);
    expect(links.length).toBeGreaterThanOrEqual(expected.length);
    for (const [title, page] of expected) {
      const anchor = { Claims: 'claims', 'Actor index': 'actors', Sources: 'sources' }[title];
      if (anchor) expect(links.find((l) => l.name === anchor)?.page, title).toBe(page);
    }
    expect(links.find((l) => l.name === 'article-1')?.page).toBe(expected[0]![1]);
    expect(links.find((l) => l.name === 'article-4')?.page).toBe(urduPage);

    // Pages as images, to look at (kept with CASEFILE_KEEP_EXPORTS).
    const png = spawnSync('pdftoppm', ['-png', '-r', '60', file, path.join(dir, 'page')], { encoding: 'utf8' });
    expect(png.status).toBe(0);
    const images = fs.readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f));
    expect(images).toHaveLength(pageCount);
    for (const image of images) expect(fs.statSync(path.join(dir, image)).size).toBeGreaterThan(5_000);
  });

  /** The real Chromium printer, recording every HTML the export prints in `prints` (and letting a test change one). */
  function recordingPrinter(prints: string[], change: (html: string) => string = (html) => html): PdfPrinterFactory {
    return async () => {
      const inner = await openChromiumPrinter();
      return { close: inner.close, printPdf: (html, options) => (prints.push(html), inner.printPdf(change(html), options)) };
    };
  }

  /** Contents lines that end in a page number, and the page each section really starts on. */
  function contentsAgainstPages(file: string): { numbered: number[]; starts: number[] } {
    const pages = pdfPages(file);
    const numbered = pages[1]!.split('\n').map((l) => /^\s*\d+\s+\S.*\s(\d+)$/.exec(l)?.[1]).filter((n): n is string => !!n).map(Number);
    const starts = pages.map((p, i) => (/ARTICLE \d+ /.test(flat(p)) ? i + 1 : 0)).filter(Boolean);
    return { numbered, starts };
  }

  it('prints the whole document once, then only the cover and contents again with the page numbers', async () => {
    const fx = await buildAnnotatedLibrary(tempLibrary());
    const dossier = await seedDossier(fx);
    const file = path.join(outputDir(), 'once.pdf');
    const prints: string[] = [];
    const result = await exportToFile(fx.library, { source: { dossierId: dossier.id }, format: 'pdf' }, file, { force: true, openPdfPrinter: recordingPrinter(prints) });
    expect(prints).toHaveLength(2);
    expect(prints[0]).toContain('<main>');
    expect(prints[1]).not.toContain('<main>');
    expect(prints[1]).toContain(`" of " "${result.pageCount}"`);
    expect(prints[1]!.length).toBeLessThan(prints[0]!.length / 2);
    const { numbered, starts } = contentsAgainstPages(file);
    expect(numbered).toEqual(starts);
  });

  it('prints the whole document again when the front pages would not match the first print', async () => {
    const fx = await buildAnnotatedLibrary(tempLibrary());
    const dossier = await seedDossier(fx);
    const file = path.join(outputDir(), 'twice.pdf');
    // An extra paragraph on the cover of the front pages' print: its tagged content no longer matches.
    const prints: string[] = [];
    const printer = recordingPrinter(prints, (html) => (html.includes('<main>') ? html : html.replace('<p class="cover-kicker">', '<p>An extra line</p><p class="cover-kicker">')));
    await exportToFile(fx.library, { source: { dossierId: dossier.id }, format: 'pdf' }, file, { force: true, openPdfPrinter: printer });
    expect(prints).toHaveLength(3);
    expect(prints[2]).toContain('<main>');
    const text = flat(pdfPages(file).join('\n'));
    expect(text).not.toContain('An extra line');
    const { numbered, starts } = contentsAgainstPages(file);
    expect(numbered).toEqual(starts);
  });

  it('escapes hostile titles and notes: they print as text', async () => {
    const fx = await buildAnnotatedLibrary(tempLibrary());
    const { id } = storeArticle(fx.library, {
      metadata: { title: HOSTILE_TITLE, byline: '<img src=x onerror=alert(1)>', outlet: '</style><style>body{display:none}', url: null, publishedAt: null, language: 'en', direction: 'ltr' },
      body: documentOf([paragraph([textNode('Body with <iframe src="https://example.org"></iframe> markup & entities &amp;.')])]),
      original: { bytes: new TextEncoder().encode('x'), type: 'text/plain', name: '"><script>.txt' },
    });
    await call(fx.dispatch, 'annotations.create', { articleId: id, kind: 'claim', target: { quote: '<iframe src="https://example.org">' }, note: '</aside><script>alert(2)</script>', claimants: [{ name: '<b>Claimant</b>' }] });
    const dossier = await call(fx.dispatch, 'dossiers.create', { name: HOSTILE_TITLE, handling: '"; } body { display: none } @page { content: "', items: [{ articleId: id }] });
    const dir = outputDir();
    const file = path.join(dir, 'hostile.pdf');
    await exportToFile(fx.library, { source: { dossierId: dossier.id }, format: 'pdf' }, file, { force: true, openPdfPrinter: openChromiumPrinter });
    const text = flat(pdfPages(file).join('\n'));
    expect(text).toContain(HOSTILE_TITLE);
    expect(text).toContain('Body with <iframe src="https://example.org"> [1] </iframe> markup & entities &amp;.');
    expect(text).toContain('</aside><script>alert(2)</script>');
    expect(text).toContain('"; } BODY { DISPLAY: NONE } @PAGE { CONTENT: "');
    expect(text).toContain('<b>Claimant</b>');
  });

  it('can be cancelled while it runs: nothing is written and the run is forgotten', async () => {
    const fx = await buildAnnotatedLibrary(tempLibrary());
    const dossier = await seedDossier(fx);
    const file = path.join(tempDir(), 'cancelled.pdf');
    const off = fx.library.events.on('export.progress', (p) => {
      if (p.phase === 'printing') cancelExport('run-1');
    });
    await expect(exportToFile(fx.library, { source: { dossierId: dossier.id }, format: 'pdf', exportId: 'run-1' }, file, { force: false, openPdfPrinter: openChromiumPrinter })).rejects.toMatchObject({ code: 'CANCELLED' });
    off();
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
    expect(runningExports()).toEqual([]);
    expect(cancelExport('run-1')).toBe(false);
  });

  it('exports.render returns the PDF as base64 with a suggested name, and exports.cancel stops a run', async () => {
    const fx = await buildAnnotatedLibrary(tempLibrary());
    const dossier = await seedDossier(fx);
    const rendered = await call(fx.dispatch, 'exports.render', { source: { dossierId: dossier.id }, format: 'pdf' });
    expect(rendered.fileName).toBe('Pakistan–Afghanistan mediation- the Iranian channel.pdf');
    expect(rendered.mimeType).toBe('application/pdf');
    const bytes = Buffer.from(rendered.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.byteLength).toBe(rendered.byteLength);
    expect(rendered.pageCount).toBeGreaterThan(5);

    const running = call(fx.dispatch, 'exports.render', { exportId: 'app-run', source: { all: true }, format: 'pdf' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await call(fx.dispatch, 'exports.cancel', { exportId: 'app-run' })).toEqual({ cancelled: true });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await call(fx.dispatch, 'exports.cancel', { exportId: 'app-run' })).toEqual({ cancelled: false });
  });
});

describe('other formats of the annotated seed library', () => {
  async function exportAll(format: 'md' | 'csv' | 'w3c' | 'html', fx?: AnnotatedLibrary) {
    const f = fx ?? (await buildAnnotatedLibrary(tempLibrary()));
    const dossier = await seedDossier(f);
    const dir = outputDir();
    const result = await exportToFile(f.library, { source: { dossierId: dossier.id }, format }, path.join(dir, `dossier.${format}`), { force: true });
    return { fx: f, dossier, result, text: fs.readFileSync(result.path, 'utf8') };
  }

  it('W3C Web Annotations: a collection whose annotations carry the model\'s required fields and both selectors', async () => {
    const { fx, text } = await exportAll('w3c');
    const doc = JSON.parse(text) as Record<string, unknown> & { first: { type: string; items: Record<string, unknown>[] } };
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc).toMatchObject({ type: 'AnnotationCollection', label: 'Pakistan–Afghanistan mediation: the Iranian channel', total: 15 });
    expect(doc.first.type).toBe('AnnotationPage');
    const items = doc.first.items as {
      id: string;
      type: string;
      created: string;
      modified: string;
      body: { type: string; purpose: string; value?: string; source?: string }[];
      target: { source: string; selector: { type: string; exact?: string; prefix?: string; suffix?: string; start?: number; end?: number }[] };
    }[];
    expect(items).toHaveLength(15);
    const gids = new Set(fx.library.db.prepare('SELECT gid FROM annotation').pluck().all() as string[]);
    const urnOf = (id: number) => `urn:uuid:${fx.library.db.prepare('SELECT gid FROM annotation WHERE id = ?').pluck().get(id) as string}`;
    const texts = new Map((fx.library.db.prepare('SELECT url, text FROM article').all() as { url: string; text: string }[]).map((r) => [r.url, r.text]));
    for (const item of items) {
      // The highlight's global id: the same in every library it travels to.
      expect(item.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(gids.has(item.id.slice('urn:uuid:'.length))).toBe(true);
      expect(item.type).toBe('Annotation');
      expect(item.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      expect(item.modified).toMatch(/Z$/);
      expect(item.target.source).toMatch(/^https:\/\/example\.org\//);
      const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector')!;
      const position = item.target.selector.find((s) => s.type === 'TextPositionSelector')!;
      expect(typeof quote.exact).toBe('string');
      expect(typeof quote.prefix).toBe('string');
      expect(typeof quote.suffix).toBe('string');
      // Positions count code points in the article's canonical text.
      const codePoints = Array.from(texts.get(item.target.source)!);
      expect(codePoints.slice(position.start, position.end).join('')).toBe(quote.exact);
      expect(item.body.filter((b) => b.purpose === 'classifying')).toHaveLength(1);
      for (const body of item.body) expect(['TextualBody', 'SpecificResource']).toContain(body.type);
    }
    const fragile = items.find((i) => i.id === urnOf(fx.ids.fragile))!;
    expect(fragile.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'TextualBody', purpose: 'classifying', value: 'highlight', format: 'text/plain', language: 'en' }),
        expect.objectContaining({ type: 'TextualBody', purpose: 'tagging', value: 'Mediation' }),
        expect.objectContaining({ type: 'TextualBody', purpose: 'commenting', value: 'The core judgement of the piece: gestures have not changed the security dispute.', format: 'text/plain' }),
      ]),
    );
    // Every embedded annotation stands alone (its own @context) and names its creator and generator.
    for (const item of items as unknown as Record<string, unknown>[]) {
      expect(item['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
      expect(item.creator).toMatchObject({ type: 'Person', name: 'R. Analyst', nickname: 'r-analyst' });
      expect(item.generator).toMatchObject({ type: 'Software', name: 'Casefile' });
    }
    const iranClaim = items.find((i) => i.id === urnOf(fx.ids.iranClaim))!;
    expect(iranClaim.body).toContainEqual(expect.objectContaining({ type: 'SpecificResource', purpose: 'linking', source: urnOf(fx.ids.didClaim) }));
    const urdu = items.find((i) => i.id === urnOf(fx.ids.urduClaim))!;
    expect(urdu.target.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: URDU_CLAIM });
  });

  it('CSV: UTF-8 with a BOM, RFC 4180, one row per highlight with every field, formulas guarded', async () => {
    const fx = await buildAnnotatedLibrary(tempLibrary());
    await call(fx.dispatch, 'annotations.update', { id: fx.ids.haqqani, note: '=HYPERLINK("https://example.org","click")\nsecond line, with "quotes"' });
    const { text, result } = await exportAll('csv', fx);
    expect(result.fileName).toMatch(/\.csv$/);
    expect(fs.readFileSync(result.path).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(text.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(16);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    const records = rows.slice(1).map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]!])));
    expect(records.map((r) => r.number)).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
    const haqqani = records.find((r) => r.annotation_id === String(fx.ids.haqqani))!;
    expect(haqqani.note).toBe('\'=HYPERLINK("https://example.org","click")\nsecond line, with "quotes"');
    expect(haqqani).toMatchObject({ kind: 'actor', entity_name: 'Sirajuddin Haqqani', quote_exact: 'Sirajuddin Haqqani', article_outlet: 'DID Press', anchor_status: 'exact' });
    const didClaim = records.find((r) => r.annotation_id === String(fx.ids.didClaim))!;
    expect(didClaim).toMatchObject({
      kind: 'claim',
      claimants: 'Analysts',
      sources: 'DID Press',
      source_reliability: 'B (Usually reliable)',
      credibility: '2',
      credibility_meaning: 'Probably true',
      corroboration: '1',
      same_claim_ids: String(fx.ids.iranClaim),
      tags: 'Mediation',
      article_url: 'https://example.org/didpress/taliban-pakistan-rapprochement',
      article_published: '2025-10-20',
    });
    expect(Number(didClaim.end) - Number(didClaim.start)).toBe(didClaim.quote_exact!.length);
    const urdu = records.find((r) => r.annotation_id === String(fx.ids.urduClaim))!;
    expect(urdu.quote_exact).toBe(URDU_CLAIM);
    expect(urdu.article_title).toBe(URDU_TITLE);
  });

  it('Markdown: every quote as a blockquote with its citation (title, outlet, date, number, address)', async () => {
    const { text } = await exportAll('md');
    expect(text.startsWith('# Pakistan–Afghanistan mediation: the Iranian channel\n')).toBe(true);
    expect(text).toContain('**RESTRICTED – NOT FOR PUBLICATION**');
    expect(text).toContain(
      '> Past multilateral negotiations in third countries such as Qatar, Turkey, and Saudi Arabia have yielded limited results.\n>\n> — **[7] Claim**, *Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust*, DID Press, 20 October 2025, <https://example.org/didpress/taliban-pakistan-rapprochement>  \n> Claimant: Analysts  \n> Source: DID Press (B – Usually reliable)  \n> Credibility: 2 – Probably true  \n> Corroborated by 1 independent report: ',
    );
    // A same-claim reference links to the other highlight's anchor, named by its global id.
    expect(text).toMatch(/> Corroborated by 1 independent report: \[\\\[8\\\]\]\(#([0-9a-f-]{36})\) {2}\n> Tags: Mediation/);
    const target = /> Corroborated by 1 independent report: \[\\\[8\\\]\]\(#([0-9a-f-]{36})\)/.exec(text)![1]!;
    expect(text).toContain(`<a id="${target}"></a>\n\n> `);
    expect(text).toContain('> trust remains fragile\n>\n> — **[5] Highlight**');
    expect(text).toContain('Note: The core judgement of the piece');
    expect(text).toContain(`> ${URDU_CLAIM}`);
    expect(text).toContain('## Claims');
    expect(text).toContain('| [2] | Taliban Interior Minister Sirajuddin Haqqani recently welcomed positive statements | Sirajuddin Haqqani | DID Press | B – Usually reliable | 2 – Probably true | 0 |');
    expect(text).toContain('- **Sirajuddin Haqqani** — also Haqqani; Taliban Interior Minister — mentioned [3] — claims [2]');
    expect(text).toContain('## Notebook page: Working notes: the mediation track');
  });

  it('says who highlighted each quote when asked (Markdown and HTML), and not otherwise', async () => {
    const library = tempLibrary();
    setLibraryAuthor(library.db, 'Ayesha Khan');
    const fx = await buildAnnotatedLibrary(library);
    const dossier = await seedDossier(fx);
    const dir = outputDir();
    const render = async (format: 'md' | 'html', attribution: boolean) =>
      fs.readFileSync((await exportToFile(fx.library, { source: { dossierId: dossier.id }, format, attribution }, path.join(dir, `by-${String(attribution)}.${format}`), { force: true })).path, 'utf8');
    const md = await render('md', true);
    // Each highlight once (a notebook page quoting one repeats its citation, not its details).
    const quotes = new Set(md.split('\n').flatMap((line) => /^> — \*\*\[(\d+)\]/.exec(line)?.[1] ?? [])).size;
    expect(quotes).toBeGreaterThan(5);
    expect(md.split('Highlighted by: Ayesha Khan').length - 1).toBe(quotes);
    expect(await render('html', true)).toContain('highlighted by <bdi>Ayesha Khan</bdi>');
    expect(await render('md', false)).not.toContain('Highlighted by');
    expect(await render('html', false)).not.toContain('highlighted by');
  });

  it('standalone HTML: the same document, self-contained, no scripts, contents as links', async () => {
    const { text } = await exportAll('html');
    const dom = new JSDOM(text);
    const d = dom.window.document;
    expect(d.querySelectorAll('script, link, img, iframe, object, embed')).toHaveLength(0);
    expect(d.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toContain("default-src 'none'");
    expect(text).not.toMatch(/url\(|@import|src=/);
    expect(d.title).toBe('Pakistan–Afghanistan mediation: the Iranian channel');
    expect([...d.querySelectorAll('.toc a')].map((a) => a.getAttribute('href'))).toEqual(['#article-1', '#article-2', '#page-1', '#article-3', '#article-4', '#claims', '#actors', '#sources']);
    for (const a of d.querySelectorAll('a[href^="#"]')) expect(d.getElementById(a.getAttribute('href')!.slice(1)), a.getAttribute('href')!).not.toBeNull();
    expect(d.querySelectorAll('mark.hl')).not.toHaveLength(0);
    const urdu = d.getElementById('article-4')!.querySelector('.article-body')!;
    expect(urdu.getAttribute('dir')).toBe('rtl');
    expect(urdu.getAttribute('lang')).toBe('ur');
    expect(urdu.textContent).toContain(URDU_CLAIM);
    const rows = [...d.querySelectorAll('table.claims tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim()));
    expect(rows).toHaveLength(8);
    expect(rows[2]).toEqual([
      '[7]Art. 1',
      '“Past multilateral negotiations in third countries such as Qatar, Turkey, and Saudi Arabia have yielded limited results.”',
      'Analysts',
      'DID Press',
      'BUsually reliable',
      '2Probably true',
      '1independent report[8] Art. 2 · Regional Monitor, 28 October 2025',
    ]);
    expect(d.querySelectorAll('.toc-page')).toHaveLength(0);
    const entries = [...d.querySelectorAll('#actors .entry')].map((el) => [...el.children].map((c) => c.textContent.replace(/\s+/g, ' ').trim()));
    expect(entries.find((e) => e[0] === 'Sirajuddin Haqqani')).toEqual(['Sirajuddin Haqqani', 'also Haqqani; Taliban Interior Minister', 'Mentioned: Art. 1: [3]', 'Claims made: Art. 1: [2]']);
    expect(entries.find((e) => e[0] === 'Muhammad Ishaq Dar')).toEqual(['Muhammad Ishaq Dar', 'also Ishaq Dar; اسحاق ڈار', 'Mentioned: Art. 1: [4]; Art. 4: [14]']);
    const sourceRows = [...d.querySelectorAll('table.sources tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim()));
    expect(sourceRows[0]).toEqual(['DID PressAfghan news agency.', 'News outlet', 'BUsually reliable', 'Art. 1: [1], [2], [6], [7]']);
  });

  it('shows only the highlights the filter keeps, numbered without gaps', async () => {
    const fx = await buildAnnotatedLibrary(tempLibrary());
    const d = await call(fx.dispatch, 'dossiers.create', { name: 'Tagged claims', select: { all: true }, filter: { kinds: ['claim'], tagIds: [fx.tagId] } });
    const csv = await renderExport(fx.library, { source: { dossierId: d.id }, format: 'csv' });
    const rows = parseCsv(new TextDecoder().decode(csv.bytes).replace(/^\uFEFF/, '')).slice(1);
    const kind = CSV_COLUMNS.indexOf('kind');
    expect(rows.map((r) => [r[0], r[kind]])).toEqual([
      ['1', 'claim'],
      ['2', 'claim'],
      ['3', 'claim'],
      ['4', 'claim'],
    ]);
    const html = new TextDecoder().decode((await renderExport(fx.library, { source: { dossierId: d.id }, format: 'html' })).bytes);
    expect(html).toContain('Claims, tagged “Mediation”');
    expect(new JSDOM(html).window.document.querySelectorAll('mark.hl-actor')).toHaveLength(0);
  });

  it('refuses to overwrite without force, leaves the file as it was, and exports every article with --all semantics', async () => {
    const fx = await buildAnnotatedLibrary(tempLibrary());
    const file = path.join(tempDir(), 'all.md');
    fs.writeFileSync(file, 'keep me');
    await expect(exportToFile(fx.library, { source: { all: true }, format: 'md' }, file, { force: false })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    const result = await exportToFile(fx.library, { source: { all: true }, format: 'md' }, file, { force: true });
    const text = fs.readFileSync(file, 'utf8');
    expect(result.fileName).toBe('All articles.md');
    for (const title of [DID_TITLE, BRIEFING_TITLE, URDU_TITLE]) expect(text).toContain(title);
    expect(text).toContain('**[15] Claim**');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['all.md']);
  });

  it('says what is wrong with an empty dossier', async () => {
    const fx = await buildAnnotatedLibrary(tempLibrary());
    const d = await call(fx.dispatch, 'dossiers.create', { name: 'Empty' });
    const result = await fx.dispatch('exports.render', { source: { dossierId: d.id }, format: 'md' });
    expect(!result.ok && result.error).toMatchObject({ code: 'EXPORT_FAILED', detail: 'Dossier "Empty" has no articles or notebook pages yet; add some before exporting.' });
  });

  it('starts a PDF\'s printer before reading the dossier, and closes it when the dossier cannot be read', async () => {
    const fx = await buildAnnotatedLibrary(tempLibrary());
    const d = await call(fx.dispatch, 'dossiers.create', { name: 'Empty' });
    const events: string[] = [];
    const off = fx.library.events.on('export.progress', (p: ExportProgress) => events.push(p.phase));
    const printer: PdfPrinterFactory = async () => {
      events.push(`printer opened after ${events.filter((e) => e === 'collecting').length} progress events`);
      return { close: async () => void events.push('printer closed'), printPdf: async () => new Uint8Array() };
    };
    await expect(renderExport(fx.library, { source: { dossierId: d.id }, format: 'pdf' }, printer)).rejects.toMatchObject({ code: 'EXPORT_FAILED' });
    off();
    await new Promise((resolve) => setImmediate(resolve));
    expect(events[0]).toBe('printer opened after 0 progress events');
    expect(events.at(-1)).toBe('printer closed');
  });
});
