// Zotero import: a real Zotero RDF and BibLaTeX export (excerpts of the Accord project's
// shared library, fixtures/zotero/accord), and one reference list exported four ways
// with its files folder (main/testing/fixtures/exchange/zotero/snapshot; origins in main/testing/fixtures/exchange/zotero/ORIGIN.md),
// plus hostile variants: path traversal, absolute paths, links out of the folder, XML
// with a DOCTYPE. Exports are copied to a temporary folder with their files, as Zotero's
// "Export Files" writes them, and imported from disk as `casefile import` does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../../common/api/methods/import.ts';
import { tempLibrary } from '../../testing/temp.ts';
import { collectInputs, importInputs } from '../import/importer.ts';
import type { Library } from '../library.ts';
import { fixturePath } from '../../testing/exchange.ts';
import { bibtexFilePaths, noteText } from './zotero.ts';

const PDF = path.join(import.meta.dirname, '..', '..', 'testing', 'fixtures', 'import', 'pdf', 'shared-mime-info-spec.pdf');
const PDF_NAME = 'Goldmann - 1972 - Chronologische Gruppierung in der älteren Bronzeze.pdf';
const folders: string[] = [];

afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A folder as Zotero's "Export Files" leaves it: the export file and files/<id>/<name>. */
function exportFolder(file: string, content?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-zotero-'));
  folders.push(dir);
  fs.cpSync(fixturePath('zotero', 'snapshot', 'files'), path.join(dir, 'files'), { recursive: true });
  // The PDF attachment's folder is made here: git keeps no empty folders.
  fs.mkdirSync(path.join(dir, 'files', '13'), { recursive: true });
  fs.copyFileSync(PDF, path.join(dir, 'files', '13', PDF_NAME));
  fs.writeFileSync(path.join(dir, file), content ?? fs.readFileSync(fixturePath('zotero', 'snapshot', file)));
  return path.join(dir, file);
}

async function importPath(library: Library, file: string): Promise<ImportOutcome> {
  const [outcome] = await importInputs(library, [{ kind: 'path', path: file, label: path.basename(file) }]);
  return outcome!;
}

function counts(library: Library) {
  const n = (table: string) => library.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { articles: n('article'), notes: n('note') };
}

function article(library: Library, title: string) {
  return library.db.prepare('SELECT * FROM article WHERE title = ?').get(title) as Record<string, unknown> | undefined;
}

const GUARDIAN = 'How white engineers built racist code – and why it\'s dangerous for black people';

describe('Zotero import', () => {
  for (const file of ['guardian.rdf', 'guardian.bib', 'guardian.ris']) {
    it(`${file} with its files folder: snapshot and PDF become articles with Zotero's metadata, the note a notebook page, a reference without files listed`, async () => {
      const library = tempLibrary({ seed: false });
      const outcome = await importPath(library, exportFolder(file));
      expect(outcome.status).toBe('imported');
      const byStatus = (status: string) => outcome.items!.filter((i) => i.status === status).map((i) => `${i.kind}: ${i.item}`);
      expect(byStatus('imported')).toEqual([
        `article: reference “${GUARDIAN.slice(0, 59)}…”`,
        `note: note 1 on reference “${GUARDIAN.slice(0, 59)}…”`,
        'article: reference “Chronologische Gruppierung in der älteren Bronzezeit”',
      ]);
      const skipped = outcome.items!.filter((i) => i.status === 'skipped');
      expect(skipped.map((i) => i.item)).toContain('reference “W3C Mission”');
      expect(skipped.find((i) => i.item === 'reference “W3C Mission”')!.reason).toMatch(/W3C Mission|no attached|outside the export/);
      expect(counts(library)).toEqual({ articles: 2, notes: 1 });

      const guardian = article(library, GUARDIAN)!;
      expect(guardian).toMatchObject({
        byline: 'Ali Breland',
        outlet: 'The Guardian',
        url: 'https://www.theguardian.com/technology/2017/dec/04/racist-facial-recognition-white-coders-black-people-police',
      });
      // Zotero's BibTeX carries the year and month only; Casefile keeps dates to the day, so none is set then.
      expect(guardian.published_at).toBe(file.endsWith('.bib') ? null : '2017-12-04');
      expect(String(guardian.retrieved_at)).toMatch(/^2020-05-29/);
      expect(String(guardian.text)).toContain('Facial recognition systems are trained on collections of photographs');
      // The evidence is the snapshot file itself.
      const original = library.db.prepare('SELECT type, name FROM article_original WHERE article_id = ?').get(guardian.id) as { type: string; name: string };
      expect(original).toEqual({ type: 'text/html', name: 'racist-facial-recognition-white-coders-black-people-police.html' });
      const note = library.db.prepare('SELECT title, text FROM note').get() as { title: string; text: string };
      expect(note.title).toContain(`article ${String(guardian.id)}`);
      expect(note.text).toBe('Check the audit figures against the original study & its data.');

      const pdf = article(library, 'Chronologische Gruppierung in der älteren Bronzezeit')!;
      expect(pdf).toMatchObject({ byline: 'Klaus Goldmann', outlet: 'Archäologische Informationen' });
      expect((library.db.prepare('SELECT type FROM article_original WHERE article_id = ?').pluck().get(pdf.id) as string)).toBe('application/pdf');

      // The same export again: everything already there, nothing doubled.
      const again = await importPath(library, exportFolder(file));
      expect(again.status).toBe('duplicate');
      expect(counts(library)).toEqual({ articles: 2, notes: 1 });
    });
  }

  it("Zotero's own RDF of standalone attachments (no parent reference): each PDF becomes an article titled as the attachment", async () => {
    const library = tempLibrary({ seed: false });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-zotero-'));
    folders.push(dir);
    fs.copyFileSync(fixturePath('zotero', 'zotero-test', 'standalone-attachments.rdf'), path.join(dir, 'export.rdf'));
    fs.mkdirSync(path.join(dir, 'files', '1234'), { recursive: true });
    fs.copyFileSync(PDF, path.join(dir, 'files', '1234', 'test1.pdf'));
    const outcome = await importPath(library, path.join(dir, 'export.rdf'));
    expect(outcome.items!.map((i) => [i.item, i.status])).toEqual([
      ['reference “Test 1”', 'imported'],
      ['reference “Test 2”', 'skipped'],
    ]);
    expect(outcome.items![1]!.reason).toMatch(/Test 2.*files\/2345\/test2\.pdf.*not in the export’s folder/);
    expect(article(library, 'Test 1')).toMatchObject({ url: 'https://example.com' });
    expect(String(article(library, 'Test 1')!.retrieved_at)).toMatch(/^2022-07-22/);
  });

  it('a reference with two readable attachments stores both; a standalone note becomes a notebook page of its own', async () => {
    // Zotero RDF as Zotero writes it (zotero/translators, "Zotero RDF.js", generateItem): a
    // second attachment is another <link:link> to a z:Attachment; a standalone note is a
    // bib:Memo with z:itemType "note" that no reference points to.
    const rdf = fs
      .readFileSync(fixturePath('zotero', 'snapshot', 'guardian.rdf'), 'utf8')
      .replace('<link:link rdf:resource="#item_12"/>', '<link:link rdf:resource="#item_12"/>\n        <link:link rdf:resource="#item_20"/>')
      .replace(
        '</rdf:RDF>',
        `    <z:Attachment rdf:about="#item_20">
        <z:itemType>attachment</z:itemType>
        <rdf:resource rdf:resource="files/20/print-edition.html"/>
        <dc:title>Print edition</dc:title>
        <link:type>text/html</link:type>
    </z:Attachment>
    <bib:Memo rdf:about="#item_21">
        <z:itemType>note</z:itemType>
        <rdf:value>&lt;p&gt;Reading list for the audit chapter&lt;/p&gt;&lt;p&gt;Start with the Guardian piece.&lt;/p&gt;</rdf:value>
    </bib:Memo>
</rdf:RDF>`,
      );
    const file = exportFolder('guardian.rdf', rdf);
    fs.mkdirSync(path.join(path.dirname(file), 'files', '20'));
    fs.writeFileSync(
      path.join(path.dirname(file), 'files', '20', 'print-edition.html'),
      '<html><head><title>Print edition</title></head><body><article><h1>Print edition</h1><p>The print edition of the story ran on page 14 with a shorter text about coders and facial recognition, and a chart of the audit figures.</p><p>A second paragraph so the page reads as an article and is found by the reader.</p></article></body></html>',
    );
    const library = tempLibrary({ seed: false });
    const outcome = await importPath(library, file);
    const items = outcome.items!.map((i) => `${i.status} ${i.kind}: ${i.item}`);
    expect(items).toContain(`imported article: reference “${GUARDIAN.slice(0, 59)}…”`);
    expect(items).toContain(`imported article: reference “${GUARDIAN.slice(0, 59)}…”, attachment print-edition.html`);
    expect(items).toContain('imported note: standalone note “Reading list for the audit chapter”');
    expect(counts(library)).toEqual({ articles: 3, notes: 2 });
    // Both attachments carry the reference's metadata, each with its own file as evidence.
    const both = library.db.prepare('SELECT a.byline, o.name FROM article a JOIN article_original o ON o.article_id = a.id WHERE a.title = ? ORDER BY a.id').all(GUARDIAN);
    expect(both).toEqual([
      { byline: 'Ali Breland', name: 'racist-facial-recognition-white-coders-black-people-police.html' },
      { byline: 'Ali Breland', name: 'print-edition.html' },
    ]);
    const page = library.db.prepare("SELECT title, text FROM note WHERE title LIKE 'Zotero note:%'").get() as { title: string; text: string };
    expect(page).toEqual({ title: 'Zotero note: Reading list for the audit chapter', text: 'Reading list for the audit chapter\nStart with the Guardian piece.' });
    // Again: nothing doubled.
    const again = await importPath(library, file);
    expect(again.status).toBe('duplicate');
    expect(counts(library)).toEqual({ articles: 3, notes: 2 });
  });

  it('CSL JSON is told from Hypothesis annotations by its content; its items have no files and are listed, not imported', async () => {
    const library = tempLibrary({ seed: false });
    const outcome = await importPath(library, exportFolder('guardian-csl.json'));
    expect(outcome.status).toBe('skipped');
    expect(outcome.items).toEqual([{ item: `reference “${GUARDIAN.slice(0, 59)}…”`, kind: 'article', status: 'skipped', reason: 'It has no attached HTML snapshot or PDF: there is no text to import.' }]);
    expect(counts(library)).toEqual({ articles: 0, notes: 0 });
  });

  it('a real Zotero RDF and BibLaTeX export (no files exported): every reference listed with the reason, nothing written', async () => {
    const library = tempLibrary({ seed: false });
    for (const name of ['zotero-excerpt.rdf', 'biblatex-excerpt.bib']) {
      const [outcome] = await importInputs(library, [{ kind: 'path', path: fixturePath('zotero', 'accord', name), label: name }]);
      expect(outcome!.status).toBe('skipped');
      const titles = outcome!.items!.map((i) => i.item);
      expect(titles.some((t) => t.startsWith('reference “Semantic Segmentation of 3D Reconstructions'))).toBe(true);
      expect(titles).toHaveLength(3);
      expect(outcome!.items!.every((i) => i.status === 'skipped' && /no attached HTML snapshot or PDF/.test(i.reason!))).toBe(true);
    }
    expect(counts(library)).toEqual({ articles: 0, notes: 0 });
  });

  it('an uploaded export (no folder on disk) lists its references as needing the files folder', async () => {
    const library = tempLibrary({ seed: false });
    const [outcome] = await importInputs(library, [{ kind: 'bytes', name: 'guardian.ris', bytes: new Uint8Array(fs.readFileSync(fixturePath('zotero', 'snapshot', 'guardian.ris'))) }]);
    expect(outcome!.items!.filter((i) => /files folder/.test(i.reason ?? ''))).toHaveLength(2);
    expect(counts(library)).toEqual({ articles: 0, notes: 0 });
  });

  it('a folder with an export and its files: the files are imported through the export, not again as loose files', () => {
    const file = exportFolder('guardian.rdf');
    const { inputs } = collectInputs([path.dirname(file)]);
    expect(inputs.map((i) => (i.kind === 'path' ? path.basename(i.path) : i.kind))).toEqual(['guardian.rdf']);
  });

  it('hostile: paths out of the export folder are refused naming the reference; the rest imports', async () => {
    const library = tempLibrary({ seed: false });
    const secret = path.join(os.tmpdir(), `casefile-secret-${process.pid}.html`);
    fs.writeFileSync(secret, '<html><body><p>Outside text that must never be read.</p></body></html>');
    try {
      const bib = [
        '@article{up, title = {Up and out}, file = {Snapshot:../../../../../../etc/passwd.html:text/html}}',
        `@article{abs, title = {Absolute}, file = {Snapshot:${secret.replace(/:/g, '\\:')}:text/html}}`,
        '@article{link, title = {A link out}, file = {Snapshot:files/99/out.html:text/html}}',
        '@article{ok, title = {Inside}, file = {Snapshot:files/12/racist-facial-recognition-white-coders-black-people-police.html:text/html}}',
      ].join('\n');
      const file = exportFolder('hostile.bib', bib);
      fs.mkdirSync(path.join(path.dirname(file), 'files', '99'));
      fs.symlinkSync(secret, path.join(path.dirname(file), 'files', '99', 'out.html'));
      const outcome = await importPath(library, file);
      const reasons = Object.fromEntries(outcome.items!.filter((i) => i.kind === 'article').map((i) => [i.item, `${i.status}: ${i.reason ?? ''}`]));
      expect(reasons['reference “Up and out”']).toMatch(/^skipped: reference “Up and out”: its attachment “\.\.\/.*” lies outside the export’s folder/);
      expect(reasons['reference “Absolute”']).toMatch(/^skipped: reference “Absolute”: its attachment .* lies outside the export’s folder/);
      expect(reasons['reference “A link out”']).toMatch(/^skipped: reference “A link out”: its attachment “files\/99\/out.html” links outside the export’s folder/);
      expect(reasons['reference “Inside”']).toMatch(/^imported/);
      expect(library.db.prepare("SELECT count(*) FROM article WHERE text LIKE '%Outside text%'").pluck().get()).toBe(0);
    } finally {
      fs.rmSync(secret, { force: true });
    }
  });

  it('hostile: an RDF with a DOCTYPE (entity expansion) or not XML fails naming the file; a RIS with no records or a .bib with no entries fails; the library is unchanged', async () => {
    const library = tempLibrary({ seed: false });
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><x>&lol2;</x></rdf:RDF>';
    const failures = [
      await importPath(library, exportFolder('bomb.rdf', bomb)),
      await importPath(library, exportFolder('broken.rdf', '<rdf:RDF><bib:Article>')),
      await importPath(library, exportFolder('empty.ris', 'not a RIS file\n')),
      await importPath(library, exportFolder('empty.bib', '% only a comment\n')),
    ];
    expect(failures.map((f) => f.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(failures[3]!.reason).toMatch(/empty\.bib is not a BibTeX file/);
    expect(failures[0]!.reason).toMatch(/bomb\.rdf.*document type/);
    expect(failures[1]!.reason).toMatch(/broken\.rdf.*not well-formed/);
    expect(failures[2]!.reason).toMatch(/empty\.ris.*no RIS records/);
    expect(counts(library)).toEqual({ articles: 0, notes: 0 });
  });

  it('reads the file field the way Zotero and Better BibTeX write it', () => {
    expect(bibtexFilePaths('Full Text PDF:files/13/a b.pdf:application/pdf;Snapshot:files/12/p.html:text/html')).toEqual(['files/13/a b.pdf', 'files/12/p.html']);
    expect(bibtexFilePaths('Snapshot:C\\:\\\\Users\\\\me\\\\Zotero\\\\storage\\\\X\\\\p.html:text/html')).toEqual(['C:\\Users\\me\\Zotero\\storage\\X\\p.html']);
    expect(bibtexFilePaths('files/1/paper.pdf')).toEqual(['files/1/paper.pdf']);
    expect(noteText('<p>One &amp; two</p><p>Three<br/>four &#x2013; five</p>')).toBe('One & two\nThree\nfour – five');
  });
});
