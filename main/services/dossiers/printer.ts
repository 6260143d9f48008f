// One HTML, two printers: under Node (CLI, tests, browser mode) Playwright drives a
// system Chromium; the Electron app prints with webContents.printToPDF from a hidden
// window. Each host names its printer in its HostServices (../host.ts). Both print the same document the same way:
// the page size, margins, running header and page numbers all come from its CSS.
import { AppError } from '../../../common/api/errors.ts';

export interface PrintOptions {
  /** Bookmarks from the document's headings. */
  outline: boolean;
  /** Tagged (accessible) PDF, where the engine can. */
  tagged: boolean;
  /** Aborting it stops the print; the promise then rejects. */
  signal?: AbortSignal;
}

export type PrintPdf = (html: string, options: PrintOptions) => Promise<Uint8Array>;

/** A printer ready for one export (which prints twice: once to find the pages, once with them). */
export interface PdfPrinterSession {
  printPdf: PrintPdf;
  close(): Promise<void>;
}

export type PdfPrinterFactory = () => Promise<PdfPrinterSession>;

/**
 * Chromium through Playwright: the printer under Node (nodeHost in ../host.ts). Its module
 * is loaded by a computed path so bundlers leave it (and playwright-core, a development
 * dependency) out of the packaged app, which prints with Electron instead.
 */
export const loadChromiumPrinter: PdfPrinterFactory = async () => {
  const modulePath = './print-chromium.ts';
  let loaded: { openChromiumPrinter: PdfPrinterFactory };
  try {
    loaded = (await import(/* @vite-ignore */ modulePath)) as { openChromiumPrinter: PdfPrinterFactory };
  } catch {
    throw new AppError('EXPORT_FAILED', 'PDF export is not available here: no PDF printer is installed.');
  }
  return loaded.openChromiumPrinter();
};
