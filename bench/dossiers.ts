// Export time and size for long dossiers: `node bench/dossiers.ts [10 100 ...]`.
// Builds a throwaway library of synthetic articles (about 1,650 words, 10 highlights each,
// through the API), exports every article in each format, and prints a table.
// A measurement, not a test: nothing is asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeLibrary, openLibrarySession } from '../main/services/library.ts';
import { exportToFile } from '../main/services/dossiers/exports.ts';
import { openChromiumPrinter } from '../main/services/dossiers/print-chromium.ts';
import { formatBytes } from '../main/services/dossiers/labels.ts';
import { addSyntheticArticles } from '../main/testing/annotated-library.ts';
import type { ExportFormat } from '../common/api/methods/dossiers.ts';

const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
const counts = sizes.length ? sizes : [10, 100];
const formats: ExportFormat[] = ['pdf', 'html', 'md', 'csv', 'w3c'];

console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 1024 ** 3)} GB, Node ${process.version}, ${os.platform()} ${os.release()}`);
console.log('articles  highlights  format  seconds  size       pages');
for (const count of counts) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-bench-'));
  try {
    const library = openLibrarySession(path.join(dir, 'bench.casefile'), { create: true, seed: false });
    await addSyntheticArticles(library, count, 10);
    const highlights = library.db.prepare('SELECT count(*) FROM annotation').pluck().get() as number;
    for (const format of formats) {
      const started = performance.now();
      const result = await exportToFile(library, { source: { all: true }, format }, path.join(dir, `all.${format}`), { force: true, openPdfPrinter: openChromiumPrinter });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `${String(count).padStart(8)}  ${String(highlights).padStart(10)}  ${format.padEnd(6)}  ${seconds.toFixed(2).padStart(7)}  ${formatBytes(result.bytes.byteLength).padEnd(9)}  ${result.pageCount ?? ''}`,
      );
    }
    closeLibrary(library);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`Peak resident memory of this process: ${formatBytes(process.resourceUsage().maxRSS * 1024)}`);
