// Page model of the reader: opening an article, selecting words, tagging them, and
// reading what the panel and the marks show. Tests speak in the user's terms.
import { expect, type Locator, type Page } from '@playwright/test';

export type KindName = 'Claim' | 'Actor' | 'Source' | 'Highlight';

export class ReaderPage {
  readonly page: Page;
  readonly library: Locator;
  readonly body: Locator;
  readonly toolbar: Locator;
  readonly panel: Locator;

  constructor(page: Page) {
    this.page = page;
    this.library = page.getByRole('navigation', { name: 'Library' });
    this.body = page.getByRole('textbox', { name: 'Article text' });
    this.toolbar = page.getByRole('toolbar', { name: 'Tag the selection' });
    this.panel = page.getByRole('complementary', { name: 'Highlights' });
  }

  async open(title: RegExp): Promise<void> {
    await this.library.getByRole('button', { name: title }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(this.body).toBeVisible();
    await expect(this.panel.locator('.panel-count')).not.toHaveText('Loading…');
  }

  /** Selects words in the article with a DOM Range, as a mouse drag would (occurrence counts from 1). */
  async select(words: string, occurrence = 1): Promise<void> {
    const found = await this.body.evaluate(
      (root, { words, occurrence }) => {
        const nodes: Text[] = [];
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
        const all = nodes.map((n) => n.data).join('');
        let at = -1;
        for (let i = 0; i < occurrence; i++) at = all.indexOf(words, at + 1);
        if (at < 0) return false;
        const point = (offset: number, isEnd: boolean): [Text, number] => {
          let seen = 0;
          for (const n of nodes) {
            if (offset < seen + n.data.length || (isEnd && offset === seen + n.data.length)) return [n, offset - seen];
            seen += n.data.length;
          }
          const last = nodes[nodes.length - 1]!;
          return [last, last.data.length];
        };
        const [startNode, startOffset] = point(at, false);
        const [endNode, endOffset] = point(at + words.length, true);
        window.getSelection()!.setBaseAndExtent(startNode, startOffset, endNode, endOffset);
        return true;
      },
      { words, occurrence },
    );
    expect(found, `"${words}" is in the article`).toBe(true);
    await expect(this.toolbar).toBeVisible();
  }

  /** Selects words by dragging the mouse across them, from the first character to the last. */
  async dragSelect(words: string): Promise<void> {
    const box = await this.body.evaluate((root, words) => {
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      for (const n of nodes) {
        const at = n.data.indexOf(words);
        if (at < 0) continue;
        const rectOf = (offset: number) => {
          const range = document.createRange();
          range.setStart(n, offset);
          range.setEnd(n, offset + 1);
          return range.getBoundingClientRect();
        };
        const first = rectOf(at);
        const last = rectOf(at + words.length - 1);
        return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
      }
      return null;
    }, words);
    expect(box, `"${words}" is in one text node of the article`).not.toBeNull();
    await this.page.mouse.move(box!.x1, box!.y1);
    await this.page.mouse.down();
    await this.page.mouse.move((box!.x1 + box!.x2) / 2, (box!.y1 + box!.y2) / 2, { steps: 4 });
    await this.page.mouse.move(box!.x2, box!.y2, { steps: 4 });
    // No toolbar while the button is still down.
    await expect(this.toolbar).toHaveCount(0);
    await this.page.mouse.up();
    await expect(this.toolbar).toBeVisible();
  }

  async tag(words: string, kind: KindName): Promise<Locator> {
    await this.select(words);
    await this.toolbar.getByRole('button', { name: kind, exact: true }).click();
    const popover = this.popover(kind);
    await expect(popover).toBeVisible();
    return popover;
  }

  popover(kind: KindName): Locator {
    return this.page.getByRole('dialog', { name: `${kind} highlight` });
  }

  /** The mark(s) drawn for these words. */
  mark(words: string): Locator {
    return this.body.locator('mark', { hasText: words });
  }

  card(quote: string): Locator {
    return this.panel.getByRole('listitem').filter({ hasText: quote });
  }

  /** Escape closes an open option list first, then the popover. */
  async closePopover(): Promise<void> {
    const popover = this.page.locator('.annotation-popover');
    for (let i = 0; i < 3 && (await popover.count()) > 0; i++) {
      await this.page.keyboard.press('Escape');
      await popover.waitFor({ state: 'detached', timeout: 1_000 }).catch(() => undefined);
    }
    await expect(popover).toHaveCount(0);
  }
}

/** Calls the Casefile API of a browser-mode app directly, as the tests' setup does. */
export { invokeBrowserMode as apiCall } from '../../main/server/launch.ts';
