import { test, expect } from './fixtures.ts';

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
