// Progress and cancel inside one big file from another tool: a REFI-QDA project with many
// sources, a Zotero export with many references, a Hypothesis export with many
// annotations, a web archive with many pages. Each reports item by item through the
// import's own progress callback, and a cancel part-way leaves the library exactly as it
// was (every table's rows, the change log included). The big files are made here from the
// real fixtures (main/testing/fixtures/exchange).
import fs from 'node:fs';
import path from 'node:path';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ImportOutcome, ImportProgress, WithinFile } from '../../../common/api/methods/import.ts';
import { documentFromParagraphs } from '../../../common/text/document.ts';
import { bigQdpx, fixture, fixturePath } from '../../testing/exchange.ts';
import { tempDir, tempLibrary } from '../../testing/temp.ts';
import { storeArticle } from '../articles.ts';
import { importInputs, type ImportInput } from '../import/importer.ts';
import { cancelImportJob, importUploadedFiles } from '../import/jobs.ts';
import type { Library } from '../library.ts';

/** Rows in every table of the library (user data, the change log, the search index). */
function rowCounts(library: Library): Record<string, number> {
  const tables = library.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, library.db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

/** Imports one input, recording the within-file progress, and aborting once `abortAfter` items are read. */
async function importWatching(library: Library, input: ImportInput, abortAfter?: number): Promise<{ outcome: ImportOutcome; within: WithinFile[]; events: ImportProgress[] }> {
  const controller = new AbortController();
  const events: ImportProgress[] = [];
  const [outcome] = await importInputs(library, [input], {
    signal: controller.signal,
    onProgress: (progress) => {
      events.push(progress);
      if (abortAfter !== undefined && (progress.withinFile?.done ?? 0) >= abortAfter) controller.abort();
    },
  });
  return { outcome: outcome!, within: events.flatMap((e) => (e.withinFile ? [e.withinFile] : [])), events };
}

/** Counts that start at 0, never fall, and reach the total. */
function expectRisingToTotal(within: WithinFile[], unit: string, total: number): void {
  expect(within.length).toBeGreaterThan(0);
  expect(within.every((w) => w.unit === unit && w.total === total)).toBe(true);
  expect(within[0]!.done).toBe(0);
  expect(within.at(-1)!.done).toBe(total);
  within.slice(1).forEach((w, i) => expect(w.done).toBeGreaterThanOrEqual(within[i]!.done));
}

/** A Zotero RIS export of `n` newspaper references in a folder, each with its own copy of the real Guardian snapshot. */
function bigZoteroExport(n: number): string {
  const dir = tempDir();
  const snapshot = fs.readFileSync(fixturePath('zotero', 'snapshot', 'files', '12', 'racist-facial-recognition-white-coders-black-people-police.html'), 'utf8');
  const records: string[] = [];
  for (let i = 1; i <= n; i += 1) {
    fs.mkdirSync(path.join(dir, 'files', String(i)), { recursive: true });
    // Each copy's text differs, so each is an article of its own.
    fs.writeFileSync(path.join(dir, 'files', String(i), 'page.html'), snapshot.replace('<body', `<body data-copy="${i}"`).replace(/<p>/, `<p>Copy ${i} of the story. </p><p>`));
    records.push(`TY  - NEWS\nTI  - Story ${i}\nAU  - Breland, Ali\nT2  - The Guardian\nDA  - 2017/12/04/\nL1  - files/${i}/page.html\nER  - \n`);
  }
  const file = path.join(dir, 'export.ris');
  fs.writeFileSync(file, records.join('\n'));
  return file;
}

interface Row {
  id: string;
  uri: string;
  target: { selector: { type: string; exact?: string }[] }[];
}

/** A library holding the page the real Hypothesis search's first annotation is on, and an export of `n` annotations on it. */
function bigHypothesis(library: Library, n: number): Uint8Array {
  const rows = (JSON.parse(new TextDecoder().decode(fixture('hypothesis', 'api-search-2018.json'))) as { rows: Row[] }).rows;
  const row = rows[0]!;
  const quote = row.target[0]!.selector.find((s) => s.type === 'TextQuoteSelector')!.exact!;
  storeArticle(library, {
    metadata: { title: 'The annotated page', byline: null, outlet: null, url: row.uri, publishedAt: null, language: 'en', direction: 'ltr' },
    body: documentFromParagraphs(['The annotated page', quote]),
    original: { bytes: strToU8(`The annotated page\n\n${quote}`), type: 'text/plain', name: 'page.txt' },
  });
  return strToU8(JSON.stringify({ rows: Array.from({ length: n }, (_, i) => ({ ...row, id: `${row.id}-${i}`, links: undefined })), total: n }));
}

/** The real example WARC `copies` times over: a crawl of many pages. */
function bigWarc(copies: number): Uint8Array {
  const one = fixture('warc', 'example.warc');
  const out = new Uint8Array(one.length * copies);
  for (let i = 0; i < copies; i += 1) out.set(one, i * one.length);
  return out;
}

describe('progress and cancel inside one file from another tool', () => {
  it('REFI-QDA: "source N of 30" rises to the total and every source is imported', async () => {
    const library = tempLibrary({ seed: false });
    const { outcome, within, events } = await importWatching(library, { kind: 'bytes', name: 'Project.qdpx', bytes: bigQdpx(30) });
    expect(outcome.status).toBe('imported');
    expectRisingToTotal(within, 'source', 30);
    expect(events.filter((e) => e.withinFile).every((e) => e.current === 'Project.qdpx')).toBe(true);
    expect(outcome.items!.filter((i) => i.kind === 'article' && i.status === 'imported')).toHaveLength(30);
  });

  it('REFI-QDA: cancelled at source 5 of 30, the library is row for row as it was and the file is reported cancelled', async () => {
    const library = tempLibrary();
    const before = rowCounts(library);
    const { outcome, within } = await importWatching(library, { kind: 'bytes', name: 'Project.qdpx', bytes: bigQdpx(30) }, 4);
    expect(outcome).toMatchObject({ file: 'Project.qdpx', status: 'cancelled' });
    expect(outcome.reason).toBe('The import of Project.qdpx was cancelled at source 5 of 30; nothing from it was written.');
    expect(Math.max(...within.map((w) => w.done))).toBe(4);
    expect(rowCounts(library)).toEqual(before);
  });

  it('Zotero: "reference N of 8" rises to the total as each attachment is converted', async () => {
    const library = tempLibrary({ seed: false });
    const file = bigZoteroExport(8);
    const { outcome, within } = await importWatching(library, { kind: 'path', path: file, label: 'export.ris' });
    expect(outcome.status).toBe('imported');
    expectRisingToTotal(within, 'reference', 8);
    expect(outcome.items!.filter((i) => i.kind === 'article' && i.status === 'imported')).toHaveLength(8);
  });

  it('Zotero: cancelled at reference 3 of 8, nothing is written', async () => {
    const library = tempLibrary();
    const before = rowCounts(library);
    const { outcome } = await importWatching(library, { kind: 'path', path: bigZoteroExport(8), label: 'export.ris' }, 2);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.reason).toMatch(/^The import of export\.ris was cancelled at reference 3 of 8; nothing from it was written\.$/);
    expect(rowCounts(library)).toEqual(before);
  });

  it('Hypothesis: "annotation N of 400" rises to the total and each becomes a highlight', async () => {
    const library = tempLibrary({ seed: false });
    const bytes = bigHypothesis(library, 400);
    const { outcome, within } = await importWatching(library, { kind: 'bytes', name: 'hypothesis.json', bytes });
    expect(outcome.status).toBe('imported');
    expectRisingToTotal(within, 'annotation', 400);
    expect(library.db.prepare('SELECT count(*) FROM annotation').pluck().get()).toBe(400);
  });

  it('Hypothesis: cancelled at annotation 151 of 400, no highlight, tag or change set is written', async () => {
    const library = tempLibrary();
    const bytes = bigHypothesis(library, 400);
    const before = rowCounts(library);
    const { outcome } = await importWatching(library, { kind: 'bytes', name: 'hypothesis.json', bytes }, 150);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.reason).toContain('cancelled at annotation 151 of 400');
    expect(rowCounts(library)).toEqual(before);
  });

  it('WARC: "page N of M" rises to the total over a crawl of many captures', async () => {
    const library = tempLibrary({ seed: false });
    const { outcome, within } = await importWatching(library, { kind: 'bytes', name: 'crawl.warc', bytes: bigWarc(6) });
    expect(outcome.status).toBe('imported');
    const total = within.at(-1)!.total;
    expect(total).toBeGreaterThanOrEqual(6);
    expectRisingToTotal(within, 'page', total);
  });

  it('WARC: cancelled after 2 pages, the library is unchanged', async () => {
    const library = tempLibrary();
    const before = rowCounts(library);
    const { outcome } = await importWatching(library, { kind: 'bytes', name: 'crawl.warc', bytes: bigWarc(6) }, 2);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.reason).toMatch(/cancelled at page 3 of \d+; nothing from it was written/);
    expect(rowCounts(library)).toEqual(before);
  });

  it('an upload given a job id sends progress events inside the file, and import.cancel with that id stops it with nothing written', async () => {
    const library = tempLibrary();
    const before = rowCounts(library);
    const jobId = 'upload-1';
    const seen: WithinFile[] = [];
    library.events.on('import.progress', (p) => {
      if (p.jobId !== jobId || !p.withinFile) return;
      seen.push(p.withinFile);
      if (p.withinFile.done >= 3) cancelImportJob(jobId);
    });
    const data = Buffer.from(bigQdpx(500)).toString('base64');
    const [outcome] = await importUploadedFiles(library, [{ name: 'Project.qdpx', data }], undefined as never /* no loose files: no conversion pool is needed */, jobId);
    expect(outcome!.status).toBe('cancelled');
    expect(seen[0]).toEqual({ unit: 'source', done: 0, total: 500 });
    expect(rowCounts(library)).toEqual(before);
    // The job is gone once its upload is answered.
    expect(cancelImportJob(jobId)).toBe(false);
  });
});
