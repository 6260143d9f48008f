// The PDF: the whole document printed once, then its first pages again. Chromium cannot
// number pages in a table of contents (no target-counter()), so the document is printed
// with placeholders of the same width in the contents: every contents entry links to its
// section, Chromium writes each link target as a named destination (the element's id),
// and those names give each section's page. Only the front pages (cover and contents)
// are then printed again, with the numbers, and their drawing replaces the placeholders'
// in the first print: sections start on a new page, so nothing after the contents moves.
// The first print keeps its page objects, bookmarks, links, tags and named destinations;
// a front page takes the other print's content stream and resources only when both
// prints tagged the same content in the same order, else the whole document is printed
// again with the numbers (the old way, twice the time).
import { AppError } from '../../../common/api/errors.ts';
import { assembleDocument, type DocumentParts } from './document.ts';
import type { ExportModel } from './model.ts';
import { throwIfCancelled } from '../cancel.ts';
import type { PdfPrinterSession } from './printer.ts';
import type { PrintedPdf } from './pdf-join.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsLoading: Promise<PdfJs> | null = null;

/** pdf.js (already a dependency, for importing PDFs) with its worker code run on this thread. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsLoading ??= (async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // @ts-expect-error pdfjs-dist publishes no types for its worker module.
    const worker: unknown = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return pdfjs;
  })();
  return pdfjsLoading;
}

export interface OutlineEntry {
  title: string;
  /** 1-based page number. */
  page: number;
}

export interface PdfOutline {
  pageCount: number;
  /** Top-level bookmarks in document order. */
  top: OutlineEntry[];
  /** Every bookmark, depth first. */
  all: OutlineEntry[];
}

type PdfJsDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

/** Opens bytes with pdf.js for `read`, and frees the document after. */
async function readWithPdfJs<T>(bytes: Uint8Array, read: (doc: PdfJsDocument) => Promise<T>): Promise<T> {
  const pdfjs = await loadPdfJs();
  // pdf.js may take ownership of (and detach) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, useWorkerFetch: false, stopAtErrors: true });
  try {
    return await read(await task.promise);
  } finally {
    await task.destroy();
  }
}

/** The 1-based page a destination (a name or an explicit array) leads to; 0 if none. */
async function destinationPage(doc: PdfJsDocument, dest: string | unknown[] | null | undefined): Promise<number> {
  const resolved = typeof dest === 'string' ? ((await doc.getDestination(dest)) as unknown) : dest;
  const target: unknown = Array.isArray(resolved) ? (resolved as unknown[])[0] : null;
  if (target && typeof target === 'object') return (await doc.getPageIndex(target as { num: number; gen: number })) + 1;
  if (typeof target === 'number') return target + 1;
  return 0;
}

/** The bookmarks of a PDF with their pages (tests check the export's with it). */
export function readPdfOutline(bytes: Uint8Array): Promise<PdfOutline> {
  return readWithPdfJs(bytes, async (doc) => {
    type Item = { title: string; dest: string | unknown[] | null; items: Item[] };
    const outline = ((await doc.getOutline()) ?? []) as Item[];
    const top: OutlineEntry[] = [];
    const all: OutlineEntry[] = [];
    const walk = async (items: Item[], depth: number) => {
      for (const item of items) {
        const entry = { title: item.title, page: await destinationPage(doc, item.dest) };
        if (depth === 0) top.push(entry);
        all.push(entry);
        await walk(item.items ?? [], depth + 1);
      }
    };
    await walk(outline, 0);
    return { pageCount: doc.numPages, top, all };
  });
}

/** The links of one page that lead inside the PDF to a named destination, with the page each reaches. */
export function readLinkTargets(bytes: Uint8Array, pageNumber: number): Promise<{ name: string; page: number }[]> {
  return readWithPdfJs(bytes, async (doc) => {
    const annotations = (await (await doc.getPage(pageNumber)).getAnnotations()) as { subtype: string; dest?: string | unknown[] | null }[];
    const links: { name: string; page: number }[] = [];
    for (const a of annotations) {
      if (a.subtype === 'Link' && typeof a.dest === 'string') links.push({ name: a.dest, page: await destinationPage(doc, a.dest) });
    }
    return links;
  });
}

export interface PdfResult {
  bytes: Uint8Array;
  pageCount: number;
}

export async function printDossierPdf(
  parts: DocumentParts,
  model: ExportModel,
  printer: PdfPrinterSession,
  options: { signal?: AbortSignal; onPhase?: (phase: 'printing' | 'numbering', done: number, total: number) => void } = {},
): Promise<PdfResult> {
  const signal = options.signal;
  options.onPhase?.('printing', 0, 2);
  const printed = await printer.printPdf(assembleDocument(parts, model, { medium: 'print', pageNumbers: null }), { outline: true, tagged: true, signal });
  throwIfCancelled(signal);
  options.onPhase?.('numbering', 1, 2);
  // pdf-lib is loaded here only: every CLI command would otherwise pay for loading it.
  const { PrintedPdf, replaceFrontPages } = await import('./pdf-join.ts');
  const body: PrintedPdf | null = PrintedPdf.read(printed);
  if (!body) throw new AppError('EXPORT_FAILED', 'The PDF printer wrote a file Casefile cannot read, so the contents could not be numbered.');
  const pageCount = body.pageRefs().length;
  const anchors = parts.contents.map((entry) => entry.anchor);
  if (anchors.length === 0) return { bytes: printed, pageCount };
  const destinations = body.namedDestinationPages();
  const missing = anchors.filter((a) => !destinations.has(a));
  if (missing.length) {
    throw new AppError('EXPORT_FAILED', `The PDF printer did not keep the contents links (${missing.slice(0, 3).join(', ')}), so the contents could not be numbered.`);
  }
  const pages = new Map(anchors.map((a) => [a, destinations.get(a)!]));
  // Every section starts on a new page: the pages before the first are the front pages.
  const frontCount = Math.min(...pages.values()) - 1;
  throwIfCancelled(signal);
  options.onPhase?.('printing', 1, 2);
  const front = await printer.printPdf(assembleDocument(parts, model, { medium: 'print', pageNumbers: pages, front: { pageCount } }), { outline: false, tagged: true, signal });
  throwIfCancelled(signal);
  let bytes = await replaceFrontPages(body, front, frontCount);
  if (!bytes) {
    bytes = await printer.printPdf(assembleDocument(parts, model, { medium: 'print', pageNumbers: pages }), { outline: true, tagged: true, signal });
    throwIfCancelled(signal);
  }
  options.onPhase?.('printing', 2, 2);
  return { bytes, pageCount };
}
