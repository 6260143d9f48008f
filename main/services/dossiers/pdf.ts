// The PDF: printed twice. Chromium cannot number pages in a table of contents
// (no target-counter()), so the first print, with placeholders of the same width,
// reveals on which page each section starts: every contents entry links to its
// section, Chromium writes each link target as a named destination (the element's id),
// and pdf.js resolves those names to pages. The second print carries the real numbers
// and, since nothing else changed, the same pages. Only the second is tagged and
// bookmarked: tagging costs time and size, and the first print is thrown away.
import { AppError } from '../../../common/api/errors.ts';
import { assembleDocument, type DocumentParts } from './document.ts';
import type { ExportModel } from './model.ts';
import { throwIfCancelled } from './model.ts';
import type { PdfPrinterSession } from './printer.ts';

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

export async function readPdfOutline(bytes: Uint8Array): Promise<PdfOutline> {
  const pdfjs = await loadPdfJs();
  // pdf.js may take ownership of (and detach) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, useWorkerFetch: false, stopAtErrors: true });
  const doc = await task.promise;
  try {
    type Item = { title: string; dest: string | unknown[] | null; items: Item[] };
    const pageOf = async (item: Item): Promise<number> => {
      const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
      const target = Array.isArray(dest) ? dest[0] : null;
      if (target && typeof target === 'object') return (await doc.getPageIndex(target as { num: number; gen: number })) + 1;
      if (typeof target === 'number') return target + 1;
      return 0;
    };
    const outline = ((await doc.getOutline()) ?? []) as Item[];
    const top: OutlineEntry[] = [];
    const all: OutlineEntry[] = [];
    const walk = async (items: Item[], depth: number) => {
      for (const item of items) {
        const entry = { title: item.title, page: await pageOf(item) };
        if (depth === 0) top.push(entry);
        all.push(entry);
        await walk(item.items ?? [], depth + 1);
      }
    };
    await walk(outline, 0);
    return { pageCount: doc.numPages, top, all };
  } finally {
    await task.destroy();
  }
}

/** The page (1-based) of each named destination that exists in the PDF, and the page count. */
export async function readDestinations(bytes: Uint8Array, names: readonly string[]): Promise<{ pageCount: number; pages: Map<string, number> }> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, useWorkerFetch: false, stopAtErrors: true });
  const doc = await task.promise;
  try {
    const pages = new Map<string, number>();
    for (const name of names) {
      const dest = await doc.getDestination(name);
      const target = Array.isArray(dest) ? dest[0] : null;
      if (target && typeof target === 'object') pages.set(name, (await doc.getPageIndex(target as { num: number; gen: number })) + 1);
    }
    return { pageCount: doc.numPages, pages };
  } finally {
    await task.destroy();
  }
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
  options.onPhase?.('printing', 0, 2);
  const first = await printer.printPdf(assembleDocument(parts, model, { medium: 'print', pageNumbers: null }), { outline: false, tagged: false, signal: options.signal });
  throwIfCancelled(options.signal);
  options.onPhase?.('numbering', 1, 2);
  const anchors = parts.contents.map((entry) => entry.anchor);
  const { pages, pageCount } = await readDestinations(first, anchors);
  if (pages.size < anchors.length) {
    const missing = anchors.filter((a) => !pages.has(a));
    throw new AppError('EXPORT_FAILED', `The PDF printer did not keep the contents links (${missing.slice(0, 3).join(', ')}), so the contents could not be numbered.`);
  }
  throwIfCancelled(options.signal);
  options.onPhase?.('printing', 1, 2);
  const second = await printer.printPdf(assembleDocument(parts, model, { medium: 'print', pageNumbers: pages }), { outline: true, tagged: true, signal: options.signal });
  throwIfCancelled(options.signal);
  options.onPhase?.('printing', 2, 2);
  return { bytes: second, pageCount };
}
