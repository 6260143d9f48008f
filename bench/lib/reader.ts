// Driving the reader in Chromium for the measurements (shared by the browser phase and
// the experiments): opening the big article from the library list, creating a highlight
// from a selection, and the same text as static HTML for the engine's side.
import type { Page } from 'playwright-core';
import type { BigFixture } from './big.ts';

/** The article as static HTML with the same marks (split where highlights overlap, as the reader does). */
export function staticHtml(fixture: BigFixture): string {
  const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  const out: string[] = [`<h1>${esc(fixture.title)}</h1>`];
  let offset = 0;
  for (const para of fixture.text.split('\n\n')) {
    const start = offset;
    const end = start + para.length;
    offset = end + 2;
    const inside = fixture.ranges.filter((r) => r.start < end && r.end > start);
    const cuts = [...new Set([start, end, ...inside.flatMap((r) => [Math.max(start, r.start), Math.min(end, r.end)])])].sort((a, b) => a - b);
    let html = '';
    for (let i = 0; i + 1 < cuts.length; i += 1) {
      const [a, b] = [cuts[i]!, cuts[i + 1]!];
      const ids = inside.filter((r) => r.start <= a && r.end >= b).map((r) => r.id);
      const piece = esc(fixture.text.slice(a, b));
      html += ids.length ? `<mark data-annotation-ids="${ids.join(' ')}">${piece}</mark>` : piece;
    }
    out.push(`<p>${html}</p>`);
  }
  return out.join('\n');
}

export interface OpenRun {
  text: number;
  interactive: number;
  clickToPopover: number;
  panel: number;
  /** When the article and highlight requests went out, and when the last answer was in (from the click). */
  requestsSent: number;
  dataIn: number;
}

export async function measureOpen(page: Page, fixture: BigFixture, otherTitle: string): Promise<OpenRun> {
  // Another article first, so each run opens the big one from the library as a reader would.
  await page.locator('nav[aria-label="Library"] button', { hasText: otherTitle }).first().click();
  await page.locator('h1.reader-title', { hasText: otherTitle }).waitFor({ timeout: 60_000 });
  await page.locator('[aria-label="Article text"]').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(300);
  return page.evaluate(
    ({ title, highlights }) =>
      new Promise<OpenRun>((resolve, reject) => {
        const button = [...document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Library"] button')].find((b) => b.textContent?.includes(title));
        if (!button) return reject(new Error('the big article is not in the library list'));
        // Live collections: reading their length each frame costs far less than a query.
        const marks = document.getElementsByTagName('mark');
        const cards = document.getElementsByClassName('annotation-card');
        const popovers = document.getElementsByClassName('annotation-popover');
        performance.clearResourceTimings();
        const started = performance.now();
        let text = 0;
        let clicked = 0;
        let popover = 0;
        const check = () => {
          const now = performance.now();
          if (now - started > 60_000) return reject(new Error('the article did not open within 60 s'));
          if (!text && marks.length >= highlights && document.querySelector('h1.reader-title')?.textContent?.includes(title)) {
            text = now - started;
            // Interactive: a click on a mark (one in the middle of the text) opens its highlight.
            clicked = performance.now();
            (marks[Math.floor(marks.length / 2)] as HTMLElement).click();
          }
          if (text && !popover && popovers.length > 0) popover = performance.now();
          if (popover && cards.length >= highlights) {
            // The first two calls are the article and its highlights (asked for together); later ones are the popover's.
            const api = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
              .filter((e) => e.name.includes('/api/invoke') && e.startTime >= started)
              .sort((a, b) => a.startTime - b.startTime)
              .slice(0, 2);
            resolve({
              text,
              interactive: popover - started,
              clickToPopover: popover - clicked,
              panel: performance.now() - started,
              requestsSent: api.length ? Math.min(...api.map((e) => e.startTime)) - started : NaN,
              dataIn: api.length ? Math.max(...api.map((e) => e.responseEnd)) - started : NaN,
            });
            return;
          }
          requestAnimationFrame(check);
        };
        button.click();
        requestAnimationFrame(check);
      }),
    { title: fixture.title, highlights: fixture.highlights },
  );
}

export async function closePopover(page: Page): Promise<void> {
  for (let i = 0; i < 3 && (await page.locator('.annotation-popover').count()) > 0; i += 1) {
    await page.keyboard.press('Escape');
    await page.locator('.annotation-popover').waitFor({ state: 'detached', timeout: 2_000 }).catch(() => undefined);
  }
}

/** Selects `words` in the article text with a DOM range (as a drag would) and times Highlight to its mark. */
export async function timeHighlight(page: Page, words: string): Promise<number> {
  const found = await page.locator('[aria-label="Article text"]').evaluate((root, words) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const all = nodes.map((n) => n.data).join('');
    const at = all.indexOf(words);
    if (at < 0) return false;
    const point = (offset: number, isEnd: boolean): [Text, number] => {
      let seen = 0;
      for (const n of nodes) {
        if (offset < seen + n.data.length || (isEnd && offset === seen + n.data.length)) return [n, offset - seen];
        seen += n.data.length;
      }
      const last = nodes[nodes.length - 1]!;
      return [last, last.data.length];
    };
    const [s, so] = point(at, false);
    const [e, eo] = point(at + words.length, true);
    (s.parentElement ?? root).scrollIntoView({ block: 'center' });
    window.getSelection()!.setBaseAndExtent(s, so, e, eo);
    return true;
  }, words);
  if (!found) throw new Error(`"${words}" is not in the article`);
  const toolbar = page.getByRole('toolbar', { name: 'Tag the selection' });
  await toolbar.waitFor({ timeout: 10_000 });
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const root = document.querySelector('[aria-label="Article text"]')!;
        const before = new Set([...root.querySelectorAll('mark')].flatMap((m) => (m.getAttribute('data-annotation-ids') ?? '').split(' ')));
        const button = document.querySelector<HTMLButtonElement>('[role="toolbar"][aria-label="Tag the selection"] button.kind-highlight')!;
        const started = performance.now();
        const observer = new MutationObserver(() => {
          for (const mark of root.querySelectorAll('mark')) {
            if ((mark.getAttribute('data-annotation-ids') ?? '').split(' ').some((id) => id && !before.has(id))) {
              observer.disconnect();
              resolve(performance.now() - started);
              return;
            }
          }
        });
        observer.observe(root, { subtree: true, childList: true, attributes: true });
        button.click();
      }),
  );
  await closePopover(page);
  return ms;
}

