// What the program running the services can do for them that differs by host: print a PDF
// (Electron's printToPDF in the app, a system Chromium elsewhere), run the import's
// conversion workers, the daily backup's worker and the search readers (their scripts are bundled beside the
// app's or the CLI's main bundle), ask where to
// save a file (only the app has native dialogs), fetch through the system's proxy.
//
// It reaches the services one way: whoever hosts them (main/electron, browser mode in
// main/server, the CLI in main/cli) makes one HostServices and puts it in the handler
// context every main/api handler receives, and hands the same object to
// openLibrarySession, which starts the daily backup. Nothing is installed in a module
// global, so two hosts in one process (tests) cannot see each other's.
import { SOURCE_BACKUP_WORKER } from './daily-backup.ts';
import { loadChromiumPrinter, type PdfPrinterFactory } from './dossiers/printer.ts';
import { SOURCE_CONVERSION_WORKER } from './import/pool.ts';
import type { SecretStore } from './secrets.ts';
import { SOURCE_READER_WORKER } from '../db/readers.ts';

export interface HostServices {
  /** Opens a printer for one PDF export (which prints twice, then closes it). */
  openPdfPrinter: PdfPrinterFactory;
  /** The import's conversion worker script (main/services/import/worker.ts, or its built copy). */
  conversionWorker: URL;
  /** The daily backup's worker script (main/services/backup-worker.ts, or its built copy). */
  backupWorker: URL;
  /**
   * The search readers' worker script (main/db/reader-worker.ts, or its built copy). None:
   * searches run on the library's connection, as in the CLI, whose one search is over
   * before reader threads would have started (they cost a command 50 ms).
   */
  readerWorker?: URL;
  /** Asks where to save a file (the OS dialog confirms any overwrite); null when cancelled. Only the desktop app has it. */
  chooseSaveFile?: (suggestedName: string) => Promise<string | null>;
  /** Fetches a URL the user imports through the system's proxy and certificates (Electron's net); Node's fetch without it. */
  fetch?: typeof fetch;
  /** Keeps a team library's password between runs, encrypted by the system's keychain; only the desktop app has it, and only where the keychain encrypts. */
  secrets?: SecretStore;
}

/** The host under plain Node running the sources (browser mode, the CLI from sources, tests): a system Chromium prints. */
export function nodeHost(overrides: Partial<HostServices> = {}): HostServices {
  return { openPdfPrinter: loadChromiumPrinter, conversionWorker: SOURCE_CONVERSION_WORKER, backupWorker: SOURCE_BACKUP_WORKER, readerWorker: SOURCE_READER_WORKER, ...overrides };
}
