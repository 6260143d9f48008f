// PDF export of dossiers (10 and 100 annotated articles) through renderExport, against
// Chromium printing the same HTML directly (playwright-core page.pdf, one print, a
// browser already running). renderExport's phases are timed from its own progress
// events, so the gap can be attributed (collecting, drawing, starting Chromium, the two
// prints and the page numbering between them).
// The engine's print is untagged and without outline; the export's is tagged and bookmarked.
// So the same HTML is also printed tagged and with its outline, as the export's main print
// is: what Chromium alone needs for the document the export makes.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import type { ExportProgress } from '../../common/api/methods/dossiers.ts';
import { buildDocument } from '../../main/services/dossiers/document.ts';
import { renderExport } from '../../main/services/dossiers/exports.ts';
import { openChromiumPrinter } from '../../main/services/dossiers/print-chromium.ts';
import { collectExport } from '../../main/services/dossiers/model.ts';
import { createDossier, listDossiers } from '../../main/services/dossiers/service.ts';
import { closeLibrary, openLibrarySession, type Library } from '../../main/services/library.ts';
import { phaseMain, type PhaseConfig } from '../lib/phase.ts';
import { dist, log, mb, peakRssOf, resetPeak, rssOf, type Dist } from '../lib/stats.ts';

interface Config extends PhaseConfig {
  library: string;
  sizes: { articles: number; runs: number }[];
  chromium: string;
}

export interface PdfFigure {
  articles: number;
  highlights: number;
  pages: number | null;
  pdfMb: number;
  htmlMb: number;
  export: Dist;
  engine: Dist;
  /** Chromium printing the same HTML tagged and with its outline (the export's options for its main print). */
  engineTagged?: Dist;
  engineLaunchMs: number;
  /** Median milliseconds of each step of renderExport, from its progress events. */
  phases: Record<string, number>;
  peakRssMb: number | null;
  chromiumPeakRssMb: number | null;
}

export interface PdfResult {
  chromium: string;
  figures: PdfFigure[];
}

/** Sums the RSS of a process's descendants (Chromium's browser, renderer, GPU and utility processes). */
function descendantsRss(pid: number): number {
  let total = 0;
  const walk = (p: number) => {
    const children: string[] = [];
    try {
      for (const task of fs.readdirSync(`/proc/${p}/task`)) children.push(...fs.readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').split(' ').filter(Boolean));
    } catch {
      return;
    }
    for (const c of children) {
      total += rssOf(Number(c)) ?? 0;
      walk(Number(c));
    }
  };
  walk(pid);
  return total;
}

function dossierFor(library: Library, articles: number): { id: number; highlights: number } {
  const name = `Bench dossier of ${articles}`;
  const existing = listDossiers(library).find((d) => d.name === name);
  const ids = library.db
    .prepare('SELECT article_id FROM annotation GROUP BY article_id HAVING count(*) >= 3 AND count(*) < 50 ORDER BY article_id LIMIT ?')
    .pluck()
    .all(articles) as number[];
  const id = existing?.id ?? createDossier(library, { name, title: `Bench dossier: ${articles} articles`, author: 'Casefile bench', select: { articleIds: ids } }).id;
  const highlights = library.db.prepare('SELECT count(*) FROM annotation WHERE article_id IN (SELECT article_id FROM dossier_item WHERE dossier_id = ?)').pluck().get(id) as number;
  return { id, highlights };
}

phaseMain(async (config: Config): Promise<PdfResult> => {
  const library = openLibrarySession(config.library, { dailyBackup: false });
  const figures: PdfFigure[] = [];
  let version = '';
  for (const { articles, runs } of config.sizes) {
    const dossier = dossierFor(library, articles);
    // The engine's side: the very HTML the export prints (its first print), printed once.
    const model = await collectExport(library, { dossierId: dossier.id });
    const html = await buildDocument(model, { medium: 'print', pageNumbers: null });
    const launches: number[] = [];
    const engineSamples: number[] = [];
    const engineTaggedSamples: number[] = [];
    const exportSamples: number[] = [];
    const phaseSamples = new Map<string, number[]>();
    let pages: number | null = null;
    let pdfBytes = 0;
    let chromiumPeak = 0;
    resetPeak();
    // Alternating, so load on the machine falls on both.
    for (let r = 0; r < runs; r += 1) {
      // A browser of its own each run, closed before the export runs, so the export's
      // Chromium memory is its own. The launch is timed apart: the print is the engine's work.
      const launchStart = performance.now();
      const browser = await chromium.launch({ executablePath: config.chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
      launches.push(performance.now() - launchStart);
      version = browser.version();
      const print = async (tagged: boolean): Promise<number> => {
        const t0 = performance.now();
        const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load', timeout: 300_000 });
        await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged, outline: tagged });
        await context.close();
        return performance.now() - t0;
      };
      // Each first in turn, so neither always prints in a warmer browser.
      for (const tagged of r % 2 === 0 ? [false, true] : [true, false]) (tagged ? engineTaggedSamples : engineSamples).push(await print(tagged));
      await browser.close();

      const marks: { phase: string; at: number }[] = [];
      const off = library.events.on('export.progress', (p: ExportProgress) => marks.push({ phase: `${p.phase} ${p.done}/${p.total}`, at: performance.now() }));
      const sampler = setInterval(() => (chromiumPeak = Math.max(chromiumPeak, descendantsRss(process.pid))), 100);
      const t1 = performance.now();
      const output = await renderExport(library, { source: { dossierId: dossier.id }, format: 'pdf' }, openChromiumPrinter);
      exportSamples.push(performance.now() - t1);
      clearInterval(sampler);
      off();
      pages = output.pageCount;
      pdfBytes = output.bytes.byteLength;
      // Each step ends where the next begins: "collecting" until the first "building", and so on.
      const steps = new Map<string, number>();
      const first = (prefix: string) => marks.find((m) => m.phase.startsWith(prefix))?.at;
      const bounds: [string, number | undefined, number | undefined][] = [
        ['collect (read the library)', t1, first('building')],
        ['draw (HTML of every section; Chromium starts meanwhile)', first('building'), first('printing 0/2')],
        ['print the document (tagged, outline)', first('printing 0/2'), first('numbering')],
        ['find the pages (pdf-lib)', first('numbering'), first('printing 1/2')],
        ['print the front pages and join them', first('printing 1/2'), first('printing 2/2')],
        ['close', first('printing 2/2'), first('done')],
      ];
      for (const [label, a, b] of bounds) if (a !== undefined && b !== undefined) steps.set(label, b - a);
      for (const [k, v] of steps) phaseSamples.set(k, [...(phaseSamples.get(k) ?? []), v]);
    }
    const peak = peakRssOf();
    const figure: PdfFigure = {
      articles,
      highlights: dossier.highlights,
      pages,
      pdfMb: mb(pdfBytes) ?? 0,
      htmlMb: mb(Buffer.byteLength(html)) ?? 0,
      export: dist(exportSamples),
      engine: dist(engineSamples),
      engineTagged: dist(engineTaggedSamples),
      engineLaunchMs: dist(launches).median,
      phases: Object.fromEntries([...phaseSamples].map(([k, v]) => [k, dist(v).median])),
      peakRssMb: mb(peak),
      chromiumPeakRssMb: mb(chromiumPeak),
    };
    figures.push(figure);
    log(`  ${articles}-article dossier (${pages} pages): export ${(figure.export.median / 1000).toFixed(1)} s, Chromium alone ${(figure.engine.median / 1000).toFixed(1)} s, tagged with outline ${(figure.engineTagged!.median / 1000).toFixed(1)} s; ${JSON.stringify(Object.fromEntries(Object.entries(figure.phases).map(([k, v]) => [k, Math.round(v)])))}`);
  }
  closeLibrary(library);
  return { chromium: version, figures };
});
