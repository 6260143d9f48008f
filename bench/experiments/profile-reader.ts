// Where the reader's time goes (an investigation tool, not part of `npm run bench`):
// `node bench/experiments/profile-reader.ts LIBRARY [open|create|both]`. Builds the renderer without
// minification into bench/corpora/renderer-profile (so function names survive), serves
// it with the app's own server and dispatcher on LIBRARY (which must already hold the
// bench's big article, e.g. after a bench run), and records a CPU profile of the page
// while the 20,000-word article opens and while a highlight is created. Prints the
// functions with the most self time, the API calls' durations and the long tasks.
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createDispatcher } from '../../main/api/dispatch.ts';
import { closeLibrary, openLibrarySession } from '../../main/services/library.ts';
import { startServer } from '../../main/server/server.ts';
import { BIG_TITLE } from '../lib/big.ts';
import { benchDir } from '../lib/phase.ts';

const [libraryPath, what = 'both'] = process.argv.slice(2);
if (!libraryPath) throw new Error('usage: node bench/experiments/profile-reader.ts LIBRARY [open|create|both]');
const outDir = path.join(benchDir, 'corpora', 'renderer-profile');

// PROFILE_STATIC=DIR serves a renderer already built there (e.g. an experiment's variant) instead.
const staticDir = process.env.PROFILE_STATIC ?? outDir;
if (!process.env.PROFILE_STATIC) {
  const { build } = await import('vite');
  const { rendererConfig } = await import('../../renderer/vite.config.ts');
  await build({ ...rendererConfig, configFile: false, logLevel: 'warn', build: { ...rendererConfig.build, outDir, minify: false, sourcemap: false } });
}

const library = openLibrarySession(path.resolve(libraryPath), { dailyBackup: false });
const highestBefore = library.db.prepare('SELECT max(id) FROM annotation').pluck().get() as number;
const dispatch = createDispatcher(() => ({ library }));
const server = await startServer({ dispatch, events: () => library.events, staticDir, port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CASEFILE_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const cdp = await page.context().newCDPSession(page);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

/** Chromium's own timeline of the renderer's main thread: how long style, layout, paint and script took. */
async function traced(label: string, run: () => Promise<void>): Promise<void> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await run();
  const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const totals = new Map<string, number>();
  for (const e of events) {
    if (!main || e.tid !== main.tid || e.pid !== main.pid || e.ph !== 'X' || !e.dur) continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
  }
  console.log(`\n== ${label}: renderer main thread, by trace event (inclusive, ms; nested events count in their parents too)`);
  for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
}

async function profiled(label: string, run: () => Promise<void>): Promise<void> {
  await page.evaluate(() => {
    performance.clearResourceTimings();
    (window as unknown as { __long: number[] }).__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (window as unknown as { __long: number[] }).__long.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await run();
  const wall = Date.now() - t0;
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  const self = new Map<string, number>();
  const byNode = new Map<number, number>();
  profile.samples.forEach((s, i) => byNode.set(s, (byNode.get(s) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  for (const n of profile.nodes) {
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (byNode.get(n.id) ?? 0));
  }
  const api = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')).map((e) => `${Math.round(e.startTime)}+${Math.round(e.duration)} ms`),
  );
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  console.log(`\n== ${label}: ${wall} ms wall; API calls (start+duration): ${api.join(', ')}; long tasks: ${long.join(', ')} ms`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  // Inclusive time, and who calls the top self-time functions.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
  const keyOf = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  const inclusive = new Map<string, number>();
  const callers = new Map<string, Map<string, number>>();
  for (const n of profile.nodes) {
    const t = byNode.get(n.id) ?? 0;
    if (!t) continue;
    const seen = new Set<string>();
    for (let c: number | undefined = n.id; c !== undefined; c = parent.get(c)) {
      const k = keyOf(nodeById.get(c)!);
      if (!seen.has(k)) inclusive.set(k, (inclusive.get(k) ?? 0) + t);
      seen.add(k);
    }
    const p = parent.get(n.id);
    if (p !== undefined) {
      const m = callers.get(keyOf(n)) ?? new Map<string, number>();
      m.set(keyOf(nodeById.get(p)!), (m.get(keyOf(nodeById.get(p)!)) ?? 0) + t);
      callers.set(keyOf(n), m);
    }
  }
  console.log('-- inclusive');
  for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40))) console.log(`${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  console.log('-- callers of the top self-time functions');
  for (const [k] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 6)) {
    const m = callers.get(k);
    if (m) console.log(`${k} <- ${[...m].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([c, t]) => `${c} (${(t / 1000).toFixed(0)} ms)`).join(', ')}`);
  }
}

await page.goto(server.appUrl);
await page.locator('nav[aria-label="Library"] button').first().waitFor();
const other = page.locator('nav[aria-label="Library"] button').nth(1);
const big = page.locator('nav[aria-label="Library"] button', { hasText: BIG_TITLE });
// Once unprofiled, so code is loaded and compiled as in the bench's counted runs.
await big.click();
await page.locator('.annotation-card').nth(999).waitFor({ timeout: 60_000 });
if (what !== 'create') {
  await other.click();
  await page.waitForTimeout(500);
  const open = async () => {
    await big.click();
    await page.locator('.annotation-card').nth(999).waitFor({ timeout: 60_000 });
  };
  await profiled('open the big article (until 1,000 cards)', open);
  await other.click();
  await page.waitForTimeout(500);
  await traced('open the big article (until 1,000 cards)', open);
}
if (what !== 'open') {
  const select = async (p: Page) =>
    p.locator('[aria-label="Article text"]').evaluate((root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.length > 40 && !(n.parentElement?.closest('mark'))) nodes.push(n as Text);
      const n = nodes[Math.floor(nodes.length / 2)]!;
      n.parentElement!.scrollIntoView({ block: 'center' });
      window.getSelection()!.setBaseAndExtent(n, 5, n, 25);
    });
  await select(page);
  await page.getByRole('toolbar', { name: 'Tag the selection' }).waitFor();
  const clickHighlight = async () => {
    // A DOM click, as the bench does: Playwright's own click adds hit tests and scrolling of its own.
    await page.evaluate(() => document.querySelector<HTMLButtonElement>('[role="toolbar"][aria-label="Tag the selection"] button.kind-highlight')!.click());
    await page.locator('.annotation-popover').waitFor();
  };
  await profiled('create a highlight (click to new mark)', clickHighlight);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await select(page);
  await page.getByRole('toolbar', { name: 'Tag the selection' }).waitFor();
  await traced('create a highlight (click to popover)', clickHighlight);
}
await browser.close();
await server.close();
// Leave the big article with the highlights it had.
library.db.prepare('DELETE FROM annotation WHERE article_id = (SELECT id FROM article WHERE title = ?) AND id > ?').run(BIG_TITLE, highestBefore);
closeLibrary(library);
