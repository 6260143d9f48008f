// Could the export's second print (the one that only adds the contents' page numbers)
// be cheaper? (An experiment, not part of `npm run bench`.) `node
// bench/experiments/pdf-second-print.ts LIBRARY [articles]` prints the same dossier HTML
// whole, tagged with an outline (as the second print does), and only its first pages
// (cover and contents: what the page numbers change), each three times.
import { chromium } from 'playwright-core';
import { buildDocument } from '../../main/services/dossiers/document.ts';
import { collectExport } from '../../main/services/dossiers/model.ts';
import { listDossiers } from '../../main/services/dossiers/service.ts';
import { closeLibrary, openLibrarySession } from '../../main/services/library.ts';
import { dist } from '../lib/stats.ts';

const [file, articles = '100'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/experiments/pdf-second-print.ts LIBRARY [articles]');
const library = openLibrarySession(file, { dailyBackup: false });
const dossier = listDossiers(library).find((d) => d.name === `Bench dossier of ${articles}`);
if (!dossier) throw new Error(`no "Bench dossier of ${articles}" in this library: run the bench's pdf phase on it first`);
const html = await buildDocument(await collectExport(library, { dossierId: dossier.id }), { medium: 'print', pageNumbers: null });
closeLibrary(library);
const browser = await chromium.launch({ executablePath: process.env.CASEFILE_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const variants: [string, Parameters<import('playwright-core').Page['pdf']>[0]][] = [
  ['whole document', { printBackground: true, preferCSSPageSize: true }],
  ['whole, tagged, outline', { printBackground: true, preferCSSPageSize: true, tagged: true, outline: true }],
  ['pages 1-4 only', { printBackground: true, preferCSSPageSize: true, pageRanges: '1-4' }],
];
const samples = variants.map(() => [] as number[]);
const setContent: number[] = [];
for (let r = 0; r < 3; r += 1) {
  for (const [i, [, options]] of variants.entries()) {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.setContent(html, { waitUntil: 'load', timeout: 300_000 });
    const t1 = performance.now();
    await page.pdf(options);
    samples[i]!.push(performance.now() - t1);
    setContent.push(t1 - t0);
    await context.close();
  }
}
await browser.close();
console.log(`${articles}-article dossier, ${(html.length / 2 ** 20).toFixed(1)} MB of HTML; setContent ${dist(setContent).median.toFixed(0)} ms (median of all)`);
for (const [i, [label]] of variants.entries()) console.log(`${label}: page.pdf ${dist(samples[i]!).median.toFixed(0)} ms (median of ${samples[i]!.length})`);
