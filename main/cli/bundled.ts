// The CLI's entry in its built bundle (out/cli, `npm run build:cli`): the import and
// backup workers are built beside it, and the Chromium printer is a chunk of its own,
// loaded only by a PDF export. From sources, bin/casefile.mjs loads main.ts instead.
import { setBackupWorkerScript } from '../services/daily-backup.ts';
import { setPdfPrinter } from '../services/dossiers/printer.ts';
import { setConversionWorkerScript } from '../services/import/pool.ts';

setConversionWorkerScript(new URL('./import-worker.js', import.meta.url));
setBackupWorkerScript(new URL('./backup-worker.js', import.meta.url));
setPdfPrinter(async () => (await import('../services/dossiers/print-chromium.ts')).openChromiumPrinter());

export { main } from './main.ts';
