// Team sync in browser mode: Join… from the app bar, the indicator, and a teammate's article
// arriving by itself (LISTEN/NOTIFY) while the app is open. Needs PostgreSQL binaries.
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { postgresAvailable, startCluster } from '../main/team/testing/cluster.ts';
import { createTestTeam } from '../main/team/testing/team.ts';
import { addArticle, addHighlight, closeLibrary, openTestLibrary, tempDir } from '../main/team/testing/library.ts';
import { joinTeam } from '../main/team/sync/team.ts';
import { syncLibrary } from '../main/team/sync/engine.ts';
import { formatTeamUrl } from '../main/team/server/connect.ts';

test.skip(!postgresAvailable, 'no PostgreSQL binaries');

test('joins a team library from the app bar and shows a teammate’s article without a reload', async ({ page, app }) => {
  const cluster = await startCluster();
  const owner = openTestLibrary(path.join(tempDir(), 'owner.casefile'));
  try {
    const team = await createTestTeam(cluster, { edith: 'editor' });
    await joinTeam(owner.db, team.owner.url, { password: team.owner.password });
    await page.goto(app.appUrl);

    await page.getByRole('button', { name: 'Team…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Join a team library' });
    await dialog.getByLabel('Team library address').fill(formatTeamUrl(team.members.edith!.url));
    await dialog.getByLabel('Password').fill(team.members.edith!.password);
    await dialog.getByRole('button', { name: 'Join' }).click();
    // Once joined, the same dialog shows the team library.
    const joined = page.getByRole('dialog', { name: 'Team library “desk”' });
    await expect(joined.getByRole('status')).toContainText(/Joined: \d+ rows sent, 0 received\./);
    await joined.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('button', { name: 'Up to date' })).toBeVisible();

    // The owner, elsewhere, adds an article and syncs: it appears here by itself.
    await syncLibrary(owner.db, { password: team.owner.password });
    addArticle(owner.db, 'Barrage gauges at Guddu', 'Gauges at Guddu recorded the highest discharge since 2010.');
    await syncLibrary(owner.db, { password: team.owner.password });
    await expect(page.getByText('Barrage gauges at Guddu')).toBeVisible();
    await page.getByRole('button', { name: 'Up to date' }).click();
    await expect(page.getByRole('dialog', { name: 'Team library “desk”' })).toContainText('edith (editor)');
    await page.screenshot({ path: test.info().outputPath('team.png') });
    await page.keyboard.press('Escape');

    // Who made what: the owner's claim, filtered by its maker on the claims board and in search.
    addHighlight(owner.db, owner.db.prepare('SELECT id FROM article WHERE title = ?').pluck().get('Barrage gauges at Guddu') as number, 'the highest discharge since 2010', 'claim');
    await syncLibrary(owner.db, { password: team.owner.password });
    await page.goto(`${new URL(app.appUrl).origin}/?view=claims`);
    const claimsBy = page.getByRole('combobox', { name: 'Claims by' });
    await expect(claimsBy).toBeVisible();
    await expect(page.locator('.cf-board-claim')).toContainText(['the highest discharge since 2010']);
    await claimsBy.selectOption('edith');
    await expect(page.locator('.cf-board-claim')).toHaveCount(0);
    await claimsBy.selectOption('admin');
    await expect(page.locator('.cf-board-claim')).toHaveCount(1);
    await expect(page.locator('.cf-board-header')).toContainText('Only claims by admin');
    await page.screenshot({ path: test.info().outputPath('claims-by.png') });
    await page.goto(`${new URL(app.appUrl).origin}/?view=search`);
    await page.getByRole('searchbox').fill('discharge');
    await page.getByRole('combobox', { name: 'Made by' }).selectOption('edith');
    await expect(page.getByRole('status').filter({ hasText: /No results|0 results/ })).toBeVisible();
    await page.getByRole('combobox', { name: 'Made by' }).selectOption('admin');
    await expect(page.locator('.cf-search-hit')).toHaveCount(2);
    await page.screenshot({ path: test.info().outputPath('search-made-by.png') });

    // After a restart the password is gone (browser mode keeps none; the desktop app keeps it with the keychain): the app asks for it.
    await page.goto(await app.restart());
    await page.getByRole('button', { name: 'Sign in to sync' }).click();
    const signIn = page.getByRole('dialog', { name: 'Team library “desk”' });
    await signIn.getByLabel('Password for edith').fill(team.members.edith!.password);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(signIn.getByRole('status')).toHaveText('Signed in; syncing.');
    await signIn.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('button', { name: 'Up to date' })).toBeVisible();
  } finally {
    closeLibrary(owner);
    cluster.stop();
  }
});
