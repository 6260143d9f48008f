// The Node printer: playwright-core driving the system's Chromium (or Chrome), headless,
// with JavaScript off, offline, and every request aborted: the dossier is
// self-contained, so nothing it contains may reach the network or run.
import fs from 'node:fs';
import { AppError } from '../../../common/api/errors.ts';
import type { PdfPrinterSession, PrintOptions } from './printer.ts';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** CASEFILE_CHROMIUM, else the usual places of Chromium and Chrome on Linux, macOS and Windows. */
export function findChromium(): string | null {
  const candidates = [
    process.env.CASEFILE_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    process.env.PROGRAMFILES && `${process.env.PROGRAMFILES}\\Google\\Chrome\\Application\\chrome.exe`,
    process.env['PROGRAMFILES(X86)'] && `${process.env['PROGRAMFILES(X86)']}\\Google\\Chrome\\Application\\chrome.exe`,
    process.env.LOCALAPPDATA && `${process.env.LOCALAPPDATA}\\Google\\Chrome\\Application\\chrome.exe`,
  ];
  return candidates.find((p): p is string => !!p && fs.existsSync(p)) ?? null;
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'The export was cancelled; no file was written.');
}

export async function openChromiumPrinter(): Promise<PdfPrinterSession> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new AppError('EXPORT_FAILED', 'PDF export needs Chromium or Google Chrome, and neither was found. Install one, or set CASEFILE_CHROMIUM to its path.');
  }
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new AppError('EXPORT_FAILED', 'PDF export needs the playwright-core package, which is not installed here.');
  }
  let browser: import('playwright-core').Browser;
  try {
    browser = await playwright.chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  } catch {
    throw new AppError('EXPORT_FAILED', `Chromium at ${executablePath} could not be started for the PDF.`);
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser.close().catch(() => undefined);
  };
  // One page for the export's prints, made now so that it is ready when the first print
  // comes (the export draws its sections meanwhile); setContent replaces the document.
  let page: import('playwright-core').Page;
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true, acceptDownloads: false, serviceWorkers: 'block' });
    page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    // No emulateMedia('print'): page.pdf lays out with print media anyway, and laying the
    // page out for print on load as well cost a 485-page dossier a second (the same PDF).
  } catch {
    await close();
    throw new AppError('EXPORT_FAILED', `Chromium at ${executablePath} could not open a page for the PDF.`);
  }

  return {
    close,
    async printPdf(html: string, options: PrintOptions): Promise<Uint8Array> {
      if (options.signal?.aborted) throw cancelled();
      // Closing the browser is the only way to stop a print in progress.
      const onAbort = () => void close();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await page.setContent(html, { waitUntil: 'load', timeout: 120_000 });
        const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true, outline: options.outline, tagged: options.tagged });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } catch {
        if (options.signal?.aborted) throw cancelled();
        throw new AppError('EXPORT_FAILED', 'Chromium could not print the dossier to PDF.');
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
