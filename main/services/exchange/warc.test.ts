// Web archives: real WARC files written by Webrecorder's tools (main/testing/fixtures/exchange/warc, origin
// in ORIGIN.md), and damaged or oversized ones.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, tempLibrary } from '../../testing/temp.ts';
import { importInputs } from '../import/importer.ts';
import type { Library } from '../library.ts';
import { fixture } from '../../testing/exchange.ts';

async function importFile(library: Library, name: string, bytes: Uint8Array) {
  const [outcome] = await importInputs(library, [{ kind: 'bytes', name, bytes }]);
  return outcome!;
}

const count = (library: Library) => library.db.prepare('SELECT count(*) FROM article').pluck().get() as number;

describe('WARC import', () => {
  it.each(['example.warc', 'example.warc.gz'])('%s: the archived page becomes an article with its capture time, address and digest; the revisit is listed', async (name) => {
    const library = tempLibrary({ seed: false });
    const outcome = await importFile(library, name, fixture('warc', name));
    expect(outcome.status).toBe('imported');
    expect(outcome.items!.map((i) => [i.status, i.item])).toEqual([
      ['skipped', 'revisit of http://example.com/'],
      ['imported', 'page http://example.com/'],
    ]);
    expect(outcome.items![1]!.reason).toBe("Captured 2017-03-06T04:02:06Z; the archive's payload digest sha1:G7HRM7BGOKSKMSXZAHMUQTTV53QOFSMK.");
    const article = library.db
      .prepare('SELECT a.title, a.url, a.retrieved_at AS retrievedAt, o.type, o.name, o.size FROM article a JOIN article_original o ON o.article_id = a.id')
      .get() as Record<string, unknown>;
    expect(article).toMatchObject({ title: 'Example Domain', url: 'http://example.com/', retrievedAt: '2017-03-06T04:02:06.000Z', type: 'text/html', size: 1270 });
    expect(article.name).toBe(`${name} › http://example.com/ (2017-03-06T04:02:06Z, sha1:G7HRM7BGOKSKMSXZAHMUQTTV53QOFSMK)`);
  });

  it('a chunked HTTP body is read whole', async () => {
    const library = tempLibrary({ seed: false });
    const outcome = await importFile(library, 'iana.warc', fixture('warc', 'example-iana.org-chunked.warc'));
    expect(outcome.items!.find((i) => i.status === 'imported')?.item).toBe('page http://www.iana.org/');
    expect(library.db.prepare('SELECT text FROM article').pluck().get()).toMatch(/Internet Assigned Numbers Authority/);
  });

  it.each([
    ['not-a-warc.warc', new TextEncoder().encode('<html><body>not an archive</body></html>'), /not-a-warc\.warc is not a WARC web archive/],
    ['cut.warc', fixture('warc', 'example.warc').subarray(0, 1500), /cut\.warc is a damaged WARC web archive/],
  ])('%s fails with a message naming it and leaves the library unchanged', async (name, bytes, message) => {
    const library = tempLibrary();
    const before = count(library);
    const outcome = await importFile(library, name, bytes);
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toMatch(message);
    expect(count(library)).toBe(before);
  });

  it('a 1 GB archive is refused before it is read', async () => {
    const library = tempLibrary();
    const before = count(library);
    const file = path.join(tempDir(), 'crawl.warc.gz');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 1024 * 1024 * 1024); // sparse: takes no space
    const [outcome] = await importInputs(library, [{ kind: 'path', path: file, label: 'crawl.warc.gz' }]);
    expect(outcome).toMatchObject({ status: 'failed', reason: 'crawl.warc.gz is larger than the 500 MB limit for this kind of file.' });
    expect(count(library)).toBe(before);
  });

  it.each([
    ['valid_signed_example_1.wacz', 'https://example.com/', 'Browsertrix Crawler'],
    ['valid_example_1.wacz', 'http://www.example.com/', 'py-wacz'],
  ])('WACZ %s: the page in its WARC becomes an article', async (name, url) => {
    const library = tempLibrary({ seed: false });
    const outcome = await importFile(library, name, fixture('warc', name));
    expect(outcome.status).toBe('imported');
    expect(library.db.prepare('SELECT url FROM article').pluck().all()).toEqual([url]);
    expect(library.db.prepare('SELECT name FROM article_original').pluck().get()).toMatch(new RegExp(`^${name.replace('.', '\\.')} › archive/`));
  });

  it('a WACZ with an unsafe path or without a WARC is refused', async () => {
    const { strToU8, zipSync } = await import('fflate');
    const library = tempLibrary();
    const before = count(library);
    const traversal = await importFile(library, 'evil.wacz', zipSync({ 'datapackage.json': strToU8('{}'), '../archive/x.warc': fixture('warc', 'example.warc') }));
    expect(traversal.reason).toMatch(/evil\.wacz contains an entry with an unsafe path/);
    const empty = await importFile(library, 'empty.wacz', zipSync({ 'datapackage.json': strToU8('{}') }));
    expect(empty.reason).toMatch(/empty\.wacz is not a WACZ web archive/);
    expect(count(library)).toBe(before);
  });
});

describe('MHTML import', () => {
  it('a page Chrome saved as MHTML becomes an article with the whole file as its evidence', async () => {
    const library = tempLibrary({ seed: false });
    const bytes = fixture('warc', 'chrome-saved-by-blink.mht');
    const outcome = await importFile(library, 'page.mht', bytes);
    expect(outcome.items).toEqual([expect.objectContaining({ item: 'page https://langchain.com/', status: 'imported', reason: 'Saved 2023-06-16T19:32:59.000Z; its 0 resources kept in the original.' })]);
    const row = library.db.prepare('SELECT a.url, a.retrieved_at AS retrievedAt, a.text, o.type, o.size FROM article a JOIN article_original o ON o.article_id = a.id').get() as Record<string, unknown>;
    expect(row).toMatchObject({ url: 'https://langchain.com/', retrievedAt: '2023-06-16T19:32:59.000Z', type: 'multipart/related', size: bytes.length });
    // Quoted-printable decoded: soft line breaks joined, =3D and UTF-8 bytes restored.
    expect(row.text).toContain('due to the limited number of personnel in our corporate office, we are unable to provide a direct response.');
    expect(row.text).toContain('Copyright © 2023-2023');
  });

  it('a file that is not MHTML is refused and the library unchanged', async () => {
    const library = tempLibrary();
    const before = count(library);
    const outcome = await importFile(library, 'fake.mhtml', new TextEncoder().encode('Subject: hello\n\nplain mail'));
    expect(outcome).toMatchObject({ status: 'failed', reason: 'fake.mhtml is not an MHTML web archive (a multipart/related message).' });
    expect(count(library)).toBe(before);
  });
});
