// `npm run bench [-- --quick] [--only import,search,...] [--seed N] [--fresh]`
//
// Measures Casefile at 1,000 (quick) or 10,000 and 100,000 articles (full) against the
// engines it is built on, and writes bench/results/{quick,full}.{json,md}. Benchmarks
// report; they never fail a build (the exit code is 0 unless the runner itself breaks).
// Each phase runs in its own process (bench/phases/); corpora and libraries live under
// bench/corpora/ (gitignored) and the large ones are reused by later runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir } from './lib/corpus.ts';
import { benchDir, projectRoot, runPhase, type PhaseOutcome } from './lib/phase.ts';
import { markdown, type Environment, type Report } from './lib/report.ts';
import { log } from './lib/stats.ts';
import type { BrowserResult } from './phases/browser.ts';
import type { BackupFigure } from './phases/backup.ts';
import type { BuildResult } from './phases/build.ts';
import type { CliResult } from './phases/cli.ts';
import type { ImportResult } from './phases/import.ts';
import type { OpenFigure } from './phases/open.ts';
import type { MapResult } from './phases/map.ts';
import type { PdfResult } from './phases/pdf.ts';
import type { SearchResult } from './phases/search.ts';
import type { TeamResult } from './phases/team.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    seed: { type: 'string', default: '1' },
    fresh: { type: 'boolean', default: false },
    // Where corpora and libraries live (default bench/corpora): a folder shared by worktrees
    // builds the 10,000-article library once.
    corpora: { type: 'string' },
    chromium: { type: 'string', default: process.env.CASEFILE_CHROMIUM ?? '/usr/bin/chromium' },
  },
});

const quick = values.quick;
const mode = quick ? 'quick' : 'full';
const seed = Number(values.seed);
const only = values.only ? new Set(values.only.split(',')) : null;
const wants = (phase: string) => !only || only.has(phase);
const started = Date.now();
// Quick must finish in under 3 minutes on a 2-core machine; the full run in about 45.
const budgetSeconds = quick ? 170 : 44 * 60;
const remaining = () => budgetSeconds - (Date.now() - started) / 1000;

const corpusRoot = values.corpora ? path.resolve(values.corpora) : path.join(benchDir, 'corpora');
const corpus = corpusDir(corpusRoot, seed);
const workDir = path.join(corpusRoot, `work-${mode}`);
const resultsDir = path.join(benchDir, 'results');
const lib = (label: string) => path.join(workDir, `library-${label}.casefile`);

function firstLine(command: string, args: string[]): string | null {
  const out = spawnSync(command, args, { encoding: 'utf8' });
  return out.status === 0 ? (out.stdout.split('\n')[0]?.trim() ?? null) : null;
}

function cpuPressure(): string | null {
  try {
    const line = fs.readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0]!;
    const avg10 = /avg10=([\d.]+)/.exec(line)?.[1];
    const avg60 = /avg60=([\d.]+)/.exec(line)?.[1];
    return `${avg10}% (10 s), ${avg60}% (60 s)`;
  } catch {
    return null;
  }
}

async function environment(): Promise<Environment> {
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(':memory:');
  const sqlite = db.prepare('SELECT sqlite_version()').pluck().get() as string;
  db.close();
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string };
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    machine: { cpu: cpus[0]?.model ?? 'unknown CPU', cores: cpus.length, ramGb: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()} ${os.arch()}` },
    node: process.version,
    sqlite,
    chromium: /[\d.]+/.exec(firstLine(values.chromium, ['--version']) ?? '')?.[0] ?? null,
    ripgrep: firstLine('rg', ['--version']),
    betterSqlite3: pkg.version,
    load: { start: os.loadavg(), end: null, cpuPressureStart: cpuPressure(), cpuPressureEnd: null },
  };
}

const report: Report = {
  mode,
  env: await environment(),
  seconds: 0,
  seed,
  config: {},
  corpus: null,
  import: null,
  build: {},
  search: {},
  open: null,
  browser: null,
  pdf: null,
  map: null,
  cli: null,
  backup: null,
  team: null,
  notMeasured: [],
  errors: [],
  findings: [],
};
const phaseLog: { phase: string; seconds: number; loadAtStart: number[] }[] = [];
report.config.phases = phaseLog;

async function phase<R>(name: string, label: string, config: Record<string, unknown>, timeoutMs?: number): Promise<R | null> {
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  // The import phase collects garbage between its runs so each run's peak RSS is its own.
  const outcome: PhaseOutcome<R> = await runPhase<R>(name, config, { timeoutMs, nodeArgs: name === 'import' ? ['--expose-gc'] : [] });
  phaseLog.push({ phase: label, seconds: Math.round(outcome.seconds), loadAtStart });
  if (outcome.error) {
    report.errors.push(`${label}: ${outcome.error}`);
    log(`phase ${label} failed: ${outcome.error}`);
  }
  return outcome.result;
}

/** Writes corpus files with one process per core (generation is CPU-bound). */
async function writeCorpus(kinds: { kind: 'txt' | 'html'; count: number }[]): Promise<void> {
  const parts = Math.max(1, Math.min(2, os.availableParallelism()));
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: parts }, (_, part) => runPhase<{ done: { kind: string; written: number; bytes: number }[] }>('corpus', { dir: corpus, seed, kinds, part, parts })));
  const written = results.flatMap((r) => r.result?.done ?? []);
  for (const r of results) if (r.error) report.errors.push(`corpus: ${r.error}`);
  const summary = report.corpus ?? {};
  for (const k of kinds) {
    const mine = written.filter((w) => w.kind === k.kind);
    summary[k.kind] = { articles: k.count, writtenNow: mine.reduce((n, w) => n + w.written, 0), mbWrittenNow: Math.round(mine.reduce((n, w) => n + w.bytes, 0) / 2 ** 20) };
  }
  summary.seconds = Math.round(((summary.seconds as number | undefined) ?? 0) + (performance.now() - t0) / 1000);
  summary.dir = path.relative(projectRoot, corpus);
  report.corpus = summary;
  phaseLog.push({ phase: `corpus ${kinds.map((k) => `${k.kind} ${k.count}`).join(', ')}`, seconds: Math.round((performance.now() - t0) / 1000), loadAtStart: os.loadavg() });
}

function writeReport(): void {
  report.seconds = (Date.now() - started) / 1000;
  report.env.load.end = os.loadavg();
  report.env.load.cpuPressureEnd = cpuPressure();
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${mode}.json`), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(resultsDir, `${mode}.md`), `${markdown(report)}\n`);
}

function pdfFindings(pdf: PdfResult | null): void {
  for (const p of pdf?.figures ?? []) {
    const first = p.phases['print the document (tagged, outline)'] ?? 0;
    const front = p.phases['print the front pages and join them'] ?? 0;
    if (first && front) {
      report.findings.push(
        `PDF, ${p.articles} articles: the print of the document (${(first / 1000).toFixed(1)} s) and the front pages printed again and joined (${(front / 1000).toFixed(1)} s) are ${Math.round(((first + front) / p.export.median) * 100)}% of the export's ${(p.export.median / 1000).toFixed(1)} s; Chromium prints the same HTML once (untagged, no outline) in ${(p.engine.median / 1000).toFixed(1)} s: ${(p.export.median / p.engine.median).toFixed(2)}× against a target of 1.5×${p.engineTagged ? `; tagged with its outline, as the export prints it, in ${(p.engineTagged.median / 1000).toFixed(1)} s: ${(p.export.median / p.engineTagged.median).toFixed(2)}×` : ''}.`,
      );
    }
  }
}

fs.mkdirSync(workDir, { recursive: true });
if (values.fresh) fs.rmSync(workDir, { recursive: true, force: true });
fs.mkdirSync(workDir, { recursive: true });
log(`${mode} run, seed ${seed}, corpus ${path.relative(projectRoot, corpus)}, budget ${Math.round(budgetSeconds / 60)} min, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

try {
  if (quick) {
    const N = 1000;
    const HTML = 200;
    report.config = {
      ...report.config,
      sizes: `${N} articles (text import; the search, list, open, browser and PDF figures run on that library); ${HTML} HTML files`,
      import: 'importInputs: text 2 runs, HTML 1 run, engine 2 runs',
      repetitions: 'search 20 (rg 5), open 5, browser: 3 opens, 5 highlights, 60 keystrokes; PDF 10 articles x2, 100 articles x1 if time allows',
    };
    await writeCorpus([
      { kind: 'txt', count: N },
      { kind: 'html', count: 1000 },
    ]);
    if (wants('import')) {
      report.import = await phase<ImportResult>('import', 'import 1k', { corpusDir: corpus, seed, count: N, htmlCount: HTML, runs: { txt: 2, html: 1, raw: 2 }, htmlCapSeconds: 40, workDir, keepLibrary: lib('1k'), annotateEvery: 10, breakdownSample: 60 });
    }
    if (!fs.existsSync(lib('1k'))) {
      const b = await phase<BuildResult>('build', 'build 1k', { corpusDir: corpus, seed, count: N, library: lib('1k'), annotateEvery: 10 });
      if (b) report.build['1k'] = b;
    }
    if (wants('search')) {
      const s = await phase<SearchResult>('search', 'search 1k', { library: lib('1k'), corpusDir: corpus, count: N, runs: 20, rgRuns: 5, highlightRuns: 10 });
      if (s) report.search['1k'] = s;
    }
    if (wants('open')) report.open = await phase<OpenFigure[]>('open', 'open 1k', { libraries: [{ label: '1k', path: lib('1k'), daily: true }], runs: 5 });
    if (wants('browser')) report.browser = await phase<BrowserResult>('browser', 'browser', { library: lib('1k'), seed, workDir, opens: 3, creates: 5, keystrokes: 60, chromium: values.chromium });
    if (wants('pdf')) {
      const sizes = [{ articles: 10, runs: 2 }];
      // The 100-article dossier takes most of a minute here; it runs when the budget allows.
      if (remaining() > 75) sizes.push({ articles: 100, runs: 1 });
      else report.notMeasured.push(`PDF of a 100-article dossier: skipped to keep the quick run under 3 minutes (${Math.round(remaining())} s were left)`);
      report.pdf = await phase<PdfResult>('pdf', 'pdf', { library: lib('1k'), sizes, chromium: values.chromium });
      pdfFindings(report.pdf);
    }
    if (wants('map')) report.map = await phase<MapResult>('map', 'map', { library: path.join(workDir, 'library-map.casefile'), actors: 5_000, links: 20_000, layoutRuns: 1, chromium: values.chromium });
    if (wants('cli')) report.cli = await phase<CliResult>('cli', 'cli 1k', { library: lib('1k'), label: '1k', runs: 5 });
    if (wants('backup')) report.backup = [await phase<BackupFigure>('backup', 'backup 1k', { library: lib('1k'), label: '1k', runs: 2, seed, days: 14 })].filter((f): f is BackupFigure => !!f);
    if (wants('team')) report.team = await phase<TeamResult>('team', 'team 1k', { articles: 1000, highlights: 5000, offlineChanges: 1000, latencyRuns: 20 });
    report.notMeasured.push('10,000 and 100,000 articles: the quick run measures at 1,000 (run without --quick for the full figures)');
  } else {
    report.config = {
      ...report.config,
      sizes: '10,000 articles imported through importInputs (text; kept, annotated, used for search at 10k, browser mode and PDF); 100,000 articles built in-process (convertFile + storeArticle, 500 a transaction, no worker pool) for search, list and open at 100k; 1,000 built the same way for open at 1k',
      import: 'importInputs: text 3 runs, HTML 1 run (capped), engine 3 runs, interleaved',
      repetitions: 'search 30 (rg 10 at 10k, 5 at 100k), open 10, browser: 5 opens, 10 highlights, 300 keystrokes; PDF 10 articles x5, 100 articles x3',
    };
    // The corpus files are needed to import, or to build the 10k library the first time.
    if (wants('import') || !fs.existsSync(lib('10k'))) {
      await writeCorpus([
        { kind: 'txt', count: 10_000 },
        { kind: 'html', count: 10_000 },
      ]);
    }
    if (wants('import')) {
      // HTML conversion is the slow part: it gets what the rest of the plan leaves it, at most 10 minutes.
      const htmlCapSeconds = Math.max(120, Math.min(600, remaining() - 32 * 60));
      report.import = await phase<ImportResult>('import', 'import 10k', { corpusDir: corpus, seed, count: 10_000, htmlCount: 10_000, runs: { txt: 3, html: 1, raw: 3 }, htmlCapSeconds, workDir, keepLibrary: lib('10k'), annotateEvery: 10, breakdownSample: 300 });
    }
    if (!fs.existsSync(lib('10k'))) {
      const b = await phase<BuildResult>('build', 'build 10k', { corpusDir: corpus, seed, count: 10_000, library: lib('10k'), annotateEvery: 10 });
      if (b) report.build['10k'] = b;
    }
    if (wants('search')) {
      const s = await phase<SearchResult>('search', 'search 10k', { library: lib('10k'), corpusDir: corpus, count: 10_000, runs: 30, rgRuns: 10, highlightRuns: 20 });
      if (s) report.search['10k'] = s;
    }
    if (wants('browser')) report.browser = await phase<BrowserResult>('browser', 'browser', { library: lib('10k'), seed, workDir, opens: 5, creates: 10, keystrokes: 300, chromium: values.chromium });
    if (wants('pdf')) {
      report.pdf = await phase<PdfResult>('pdf', 'pdf', { library: lib('10k'), sizes: [{ articles: 10, runs: 5 }, { articles: 100, runs: remaining() > 20 * 60 ? 3 : 2 }], chromium: values.chromium });
      pdfFindings(report.pdf);
    }
    if (wants('map')) report.map = await phase<MapResult>('map', 'map', { library: path.join(workDir, 'library-map.casefile'), actors: 5_000, links: 20_000, layoutRuns: 3, chromium: values.chromium });
    if (wants('cli')) report.cli = await phase<CliResult>('cli', 'cli 10k', { library: lib('10k'), label: '10k', runs: 10 });
    if (wants('backup')) report.backup = [await phase<BackupFigure>('backup', 'backup 10k', { library: lib('10k'), label: '10k', runs: 2, seed, days: 14 })].filter((f): f is BackupFigure => !!f);
    if (wants('team')) report.team = await phase<TeamResult>('team', 'team 10k', { articles: 10_000, highlights: 50_000, offlineChanges: 1000, latencyRuns: 50 });
    writeReport();
    if (wants('search') || wants('open')) {
      await writeCorpus([{ kind: 'txt', count: 100_000 }]);
      // Shared by full runs: rebuilt only when the corpus changes (or with --fresh).
      const big = path.join(corpusRoot, `library-100k-seed${seed}.casefile`);
      const b100 = await phase<BuildResult>('build', 'build 100k', { corpusDir: corpus, seed, count: 100_000, library: big, annotateEvery: 20 });
      if (b100) report.build['100k'] = b100;
      const b1 = await phase<BuildResult>('build', 'build 1k', { corpusDir: corpus, seed, count: 1_000, library: lib('1k'), annotateEvery: 10 });
      if (b1) report.build['1k'] = b1;
      writeReport();
      if (wants('search') && b100) {
        const s = await phase<SearchResult>('search', 'search 100k', { library: big, corpusDir: corpus, count: 100_000, runs: 30, rgRuns: 5, highlightRuns: 20 });
        if (s) report.search['100k'] = s;
        writeReport();
      }
      if (wants('open') && b100) {
        // The first open of a day copies the whole library (VACUUM INTO) and checks the copy:
        // at 100,000 articles that takes minutes, so it is measured there only if time remains.
        const daily100k = remaining() > 9 * 60;
        if (!daily100k) report.notMeasured.push(`first open of the day at 100k (the daily backup): skipped, ${Math.round(remaining() / 60)} min of the budget left`);
        report.open = await phase<OpenFigure[]>('open', 'open', {
          libraries: [
            { label: '1k', path: lib('1k'), daily: true },
            { label: '10k', path: lib('10k'), daily: true },
            { label: '100k', path: big, daily: daily100k },
          ],
          runs: 10,
        });
      }
    }
    // Backups of the 100,000-article library, and a week of them lived: about a quarter of an hour.
    const big = path.join(corpusRoot, `library-100k-seed${seed}.casefile`);
    if (wants('backup') && fs.existsSync(big) && remaining() > 20 * 60) {
      const b = await phase<BackupFigure>('backup', 'backup 100k', { library: big, label: '100k', runs: 1, seed, days: 8 });
      if (b) report.backup = [...(report.backup ?? []), b];
    } else if (wants('backup')) {
      report.notMeasured.push(`backups at 100k: ${fs.existsSync(big) ? `skipped, ${Math.round(remaining() / 60)} min of the budget left` : 'the 100,000-article library is built by the search and open phases'}`);
    }
  }
} catch (error) {
  report.errors.push(`runner: ${(error as Error).stack ?? String(error)}`);
}
writeReport();
log(`done in ${((Date.now() - started) / 60000).toFixed(1)} min: ${path.relative(projectRoot, path.join(resultsDir, `${mode}.md`))}`);
