// Every view, in the light and the dark theme, checked by axe-core against WCAG 2.1 A/AA and
// axe's best practices: no violations allowed. The library view is checked with an article
// open in the reader and highlights of every kind drawn, so mark colours are measured too.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { apiCall, ReaderPage } from './pages/reader.ts';

const TALIBAN = /Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust/;
const VIEWS = ['search', 'actors', 'sources', 'claims', 'map', 'timeline', 'notebook', 'dossiers', 'import'];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

/** Opens the first sample article and highlights a passage of each kind through the API. */
async function openHighlightedArticle(page: Page, appUrl: string): Promise<void> {
  const reader = new ReaderPage(page);
  await page.goto(appUrl);
  await reader.open(TALIBAN);
  const id = Number(new URL(page.url()).searchParams.get('id'));
  const { text } = await apiCall<{ text: string }>(appUrl, 'articles.get', { id });
  const kinds = ['claim', 'actor', 'source', 'highlight'];
  for (const [i, kind] of kinds.entries()) {
    const start = text.indexOf(' ', 200 + i * 120) + 1;
    await apiCall(appUrl, 'annotations.create', { articleId: id, kind, target: { start, end: start + 40 } });
  }
  await page.reload();
  await expect(reader.panel.locator('.panel-count')).toHaveText('4');
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      test.setTimeout(180_000);
      await page.emulateMedia({ colorScheme });
    });

    test('library with highlights in the reader, then the help sheet', async ({ page, app }) => {
      await openHighlightedArticle(page, app.appUrl);
      await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
      expect(await violations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Help' }).click();
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts and help' })).toBeVisible();
      expect(await violations(page)).toEqual([]);
      // The pair of screenshots for people to look at (kept outside the repository).
      if (process.env.CASEFILE_SCREENS) {
        await page.keyboard.press('Escape');
        await page.screenshot({ path: `${process.env.CASEFILE_SCREENS}/reader-${colorScheme}.png` });
      }
    });

    for (const view of VIEWS) {
      test(`the ${view} view`, async ({ page, app }) => {
        await page.goto(app.appUrl);
        await page.goto(`${new URL(app.appUrl).origin}/?view=${view}`);
        await expect(page.getByRole('main')).toBeVisible();
        expect(await violations(page)).toEqual([]);
      });
    }
  });
}

test('the theme switch in the help sheet overrides the system and is kept across a reload', async ({ page, app }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(app.appUrl);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: 'Help' }).click();
  const appearance = page.getByRole('radiogroup', { name: 'Appearance' });
  await expect(appearance.getByRole('radio', { name: 'System' })).toBeChecked();
  await appearance.getByRole('radio', { name: 'Dark' }).check();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const paper = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(paper).toBe('rgb(18, 22, 28)');

  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  // Back to System: the system's light scheme applies again, and a system switch is followed.
  await page.getByRole('button', { name: 'Help' }).click();
  await page.getByRole('radiogroup', { name: 'Appearance' }).getByRole('radio', { name: 'System' }).check();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
});
