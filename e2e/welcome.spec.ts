import { test, expect } from './fixtures.ts';

test('first start shows the three-step welcome; closing it lasts across restarts, and Help brings it back', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.appUrl);

  const welcome = page.getByRole('region', { name: 'Welcome to Casefile' });
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('heading', { level: 3 })).toHaveText(['Open an article', 'Select a passage and tag it', 'Connect what you tagged']);
  // Each kind with the key that tags it, as in the toolbar.
  await expect(welcome.getByRole('listitem').filter({ hasText: /^Claim/ })).toContainText('C');

  // The list beside it stays usable, and the first step's button opens a sample.
  await welcome.getByRole('button', { name: 'Open a sample article' }).click();
  await expect(page.getByRole('article').getByLabel('Article text')).toBeVisible();
  await page.getByRole('link', { name: 'Library' }).click();
  await expect(welcome).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('welcome.png') });

  await welcome.getByRole('button', { name: 'Got it' }).click();
  await expect(welcome).toHaveCount(0);
  await expect(page.getByText('Choose an article from the library to read it.')).toBeVisible();

  // Closed for good: a restart of the app on the same library does not show it again.
  await page.goto(await app.restart());
  await expect(page.getByText('Choose an article from the library to read it.')).toBeVisible();
  await expect(welcome).toHaveCount(0);

  await page.getByRole('button', { name: /Help/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Show the welcome' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(welcome).toBeVisible();
  await page.goto(await app.restart());
  await expect(welcome).toBeVisible();
  expect(errors).toEqual([]);
});
