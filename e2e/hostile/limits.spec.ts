// Limits in browser mode, end to end: a 50 MB paste over HTTP, a 20,000-word article highlighted whole, 10,000 highlights in one article and a
// 2,000-character title, each opened in the reader in Chromium: no crash, no page error,
// and a clear message where a limit applies. (The same limits through dispatch, and the
// messages naming each field: main/hardening/limits.test.ts.)
import { expect, test } from '@playwright/test';
import { createAnnotation } from '../../main/services/annotations.ts';
import { closeLibrary, openLibrarySession } from '../../main/services/library.ts';
import { startHardeningApp } from './server.ts';

test.use({ trace: 'off' });

const WORDS = ['border', 'talks', 'ceasefire', 'ministry', 'statement', 'officials', 'province', 'mediation', 'delegation', 'security', 'trade', 'crossing'];

function longText(words: number, title: string): string {
  const paragraphs: string[] = [title];
  for (let w = 0; w < words; w += 120) {
    paragraphs.push(Array.from({ length: Math.min(120, words - w) }, (_, i) => WORDS[(w + i * 7) % WORDS.length]).join(' ') + ` (${title}, paragraph ${w / 120 + 1}).`);
  }
  return paragraphs.join('\n\n');
}

/** About `bytes` characters of ordinary prose. */
function prose(bytes: number, title: string): string {
  const paragraph = longText(120, 'x').split('\n\n')[1]!;
  const parts = [title];
  let size = title.length;
  while (size + paragraph.length + 2 < bytes) {
    parts.push(paragraph);
    size += paragraph.length + 2;
  }
  return parts.join('\n\n');
}

test('limits in the reader: a 50 MB paste, one highlight over a whole long article, 10,000 highlights, a 2,000-character title', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  const app = await startHardeningApp();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('crash', () => pageErrors.push('the page crashed'));
  try {
    // A 50 MB paste over HTTP (the renderer's transport): imported.
    const big = prose(50_000_000, 'Fifty megabytes of pasted text');
    const pasted = await app.invoke<{ status: string; articleId: number }>('import.paste', { content: big, format: 'text' });
    expect(pasted).toMatchObject({ ok: true, value: { status: 'imported' } });
    // Over the 50 MB import limit: refused, saying which limit.
    const over = await app.invoke('import.paste', { content: prose(53_000_000, 'Too much'), format: 'text' });
    expect(over).toMatchObject({ ok: false, error: { code: 'IMPORT_FAILED', detail: 'The pasted content is larger than the 50 MB import limit.' } });

    // A 20,000-word article, highlighted whole.
    const whole = await app.invoke<{ articleId: number }>('import.paste', { content: longText(20_000, 'The whole article highlighted'), format: 'text' });
    if (!whole.ok) throw new Error(JSON.stringify(whole.error));
    const wholeArticle = await app.invoke<{ text: string }>('articles.get', { id: whole.value.articleId });
    if (!wholeArticle.ok) throw new Error('no article');
    const highlight = await app.invoke('annotations.create', { articleId: whole.value.articleId, kind: 'claim', target: { start: 0, end: wholeArticle.value.text.length } });
    expect(highlight).toMatchObject({ ok: true });

    // 10,000 highlights in one article, written through the service by another process
    // (this one) while browser mode has the library open.
    const many = await app.invoke<{ articleId: number }>('import.paste', { content: longText(20_000, 'Ten thousand highlights'), format: 'text' });
    if (!many.ok) throw new Error(JSON.stringify(many.error));
    const library = openLibrarySession(app.libraryPath, { dailyBackup: false });
    const length = library.db.prepare('SELECT length(text) FROM article WHERE id = ?').pluck().get(many.value.articleId) as number;
    library.db.transaction(() => {
      for (let i = 0; i < 10_000; i += 1) {
        const start = (i * 7919) % (length - 40);
        createAnnotation(library, { articleId: many.value.articleId, kind: (['claim', 'highlight', 'actor', 'source'] as const)[i % 4]!, target: { start, end: start + 12 + (i % 25) } });
      }
    })();
    closeLibrary(library);
    const listed = await app.invoke<unknown[]>('annotations.list', { articleId: many.value.articleId, limit: 20_000 });
    expect(listed.ok && listed.value.length).toBe(10_000);
    expect(await app.invoke('library.info', {})).toMatchObject({ ok: true, value: { annotationCount: 10_001 } });
    expect(await app.invoke('annotations.list', { articleId: many.value.articleId, limit: 20_001 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ field: 'limit' }] } });
    expect(await app.invoke('library.check', {})).toMatchObject({ ok: true, value: { ok: true } });

    // A 2,000-character title.
    const title = `A very long headline ${'about the border talks and what the delegation said '.repeat(50)}`.slice(0, 2_000);
    const titled = await app.invoke<{ articleId: number }>('import.paste', { content: longText(300, 'Short title first'), format: 'text' });
    if (!titled.ok) throw new Error(JSON.stringify(titled.error));
    expect(await app.invoke('articles.updateMetadata', { id: titled.value.articleId, metadata: { title } })).toMatchObject({ ok: true });
    const tooLong = await app.invoke('articles.updateMetadata', { id: titled.value.articleId, metadata: { title: `${title}!` } });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ field: 'metadata.title' }] } });

    const hash = new URL(app.appUrl).hash;
    const body = page.getByRole('textbox', { name: 'Article text' });
    const heading = page.locator('#article-title');

    // The whole-article highlight: one claim mark around everything.
    await page.goto(`${app.origin}/?view=library&id=${whole.value.articleId}${hash}`);
    await expect(body).toContainText('paragraph 167', { timeout: 30_000 });
    await expect(body.locator('mark').first()).toBeVisible({ timeout: 30_000 });
    const marked = await body.evaluate((el) => [...el.querySelectorAll('mark')].reduce((n, m) => n + (m.textContent ?? '').length, 0));
    expect(marked).toBeGreaterThan(wholeArticle.value.text.length * 0.9);

    // 10,000 highlights: the reader opens, shows marks and stays responsive.
    const started = Date.now();
    await page.goto(`${app.origin}/?view=library&id=${many.value.articleId}`);
    await expect(heading).toHaveText('Ten thousand highlights', { timeout: 60_000 });
    await expect(body.locator('mark').first()).toBeVisible({ timeout: 60_000 });
    const marks = await body.locator('mark').count();
    const openSeconds = (Date.now() - started) / 1000;
    expect(marks).toBeGreaterThan(1_000);
    await page.keyboard.press('End');
    expect(await page.evaluate(() => 1 + 1)).toBe(2);

    // The 2,000-character title: shown whole, the article still below it.
    await page.goto(`${app.origin}/?view=library&id=${titled.value.articleId}`);
    await expect(heading).toHaveText(title);
    await expect(body).toContainText('paragraph 3');
    await expect(body).toBeInViewport({ ratio: 0.01 }).catch(async () => {
      // A very tall heading may push the text below the fold; it must still be reachable.
      await body.scrollIntoViewIfNeeded();
      await expect(body).toBeInViewport({ ratio: 0.01 });
    });

    // The 50 MB article is in the library list (opening 50 MB of text in the reader is not asked of Chromium here).
    await expect(page.getByRole('navigation', { name: 'Library' })).toContainText('Fifty megabytes of pasted text');

    console.log(`limits (browser): 50 MB paste imported; 10,000-highlight article open with ${marks} marks in ${openSeconds.toFixed(1)} s`);
    expect(pageErrors).toEqual([]);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nbrowser mode said: ${app.output().slice(-2_000)}`, { cause: error });
  } finally {
    await app.stop();
  }
});

// Over the 64 MB request limit: browser mode answers 413 with a closed code and a message
// naming the limit (rather than resetting the connection, which the renderer would report as
// "Casefile is not reachable"), and nothing reaches the library.
test('a request over 64 MB gets a clear message', async () => {
  const app = await startHardeningApp();
  try {
    const before = await app.invoke('library.info', {});
    const response = await fetch(`${app.origin}/api/invoke`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'import.paste', input: { content: 'x'.repeat(65 * 1024 * 1024), format: 'text' } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', detail: 'The request is larger than the 64 MB limit.' } });
    expect(before).toMatchObject({ ok: true });
    expect(await app.invoke('library.info', {})).toEqual(before);
  } finally {
    await app.stop();
  }
});
