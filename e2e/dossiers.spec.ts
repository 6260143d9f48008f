// The dossier builder in browser mode: make a dossier from the sample articles, order
// it, fill in the cover, and export it as a download (Markdown, REFI-QDA and PDF). The view is
// reached by its address (?view=dossiers); until the shell lists it, the test skips.
import fs from 'node:fs';
import { test, expect } from './fixtures.ts';
import type { Locator, Page } from '@playwright/test';
import { importMarketReports } from './pages/library.ts';

/** Opens the Dossiers view and starts a new dossier; its editor. */
async function newDossier(page: Page, appUrl: string): Promise<Locator> {
  await page.goto(appUrl.replace('/#', '/?view=dossiers#'));
  await page.getByRole('navigation', { name: 'Dossiers' }).getByRole('button', { name: 'New dossier' }).click();
  return page.getByRole('region', { name: 'Dossier' });
}

test('builds a dossier from the sample articles and downloads it as Markdown, REFI-QDA and PDF', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const editor = await newDossier(page, app.appUrl);
  await expect(editor.getByRole('heading', { level: 1 })).toHaveText('Untitled dossier');

  const name = editor.getByLabel('Name in the library');
  await name.fill('Sample briefing');
  await name.blur();
  await expect(editor.getByRole('heading', { level: 1 })).toHaveText('Sample briefing');
  await editor.getByLabel('Title on the cover').fill('Pakistan and the Taliban');
  await editor.getByLabel('Handling line').fill('Internal');
  await editor.getByLabel('Handling line').blur();

  await editor.getByRole('button', { name: 'Add every article' }).click();
  const items = editor.locator('.dossier-item');
  // A new library holds the two sample articles.
  await expect(items.nth(1)).toBeVisible();
  const first = await items.nth(0).locator('.dossier-item-title').textContent();
  await items.nth(1).getByRole('button', { name: /up$/ }).click();
  await expect(items.nth(1).locator('.dossier-item-title')).toHaveText(first!);

  // Markdown: quick, and its content can be read back.
  await editor.getByLabel('Format').selectOption('md');
  // The documents can say who made each highlight; the sample articles have none yet.
  await editor.getByRole('checkbox', { name: 'Say who highlighted each quote' }).check();
  const [markdown] = await Promise.all([page.waitForEvent('download'), editor.getByRole('button', { name: 'Export Markdown' }).click()]);
  expect(markdown.suggestedFilename()).toBe('Pakistan and the Taliban.md');
  const text = fs.readFileSync((await markdown.path()), 'utf8');
  expect(text).toContain('# Pakistan and the Taliban');
  expect(text).toContain('**INTERNAL**');

  // REFI-QDA: a zip holding project.qde with the dossier as a set, for QDA tools.
  await editor.getByLabel('Format').selectOption('qdpx');
  await expect(editor.getByRole('checkbox', { name: 'Say who highlighted each quote' })).toHaveCount(0);
  const [qdpx] = await Promise.all([page.waitForEvent('download'), editor.getByRole('button', { name: 'Export QDPX' }).click()]);
  expect(qdpx.suggestedFilename()).toBe('Pakistan and the Taliban.qdpx');
  const zip = fs.readFileSync((await qdpx.path()));
  expect(zip.subarray(0, 2).toString()).toBe('PK');
  expect(zip.includes(Buffer.from('project.qde'))).toBe(true);

  // PDF: progress shows while it runs, then the file downloads.
  await editor.getByLabel('Format').selectOption('pdf');
  const downloadPromise = page.waitForEvent('download', { timeout: 60_000 });
  await editor.getByRole('button', { name: 'Export PDF' }).click();
  await expect(editor.getByRole('status')).toBeVisible();
  const pdf = await downloadPromise;
  expect(pdf.suggestedFilename()).toBe('Pakistan and the Taliban.pdf');
  expect(fs.readFileSync((await pdf.path())).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(editor.getByRole('status')).toHaveCount(0);

  // The dossier was saved in the library: it is still there after a reload.
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Dossiers' }).getByRole('button', { name: /Sample briefing/ }).first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('finds an article older than the newest 500 by typing a few words of its title, and adds it', async ({ page, app }) => {
  // The sample articles are the oldest: 510 newer ones push them past any page of 500.
  await importMarketReports(app.appUrl, 510);
  const editor = await newDossier(page, app.appUrl);
  await editor.getByRole('button', { name: 'Add articles or pages…' }).click();
  const picker = editor.getByRole('list', { name: 'Articles' });
  // A page at a time, more on request.
  await expect(picker.getByRole('listitem')).toHaveCount(50);
  await editor.getByRole('button', { name: 'Show more articles' }).click();
  await expect(picker.getByRole('listitem')).toHaveCount(100);
  await expect(picker).not.toContainText('Pakistan Looks to Iran');

  await editor.getByRole('searchbox', { name: 'Filter articles' }).fill('iran mediat');
  await expect(picker.getByRole('listitem')).toHaveCount(1);
  await picker.getByRole('checkbox', { name: /Pakistan Looks to Iran/ }).check();
  await editor.getByRole('button', { name: 'Add 1 article' }).click();
  await expect(editor.locator('.dossier-item-title')).toHaveText([/Pakistan Looks to Iran/]);
  // In the dossier now, so no longer offered.
  await expect(picker.getByRole('listitem')).toHaveCount(0);
  await expect(editor.getByText('No article outside this dossier matches “iran mediat”.')).toBeVisible();
});
