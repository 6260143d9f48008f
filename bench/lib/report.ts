// The report: everything measured as JSON, and a Markdown page with the figures against
// the engines and the distance to each target. Targets are reported, never asserted.
import type { BrowserResult } from '../phases/browser.ts';
import type { BackupFigure } from '../phases/backup.ts';
import type { BuildResult } from '../phases/build.ts';
import type { CliResult } from '../phases/cli.ts';
import type { ImportResult } from '../phases/import.ts';
import type { OpenFigure } from '../phases/open.ts';
import type { MapResult } from '../phases/map.ts';
import type { PdfResult } from '../phases/pdf.ts';
import type { SearchResult } from '../phases/search.ts';
import type { TeamResult } from '../phases/team.ts';
import type { Dist } from './stats.ts';

export interface Environment {
  date: string;
  machine: { cpu: string; cores: number; ramGb: number; os: string };
  node: string;
  sqlite: string | null;
  chromium: string | null;
  ripgrep: string | null;
  betterSqlite3: string;
  load: { start: number[]; end: number[] | null; cpuPressureStart: string | null; cpuPressureEnd: string | null };
}

export interface Report {
  mode: 'quick' | 'full';
  env: Environment;
  seconds: number;
  seed: number;
  config: Record<string, unknown>;
  corpus: Record<string, unknown> | null;
  import: ImportResult | null;
  build: Record<string, BuildResult>;
  search: Record<string, SearchResult>;
  open: OpenFigure[] | null;
  browser: BrowserResult | null;
  pdf: PdfResult | null;
  map: MapResult | null;
  cli?: CliResult | null;
  backup?: BackupFigure[] | null;
  team?: TeamResult | null;
  notMeasured: string[];
  errors: string[];
  findings: string[];
}

const f1 = (n: number | null | undefined) => (n === null || n === undefined || Number.isNaN(n) ? '–' : n < 10 ? n.toFixed(1) : n.toFixed(0));
const ms = (n: number | null | undefined) => (n === null || n === undefined || Number.isNaN(n) ? '–' : `${f1(n)} ms`);
const sec = (n: number | null | undefined) => (n === null || n === undefined || Number.isNaN(n) ? '–' : `${(n / 1000).toFixed(1)} s`);
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? `${(a / b).toFixed(a / b < 10 ? 1 : 0)}×` : '–');
const count = (n: number) => n.toLocaleString('en-US');

function distance(value: number | null | undefined, target: number, unit: 's' | 'ms', lowerIsBetter = true): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'not measured';
  const show = (v: number) => (unit === 's' ? `${v.toFixed(1)} s` : `${f1(v)} ms`);
  const met = lowerIsBetter ? value <= target : value >= target;
  return met ? `met (${show(value)}, ${Math.round((1 - value / target) * 100)}% under)` : `missed by ${show(value - target)} (${(value / target).toFixed(1)}× target)`;
}

/** The last daily backup of the days lived (the one the bench restores). */
function newestDaily(week: BackupFigure['week']): BackupFigure['week']['files'][number] | undefined {
  return week.files.filter((f) => f.name.includes('.daily-')).sort((a, b) => b.name.localeCompare(a.name))[0];
}

interface Row {
  figure: string;
  casefile: string;
  engine: string;
  ratio: string;
  target: string;
  distance: string;
}

/** The summary against the targets, from whatever was measured. */
export function summaryRows(r: Report): Row[] {
  const rows: Row[] = [];
  const imp = r.import;
  if (imp) {
    const txt10k = (10_000 / imp.txt.median) * 1000;
    rows.push({
      figure: `Import text through importInputs (${count(imp.count)} files${imp.count !== 10_000 ? ', 10,000 projected' : ''}, ${imp.txt.n} runs)`,
      casefile: `${f1(imp.txt.median)}/s (slowest run ${f1(imp.txt.min)}/s) → 10,000 in ${sec(txt10k)} (slowest ${sec((10_000 / imp.txt.min) * 1000)})`,
      engine: `better-sqlite3 + FTS5: ${f1(imp.raw.median)}/s (slowest ${f1(imp.raw.min)}/s)`,
      ratio: ratio(imp.raw.median, imp.txt.median),
      target: "10,000 < 20 s; ≥ 0.75× the engine's rate",
      distance: `${distance(txt10k / 1000, 20, 's')}; ${share(imp.txt.median, imp.raw.median, 0.75)}`,
    });
    // The first text run's library (closed, WAL folded in) beside the engine's own file of the same texts.
    const first = imp.runs.find((x) => x.kind === 'txt');
    const engineMb = imp.rawRuns.length ? imp.rawRuns.map((x) => x.dbMb).sort((a, b) => a - b)[Math.floor(imp.rawRuns.length / 2)]! : null;
    if (first && engineMb) {
      const times = first.libraryMb / engineMb;
      rows.push({
        figure: `Library size after importing ${count(first.imported)} text files`,
        casefile: `${first.libraryMb.toFixed(1)} MB`,
        engine: `better-sqlite3 + FTS5, same texts: ${engineMb.toFixed(1)} MB`,
        ratio: `${times.toFixed(2)}×`,
        target: '≤ 1.5× the engine',
        distance: times <= 1.5 ? `met (${times.toFixed(2)}×)` : `missed by ${(times - 1.5).toFixed(2)}× (${(first.libraryMb - 1.5 * engineMb).toFixed(1)} MB)`,
      });
    }
    if (imp.html) {
      const html10k = (10_000 / imp.html.median) * 1000;
      const htmlRun = imp.runs.find((x) => x.kind === 'html');
      rows.push({
        figure: `Import HTML through importInputs (${count(htmlRun?.imported ?? 0)} files${htmlRun?.imported !== 10_000 ? ', 10,000 projected' : ''}, ${imp.html.n} run${imp.html.n === 1 ? '' : 's'})`,
        casefile: `${f1(imp.html.median)}/s${imp.html.n > 1 ? ` (slowest ${f1(imp.html.min)}/s)` : ''} → 10,000 in ${sec(html10k)}`,
        engine: `same texts, better-sqlite3 + FTS5: ${f1(imp.raw.median)}/s`,
        ratio: ratio(imp.raw.median, imp.html.median),
        target: '10,000 ≤ 90 s',
        distance: distance(html10k / 1000, 90, 's'),
      });
    }
  }
  const sizes = Object.keys(r.search);
  const largest = sizes[sizes.length - 1];
  for (const size of sizes) {
    const s = r.search[size]!;
    for (const q of s.queries) {
      rows.push({
        figure: `Search ${size}: ${q.label}`,
        casefile: `${ms(q.service.median)} / p95 ${ms(q.service.p95)}`,
        engine: `FTS5 MATCH ${ms(q.bare.median)} / ${ms(q.bare.p95)}${q.rg ? `; rg -i ${ms(q.rg.median)}` : ''}`,
        ratio: `${ratio(q.service.median, q.bare.median)} FTS5${q.rg ? `; rg ÷ Casefile ${ratio(q.rg.median, q.service.median)}` : ''}`,
        target: size === largest ? (q.rg ? 'p95 < 50 ms; ≥ 10× faster than rg' : 'p95 < 50 ms') : '(p95 < 50 ms at 100k)',
        distance:
          size === largest
            ? `${distance(q.service.p95, 50, 'ms')}${q.rg ? `; rg speed-up ${q.rg.median / q.service.median >= 10 ? 'met' : 'missed'} (${(q.rg.median / q.service.median).toFixed(1)}×)` : ''}`
            : distance(q.service.p95, 50, 'ms'),
      });
      // Issue 17: every match ranked, the condition for making it the default.
      if (q.rankAll) {
        rows.push({
          figure: `Search ${size}: ${q.label}, every match ranked (rankAll)`,
          casefile: `${ms(q.rankAll.median)} / p95 ${ms(q.rankAll.p95)}`,
          engine: `FTS5 MATCH ${ms(q.bare.median)} / ${ms(q.bare.p95)}`,
          ratio: `${ratio(q.rankAll.median, q.bare.median)} FTS5`,
          target: size === largest ? 'p95 < 50 ms' : '(p95 < 50 ms at 100k)',
          distance: distance(q.rankAll.p95, 50, 'ms'),
        });
      }
    }
    rows.push({
      figure: `Library list, first page (listArticles 0-100) at ${size}`,
      casefile: `${ms(s.list.service.median)} / p95 ${ms(s.list.service.p95)}`,
      engine: `bare SELECT ${ms(s.list.bare.median)} / ${ms(s.list.bare.p95)}`,
      ratio: ratio(s.list.service.median, s.list.bare.median),
      target: '–',
      distance: '–',
    });
    rows.push({
      figure: `Highlight saved, service (createAnnotation, own transaction) at ${size}`,
      casefile: `${ms(s.highlight.service.median)} / p95 ${ms(s.highlight.service.p95)}`,
      engine: `bare INSERT + commit ${ms(s.highlight.bare.median)} / ${ms(s.highlight.bare.p95)}`,
      ratio: ratio(s.highlight.service.median, s.highlight.bare.median),
      target: '< 50 ms',
      distance: distance(s.highlight.service.p95, 50, 'ms'),
    });
  }
  for (const o of r.open ?? []) {
    rows.push({
      figure: `Library open, cold process, open + first query, ${o.label} (${count(o.articles ?? 0)} articles, ${f1(o.libraryMb)} MB)`,
      casefile: `${ms(o.service.openAndQuery.median)} / p95 ${ms(o.service.openAndQuery.p95)} (whole process ${ms(o.service.process.median)})`,
      engine: `better-sqlite3 ${ms(o.raw.openAndQuery.median)} / ${ms(o.raw.openAndQuery.p95)} (process ${ms(o.raw.process.median)})`,
      ratio: ratio(o.service.openAndQuery.median, o.raw.openAndQuery.median),
      target: '< 100 ms, any size',
      distance: distance(o.service.openAndQuery.p95, 100, 'ms'),
    });
    if (o.daily) {
      rows.push({
        figure: `Library open, first open of the day (daily backup in a worker thread), ${o.label}`,
        casefile: ms(o.daily.openAndQuery),
        engine: `(backup ${f1(o.daily.backupMb)} MB${o.daily.backupMs == null ? '' : `, written ${ms(o.daily.backupMs)} after the open began`})`,
        ratio: ratio(o.daily.openAndQuery, o.raw.openAndQuery.median),
        target: '< 100 ms, any size',
        distance: distance(o.daily.openAndQuery, 100, 'ms'),
      });
    }
  }
  const b = r.browser;
  if (b?.open) {
    rows.push({
      figure: `Open ${count(b.fixture.words)}-word article with ${count(b.fixture.highlights)} highlights: text and all marks painted`,
      casefile: `${ms(b.open.textAndMarks.median)} / p95 ${ms(b.open.textAndMarks.p95)}`,
      engine: `same text + marks as static HTML ${ms(b.open.engineStaticHtml.median)} / ${ms(b.open.engineStaticHtml.p95)}`,
      ratio: ratio(b.open.textAndMarks.median, b.open.engineStaticHtml.median),
      target: '< 500 ms',
      distance: distance(b.open.textAndMarks.p95, 500, 'ms'),
    });
    rows.push({
      figure: '… and interactive (a mark clicked, its popover shown)',
      casefile: `${ms(b.open.interactive.median)} / p95 ${ms(b.open.interactive.p95)} (click to popover ${ms(b.open.clickToPopover.median)})`,
      engine: '–',
      ratio: '–',
      target: '< 500 ms',
      distance: distance(b.open.interactive.p95, 500, 'ms'),
    });
  }
  if (b?.createHighlight) {
    rows.push({
      figure: 'Create a highlight in that article (click to its mark in the DOM)',
      casefile: `${ms(b.createHighlight.clickToMark.median)} / p95 ${ms(b.createHighlight.clickToMark.p95)}`,
      engine: `API round trip alone ${ms(b.createHighlight.apiRoundTrip.median)} / ${ms(b.createHighlight.apiRoundTrip.p95)}`,
      ratio: ratio(b.createHighlight.clickToMark.median, b.createHighlight.apiRoundTrip.median),
      target: '< 50 ms',
      distance: distance(b.createHighlight.clickToMark.p95, 50, 'ms'),
    });
  }
  if (b?.typing) {
    rows.push({
      figure: `Typing in a notebook page (${count(b.fixture.noteWords)} words), keystroke to paint`,
      casefile: `${ms(b.typing.keystrokeToPaint.median)} / p95 ${ms(b.typing.keystrokeToPaint.p95)}`,
      engine: `plain contenteditable ${ms(b.typing.engineContentEditable.median)} / ${ms(b.typing.engineContentEditable.p95)}`,
      ratio: ratio(b.typing.keystrokeToPaint.median, b.typing.engineContentEditable.median),
      target: '–',
      distance: '–',
    });
  }
  if (r.cli) {
    rows.push({
      figure: `casefile list, whole process, ${r.cli.label} (${count(r.cli.articles)} articles printed)`,
      casefile: `bundle ${ms(r.cli.bundle.median)} / p95 ${ms(r.cli.bundle.p95)} (TypeScript sources ${ms(r.cli.sources.median)})`,
      engine: `node -e with better-sqlite3, the same rows ${ms(r.cli.engine.median)} / ${ms(r.cli.engine.p95)}`,
      ratio: ratio(r.cli.bundle.median, r.cli.engine.median),
      target: r.cli.label === '10k' ? '≤ 150 ms at 10k' : '(≤ 150 ms at 10k)',
      distance: r.cli.label === '10k' ? distance(r.cli.bundle.median, 150, 'ms') : '–',
    });
  }
  for (const k of r.backup ?? []) {
    rows.push({
      figure: `Backups on disk, daily use (7 daily + 1 migration backup kept; +${k.week.articlesPerDay} articles a day, annotated; ${k.week.days} days lived), ${k.label} (${f1(k.week.libraryMb)} MB library at the end)`,
      casefile: `at most ${k.week.ratio.toFixed(2)}× the library on any day from the 7th (${k.week.byDay.map((d) => `day ${d.day} ${d.ratio.toFixed(2)}×`).join(', ')}); a daily backup written in ${sec(k.week.daily.median)}`,
      engine: `whole compressed backups: ${k.weekRatioWhole.toFixed(2)}× (each ${f1(k.compressedMb)} MB); uncompressed: ${k.weekRatioUncompressed.toFixed(1)}×`,
      ratio: '–',
      target: '≤ 2× the library',
      distance: k.week.ratio <= 2 ? `met (${Math.round((1 - k.week.ratio / 2) * 100)}% under)` : `missed by ${(k.week.ratio - 2).toFixed(2)}×`,
    });
    rows.push({
      figure: `Restore a compressed daily backup (decompress, check, rename), ${k.label}`,
      casefile: `whole ${sec(k.restore.median)} / p95 ${sec(k.restore.p95)}, writing it ${sec(k.backup.median)}; the newest daily of the days lived (${newestDaily(k.week)?.builtOn ? 'built on a whole one' : 'a whole one'}) ${sec(k.week.restoreMs)}`,
      engine: `SQLite VACUUM INTO alone ${sec(k.vacuumInto.median)}; uncompressed restore ${sec(k.restoreUncompressed.median)}, backup ${sec(k.backupUncompressed.median)}`,
      ratio: ratio(k.restore.median, k.vacuumInto.median),
      target: '–',
      distance: '–',
    });
  }
  for (const p of r.pdf?.figures ?? []) {
    rows.push({
      figure: `PDF export, ${p.articles}-article dossier (${p.highlights} highlights, ${p.pages ?? '?'} pages)`,
      casefile: `${sec(p.export.median)} / p95 ${sec(p.export.p95)}`,
      engine: `Chromium page.pdf of the same HTML ${sec(p.engine.median)} / ${sec(p.engine.p95)} (+ launch ${sec(p.engineLaunchMs)})${p.engineTagged ? `; tagged with its outline, as the export prints it: ${sec(p.engineTagged.median)} / ${sec(p.engineTagged.p95)}, the export ${ratio(p.export.median, p.engineTagged.median)} that` : ''}`,
      ratio: ratio(p.export.median, p.engine.median),
      target: `≤ 1.5× Chromium (${sec(p.engine.median * 1.5)})${p.articles === 100 ? '; < 30 s' : ''}`,
      distance: distance(p.export.median / 1000, (p.engine.median * 1.5) / 1000, 's'),
    });
  }
  return rows;
}

/** Casefile's rate as a share of the engine's, against the least share the target allows. */
function share(casefile: number, engine: number, least: number): string {
  const x = casefile / engine;
  return `${x.toFixed(2)}× the engine's rate, ${x >= least ? 'met' : `missed by ${(least - x).toFixed(2)}× (${Math.ceil(least * engine - casefile)}/s short)`}`;
}

function table(header: string[], rows: string[][]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

const d = (x: Dist | null | undefined, unit: 'ms' | 's' = 'ms') => {
  if (!x) return '–';
  const show = unit === 's' ? sec : ms;
  return `${show(x.median)} / ${show(x.p95)} (n=${x.n})`;
};

export function markdown(r: Report): string {
  const e = r.env;
  const out: string[] = [];
  out.push(`# Casefile benchmarks: ${r.mode} run`);
  out.push('');
  out.push(`${e.date} · ${e.machine.cpu}, ${e.machine.cores} cores, ${e.machine.ramGb} GB RAM, ${e.machine.os} · Node ${e.node} · SQLite ${e.sqlite ?? '?'} (better-sqlite3 ${e.betterSqlite3}) · Chromium ${e.chromium ?? '?'} · ${e.ripgrep ?? 'ripgrep ?'}`);
  out.push('');
  out.push(`Load average (1, 5, 15 min) at start ${e.load.start.map((x) => x.toFixed(2)).join(', ')}, at end ${e.load.end?.map((x) => x.toFixed(2)).join(', ') ?? '?'}; CPU pressure (PSI "some") at start ${e.load.cpuPressureStart ?? '?'}, at end ${e.load.cpuPressureEnd ?? '?'}. The run took ${(r.seconds / 60).toFixed(1)} min. Seed ${r.seed}. Figures are median / p95 over the runs shown (n); other jobs shared the machine, so compare each figure with its engine figure from the same run rather than with other machines.`);
  out.push('');
  out.push('## Against the engines and the targets');
  out.push('');
  out.push(table(['Figure', 'Casefile (median / p95)', 'Engine, same run', 'Casefile ÷ engine', 'Target', 'Distance'], summaryRows(r).map((x) => [x.figure, x.casefile, x.engine, x.ratio, x.target, x.distance])));
  out.push('');
  if (r.findings.length) {
    out.push('## Findings');
    out.push('');
    for (const f of r.findings) out.push(`- ${f}`);
    out.push('');
  }

  const weeks = (r.backup ?? []).filter((k) => k.week);
  if (weeks.length) {
    out.push('## Backups: days of daily use');
    out.push('');
    out.push('A copy of the library gets a day of work (1% more articles, imported and annotated) and its daily backup, dated that day, day after day, with a migration backup on the last evening. What the backups folder holds at the end:');
    out.push('');
    for (const k of weeks) {
      out.push(table([`${k.label}, after ${k.week.days} days (+${count(k.week.articlesPerDay)} articles a day; library ${f1(k.week.libraryMb)} MB at the end)`, 'MB', 'Holds'], [
        ...k.week.files.map((f) => [f.name, f1(f.mb), f.builtOn ? `the pages ${f.builtOn} lacks` : 'every page (whole)']),
        ['all of them', f1(k.week.files.reduce((sum, f) => sum + f.mb, 0)), `${k.week.ratio.toFixed(2)}× the library`],
      ]));
      out.push('');
    }
  }

  if (r.import) {
    const imp = r.import;
    out.push('## Import');
    out.push('');
    out.push(`Conversion pool of ${imp.poolSize} workers. Each run imports into a new library, timed from the pool's creation to the last outcome. The engine run inserts the same texts (read from the same text files) into a bare table with the same FTS5 index, WAL, synchronous=FULL, 500 rows a transaction.`);
    out.push('');
    out.push(
      table(
        ['Run', 'Articles', 'Seconds', 'Articles/s', 'CPU s', 'First stored', 'Peak RSS', 'Library'],
        [
          ...imp.runs.map((x) => [`importInputs ${x.kind}`, `${count(x.imported)}${x.cancelled ? ` (+${count(x.cancelled)} cancelled at the cap)` : ''}`, x.seconds.toFixed(1), f1(x.perSecond), f1(x.cpuSeconds), x.firstStoredSeconds === null ? '–' : `${x.firstStoredSeconds.toFixed(1)} s`, `${f1(x.peakRssMb)} MB`, `${f1(x.libraryMb)} MB`]),
          ...imp.rawRuns.map((x) => ['better-sqlite3 + FTS5', count(imp.count), x.seconds.toFixed(1), f1(x.perSecond), f1(x.cpuSeconds), '–', '–', `${f1(x.dbMb)} MB`]),
        ],
      ),
    );
    out.push('');
    out.push('Per article, on one thread, from a sample (median / p95):');
    out.push('');
    out.push(table(['Step', 'ms per article'], Object.entries(imp.breakdown).map(([k, v]) => [k, d(v)])));
    out.push('');
    if (imp.annotate) out.push(`Annotated through createAnnotation: ${count(imp.annotate.created)} highlights on ${count(imp.annotate.articles)} articles in ${imp.annotate.seconds.toFixed(1)} s (${imp.annotate.failed} failed).`);
    out.push('');
  }
  const builds = Object.entries(r.build);
  if (builds.length) {
    out.push('## Libraries built for search, list and open');
    out.push('');
    out.push(
      table(
        ['Library', 'Articles', 'How', 'Seconds', 'Articles/s', 'Highlights', 'Size', 'Change log (target < 10%)'],
        builds.map(([k, b]) => [
          k,
          count(b.count),
          b.reused ? 'in-process convertFile + storeArticle, 500 a transaction (reused from an earlier run)' : 'in-process convertFile + storeArticle, 500 a transaction',
          b.seconds.toFixed(0),
          f1(b.perSecond),
          b.annotate ? `${count(b.annotate.created)} on ${count(b.annotate.articles)} articles` : '–',
          `${f1(b.libraryMb)} MB`,
          b.changeLog ? `${f1(b.changeLog.mb)} MB, ${(b.changeLog.share * 100).toFixed(1)}% (${count(b.changeLog.rowChanges)} row changes)` : '–',
        ]),
      ),
    );
    out.push('');
  }
  for (const [size, s] of Object.entries(r.search)) {
    out.push(`## Search at ${size} (${count(s.articles)} articles, ${count(s.annotations)} highlights, ${f1(s.libraryMb)} MB, ${s.ftsSegments ?? '?'} FTS5 segments)`);
    out.push('');
    out.push('Service: search() for a ranked page of 20 with snippets and the total count, over articles, highlights and notebook pages, as the app asks by default (above 5,000 matches the newest 2,000 of each kind are ranked), on the library’s reader threads as the app runs it (one per core: the count beside the newest matches; every match ranked in slices side by side, each slice counted after its ranking; a filtered search on the library’s connection, the outlet and dates read once as one set of articles); rank all: the same with every match ranked (rankAll). FTS5: the bare MATCH ranked by the same column-weighted bm25 (rank MATCH \'bm25(10.0, 1.0)\'), top 20 articles (with the same filters in plain SQL). rg: ripgrep over the same articles as text files, list of matching files.');
    out.push('');
    out.push(
      table(
        ['Query', 'Results: service (all kinds) / FTS5 articles / rg -i files', 'Service', 'Service, rank all', 'FTS5 MATCH', 'rg -l -F -i', 'rg -l -F', 'Service ÷ FTS5', 'Rank all ÷ FTS5', 'rg ÷ service'],
        s.queries.map((q) => [
          q.label,
          `${count(q.total)} / ${count(q.articleMatches)} / ${q.rgFiles === null ? '–' : count(q.rgFiles)}`,
          d(q.service),
          d(q.rankAll),
          d(q.bare),
          d(q.rg),
          d(q.rgCaseSensitive),
          ratio(q.service.median, q.bare.median),
          q.rankAll ? ratio(q.rankAll.median, q.bare.median) : '–',
          q.rg ? ratio(q.rg.median, q.service.median) : '–',
        ]),
      ),
    );
    out.push('');
    out.push(
      `Library list first page: listArticles ${d(s.list.service)}; bare SELECT with highlight counts ${d(s.list.bare)}; without counts ${d(s.list.bareNoCount)}; sorted by date ${d(s.list.sorts.published)}, by title ${d(s.list.sorts.title)}. Highlight saved (createAnnotation, its own transaction): ${d(s.highlight.service)}; bare INSERT ${d(s.highlight.bare)}. Peak RSS of this process ${f1(s.peakRssMb)} MB.`,
    );
    out.push('');
  }
  if (r.open?.length) {
    out.push('## Opening a library cold');
    out.push('');
    out.push('A new Node process per sample opens the library and asks for the library list\'s first page (listArticles 0-100). "Open + query" is timed inside the process; "process" is spawn to exit, Node\'s start-up and module loading included (type-stripped TypeScript sources here; the app loads a bundle). The OS page cache is warm (other jobs share the machine: caches are not dropped).');
    out.push('');
    out.push(
      table(
        ['Library', 'Open + query', 'open', 'query', 'Module load', 'Process', 'Engine open + query', 'Engine process', 'First open of the day'],
        r.open.map((o) => [`${o.label} (${count(o.articles ?? 0)} articles, ${f1(o.libraryMb)} MB)`, d(o.service.openAndQuery), d(o.service.open), d(o.service.query), d(o.service.load), d(o.service.process), d(o.raw.openAndQuery), d(o.raw.process), o.daily ? `${ms(o.daily.openAndQuery)} (backup ${f1(o.daily.backupMb)} MB${o.daily.backupMs == null ? '' : `, written after ${ms(o.daily.backupMs)}`})` : '–']),
      ),
    );
    out.push('');
  }
  if (b(r)) {
    const br = r.browser!;
    out.push(`## Browser mode (Chromium ${br.chromium})`);
    out.push('');
    out.push(`\`node main/server/web.ts\` on the ${count(br.fixture.libraryArticles)}-article library (up in ${br.serverStartSeconds.toFixed(1)} s), driven by playwright-core at 1280×800. The article: ${count(br.fixture.words)} words, ${count(br.fixture.highlights)} highlights (every fourth a 25-word claim overlapping the next). Times are from the click, read at each animation frame.`);
    out.push('');
    const rows: string[][] = [];
    if (br.open) {
      rows.push(['Open: text and all marks', d(br.open.textAndMarks), `static HTML ${d(br.open.engineStaticHtml)}`]);
      rows.push(['Open: interactive (mark clicked, popover shown)', d(br.open.interactive), '–']);
      rows.push(['Open: click on a mark to popover', d(br.open.clickToPopover), '–']);
      rows.push(['Open: panel listing every highlight', d(br.open.panel), '–']);
      rows.push(['Open: requests for the article and its highlights sent', d(br.open.requestsSent), '–']);
      rows.push(['Open: last answer in', d(br.open.dataIn), '–']);
      rows.push(['Marks built (the reader\'s own count)', br.open.drawInfo.join('; '), '–']);
    }
    if (br.createHighlight) rows.push(['Create a highlight: click to mark', d(br.createHighlight.clickToMark), `API round trip ${d(br.createHighlight.apiRoundTrip)}`]);
    if (br.typing) rows.push(['Typing: keydown to painted frame', d(br.typing.keystrokeToPaint), `plain contenteditable ${d(br.typing.engineContentEditable)}`]);
    out.push(table(['Measure', 'Casefile', 'Chromium alone'], rows));
    out.push('');
    out.push(`Memory: server (main process running the services) RSS ${Object.entries(br.memory.serverRssMb).map(([k, v]) => `${k} ${f1(v)} MB`).join(', ')}. Renderer JS heap after GC (used / total): ${Object.entries(br.memory.rendererHeapMb).map(([k, v]) => `${k} ${v ? `${f1(v.used)} / ${f1(v.total)} MB` : '–'}`).join(', ')}.`);
    if (br.errors.length) out.push(`\nErrors: ${br.errors.join('; ')}`);
    out.push('');
  }
  if (r.map) {
    const m = r.map;
    out.push(`## Relationship map (${count(m.actors)} actors, ${count(m.links)} links)`);
    out.push('');
    out.push('Layout: d3-force with Barnes–Hut repulsion, in Node as the map\'s Web Worker runs it, beside the pairwise layout it replaced (one pass timed, times the 60 passes it ran at this size). The Map view in Chromium is fed the same graph in place of the app\'s own `connections.map` answer; frame times are read at each animation frame.');
    out.push('');
    out.push(table(['', 'Casefile', 'Engine / before'], [
      ['Layout (whole)', d(m.layout), `pairwise layout, estimated ${sec(m.pairwiseEstimateMs)}`],
      ['Map view ready (open to drawn)', ms(m.viewReadyMs), '–'],
      ['Frame while panning', d(m.panFrame), '16.7 ms at 60 fps'],
      ['Frame while hovering actors', d(m.hoverFrame), '16.7 ms at 60 fps'],
    ]));
    if (m.errors.length) out.push('', ...m.errors.map((e) => `- ${e}`));
    out.push('');
  }
  if (r.pdf?.figures.length) {
    out.push(`## PDF export (Chromium ${r.pdf.chromium})`);
    out.push('');
    out.push('renderExport(library, { source: { dossierId }, format: "pdf" }) against Chromium printing the same HTML (the document builder\'s print HTML) once with page.pdf in a browser already started. Steps of the export from its own progress events (medians).');
    out.push('');
    out.push(
      table(
        ['Dossier', 'Pages', 'Export', 'Chromium page.pdf', 'Export ÷ Chromium', 'Chromium page.pdf, tagged with outline', 'Export ÷ that', 'Steps of the export', 'Node peak RSS', 'Chromium peak RSS', 'PDF'],
        r.pdf.figures.map((p) => [`${p.articles} articles, ${p.highlights} highlights`, String(p.pages ?? '?'), d(p.export, 's'), d(p.engine, 's'), ratio(p.export.median, p.engine.median), d(p.engineTagged, 's'), p.engineTagged ? ratio(p.export.median, p.engineTagged.median) : '–', Object.entries(p.phases).map(([k, v]) => `${k} ${sec(v)}`).join('; '), `${f1(p.peakRssMb)} MB`, `${f1(p.chromiumPeakRssMb)} MB`, `${f1(p.pdfMb)} MB`]),
      ),
    );
    out.push('');
  }
  if (r.team) {
    const t = r.team;
    out.push('## Team sync (PostgreSQL on loopback)');
    out.push('');
    out.push(`A throwaway PostgreSQL cluster on 127.0.0.1; an owner's library of ${count(t.articles)} articles (each with its original file) and ${count(t.highlights)} highlights joins the team library (its content pushed), then a new member's empty library joins (everything pulled). MB are bytes on the sync's connection.`);
    out.push('');
    out.push(
      table(
        ['Figure', 'Value'],
        [
          ['Owner joins (push)', `${f1(t.ownerJoin.seconds)} s, ${count(t.ownerJoin.rows)} rows, ${f1(t.ownerJoin.mbOut)} MB sent, ${t.ownerJoin.queries} queries`],
          ['Member joins (pull)', `${f1(t.memberJoin.seconds)} s, ${count(t.memberJoin.rows)} rows, ${f1(t.memberJoin.mbIn)} MB received, ${t.memberJoin.queries} queries`],
          ['One highlight, saved on A to present on B (live sync, LISTEN/NOTIFY)', `${ms(t.highlightLatencyMs.median)} / ${ms(t.highlightLatencyMs.p95)} (n ${t.highlightLatencyMs.n}); target under 2 s`],
          [`${count(t.offline.changes)} offline changes pushed in one sync`, `${f1(t.offline.seconds)} s, ${t.offline.queries} queries, ${f1(t.offline.mbOut)} MB sent`],
          ['Queries of a sync with nothing to do', String(t.idleSyncQueries)],
          ...(t.memberLibrary
            ? [[`The member's library after joining (whole file; the team's tables in it: the copy of each synced row that conflicts are told from, outbox, conflicts)`, `${f1(t.memberLibrary.mb)} MB; team tables ${f1(t.memberLibrary.teamMb)} MB (${Math.round((t.memberLibrary.teamMb / t.memberLibrary.mb) * 100)}%)`]]
            : []),
        ],
      ),
    );
    out.push('');
  }
  out.push('## How the figures were made');
  out.push('');
  out.push(`- Corpus: generated from seed ${r.seed} by bench/lib/corpus.ts (a seeded sfc32 PRNG): news-like articles of 300 to 3,000 words (uniform), Zipf-distributed vocabulary with a long tail of coined words and village names (the rare terms), recurring named actors, agency datelines, section headings, quoted statements, one article in 40 in Urdu and one in 80 in Arabic (right to left), and some English ones quoting an Urdu or Arabic phrase. Written as text files and as saved news pages (HTML with navigation, share bars, related links, cookie banner and JSON-LD) under bench/corpora/ (gitignored).`);
  out.push('- Annotations: created through createAnnotation on one article in ten (one in twenty at 100,000): each named actor (actor highlight linked to the actor), the outlet (source highlight), up to two quoted statements (claims with claimant, source and credibility) and the lead sentence (highlight). Given as ranges of the stored text, as the reader sends them.');
  for (const [k, v] of Object.entries(r.config)) if (k !== 'phases') out.push(`- ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  out.push('');
  const phases = r.config.phases as { phase: string; seconds: number; loadAtStart: number[] }[] | undefined;
  if (phases?.length) {
    out.push('Phases, in the order they ran, with the load average (1, 5, 15 min) when each started:');
    out.push('');
    out.push(table(['Phase', 'Seconds', 'Load at start'], phases.map((p) => [p.phase, String(p.seconds), p.loadAtStart.map((x) => x.toFixed(2)).join(', ')])));
    out.push('');
  }
  if (r.notMeasured.length) {
    out.push('## Not measured in this run');
    out.push('');
    for (const n of r.notMeasured) out.push(`- ${n}`);
    out.push('');
  }
  if (r.errors.length) {
    out.push('## Errors');
    out.push('');
    for (const x of r.errors) out.push(`- ${x}`);
    out.push('');
  }
  return out.join('\n');
}

function b(r: Report): boolean {
  return r.browser !== null && r.browser !== undefined;
}
