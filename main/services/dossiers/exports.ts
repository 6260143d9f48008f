// Running an export: gather the model, render the format, report progress on the
// library's event bus ('export.progress'), and stop when cancelled. Files are only
// written by exportToFile (CLI, and the app once its save dialog has chosen a path);
// exports.render hands the bytes back instead (browser mode downloads them).
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../common/api/errors.ts';
import type { ExportFormat, ExportPhase, ExportProgress, ExportSource } from '../../../common/api/methods/dossiers.ts';
import type { Library } from '../library.ts';
import { renderCsv } from './csv.ts';
import { assembleDocument, renderParts } from './document.ts';
import { assertWritable, safeFileName, writeFileAtomic } from './files.ts';
import { renderMarkdown } from './markdown.ts';
import { throwIfCancelled } from '../cancel.ts';
import { collectExport } from './model.ts';
import { printDossierPdf } from './pdf.ts';
import type { PdfPrinterFactory } from './printer.ts';
import { renderW3c } from './w3c.ts';

// Loaded when a REFI-QDA project is exported: its zip writer (fflate) and its GUIDs (made
// with node:crypto, whose first use costs 25 ms) would otherwise load with every CLI command.
const qdpxExport = () => import('../exchange/qdpx-export.ts');

export const FORMATS: Record<ExportFormat, { extension: string; mimeType: string }> = {
  pdf: { extension: 'pdf', mimeType: 'application/pdf' },
  html: { extension: 'html', mimeType: 'text/html; charset=utf-8' },
  md: { extension: 'md', mimeType: 'text/markdown; charset=utf-8' },
  csv: { extension: 'csv', mimeType: 'text/csv; charset=utf-8' },
  w3c: { extension: 'jsonld', mimeType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"' },
  qdpx: { extension: 'qdpx', mimeType: 'application/zip' },
};

export interface ExportRequest {
  source: ExportSource;
  format: ExportFormat;
  /** Names the run for exports.cancel; one is made up when absent. */
  exportId?: string;
  /** Fixes "now" (tests, reproducible output). */
  now?: Date;
  /** Each highlight says who made it (PDF, HTML, Markdown). */
  attribution?: boolean;
}

export interface ExportOutput {
  exportId: string;
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
  pageCount: number | null;
}

const running = new Map<string, AbortController>();

/** Aborts the export running under this id; false when there is none. */
export function cancelExport(exportId: string): boolean {
  const controller = running.get(exportId);
  if (!controller) return false;
  controller.abort();
  return true;
}

export function runningExports(): string[] {
  return [...running.keys()];
}

/**
 * Renders an export in memory. A PDF is printed by `openPdfPrinter`, the host's printer
 * (HostServices in ../host.ts, from the handler context); other formats need none.
 */
export async function renderExport(library: Library, request: ExportRequest, openPdfPrinter?: PdfPrinterFactory): Promise<ExportOutput> {
  const exportId = request.exportId ?? randomBytes(9).toString('base64url');
  if (running.has(exportId)) throw new AppError('CONFLICT', `An export with id ${exportId} is already running.`);
  const controller = new AbortController();
  running.set(exportId, controller);
  const { signal } = controller;
  const dossierId = 'dossierId' in request.source ? request.source.dossierId : null;
  const progress = (phase: ExportPhase, done: number, total: number) => {
    const payload: ExportProgress = { exportId, dossierId, phase, done, total };
    library.events.emit('export.progress', payload);
  };
  // A PDF's Chromium starts first, so it is up by the time the dossier is read and drawn.
  const opening = request.format === 'pdf' && openPdfPrinter ? openPdfPrinter() : null;
  opening?.catch(() => undefined);
  try {
    progress('collecting', 0, 1);
    const model = await collectExport(library, request.source, { signal, now: request.now, attribution: request.attribution, onProgress: (done, total) => progress('collecting', done, total) });
    const format = FORMATS[request.format];
    const fileName = safeFileName(model.title, format.extension);
    let bytes: Uint8Array;
    let pageCount: number | null = null;
    const encode = (text: string) => new TextEncoder().encode(text);
    switch (request.format) {
      case 'md':
        bytes = encode(renderMarkdown(model));
        break;
      case 'csv':
        bytes = encode(renderCsv(model));
        break;
      case 'w3c':
        bytes = encode(renderW3c(model));
        break;
      case 'qdpx':
        bytes = (await qdpxExport()).renderQdpx(library, model, { signal, now: request.now });
        break;
      case 'html': {
        const parts = await renderParts(model, { signal, onProgress: (done, total) => progress('building', done, total) });
        bytes = encode(assembleDocument(parts, model, { medium: 'screen' }));
        break;
      }
      case 'pdf': {
        if (!opening) throw new AppError('EXPORT_FAILED', 'PDF export is not available here: no PDF printer is installed.');
        const parts = await renderParts(model, { signal, onProgress: (done, total) => progress('building', done, total) });
        throwIfCancelled(signal);
        const pdf = await printDossierPdf(parts, model, await opening, { signal, onPhase: progress });
        bytes = pdf.bytes;
        pageCount = pdf.pageCount;
        break;
      }
    }
    throwIfCancelled(signal);
    progress('done', 1, 1);
    return { exportId, bytes, fileName, mimeType: format.mimeType, pageCount };
  } finally {
    // Chromium exits in the background, whatever became of the export: closing takes 0.2-0.3 s.
    void opening?.then((printer) => printer.close(), () => undefined);
    running.delete(exportId);
  }
}

/** Renders an export and writes it to `file` atomically; an existing file is refused unless `force`. */
export async function exportToFile(library: Library, request: ExportRequest, file: string, options: { force: boolean; openPdfPrinter?: PdfPrinterFactory }): Promise<ExportOutput & { path: string }> {
  assertWritable(file, options.force);
  const output = await renderExport(library, request, options.openPdfPrinter);
  writeFileAtomic(file, output.bytes, options);
  return { ...output, path: file };
}
