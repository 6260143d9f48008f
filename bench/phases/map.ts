// The relationship map at scale: 5,000 actors and 20,000 links. Layout time (d3-force with
// Barnes–Hut, in Node, as the map's Web Worker runs it) beside the pairwise layout it
// replaced (one iteration, timed, times the iterations it would run); then the real Map
// view in Chromium, fed that graph (the app's own `connections.map` answer replaced in the
// page's network layer, so nothing but the map is synthetic), and the frame times while
// panning and while hovering actors.
import { chromium, type Page } from 'playwright-core';
import { startBrowserMode } from '../../main/server/launch.ts';
import { closeLibrary, openLibrarySession } from '../../main/services/library.ts';
import { computeLayout } from '../../renderer/src/connections/layout.ts';
import { scaleMap } from '../../renderer/src/connections/fixtures.ts';
import { phaseMain, type PhaseConfig } from '../lib/phase.ts';
import { dist, log, type Dist } from '../lib/stats.ts';

interface Config extends PhaseConfig {
  library: string;
  actors: number;
  links: number;
  layoutRuns: number;
  chromium: string;
}

export interface MapResult {
  actors: number;
  links: number;
  /** d3-force (Barnes–Hut), the whole layout, ms. */
  layout: Dist;
  /** The pairwise layout it replaced: one iteration × the 60 it ran at this size, ms (estimated, not run whole). */
  pairwiseEstimateMs: number;
  /** From opening the Map view to the laid-out map drawn, ms. */
  viewReadyMs: number | null;
  /** Frame-to-frame time while dragging the map, ms. */
  panFrame: Dist | null;
  /** Frame-to-frame time while the pointer moves over actors (hover focus), ms. */
  hoverFrame: Dist | null;
  errors: string[];
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** One pairwise repulsion pass over n points, as the old layout did every iteration. */
function pairwiseIterationMs(n: number): number {
  const x = Float64Array.from({ length: n }, (_, i) => Math.cos(i) * i);
  const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * i);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const started = performance.now();
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      const ex = x[i]! - x[j]!;
      const ey = y[i]! - y[j]!;
      const f = 3600 / (ex * ex + ey * ey + 1e-6);
      dx[i]! += ex * f;
      dy[i]! += ey * f;
      dx[j]! -= ex * f;
      dy[j]! -= ey * f;
    }
  }
  return performance.now() - started;
}

/** Frame intervals in the page while `act` runs (requestAnimationFrame timestamps). */
async function frames(page: Page, act: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    const tick = (t: number) => {
      w.__frames.push(t);
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await act();
  const times = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames;
  });
  // Headless Chromium can run two callbacks with one frame's timestamp: those are not frames.
  return times.slice(1).map((t, i) => t - times[i]!).filter((interval) => interval > 0.5);
}

phaseMain<Config, MapResult>(async (config) => {
  const errors: string[] = [];
  const map = scaleMap(config.actors, config.links);
  const input = { nodes: map.nodes, edges: map.edges.map((e) => ({ a: e.a, b: e.b, weight: e.claimIds.length })) };
  const layoutTimes: number[] = [];
  for (let run = 0; run < config.layoutRuns; run += 1) {
    const started = performance.now();
    computeLayout(input);
    layoutTimes.push(performance.now() - started);
    log(`map: layout ${run + 1}/${config.layoutRuns} in ${(layoutTimes.at(-1)! / 1000).toFixed(1)} s`);
  }
  const pairwiseEstimateMs = pairwiseIterationMs(config.actors) * 60;

  closeLibrary(openLibrarySession(config.library, { create: true, seed: false }));
  const web = await startBrowserMode({ library: config.library, timeoutMs: 600_000 });
  const browser = await chromium.launch({ executablePath: config.chromium, args: CHROMIUM_ARGS });
  let viewReadyMs: number | null = null;
  let panFrame: Dist | null = null;
  let hoverFrame: Dist | null = null;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // The app's own answer to connections.map, replaced by the large graph; every other call goes through.
    await page.route('**/api/invoke', async (route) => {
      const body = route.request().postDataJSON() as { method?: string };
      if (body?.method === 'connections.map') await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: map }) });
      else await route.continue();
    });
    await page.goto(web.appUrl);
    const started = performance.now();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Map' }).click();
    await page.getByText(`${config.actors} actors, ${map.edges.length} links`, { exact: true }).waitFor({ timeout: 600_000 });
    await page.locator('.cf-map-node').first().waitFor();
    viewReadyMs = performance.now() - started;

    const svg = await page.locator('svg.cf-map-svg').boundingBox();
    if (!svg) throw new Error('the map is not on the page');
    // Drag from an empty corner of the stage (a drag that starts on an actor picks it instead).
    const from = { x: svg.x + 8, y: svg.y + 8 };
    panFrame = dist(
      await frames(page, async () => {
        await page.mouse.move(from.x, from.y);
        await page.mouse.down();
        for (let i = 1; i <= 90; i += 1) await page.mouse.move(from.x + i * 4, from.y + i * 2);
        await page.mouse.up();
      }),
    );
    const actors = await page.locator('.cf-map-node circle').evaluateAll((els) =>
      els.slice(0, 400).map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }),
    );
    const inside = actors.filter((p) => p.x > svg.x && p.y > svg.y && p.x < svg.x + svg.width && p.y < svg.y + svg.height).slice(0, 40);
    hoverFrame = dist(
      await frames(page, async () => {
        for (const p of inside) await page.mouse.move(p.x, p.y);
      }),
    );
  } catch (error) {
    errors.push((error as Error).message);
  } finally {
    await browser.close();
    await web.stop();
  }
  return { actors: config.actors, links: map.edges.length, layout: dist(layoutTimes), pairwiseEstimateMs, viewReadyMs, panFrame, hoverFrame, errors };
});
