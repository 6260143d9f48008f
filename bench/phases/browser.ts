// Browser mode in Chromium: the app served by `node main/server/web.ts` on a bench
// library, driven by playwright-core. Opening the 20,000-word article with 1,000
// highlights (text and every mark painted; then a mark clicked and its popover shown),
// creating a highlight (click to its mark in the DOM, the API and SQLite commit in
// between), and typing in a notebook page (keystroke to the frame after it is painted).
// Each against Chromium doing the same without Casefile: the same text and marks as
// static HTML, typing into a plain contenteditable holding the same page. Memory: the
// server's RSS (it runs the services) and the renderer's JS heap (CDP).
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { invokeBrowserMode, startBrowserMode, type BrowserMode } from '../../main/server/launch.ts';
import { closeLibrary, openLibrarySession } from '../../main/services/library.ts';
import { ensureBigFixture } from '../lib/big.ts';
import { closePopover, measureOpen, staticHtml, timeHighlight, type OpenRun } from '../lib/reader.ts';
import { phaseMain, type PhaseConfig } from '../lib/phase.ts';
import { dist, log, mb, peakRssOf, resetPeak, rssOf, type Dist } from '../lib/stats.ts';

interface Config extends PhaseConfig {
  library: string;
  seed: number;
  workDir: string;
  opens: number;
  creates: number;
  keystrokes: number;
  chromium: string;
}

export interface BrowserResult {
  chromium: string;
  serverStartSeconds: number;
  fixture: { words: number; highlights: number; noteWords: number; libraryArticles: number };
  open: {
    textAndMarks: Dist;
    interactive: Dist;
    clickToPopover: Dist;
    panel: Dist;
    requestsSent: Dist;
    dataIn: Dist;
    engineStaticHtml: Dist;
    drawInfo: string[];
  } | null;
  createHighlight: { clickToMark: Dist; apiRoundTrip: Dist } | null;
  typing: { keystrokeToPaint: Dist; engineContentEditable: Dist; saved: boolean } | null;
  memory: {
    serverRssMb: Record<string, number | null>;
    rendererHeapMb: Record<string, { used: number; total: number } | null>;
  };
  errors: string[];
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function startWeb(library: string): Promise<BrowserMode & { seconds: number }> {
  const started = performance.now();
  // Generous: a stale renderer is rebuilt first, and the first open of a day writes a backup.
  const web = await startBrowserMode({ library, timeoutMs: 600_000 });
  return { ...web, seconds: (performance.now() - started) / 1000 };
}


async function heap(cdp: CDPSession): Promise<{ used: number; total: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
  return { used: mb(usage.usedSize)!, total: mb(usage.totalSize)! };
}

/** Records, for each keydown, the time to the frame after it is painted (rAF, then a task). */
const KEY_PROBE = `
  window.__keyLatencies = [];
  document.addEventListener('keydown', (event) => {
    const at = event.timeStamp;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => window.__keyLatencies.push(performance.now() - at);
      channel.port2.postMessage(0);
    });
  }, true);
`;

/** Types `count` characters in bursts of a sentence, pausing between them as a writer does (the page autosaves then). */
async function typeBursts(page: Page, count: number): Promise<number[]> {
  await page.evaluate(KEY_PROBE);
  const sentence = ' The envoy said the crossing would reopen after the talks.';
  let typed = 0;
  while (typed < count) {
    const burst = sentence.slice(0, Math.min(sentence.length, count - typed));
    await page.keyboard.type(burst, { delay: 35 });
    typed += burst.length;
    await page.waitForTimeout(900);
  }
  return page.evaluate(() => (window as unknown as { __keyLatencies: number[] }).__keyLatencies);
}

phaseMain(async (config: Config): Promise<BrowserResult> => {
  const errors: string[] = [];
  const library = openLibrarySession(config.library, { dailyBackup: false });
  const fixture = await ensureBigFixture(library, config.seed, config.workDir);
  const libraryArticles = library.db.prepare('SELECT count(*) FROM article').pluck().get() as number;
  const otherTitle = library.db.prepare('SELECT title FROM article WHERE id <> ? ORDER BY retrieved_at DESC, id DESC LIMIT 1').pluck().get(fixture.articleId) as string;
  closeLibrary(library);
  log(`  fixture: ${fixture.words} words, ${fixture.highlights} highlights; notebook page of ${fixture.noteWords} words`);

  const web = await startWeb(config.library);
  const serverPid = web.pid;
  log(`  browser mode up in ${web.seconds.toFixed(1)} s`);
  const serverRss: Record<string, number | null> = { afterStart: mb(rssOf(serverPid)) };
  const heaps: Record<string, { used: number; total: number } | null> = {};
  let browser: Browser | null = null;
  const result: BrowserResult = {
    chromium: '',
    serverStartSeconds: web.seconds,
    fixture: { words: fixture.words, highlights: fixture.highlights, noteWords: fixture.noteWords, libraryArticles },
    open: null,
    createHighlight: null,
    typing: null,
    memory: { serverRssMb: serverRss, rendererHeapMb: heaps },
    errors,
  };
  try {
    browser = await chromium.launch({ executablePath: config.chromium, headless: true, args: CHROMIUM_ARGS });
    result.chromium = browser.version();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    const cdp = await context.newCDPSession(page);
    await page.goto(web.appUrl);
    await page.locator('nav[aria-label="Library"] button').first().waitFor({ timeout: 120_000 });
    heaps.libraryView = await heap(cdp);

    // Opening the big article.
    try {
      resetPeak(serverPid);
      const runs: OpenRun[] = [];
      const drawInfo: string[] = [];
      for (let i = 0; i < config.opens + 1; i += 1) {
        const r = await measureOpen(page, fixture, otherTitle);
        await closePopover(page);
        // The first open warms the server's statements and the page's code: not counted.
        if (i > 0) runs.push(r);
        drawInfo.push((await page.locator('.draw-info').textContent().catch(() => ''))?.replace(/^\s*·\s*/, '') ?? '');
      }
      serverRss.openArticlePeak = mb(peakRssOf(serverPid));
      heaps.bigArticleOpen = await heap(cdp);
      // The engine: Chromium putting the same text and marks on screen from static HTML.
      const html = staticHtml(fixture);
      const engine = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await engine.setContent('<!DOCTYPE html><html><head><style>body{font:17px/1.6 serif;max-width:46em;margin:auto}mark{background:#fde68a}</style></head><body><main id="c"></main></body></html>');
      const engineSamples: number[] = [];
      for (let i = 0; i < config.opens + 1; i += 1) {
        const ms = await engine.evaluate(
          (html) =>
            new Promise<number>((resolve) => {
              const c = document.getElementById('c')!;
              c.innerHTML = '';
              requestAnimationFrame(() => {
                const started = performance.now();
                c.innerHTML = html;
                requestAnimationFrame(() => resolve(performance.now() - started));
              });
            }),
          html,
        );
        if (i > 0) engineSamples.push(ms);
      }
      await engine.close();
      result.open = {
        textAndMarks: dist(runs.map((r) => r.text)),
        interactive: dist(runs.map((r) => r.interactive)),
        clickToPopover: dist(runs.map((r) => r.clickToPopover)),
        panel: dist(runs.map((r) => r.panel)),
        requestsSent: dist(runs.map((r) => r.requestsSent)),
        dataIn: dist(runs.map((r) => r.dataIn)),
        engineStaticHtml: dist(engineSamples),
        drawInfo,
      };
      log(`  open: text+marks ${result.open.textAndMarks.median.toFixed(0)} ms, interactive ${result.open.interactive.median.toFixed(0)} ms, panel ${result.open.panel.median.toFixed(0)} ms; static HTML ${result.open.engineStaticHtml.median.toFixed(0)} ms`);
    } catch (error) {
      errors.push(`open: ${(error as Error).message}`);
    }

    // Creating highlights in it.
    try {
      resetPeak(serverPid);
      const words = [...fixture.text.matchAll(/\S+ \S+ \S+/g)].map((m) => m[0]).filter((w) => /^[a-z]+ [a-z]+ [a-z]+$/.test(w));
      const samples: number[] = [];
      const before = new Set(fixture.ranges.map((r) => r.id));
      for (let i = 0; i < config.creates + 1; i += 1) {
        const ms = await timeHighlight(page, words[(i * 97 + 13) % words.length]!);
        if (i > 0) samples.push(ms);
      }
      serverRss.createHighlightPeak = mb(peakRssOf(serverPid));
      // The same save through the API alone (HTTP, dispatch, service, SQLite commit), no renderer.
      const apiSamples: number[] = [];
      for (let i = 0; i < config.creates; i += 1) {
        const start = fixture.ranges[i * 7]!.start;
        const t0 = performance.now();
        await invokeBrowserMode(web.appUrl, 'annotations.create', { articleId: fixture.articleId, kind: 'highlight', target: { start, end: start + 30 } });
        apiSamples.push(performance.now() - t0);
      }
      result.createHighlight = { clickToMark: dist(samples), apiRoundTrip: dist(apiSamples) };
      log(`  create highlight: click to mark ${result.createHighlight.clickToMark.median.toFixed(0)} ms, API ${result.createHighlight.apiRoundTrip.median.toFixed(0)} ms`);
      // Leave the article with its 1,000 highlights for the next run.
      const all = await invokeBrowserMode<{ id: number }[]>(web.appUrl, 'annotations.list', { articleId: fixture.articleId, limit: 20_000 });
      for (const a of all) if (!before.has(a.id)) await invokeBrowserMode(web.appUrl, 'annotations.delete', { id: a.id });
    } catch (error) {
      errors.push(`create highlight: ${(error as Error).message}`);
    }

    // Typing in a notebook page.
    try {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Notebook' }).click();
      await page.locator('nav[aria-label="Notebook pages"] button', { hasText: 'Bench notebook page' }).first().click();
      const editor = page.locator('[aria-label="Page text"]');
      await editor.waitFor({ timeout: 30_000 });
      await editor.click();
      await page.keyboard.press('Control+End');
      resetPeak(serverPid);
      const latencies = await typeBursts(page, config.keystrokes);
      await page.locator('.save-state.saved').waitFor({ timeout: 10_000 }).catch(() => undefined);
      const saved = (await page.locator('.save-state').textContent()) === 'Saved';
      serverRss.typingPeak = mb(peakRssOf(serverPid));
      heaps.notebookAfterTyping = await heap(cdp);
      // The engine: a plain contenteditable with the same page text.
      const noteText = await editor.evaluate((el) => [...el.children].map((c) => `<p>${(c.textContent ?? '').replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</p>`).join(''));
      const engine = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await engine.setContent(`<!DOCTYPE html><html><body><div id="e" contenteditable="true" style="font:16px/1.6 sans-serif;max-width:46em;margin:auto">${noteText}</div></body></html>`);
      await engine.locator('#e').click();
      await engine.keyboard.press('Control+End');
      const engineLatencies = await typeBursts(engine, config.keystrokes);
      await engine.close();
      // Some keystrokes (Shift for capitals) add a keydown of their own: every one is a keystroke the user made.
      result.typing = { keystrokeToPaint: dist(latencies), engineContentEditable: dist(engineLatencies), saved };
      log(`  typing: ${latencies.length} keydowns, median ${result.typing.keystrokeToPaint.median.toFixed(1)} ms, p95 ${result.typing.keystrokeToPaint.p95.toFixed(1)} ms; plain contenteditable ${result.typing.engineContentEditable.median.toFixed(1)} ms`);
    } catch (error) {
      errors.push(`typing: ${(error as Error).message}`);
    }
  } finally {
    serverRss.end = mb(rssOf(serverPid));
    await browser?.close().catch(() => undefined);
    await web.stop();
  }
  return result;
});
