// The Electron printer for dossier PDFs: the same HTML document the Node printer uses,
// printed by webContents.printToPDF in a hidden, sandboxed window with JavaScript off
// and every network request refused (main/services/dossiers/printer.ts).
import { BrowserWindow, session } from 'electron';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../common/api/errors.ts';
import type { PdfPrinterFactory, PdfPrinterSession } from '../services/dossiers/printer.ts';

/** The app's printer (its HostServices.openPdfPrinter): one hidden window per export. */
export const electronPdfPrinter: PdfPrinterFactory = async (): Promise<PdfPrinterSession> => {
  // Not "persist:": an in-memory session of its own, so nothing the print loads is cached.
  const printSession = session.fromPartition(`casefile-print-${randomBytes(6).toString('hex')}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-print-'));
  const documentPath = path.join(dir, 'dossier.html');
  const documentUrl = pathToFileURL(documentPath).href;
  // The document is self-contained: the only request allowed is the document itself.
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== documentUrl }));
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const window = new BrowserWindow({
    show: false,
    webPreferences: { session: printSession, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true },
  });
  return {
    async printPdf(html, options) {
      const abort = () => {
        if (!window.isDestroyed()) window.destroy();
      };
      options.signal?.addEventListener('abort', abort);
      try {
        // A file rather than a data: URL: dossiers run to megabytes, past data: URL limits.
        fs.writeFileSync(documentPath, html);
        await window.loadURL(documentUrl);
        const pdf = await window.webContents.printToPDF({
          printBackground: true,
          preferCSSPageSize: true,
          generateDocumentOutline: options.outline,
          generateTaggedPDF: options.tagged,
        });
        return new Uint8Array(pdf);
      } catch {
        if (options.signal?.aborted) throw new AppError('CANCELLED');
        throw new AppError('EXPORT_FAILED', 'The PDF could not be printed.');
      } finally {
        options.signal?.removeEventListener('abort', abort);
      }
    },
    async close() {
      if (!window.isDestroyed()) window.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};
