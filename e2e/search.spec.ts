import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { ARABIC_NEWS, PERSIAN_NEWS } from '../main/testing/arabic-script-news.ts';

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

test('an actor page lists the actors mentioned alongside it', async ({ page, app }) => {
  await page.goto(app.appUrl);
  await expect(page.getByRole('navigation', { name: 'Library' })).toContainText('DID Press');
  // Records made through the page's own API client (the token is the page's).
  await page.evaluate(async () => {
    const token = sessionStorage.getItem('casefile.token');
    const call = (method: string, input: unknown) =>
      fetch('/api/invoke', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ method, input }) }).then((r) => r.json());
    await call('annotations.create', { articleId: 2, kind: 'claim', target: { quote: 'Pakistan accuses the Taliban of supporting or tolerating Tehrik-i-Taliban Pakistan (TTP) activities' }, claimants: [{ name: 'Pakistan' }, { name: 'Ishaq Dar' }] });
  });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Actors' }).click();
  await page.getByRole('button', { name: /^Pakistan/ }).first().click();
  const section = page.getByRole('region', { name: /Mentioned alongside/ });
  await expect(section).toContainText('Ishaq Dar');
  await expect(section).toContainText('1 shared claim');
  await section.getByRole('button', { name: 'Ishaq Dar' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ishaq Dar');
});

test('a vocalized Arabic name and a Persian word with its joiner are found unvocalized, and open selected as written', async ({ page, app }) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-e2e-arabic-'));
  fs.writeFileSync(path.join(folder, 'arabic.txt'), ARABIC_NEWS);
  fs.writeFileSync(path.join(folder, 'persian.txt'), PERSIAN_NEWS);
  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('Folder to import').setInputFiles(folder);
  await expect(page.getByRole('region', { name: /Import finished/ }).getByText('2 imported')).toBeVisible({ timeout: 30_000 });

  for (const [query, written, title] of [
    ['محمد', 'مُحَمَّد', /ويكيبيديا/],
    ['میشوند', 'می‌شوند', /پاییز/],
  ] as const) {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Search' }).click();
    await page.getByRole('searchbox').first().fill(query);
    await page.keyboard.press('Enter');
    await expect(page.locator('mark').filter({ hasText: written }).first()).toBeVisible();
    await page.getByRole('button', { name: title }).first().click();
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(written);
  }
  fs.rmSync(folder, { recursive: true, force: true });
});
