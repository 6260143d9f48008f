// The reader with a long article and its performance measures in place: blocks out of
// view skipped by the browser (content-visibility), yet every highlight in them reached
// from the address, the panel and find; lists drawn without the list plugin; and a new
// highlight's mark drawn on the click, before the API answers, and taken back when the
// save fails; and quick changes to one control saved in the order they were made.
import type { Route } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { apiCall, ReaderPage } from './pages/reader.ts';

const TALIBAN = /Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust/;

/** A 200-paragraph article (about 16,000 words) with a highlight near the start, in the middle and near the end. */
async function longArticle(appUrl: string): Promise<{ id: number; text: string; early: number; middle: number; late: number }> {
  const words = ['border', 'talks', 'ministry', 'security', 'delegation', 'officials', 'said', 'the', 'of', 'crossing', 'trade', 'province'];
  let state = 7;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const paragraphs = Array.from({ length: 200 }, (_, p) =>
    Array.from({ length: 80 }, (_, w) => (p === 190 && w === 40 ? 'Zanquorbelt' : words[Math.floor(next() * words.length)])).join(' ') + '.',
  );
  const outcome = await apiCall<{ articleId: number }>(appUrl, 'import.paste', { content: `A long dispatch from the border\n\n${paragraphs.join('\n\n')}`, format: 'text' });
  const id = outcome.articleId;
  const { text } = await apiCall<{ text: string }>(appUrl, 'articles.get', { id });
  const mark = async (paragraph: number, kind: string) => {
    const start = text.indexOf(paragraphs[paragraph]!) + 10;
    const a = await apiCall<{ id: number }>(appUrl, 'annotations.create', { articleId: id, kind, target: { start, end: start + 30 } });
    return a.id;
  };
  return { id, text, early: await mark(2, 'claim'), middle: await mark(100, 'actor'), late: await mark(195, 'source') };
}

function markOf(reader: ReaderPage, annotationId: number) {
  return reader.body.locator(`mark[data-annotation-ids~="${annotationId}"]`).first();
}

test('a long article: blocks out of view are skipped, and highlights in them are reached from the address, the panel and find', async ({ page, app }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const article = await longArticle(app.appUrl);
  const reader = new ReaderPage(page);
  await page.goto(app.appUrl);
  const origin = new URL(app.appUrl).origin;

  // From the address: the last highlight, 195 paragraphs down, in view and selected.
  await page.goto(`${origin}/?view=library&id=${article.id}&at=${article.late}`);
  await expect(reader.panel.locator('.panel-count')).toHaveText('3');
  await expect(markOf(reader, article.late)).toBeInViewport();
  await expect(markOf(reader, article.late)).toHaveClass(/cf-mark-selected/);
  // The browser skips the blocks far from the view; the window itself never scrolls (only the reader does).
  const skipped = await reader.body.evaluate((root) => {
    const blocks = [...root.children] as HTMLElement[];
    return { style: getComputedStyle(blocks[0]!).contentVisibility, blocks: blocks.length, windowScroll: document.scrollingElement!.scrollTop };
  });
  expect(skipped).toEqual({ style: 'auto', blocks: 200, windowScroll: 0 });

  // From the panel: the first highlight, then the middle one; each scrolled into view and stays there.
  await reader.panel.locator(`.annotation-card[data-annotation-id="${article.early}"] .card-main`).click();
  await expect(markOf(reader, article.early)).toBeInViewport();
  await reader.panel.locator(`.annotation-card[data-annotation-id="${article.middle}"] .card-main`).click();
  await expect(markOf(reader, article.middle)).toBeInViewport();
  await page.waitForTimeout(500);
  await expect(markOf(reader, article.middle)).toBeInViewport();

  // A click on the mark opens its popover beside it.
  await markOf(reader, article.middle).click();
  await expect(reader.popover('Actor')).toBeVisible();
  await expect(reader.popover('Actor')).toBeInViewport();
  await reader.closePopover();

  // Find: a word only in paragraph 191 is selected and brought into view.
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Find in article' }).fill('zanquorbelt');
  await expect(page.getByRole('search')).toContainText('1 match');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('search')).toContainText('1 of 1');
  await page.waitForTimeout(300);
  const found = await page.evaluate(() => {
    const selection = window.getSelection()!;
    const rect = selection.getRangeAt(0).getBoundingClientRect();
    return { text: selection.toString(), top: rect.top, bottom: rect.bottom, height: window.innerHeight };
  });
  expect(found.text).toBe('Zanquorbelt');
  expect(found.top).toBeGreaterThan(0);
  expect(found.bottom).toBeLessThan(found.height);
  expect(errors).toEqual([]);
});

test('lists are drawn in the read-only reader, numbered as imported', async ({ page, app }) => {
  const html = `<html><head><title>Points agreed at the talks</title></head><body><article><h1>Points agreed at the talks</h1>
    <p>The delegations agreed on the following points after two days of talks in the capital, officials said.</p>
    <ol start="3"><li>Reopening the border crossing for trade.</li><li>A joint commission on refugees.</li><li>Monthly meetings of the ministers.</li></ol>
    <p>Still open, according to both sides:</p>
    <ul><li>The release of detainees.</li><li>Compensation for losses in the clashes.</li></ul>
    <p>Talks are to resume next month, the foreign ministry said in a statement released on Sunday evening.</p></article></body></html>`;
  const { articleId } = await apiCall<{ articleId: number }>(app.appUrl, 'import.paste', { content: html, format: 'html' });
  const reader = new ReaderPage(page);
  await page.goto(app.appUrl);
  await page.goto(`${new URL(app.appUrl).origin}/?view=library&id=${articleId}`);
  await expect(reader.body.locator('ol > li')).toHaveCount(3);
  await expect(reader.body.locator('ul > li')).toHaveCount(2);
  await expect(reader.body.locator('ol')).toHaveAttribute('start', '3');
  expect(await reader.body.locator('ol > li').evaluateAll((items) => items.map((li) => (li as HTMLLIElement).value))).toEqual([3, 4, 5]);
  expect(await reader.body.locator('ol').evaluate((ol) => getComputedStyle(ol).listStyleType)).toBe('decimal');
  // A highlight inside a list item is drawn there.
  await reader.tag('joint commission', 'Claim');
  await reader.closePopover();
  await expect(reader.body.locator('ol > li mark')).toHaveText('joint commission');
});

test('a new highlight is drawn on the click, before it is saved, and taken back when the save fails', async ({ page, app }) => {
  const reader = new ReaderPage(page);
  await page.goto(app.appUrl);
  await reader.open(TALIBAN);

  // Hold the save until the test lets it go.
  let held: Route | null = null;
  await page.route('**/api/invoke', (route) => {
    if ((route.request().postDataJSON() as { method: string }).method === 'annotations.create') held = route;
    else void route.continue();
  });

  await reader.select('Sirajuddin Haqqani');
  await reader.toolbar.getByRole('button', { name: 'Actor', exact: true }).click();
  // Drawn at once, in the actor colour, while the request is still waiting.
  await expect(reader.mark('Sirajuddin Haqqani')).toHaveAttribute('data-kind', 'actor');
  await expect(reader.mark('Sirajuddin Haqqani')).toHaveClass(/cf-mark-provisional/);
  await expect.poll(() => held !== null).toBe(true);
  await expect(reader.popover('Actor')).toHaveCount(0);

  // The save fails: the mark goes, and the error says why.
  await held!.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'DISK_FULL', message: 'The disk is full. Nothing was changed; free some space and try again.' } }) });
  await expect(reader.body.locator('mark')).toHaveCount(0);
  await expect(page.getByRole('alert')).toContainText('Could not save the actor: The disk is full.');

  // Saved this time: the provisional mark gives way to the saved highlight's, and its popover opens.
  held = null;
  await page.unroute('**/api/invoke');
  await reader.tag('Sirajuddin Haqqani', 'Actor');
  await expect(reader.body.locator('mark')).toHaveCount(1);
  await expect(reader.mark('Sirajuddin Haqqani')).not.toHaveClass(/cf-mark-provisional/);
  const ids = await reader.mark('Sirajuddin Haqqani').getAttribute('data-annotation-ids');
  expect(Number(ids)).toBeGreaterThan(0);
  await expect(reader.panel.locator('.panel-count')).toHaveText('1');
});

test('two grades chosen in quick succession while the first save is slow: the second is the one kept', async ({ page, app }) => {
  const reader = new ReaderPage(page);
  await page.goto(app.appUrl);
  await reader.open(TALIBAN);
  const popover = await reader.tag('DID Press', 'Source');
  await popover.getByRole('option', { name: 'Create “DID Press”' }).click();
  const reliability = popover.getByRole('combobox', { name: 'Reliability' });
  await expect(reliability).toBeFocused();

  // Hold the first grade's save; count every save of the source that reaches the app.
  let held: Route | null = null;
  const grades: string[] = [];
  await page.route('**/api/invoke', (route) => {
    const call = route.request().postDataJSON() as { method: string; input: { reliability?: string } };
    if (call.method !== 'entities.update') return void route.continue();
    grades.push(call.input.reliability ?? '');
    if (held === null) held = route;
    else void route.continue();
  });
  // The second key waits until the first grade's save is on its way: two keys pressed within
  // one task can reach the page as a single change (seen once on a loaded CI machine), and then
  // there is no second save to order.
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => held !== null).toBe(true);
  await page.keyboard.press('ArrowDown');
  await expect(reliability).toHaveValue('B');
  // Sent side by side, the second grade could be saved before the first and then be overwritten by it.
  await page.waitForTimeout(300);
  expect(grades).toEqual(['A']);

  await held!.continue();
  await expect(popover).toContainText('B — Usually reliable (for every highlight of DID Press)');
  expect(grades).toEqual(['A', 'B']);
  await page.unroute('**/api/invoke');
  await reader.closePopover();
  // Kept in the library, not only on screen.
  await page.reload();
  await expect(reader.card('DID Press')).toContainText('Source: DID Press · B — Usually reliable');
});
