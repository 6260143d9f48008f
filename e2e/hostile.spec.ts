// Hostile articles: several hundred HTML documents full of traps (e2e/hostile/corpus.ts,
// generated here, not committed), imported through the real import path (the API's
// import.files in browser mode: worker-thread conversion, sanitizer, Lexical walker,
// batched storing), then EVERY imported article opened in the reader in Chromium.
// Nothing may run, load, navigate or open: the watchers in e2e/hostile/watch.ts record
// every script call, dialog, request, navigation, frame, popup and CSP violation, and
// e2e/hostile/dom-check.ts inspects the rendered page for each article.
//
// Twice: with the HTML sanitizer, and with it switched off by the test-only switch
// (CASEFILE_TEST_DISABLE_SANITIZER=1): conversion to Lexical nodes and the CSP must hold
// on their own. The two runs go to the two Playwright workers side by side.
import { expect, test, type Page } from '@playwright/test';
import { hostileCorpus, type HostileDoc } from './hostile/corpus.ts';
import { domProblems } from './hostile/dom-check.ts';
import { startHardeningApp, type HardeningApp } from './hostile/server.ts';
import { breaches, emptyObservations, watchContext, watchPage } from './hostile/watch.ts';

test.describe.configure({ mode: 'parallel' });
// Hundreds of steps: a trace would record a DOM snapshot for each and triple the run time.
test.use({ trace: 'off' });

const UPLOAD_BATCH = 100;

interface Outcome {
  file: string;
  status: string;
  articleId?: number;
  reason?: string;
}

async function importCorpus(app: HardeningApp, docs: readonly HostileDoc[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < docs.length; i += UPLOAD_BATCH) {
    const files = docs.slice(i, i + UPLOAD_BATCH).map((d) => ({ name: d.name, data: Buffer.from(d.bytes).toString('base64') }));
    const result = await app.invoke<Outcome[]>('import.files', { files });
    if (!result.ok) throw new Error(`import.files failed: ${JSON.stringify(result.error)}`);
    outcomes.push(...result.value);
  }
  return outcomes;
}

/**
 * Opens an article the way the app's own navigation does (a history entry and a popstate,
 * one page for all), waits in the page until the reader shows `wait`, then runs the DOM
 * check: one round trip per article. Returns the problems, or null if it never showed.
 */
async function openAndInspect(page: Page, id: number, wait: string, origin: string): Promise<string[] | null> {
  return page.evaluate(
    async ({ articleId, wait, origin }) => {
      history.pushState(null, '', `?view=library&id=${articleId}`);
      dispatchEvent(new PopStateEvent('popstate'));
      const shown = () => {
        const body = document.querySelector('[aria-label="Article text"]');
        return body !== null && (body.textContent ?? '').includes(wait) && new URLSearchParams(location.search).get('id') === String(articleId);
      };
      const deadline = Date.now() + 15_000;
      while (!shown()) {
        if (Date.now() > deadline) return null;
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      }
      // Installed by an init script (see below): no eval in the page, whose CSP forbids it.
      return (window as unknown as { __casefileDomProblems(origin: string): string[] }).__casefileDomProblems(origin);
    },
    { articleId: id, wait, origin },
  );
}

for (const sanitizer of ['on', 'off'] as const) {
  test(`${hostileCorpus().length} hostile articles, imported and opened one by one with the sanitizer ${sanitizer}: nothing runs, loads, navigates or opens`, async ({ browser }) => {
    test.setTimeout(6 * 60_000);
    const docs = hostileCorpus();
    expect(docs.length).toBeGreaterThanOrEqual(300);
    const app = await startHardeningApp({ env: sanitizer === 'off' ? { CASEFILE_TEST_DISABLE_SANITIZER: '1' } : {} });
    try {
      // Import: every document is stored, or refused with a reason that names it.
      const outcomes = await importCorpus(app, docs);
      // The switch reached the conversion workers (they load the HTML converter on first use), or not.
      // A worker's stderr reaches the server's output asynchronously: wait for it.
      if (sanitizer === 'off') await expect.poll(() => app.output(), { timeout: 10_000 }).toMatch(/HTML sanitizer is OFF in conversion worker/);
      else expect(app.output()).not.toContain('sanitizer is OFF');
      expect(outcomes).toHaveLength(docs.length);
      const imported = outcomes.filter((o) => o.status === 'imported');
      for (const o of outcomes.filter((x) => x.status !== 'imported')) {
        expect(o.status, `${o.file}: ${o.reason}`).toBe('failed');
        expect(o.reason).toContain(o.file);
      }
      expect(imported.length).toBeGreaterThanOrEqual(300);

      // Which marker each article must show (a few traps swallow the marker paragraph
      // legitimately, e.g. an unclosed <plaintext>: then the title is what we wait for).
      const byName = new Map(docs.map((d) => [d.name, d]));
      const articles: { id: number; doc: HostileDoc; wait: string }[] = [];
      for (const o of imported) {
        const article = await app.invoke<{ text: string; title: string }>('articles.get', { id: o.articleId });
        if (!article.ok) throw new Error(`articles.get ${o.articleId}: ${JSON.stringify(article.error)}`);
        const doc = byName.get(o.file)!;
        const wait = article.value.text.includes(doc.marker) ? doc.marker : article.value.text.trim().split('\n')[0]!.slice(0, 60);
        articles.push({ id: o.articleId!, doc, wait });
      }

      const context = await browser.newContext();
      const seen = emptyObservations();
      await watchContext(context, app.origin, seen);
      await context.addInitScript({ content: `window.__casefileDomProblems = ${domProblems.toString()};` });
      const page = await context.newPage();
      watchPage(page, app.origin, seen);
      const body = page.getByRole('textbox', { name: 'Article text' });

      const first = articles[0]!;
      await page.goto(`${app.origin}/?view=library&id=${first.id}${new URL(app.appUrl).hash}`);
      await expect(body).toContainText(first.wait);

      const domFailures: string[] = [];
      const started = Date.now();
      for (const { id, doc, wait } of articles) {
        const problems = await openAndInspect(page, id, wait, app.origin);
        if (problems === null) throw new Error(`article ${id} (${doc.name}) was not shown: "${wait}" never appeared in the reader`);
        for (const problem of problems) domFailures.push(`${doc.name}: ${problem}`);
        if (seen.pwned.length > 0 || seen.navigations.length > 0) break;
        if (process.env.CASEFILE_HOSTILE_DEBUG) console.log(`${doc.name} ${Date.now() - started} ms`);
      }
      const seconds = (Date.now() - started) / 1000;

      // A fresh load with a hostile article as the first thing the app shows, and the library
      // list full of hostile titles.
      const last = articles[articles.length - 1]!;
      await page.goto(`${app.origin}/?view=library&id=${last.id}`);
      await expect(body).toContainText(last.wait);
      for (const problem of await page.evaluate(domProblems, app.origin)) domFailures.push(`${last.doc.name} (fresh load): ${problem}`);
      await page.getByRole('navigation', { name: 'Library' }).waitFor();
      // Let anything slow (lazy images, timers, refreshes) have its chance.
      await page.waitForTimeout(1_500);

      console.log(
        `hostile (sanitizer ${sanitizer}): ${docs.length} documents, ${imported.length} imported, ${outcomes.length - imported.length} refused with a reason; ` +
          `${articles.length} opened in ${seconds.toFixed(1)} s; ${seen.foreignRequests.length} foreign requests, ${seen.pwned.length} script runs`,
      );
      expect(domFailures.slice(0, 30), 'the rendered page holds something of a hostile article').toEqual([]);
      expect(breaches(seen), 'a hostile article did something').toEqual([]);
      expect(page.url().startsWith(app.origin)).toBe(true);
      await context.close();
    } finally {
      await app.stop();
    }
  });
}

test('the watchers see a trap that works (a control: an unprotected page, no CSP, no import)', async ({ browser }) => {
  const origin = 'http://127.0.0.1:9';
  const context = await browser.newContext();
  const seen = emptyObservations();
  await watchContext(context, origin, seen);
  const page = await context.newPage();
  watchPage(page, origin, seen);
  await page.setContent(
    `<img src="http://c901.evil.test/pixel.gif"><script>__pwned('902'); console.log('pwned 903')</script>` +
      `<iframe srcdoc="<b>frame</b>"></iframe><div aria-label="Article text"><p>text</p><img src="x" onerror="__pwned('904')"><a href="javascript:void 0">x</a></div>`,
  );
  await expect.poll(() => seen.pwned.sort()).toEqual(['902', '904']);
  const problems = await page.evaluate(domProblems, origin);
  expect(problems.join('\n')).toMatch(/article body holds <img>/);
  expect(problems.join('\n')).toMatch(/article body <img> has onerror/);
  expect(problems.join('\n')).toMatch(/article body link to javascript:/);
  expect(problems.join('\n')).toMatch(/the page holds <iframe>/);
  await page.evaluate(() => {
    location.href = 'http://c905.evil.test/';
  }).catch(() => undefined);
  // The navigation's request is refused, so the frame lands on Chromium's error page: still a navigation away.
  await expect.poll(() => breaches(seen).join('\n')).toMatch(/navigations: chrome-error:/);
  expect(breaches(seen).join('\n')).toContain('foreignRequests: http://c905.evil.test/');
  const all = breaches(seen).join('\n');
  expect(all).toContain('foreignRequests: http://c901.evil.test/pixel.gif');
  expect(all).toContain('console: log: pwned 903');
  expect(all).toMatch(/frames: /);
  await context.close();
});
