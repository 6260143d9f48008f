import { test, expect } from './fixtures.ts';

test('search finds a phrase, and the hit opens the article with the words selected', async ({ page, app }) => {
  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Search' }).click();
  await page.getByRole('searchbox').first().fill('"Sirajuddin Haqqani"');
  await page.keyboard.press('Enter');
  const result = page.getByRole('button', { name: /Article, Taliban, Pakistan Enter Tentative Rapprochement/ }).first();
  await expect(result).toBeVisible();
  await expect(page.locator('mark').filter({ hasText: 'Sirajuddin' }).first()).toBeVisible();
  await result.click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(/Taliban, Pakistan Enter/);
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('Sirajuddin');

  // A malformed query gets a clear message, not an error from the database.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Search' }).click();
  await page.getByRole('searchbox').first().fill('"unbalanced');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').first()).toContainText(/quot/i);
  await expect(page.getByRole('alert').first()).not.toContainText(/SQL|fts5/i);
});

test('suggested actors are highlighted only when accepted', async ({ page, app }) => {
  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Pakistan Looks to Iran/ }).click();
  await page.getByRole('button', { name: 'Suggest actors' }).click();
  const panel = page.getByRole('complementary', { name: 'Suggested actors' });
  const sharif = panel.getByRole('listitem').filter({ hasText: 'Shehbaz Sharif' });
  await expect(sharif).toBeVisible();
  await expect(page.locator('mark[data-kind="actor"]')).toHaveCount(0);
  await sharif.getByRole('button', { name: 'Accept' }).click();
  await expect(page.locator('mark[data-kind="actor"]').filter({ hasText: 'Shehbaz Sharif' })).toHaveCount(1);
  await expect(sharif).toHaveCount(0);
  await panel.getByRole('listitem').filter({ hasText: 'Masoud Pezeshkian' }).getByRole('button', { name: 'Dismiss' }).click();
  await expect(panel.getByRole('listitem').filter({ hasText: 'Masoud Pezeshkian' })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Back to highlights' }).click();
  await expect(page.getByRole('complementary', { name: 'Highlights' })).toContainText('Shehbaz Sharif');
});
