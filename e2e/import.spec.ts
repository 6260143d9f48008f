import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { test, expect } from './fixtures.ts';
import { URDU_NEWS, asWindows1256Text } from '../main/testing/arabic-script-news.ts';
import { bigQdpx } from '../main/testing/exchange.ts';
import { apiCall } from './pages/reader.ts';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'main', 'testing', 'fixtures', 'import');

test('importing a folder shows progress and per-file results, and an imported Urdu article reads right-to-left', async ({ page, app }) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-e2e-folder-'));
  fs.mkdirSync(path.join(folder, 'web'));
  fs.copyFileSync(path.join(FIXTURES, 'urdu-rtl.html'), path.join(folder, 'web', 'urdu.html'));
  fs.copyFileSync(path.join(FIXTURES, 'news-jsonld.html'), path.join(folder, 'news.html'));
  fs.writeFileSync(path.join(folder, 'empty.txt'), '');
  fs.writeFileSync(path.join(folder, 'scan.jpg'), 'jpeg');

  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('Folder to import').setInputFiles(folder);
  const run = page.getByRole('region', { name: /Import finished/ });
  await expect(run).toBeVisible({ timeout: 30_000 });
  await expect(run.getByText('2 imported')).toBeVisible();
  await expect(run.getByText('1 failed')).toBeVisible();
  await expect(run.getByRole('list', { name: 'Import results' })).toContainText('empty.txt is empty.');
  await expect(run.getByRole('list', { name: 'Import results' })).toContainText('scan.jpg is not a supported file type.');

  await run.getByRole('button', { name: 'Show all files' }).click();
  await run.getByRole('listitem').filter({ hasText: 'urdu.html' }).getByRole('button', { name: 'Open' }).click();
  const reader = page.getByRole('article');
  await expect(reader).toHaveAttribute('dir', 'rtl');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('پاک افغان سرحد پر کشیدگی برقرار');
  fs.rmSync(folder, { recursive: true, force: true });
});

test('a text file saved as windows-1256 is read in it, and the import says so beside the file', async ({ page, app }) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-e2e-legacy-'));
  const urdu = asWindows1256Text(URDU_NEWS);
  fs.writeFileSync(path.join(folder, 'urdu-1256.txt'), iconv.encode(urdu, 'windows-1256'));
  fs.writeFileSync(path.join(folder, 'wire.txt'), 'Ceasefire talks resume\n\nREUTERS: Delegations met in Doha on Tuesday.\n');

  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('Folder to import').setInputFiles(folder);
  const run = page.getByRole('region', { name: /Import finished/ });
  await expect(run.getByText('2 imported')).toBeVisible({ timeout: 30_000 });
  await run.getByRole('button', { name: 'Show all files' }).click();
  const line = run.getByRole('listitem').filter({ hasText: 'urdu-1256.txt' });
  await expect(line).toContainText('read as windows-1256');
  // UTF-8 is the usual case and goes unmentioned.
  await expect(run.getByRole('listitem').filter({ hasText: 'wire.txt' })).not.toContainText('read as');
  if (process.env.CASEFILE_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.CASEFILE_SCREENSHOTS, 'import-legacy-encoding.png') });
  await line.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('article')).toContainText(urdu.split('\n\n')[1]!);
  fs.rmSync(folder, { recursive: true, force: true });
});

test('pasting an article imports it and opens it', async ({ page, app }) => {
  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Import' }).click();
  const zone = page.getByRole('textbox', { name: 'Paste an article here' });
  await zone.focus();
  await zone.evaluate((element) => {
    const data = new DataTransfer();
    data.setData('text/html', '<h1>Ceasefire holds in Kurram</h1><p>PESHAWAR: Elders said the truce was holding.</p><img src="https://tracker.example/pixel.gif" alt="Elders in Parachinar"><script>window.pwned = true</script>');
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(zone).toContainText('Formatted text');
  await page.getByRole('button', { name: 'Import pasted article' }).click();
  const reader = page.getByRole('article');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Ceasefire holds in Kurram');
  await expect(reader).toContainText('Elders said the truce was holding.');
  await expect(reader).toContainText('[Image: Elders in Parachinar]');
  expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
});

test("an article's details are editable after import", async ({ page, app }) => {
  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Pakistan Looks to Iran/ }).click();
  await page.getByRole('button', { name: 'Details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Article details' });
  await dialog.getByLabel('Outlet').fill('The Frontier Post');
  await dialog.getByLabel('Published').fill('2025-10-28');
  await dialog.getByLabel('Web address').fill('not a web address');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  // The browser refuses the malformed address before anything is sent.
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Web address').fill('https://example.org/iran-mediation');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog).toBeHidden();
  const reader = page.getByRole('article');
  await expect(reader.locator('.reader-meta')).toContainText('The Frontier Post');
  await page.reload();
  await expect(page.getByRole('article').locator('.reader-meta')).toContainText('The Frontier Post');
  await expect(page.getByRole('article')).toContainText('https://example.org/iran-mediation');
  await expect(page.getByRole('navigation', { name: 'Library' })).toContainText('The Frontier Post');
});

test('a REFI-QDA project from another tool is imported and reported item by item', async ({ page, app }) => {
  const qdpx = path.resolve(import.meta.dirname, '..', 'main', 'testing', 'fixtures', 'exchange', 'refi', 'qc-1.3.2-demo.qdpx');
  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('Files to import').setInputFiles(qdpx);
  const run = page.getByRole('region', { name: /Import finished/ });
  await expect(run).toBeVisible({ timeout: 30_000 });
  await expect(run.getByText('1 imported')).toBeVisible();
  const row = run.getByRole('list', { name: 'Import results' }).getByRole('listitem').filter({ hasText: 'qc-1.3.2-demo.qdpx' }).first();
  await expect(row).toContainText('262 tags, 2 articles, 158 highlights, 1 author imported');
  await row.getByText('262 tags, 2 articles').click();
  await expect(row.getByRole('list', { name: 'Items in this file' })).toContainText('user “cp”');
  await page.screenshot({ path: test.info().outputPath('import-qdpx.png'), fullPage: true });
  await row.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText('board_2017');
});

test('a big REFI-QDA project shows how far inside it the import is, and Cancel stops it with nothing of it written', async ({ page, app }) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-e2e-big-qdpx-'));
  const file = path.join(folder, 'Project.qdpx');
  fs.writeFileSync(file, bigQdpx(4_000));
  const before = await apiCall<{ articleCount: number; annotationCount: number }>(app.appUrl, 'library.info', {});

  await page.goto(app.appUrl);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('Files to import').setInputFiles(file);
  const running = page.getByRole('region', { name: /Importing/ });
  const within = running.getByLabel('Progress inside the file');
  await expect(within).toContainText(/Project\.qdpx: source [1-9][\d,]* of 4,000/, { timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('import-within-file.png') });
  await running.getByRole('button', { name: 'Cancel' }).click();

  const run = page.getByRole('region', { name: /Import finished/ });
  await expect(run).toBeVisible({ timeout: 30_000 });
  await expect(run.getByText('1 cancelled')).toBeVisible();
  await expect(run.getByRole('list', { name: 'Import results' })).toContainText(/The import of Project\.qdpx was cancelled at source [\d,]+ of 4,000; nothing from it was written\./);
  await expect(run.getByLabel('Progress inside the file')).toHaveCount(0);
  const after = await apiCall<{ articleCount: number; annotationCount: number }>(app.appUrl, 'library.info', {});
  expect(after).toMatchObject({ articleCount: before.articleCount, annotationCount: before.annotationCount });
  fs.rmSync(folder, { recursive: true, force: true });
});
