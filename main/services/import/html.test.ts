// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { convertFile, convertPaste } from './convert.ts';
import { withoutScriptBodies } from './dom.ts';
import { fixture, nodesOf, textOf } from '../../testing/fixtures/import/helpers.ts';
import { setSanitizerEnabledForTests } from './html.ts';
import { parsePage } from './page.ts';
import type { ImportCandidate } from './types.ts';

afterEach(() => setSanitizerEnabledForTests(true));

const page = (name: string): Promise<ImportCandidate> => convertFile(fixture(name), name);

describe('a news page with JSON-LD, OpenGraph, nav bar, ads, cookie banner and comments', () => {
  it('takes metadata from JSON-LD first (author references resolved, dates in UTC)', async () => {
    const c = await page('news-jsonld.html');
    expect(c.metadata).toEqual({
      title: 'Border talks stall as Kabul and Islamabad trade accusations',
      byline: 'Amina Qureshi, David & Sons Reporting',
      outlet: 'Frontier Ledger',
      url: 'https://www.frontierledger.example/world/asia/border-talks-stall',
      publishedAt: '2025-11-20T05:30:00Z',
      language: 'en-GB',
      direction: 'ltr',
    });
    expect(c.original).toMatchObject({ type: 'text/html', name: 'news-jsonld.html' });
  });

  it('keeps the article and its structure', async () => {
    const c = await page('news-jsonld.html');
    const text = textOf(c);
    expect(text.startsWith('Talks between Afghan and Pakistani officials')).toBe(true);
    expect(text).toContain('“We cannot keep our goods waiting at the border for weeks,” said Haji Gul');
    expect(text).toContain('Quarter | Trade (USD m)\n\nQ2 2025 | 412');
    expect(text.endsWith('a detailed statement would follow.')).toBe(true);
    const types = nodesOf(c).map((n) => n.type);
    expect(types).toContain('quote');
    expect(types).toContain('list');
    expect(nodesOf(c).filter((n) => n.type === 'heading').map((h) => textOf({ ...c, body: { root: { ...c.body.root, children: [h] } } }))).toEqual([
      'What each side wants',
    ]);
  });

  it('resolves relative links against the page URL and keeps absolute ones', async () => {
    const links = nodesOf(await page('news-jsonld.html')).filter((n) => n.type === 'link');
    expect(links.map((l) => l.url)).toEqual(['https://www.frontierledger.example/business/trade-figures', 'https://www.sbp.example/stats']);
  });

  it('leaves out the navigation, cookie banner, ads, share bar, comments, sidebar and footer', async () => {
    const text = textOf(await page('news-jsonld.html'));
    for (const junk of ['Subscribe', 'cookies', 'Advertisement', 'morning briefing', 'Share on Facebook', 'reader77', 'nothing will change', 'Post comment', 'Most read', 'Cricket final', 'All rights reserved', 'dataLayer', 'googletag']) {
      expect(text, junk).not.toContain(junk);
    }
  });
});

describe('a WordPress-style page with OpenGraph only', () => {
  it('reads OpenGraph and meta tags, cleaning "By " from the author', async () => {
    const c = await page('news-opengraph.html');
    expect(c.metadata).toEqual({
      title: 'Iran offers to mediate between Pakistan and Afghanistan',
      byline: 'Farhan Siddiqui',
      outlet: 'Daily Courier',
      url: 'https://dailycourier.example/news/2025/11/iran-offers-to-mediate',
      publishedAt: '2025-11-18',
      language: 'en-US',
      direction: 'ltr',
    });
  });

  it('keeps line breaks and dateline, and drops the share box and the reply form', async () => {
    const text = textOf(await page('news-opengraph.html'));
    expect(text.startsWith('TEHRAN: Iran has offered to mediate')).toBe(true);
    expect(text).toContain('officials said.\nA Pakistani diplomat');
    expect(text).toContain('called for "solidarity among Muslim states"');
    for (const junk of ['Share this', 'Leave a Reply', 'Your email address', 'Post Comment', 'Copyright', 'E-Paper', 'cookies']) expect(text, junk).not.toContain(junk);
  });
});

describe('citation_* and Dublin Core meta tags', () => {
  it('fills title, authors, journal, date and URL from them', async () => {
    const c = await page('citation.html');
    expect(c.metadata).toMatchObject({
      title: 'Cross-Border Militancy and the Durand Line, 2021–2025',
      byline: 'Rahimi, Laila; Okafor, Peter',
      outlet: 'Journal of Frontier Studies',
      url: 'https://journals.example/jfs/article/view/1234',
      publishedAt: '2025-03-15',
      language: 'en',
    });
  });
});

describe('right-to-left pages', () => {
  it('reads an Urdu page as Urdu, right to left, with the site name in Urdu', async () => {
    const c = await page('urdu-rtl.html');
    expect(c.metadata).toMatchObject({
      title: 'پاک افغان سرحد پر کشیدگی برقرار',
      outlet: 'روزنامہ مثال',
      byline: 'عائشہ خان',
      publishedAt: '2025-11-19T04:15:00Z',
      language: 'ur',
      direction: 'rtl',
    });
    expect(c.body.root.direction).toBe('rtl');
    const text = textOf(c);
    expect(text.startsWith('اسلام آباد میں وزارت خارجہ کے ترجمان')).toBe(true);
    expect(text).not.toContain('صفحہ اول');
    expect(text).not.toContain('جملہ حقوق');
  });

  it('detects Persian and right-to-left from the script when the page declares neither', async () => {
    const c = await page('persian-nolang.html');
    expect(c.metadata).toMatchObject({ title: 'ایران آماده میانجیگری میان پاکستان و افغانستان است', language: 'fa', direction: 'rtl' });
    expect(textOf(c)).toContain('وزیر امور خارجه ایران');
    expect(textOf(c)).not.toContain('خانه');
  });

  it('trusts the script over a template’s wrong lang="en"', async () => {
    const html = '<html lang="en"><body><article><p>قال المتحدث باسم وزارة الخارجية إن المحادثات ستستمر رغم الخلافات بين البلدين.</p></article></body></html>';
    const c = await convertFile(new TextEncoder().encode(html), 'ar.html');
    expect(c.metadata).toMatchObject({ language: 'ar', direction: 'rtl' });
  });
});

describe('a hostile page', () => {
  const traps = ['<script', 'alert', 'javascript', 'vbscript', 'onerror', 'onclick', 'onload', 'onmouseover', 'evil.example', 'data:', 'srcdoc', 'iframe', 'svg text', 'secret', 'template', 'fallback'];

  async function checkSafe(c: ImportCandidate): Promise<void> {
    const json = JSON.stringify(c.body);
    for (const trap of traps) expect(json.toLowerCase(), trap).not.toContain(trap.toLowerCase());
    const nodes = nodesOf(c);
    // Only the node types the walker builds, and images reduced to their alt text.
    for (const node of nodes) expect(['root', 'paragraph', 'heading', 'text', 'link', 'image-placeholder']).toContain(node.type);
    for (const image of nodes.filter((n) => n.type === 'image-placeholder')) expect(Object.keys(image).sort()).toEqual(['altText', 'type', 'version']);
    for (const link of nodes.filter((n) => n.type === 'link')) expect(String(link.url)).toMatch(/^(https?|mailto):/);
    expect(textOf(c)).toContain('this sentence must survive');
    expect(textOf(c)).toContain('[Image: Remote chart]');
    expect(textOf(c)).toContain('Styled block that is still visible text.');
    expect(textOf(c)).toContain('Traps in links: first, second, third, fourth, fifth and a safe link.');
    expect(nodesOf(c).filter((n) => n.type === 'link').map((l) => l.url)).toEqual(['https://example.org/safe']);
  }

  it('comes out with no script, no javascript: URL, no handler and image placeholders only', async () => {
    await checkSafe(await page('hostile.html'));
  });

  it('is just as safe with the sanitizer turned off: the Lexical conversion holds on its own', async () => {
    setSanitizerEnabledForTests(false);
    await checkSafe(await page('hostile.html'));
  });

  // hostile.html itself is read on jsdom (its MathML trap is markup a browser rebuilds);
  // without it, the page is read on linkedom, and the article copied into jsdom for DOMPurify.
  const regular = new TextDecoder()
    .decode(fixture('hostile.html'))
    .replace(/<math>.*<\/math>\n/, '')
    // Dropped by DOMPurify with its content, kept by the walker: shows the sanitizer ran.
    .replace('</article>', '<p>A canary <mtext>seen only without the sanitizer</mtext> in a paragraph of its own.</p>\n</article>');
  const regularPage = (): Promise<ImportCandidate> => convertFile(new TextEncoder().encode(regular), 'hostile-regular.html');

  it('is just as safe read on linkedom, and DOMPurify still sanitizes the article', async () => {
    expect(parsePage(withoutScriptBodies(regular))).not.toBeNull();
    const c = await regularPage();
    await checkSafe(c);
    expect(textOf(c)).toContain('A canary in a paragraph of its own.');
  });

  it('is just as safe read on linkedom with the sanitizer off', async () => {
    expect(parsePage(regular)).not.toBeNull();
    setSanitizerEnabledForTests(false);
    const c = await regularPage();
    await checkSafe(c);
    expect(textOf(c)).toContain('A canary seen only without the sanitizer in a paragraph of its own.');
  });

  it('is safe when pasted, with and without the sanitizer', async () => {
    const html = new TextDecoder().decode(fixture('hostile.html'));
    await checkSafe(await convertPaste(html, 'html'));
    setSanitizerEnabledForTests(false);
    await checkSafe(await convertPaste(html, 'html'));
  });
});

describe('pasted HTML', () => {
  it('keeps everything the user copied (no Readability), with structure and links', async () => {
    const c = await convertPaste('<meta charset="utf-8"><!--StartFragment--><h2>Copied heading</h2><p>Short <b>bold</b> copied <a href="https://x.example/">text</a>.</p><ul><li>item</li></ul><!--EndFragment-->', 'html');
    expect(c.metadata.title).toBe('Copied heading');
    expect(textOf(c)).toBe('Short bold copied text.\n\nitem');
    expect(c.original).toMatchObject({ type: 'text/html', name: null });
    expect(new TextDecoder().decode(c.original.bytes)).toContain('<h2>Copied heading</h2>');
  });

  it('derives a title from the first sentence when the paste has no heading', async () => {
    const c = await convertPaste('<p>Talks resumed in Doha on Monday. Both sides attended.</p>', 'html');
    expect(c.metadata.title).toBe('Talks resumed in Doha on Monday');
    expect(textOf(c)).toBe('Talks resumed in Doha on Monday. Both sides attended.');
  });
});

describe('HTML files that cannot be imported', () => {
  it('refuses a page with no readable text (a saved single-page-app shell)', async () => {
    await expect(convertFile(new TextEncoder().encode('<html><head><title>App</title></head><body><div id="root"></div><script>app()</script></body></html>'), 'app.html')).rejects.toMatchObject({
      code: 'IMPORT_FAILED',
      detail: 'app.html has no readable text.',
    });
  });
});
