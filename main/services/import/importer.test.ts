import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { call, createDispatcher } from '../../api/dispatch.ts';
import { checkLibrary } from '../library.ts';
import { tempDir, tempLibrary } from '../../testing/temp.ts';
import type { ImportProgress } from '../../../common/api/methods/import.ts';
import { collectInputs, importInputs, sharedPool, summarize, type ImportInput } from './importer.ts';
import { importFromUrl, importPasted } from './jobs.ts';
import { convertPlainText } from './text.ts';
import { getArticleOriginal } from '../../db/repositories/articles.ts';

const FIXTURES = new URL('../../testing/fixtures/import/', import.meta.url).pathname;

function mixedFolder(): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'nested', 'deeper'), { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, 'news-jsonld.html'), path.join(dir, 'news.html'));
  fs.copyFileSync(path.join(FIXTURES, 'urdu-rtl.html'), path.join(dir, 'nested', 'urdu.htm'));
  fs.copyFileSync(path.join(FIXTURES, 'hostile.html'), path.join(dir, 'nested', 'deeper', 'hostile.html'));
  fs.writeFileSync(path.join(dir, 'notes.md'), '# Field notes\n\nMet the **spokesman** in Quetta.\n');
  fs.writeFileSync(path.join(dir, 'empty.txt'), '');
  fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7, 8, 0]));
  fs.writeFileSync(path.join(dir, 'scan.jpg'), 'not an article');
  fs.writeFileSync(path.join(dir, '.DS_Store'), 'finder');
  return dir;
}

/** A folder of `n` distinct plain-text articles. */
function textFolder(n: number): string {
  const dir = tempDir();
  for (let i = 0; i < n; i += 1) {
    const body = Array.from({ length: 3 }, (_, p) => `Paragraph ${p + 1} of report ${i}: delegations met in Doha and agreed to meet again.`).join('\n\n');
    fs.writeFileSync(path.join(dir, `report-${String(i).padStart(4, '0')}.txt`), `Report number ${i}\n\n${body}\n`);
  }
  return dir;
}

describe('importing files and folders', () => {
  it('imports the good files of a folder recursively and reports every other file with its reason', async () => {
    const library = tempLibrary();
    const before = library.db.prepare('SELECT count(*) FROM article').pluck().get() as number;
    const { inputs, outcomes: walked } = collectInputs([mixedFolder()]);
    expect(walked).toEqual([expect.objectContaining({ status: 'skipped', file: expect.stringContaining('scan.jpg') })]);
    const outcomes = await importInputs(library, inputs);
    const byFile = Object.fromEntries(outcomes.map((o) => [path.basename(o.file), o]));
    expect(byFile['news.html']).toMatchObject({ status: 'imported', title: 'Border talks stall as Kabul and Islamabad trade accusations' });
    expect(byFile['urdu.htm']?.status).toBe('imported');
    expect(byFile['hostile.html']?.status).toBe('imported');
    expect(byFile['notes.md']).toMatchObject({ status: 'imported', title: 'Field notes' });
    expect(byFile['empty.txt']).toMatchObject({ status: 'failed', reason: 'empty.txt is empty.' });
    expect(byFile['binary.txt']).toMatchObject({ status: 'failed', reason: expect.stringContaining('binary') });
    expect(summarize(outcomes)).toMatchObject({ imported: 4, failed: 2 });
    expect(library.db.prepare('SELECT count(*) FROM article').pluck().get()).toBe(before + 4);
    expect(checkLibrary(library).ok).toBe(true);

    const urdu = await call(createDispatcher(() => ({ library })), 'articles.get', { id: byFile['urdu.htm']!.articleId! });
    expect(urdu).toMatchObject({ direction: 'rtl', language: 'ur' });
    expect(urdu.original).toMatchObject({ name: 'urdu.htm', type: 'text/html' });
  });

  it('reports a re-import of the same content as a duplicate and stores nothing new', async () => {
    const library = tempLibrary();
    const folder = mixedFolder();
    await importInputs(library, collectInputs([folder]).inputs);
    const count = library.db.prepare('SELECT count(*) FROM article').pluck().get();
    const again = await importInputs(library, collectInputs([folder]).inputs);
    expect(summarize(again)).toMatchObject({ imported: 0, duplicates: 4, failed: 2 });
    expect(library.db.prepare('SELECT count(*) FROM article').pluck().get()).toBe(count);
  });

  it('stops when cancelled and reports the files it did not get to', async () => {
    const library = tempLibrary();
    const controller = new AbortController();
    controller.abort();
    const outcomes = await importInputs(library, collectInputs([mixedFolder()]).inputs, { signal: controller.signal });
    expect(outcomes.every((o) => o.status === 'cancelled')).toBe(true);
  });

  it('stops part-way when cancelled: every file has one outcome, every article is stored whole, nothing after the cancel', async () => {
    const library = tempLibrary({ seed: false });
    const dir = textFolder(300);
    const { inputs } = collectInputs([dir]);
    const controller = new AbortController();
    const progress: ImportProgress[] = [];
    const outcomes = await importInputs(library, inputs, {
      signal: controller.signal,
      batchSize: 10,
      onProgress: (p) => {
        progress.push(p);
        if (p.imported >= 30) controller.abort();
      },
    });
    expect(new Set(outcomes.map((o) => o.file))).toEqual(new Set(inputs.map((i) => (i.kind === 'path' ? i.label : ''))));
    expect(outcomes).toHaveLength(300);
    const summary = summarize(outcomes);
    expect(summary.imported + summary.cancelled).toBe(300);
    // Cancelled from the progress of the batch that reached 30 (batches of 10): files
    // converted after that are reported cancelled, not stored.
    expect(summary.imported).toBeGreaterThanOrEqual(30);
    expect(summary.imported).toBeLessThan(40);
    expect(summary.cancelled).toBeGreaterThan(100);
    const count = (sql: string) => library.db.prepare(sql).pluck().get() as number;
    expect(count('SELECT count(*) FROM article')).toBe(summary.imported);
    expect(count('SELECT count(*) FROM article a JOIN article_original o ON o.article_id = a.id')).toBe(summary.imported);
    expect(progress.at(-1)).toMatchObject({ done: 300, total: 300, imported: summary.imported, cancelled: summary.cancelled });
  });

  it('reports progress as it goes, with counts that add up', async () => {
    const library = tempLibrary({ seed: false });
    const { inputs } = collectInputs([textFolder(120)]);
    const progress: ImportProgress[] = [];
    const outcomes = await importInputs(library, [...inputs, ...inputs.slice(0, 5)], { batchSize: 25, onProgress: (p) => progress.push({ ...p }) });
    expect(summarize(outcomes)).toMatchObject({ total: 125, imported: 120, duplicates: 5 });
    expect(progress.length).toBeGreaterThan(5);
    for (let i = 1; i < progress.length; i += 1) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
    for (const p of progress) expect(p.imported + p.duplicates + p.failed + p.skipped + p.cancelled).toBe(p.done);
    expect(progress.at(-1)).toMatchObject({ done: 125, total: 125, imported: 120, duplicates: 5 });
  });

  it('a file that cannot be stored fails alone: nothing of it is kept, its batch neighbours are', async () => {
    const library = tempLibrary({ seed: false });
    const article = (n: number): ImportInput => {
      const content = `Report ${n}\n\nDelegations met in Doha on day ${n} of the talks.`;
      const bytes = new TextEncoder().encode(content);
      return { kind: 'candidate', label: `r${n}.txt`, candidate: convertPlainText(content, { bytes, type: 'text/plain', name: `r${n}.txt` }) };
    };
    const broken = article(2);
    // The article row goes in, then its original fails (type is NOT NULL): the savepoint takes both back.
    (broken as { candidate: { original: { type: unknown } } }).candidate.original.type = null;
    const outcomes = await importInputs(library, [article(1), broken, article(3)]);
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'failed', 'imported']);
    expect(library.db.prepare('SELECT title FROM article ORDER BY id').pluck().all()).toEqual(['Report 1', 'Report 3']);
    expect(library.db.prepare('SELECT count(*) FROM article_original').pluck().get()).toBe(2);
  });

  it('stores uploaded bytes exactly, even when they are a view into a larger buffer', async () => {
    const library = tempLibrary({ seed: false });
    const content = new TextEncoder().encode('Upload report\n\nDelegations met in Doha on Tuesday.');
    const shared = new Uint8Array(content.length + 20).fill(0x41);
    shared.set(content, 10);
    const view = shared.subarray(10, 10 + content.length);
    const [outcome] = await importInputs(library, [{ kind: 'bytes', name: 'upload.txt', bytes: view }]);
    expect(outcome).toMatchObject({ status: 'imported', title: 'Upload report' });
    const original = getArticleOriginal(library.db, outcome!.articleId!)!;
    expect(Buffer.compare(original.bytes, Buffer.from(content))).toBe(0);
    expect(original.size).toBe(content.length);
    expect(original.sha256).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('imports pasted text and pasted HTML', async () => {
    const library = tempLibrary();
    const text = await importPasted(library, 'Talks resume in Doha\n\nDelegations met on Tuesday.', 'text', sharedPool());
    expect(text).toMatchObject({ status: 'imported', title: 'Talks resume in Doha', file: 'Pasted text' });
    const html = await importPasted(library, '<h1>Ceasefire holds</h1><p onclick="alert(1)">Calm along the border.</p><script>alert(2)</script>', 'html', sharedPool());
    const article = await call(createDispatcher(() => ({ library })), 'articles.get', { id: html.articleId! });
    expect(article.text).toContain('Calm along the border.');
    expect(JSON.stringify(article.body)).not.toMatch(/alert|onclick|script/);
    await expect(importPasted(library, '   ', 'text', sharedPool())).rejects.toMatchObject({ code: 'IMPORT_FAILED' });
  });
});

describe('importing from a URL', () => {
  const pages: Record<string, { status?: number; type?: string; body?: string; location?: string; delay?: number }> = {};
  const server = http.createServer((req, res) => {
    const page = pages[req.url ?? ''];
    if (!page) return res.writeHead(404).end('missing');
    setTimeout(() => {
      res.writeHead(page.status ?? 200, { 'Content-Type': page.type ?? 'text/html; charset=utf-8', ...(page.location ? { Location: page.location } : {}) });
      res.end(page.body ?? '');
    }, page.delay ?? 0);
  });
  const listening = new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('follows a bounded number of redirects and keeps the final address as the source', async () => {
    const base = await listening;
    const article = (v: string) => `<html><head><title>Border report</title></head><body><article><h1>Border report</h1><p>${v} Troops were seen near Chaman crossing on Monday morning, according to residents who spoke to reporters.</p><p>The crossing was closed for the third day as talks continued.</p></article></body></html>`;
    pages['/old'] = { status: 301, location: '/story' };
    pages['/story'] = { body: article('First edition.') };
    const library = tempLibrary();
    const first = await importFromUrl(library, `${base}/old`, sharedPool());
    expect(first.status).toBe('imported');
    const stored = await call(createDispatcher(() => ({ library })), 'articles.get', { id: first.articleId! });
    expect(stored.url).toBe(`${base}/story`);

    // The same URL with a different text is a new version linked to the old one.
    pages['/story'] = { body: article('Updated edition.') };
    const second = await importFromUrl(library, `${base}/story`, sharedPool());
    expect(second).toMatchObject({ status: 'imported', versionOf: first.articleId });
    // The same text again is a duplicate.
    expect((await importFromUrl(library, `${base}/story`, sharedPool())).status).toBe('duplicate');

    for (let i = 0; i < 7; i += 1) pages[`/loop${i}`] = { status: 302, location: `/loop${i + 1}` };
    await expect(importFromUrl(library, `${base}/loop0`, sharedPool())).rejects.toMatchObject({ detail: expect.stringContaining('redirected more than 5 times') });
  });

  it('refuses other schemes, unsupported content, error pages and slow servers with a clear reason', async () => {
    const base = await listening;
    const library = tempLibrary();
    pages['/image'] = { type: 'image/png', body: 'png' };
    pages['/gone'] = { status: 410, body: 'gone' };
    pages['/slow'] = { delay: 2_000, body: '<p>late</p>' };
    await expect(importFromUrl(library, 'file:///etc/passwd', sharedPool())).rejects.toMatchObject({ detail: expect.stringContaining('only http and https') });
    await expect(importFromUrl(library, 'javascript:alert(1)', sharedPool())).rejects.toMatchObject({ code: 'IMPORT_FAILED' });
    await expect(importFromUrl(library, `${base}/image`, sharedPool())).rejects.toMatchObject({ detail: expect.stringContaining('image/png') });
    await expect(importFromUrl(library, `${base}/gone`, sharedPool())).rejects.toMatchObject({ detail: expect.stringContaining('410') });
    await expect(importFromUrl(library, `${base}/slow`, sharedPool(), { timeoutMs: 200 })).rejects.toMatchObject({ detail: expect.stringContaining('did not answer') });
    pages['/redirect-to-file'] = { status: 302, location: 'file:///etc/passwd' };
    await expect(importFromUrl(library, `${base}/redirect-to-file`, sharedPool())).rejects.toMatchObject({ detail: expect.stringContaining('only http and https') });
  });
});
