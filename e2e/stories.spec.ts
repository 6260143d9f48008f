// Wire copies in the app: a story carried by three outlets imports as one article with
// three appearances; a lightly edited copy is asked about, and the answer is kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { editedCopy, HEADLINE, writeWireFolder } from '../main/testing/wire-copies.ts';
import { test, expect } from './fixtures.ts';

test('a wire story from three outlets is one article with three appearances; a near-copy is asked about and confirmed', async ({ page, app }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-e2e-wire-'));
  const first = path.join(dir, 'first');
  const rest = path.join(dir, 'rest');
  const { files } = writeWireFolder(first);
  fs.mkdirSync(rest);
  for (const file of files.slice(1)) fs.renameSync(file, path.join(rest, path.basename(file)));
  editedCopy(rest);

  await page.goto(app.appUrl);
  const importView = async (folder: string) => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('Folder to import').setInputFiles(folder);
    const run = page.getByRole('region', { name: /Import finished/ });
    await expect(run).toBeVisible({ timeout: 30_000 });
    return run;
  };
  await importView(first);
  const run = await importView(rest);
  await expect(run.getByText('1 imported')).toBeVisible();
  await expect(run.getByText('2 further appearances')).toBeVisible();
  // The near-copy waits for an answer: listed with the problems, not hidden among the rest.
  const question = run.getByRole('listitem').filter({ hasText: '4-express-tribune.html' });
  await expect(question).toContainText('same story?');
  await question.getByRole('button', { name: 'Open' }).click();

  const reader = page.getByRole('article');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Iran offers to mediate between Islamabad and Kabul');
  await expect(reader.getByText(/Probably the same story as (one other article|\d other articles)/)).toBeVisible();
  await reader.getByRole('button', { name: 'Review' }).click();
  const dialog = page.getByRole('dialog', { name: 'Article details' });
  const wire = dialog.getByRole('listitem').filter({ hasText: HEADLINE });
  await wire.getByRole('button', { name: 'Same story' }).click();
  await expect(wire).toContainText('Confirmed as the same story: counted as one report');
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  // The wire article lists where its text appeared.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Library' }).click();
  await page.getByRole('button', { name: new RegExp(HEADLINE) }).first().click();
  await expect(page.getByRole('article').getByText('Also carried by Dawn, Geo News.')).toBeVisible();
  fs.rmSync(dir, { recursive: true, force: true });
});
