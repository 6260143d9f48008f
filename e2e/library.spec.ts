import { test, expect } from './fixtures.ts';
import { apiCall } from './pages/reader.ts';

test('a new library lists both sample articles and opens one in the reader', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.appUrl);

  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('button', { name: /Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust/ })).toBeVisible();
  await expect(library.getByRole('button', { name: /Pakistan Looks to Iran as Qatari and Turkish Mediation/ })).toBeVisible();
  await expect(library.getByText('2 articles')).toBeVisible();
  await expect(library.getByText('DID Press')).toBeVisible();

  await library.getByRole('button', { name: /Taliban, Pakistan Enter Tentative/ }).click();
  const reader = page.getByRole('article');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust');
  const body = reader.getByLabel('Article text');
  await expect(body).toContainText('Taliban Interior Minister Sirajuddin Haqqani recently welcomed');
  await expect(body).not.toContainText('Leave a Reply');
  // Rendered by Lexical, read-only.
  await expect(body).toHaveAttribute('data-lexical-editor', 'true');
  await expect(body).toHaveAttribute('contenteditable', 'false');

  // The token left the address bar, and a reload returns to the same article.
  expect(page.url()).not.toContain('token=');
  await page.reload();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(/Taliban, Pakistan Enter/);

  await library.getByRole('button', { name: /Pakistan Looks to Iran/ }).click();
  await expect(page.getByRole('article').getByLabel('Article text')).toContainText('As Pakistan grapples with heightened conflict');
  expect(errors).toEqual([]);
});

test('the API refuses a page that does not hold the token', async ({ page, app }) => {
  const origin = new URL(app.appUrl).origin;
  await page.goto(`${origin}/`);
  await expect(page.getByRole('alert')).toContainText(/refused/);
});

test('a library of more than 500 articles: the list pages in the rest as it is scrolled, in order, with the count', async ({ page, app }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // 600 short articles through the API (three uploads of 200), next to the two seed articles.
  for (let batch = 0; batch < 3; batch++) {
    const files = Array.from({ length: 200 }, (_, i) => {
      const n = String(batch * 200 + i + 1).padStart(3, '0');
      const text = `Paged article ${n}\n\nThe body of paged article ${n}, one of six hundred written for the paging test of the library list.\n`;
      return { name: `paged-${n}.txt`, data: Buffer.from(text).toString('base64') };
    });
    const outcomes = await apiCall<{ status: string }[]>(app.appUrl, 'import.files', { files });
    expect(outcomes.filter((o) => o.status === 'imported')).toHaveLength(200);
  }
  // The order the server gives, page by page (newest first; ties in the import time broken by id).
  const expected: string[] = [];
  let after: unknown;
  for (;;) {
    const chunk = await apiCall<{ items: { title: string }[]; next: unknown }>(app.appUrl, 'articles.list', { limit: 500, ...(after ? { after } : {}) });
    expected.push(...chunk.items.map((a) => a.title));
    if (!chunk.next) break;
    after = chunk.next;
  }
  expect(expected).toHaveLength(602);

  await page.goto(app.appUrl);
  const library = page.getByRole('navigation', { name: 'Library' });
  const rows = library.locator('.library-item-title');
  await expect(library.locator('.library-count')).toHaveText('602 articles');
  await expect(rows).toHaveCount(200);
  await expect(library.getByRole('button', { name: /Showing 200 of 602/ })).toBeAttached();

  // Scrolling to the end of the list brings the next page, until the whole library is there.
  for (let i = 0; i < 10 && (await rows.count()) < 602; i++) {
    await library.evaluate((nav) => nav.scrollTo(0, nav.scrollHeight));
    await page.waitForTimeout(300);
  }
  await expect(rows).toHaveCount(602);
  await expect(library.getByText('End of the library')).toBeVisible();
  expect(await rows.allTextContents()).toEqual(expected);

  // The last article opens from the list, and its row is the selected one.
  await library.getByRole('button', { name: new RegExp(expected[601]!) }).click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(expected[601]!);
  await expect(library.locator('.library-item[aria-current="true"]')).toContainText(expected[601]!);
  expect(errors).toEqual([]);
});
