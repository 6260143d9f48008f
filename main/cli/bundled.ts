// The CLI's entry in its built bundle (out/cli, `npm run build:cli`): the import and
// backup workers are built beside it, and the Chromium printer is a chunk of its own,
// loaded only by a PDF export; its HostServices name them. From sources, bin/casefile.mjs
// loads main.ts instead, which runs with nodeHost().
import { nodeHost } from '../services/host.ts';
import { main as runCommand } from './main.ts';

const host = nodeHost({
  conversionWorker: new URL('./import-worker.js', import.meta.url),
  backupWorker: new URL('./backup-worker.js', import.meta.url),
  readerWorker: undefined,
  openPdfPrinter: async () => (await import('../services/dossiers/print-chromium.ts')).openChromiumPrinter(),
});

export function main(argv: string[]): Promise<number> {
  return runCommand(argv, host);
}
