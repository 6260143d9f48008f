// HTML files and pasted HTML: metadata from what the page declares, the readable article
// picked out by Readability, and the body rebuilt as Lexical nodes by our own walker.
import { Readability } from '@mozilla/readability';
import { isMainThread, threadId } from 'node:worker_threads';
import { canonicalText, documentOf, type SerializedNode } from '../../../common/text/document.ts';
import type { ImportCandidate, OriginalFile } from './types.ts';
import { normalizeDate } from './dates.ts';
import { isSanitizerEnabled, parseHtml, sanitize, setSanitizerEnabled, withoutScriptBodies } from './dom.ts';
import { importFailed } from './failure.ts';
import { guessScript, isRtlLanguage, normalizeLanguageTag } from './language.ts';
import {
  baseUrlOf,
  cleanByline,
  cleanText,
  cleanTitle,
  documentMetadata,
  jsonLdMetadata,
  mergeMetadata,
  metaTagMetadata,
  type PageMetadata,
} from './metadata.ts';
import { copyIntoJsdom, parsePage } from './page.ts';
import { isFurnitureLine } from './text.ts';
import { headlineFrom, titleFromFileName, withoutOutletName } from './title.ts';
import { blocksFromDom, dropTitleHeading } from './walker.ts';

/** Test-only switch: with the sanitizer (and the removal of script bodies before parsing) off, the Lexical walker alone must keep imports safe. */
export function setSanitizerEnabledForTests(enabled: boolean): void {
  setSanitizerEnabled(enabled);
}

// The same switch for a whole process (browser mode under e2e/hostile.spec.ts, and its
// conversion workers, which inherit the environment): read once, here. Refused outright in
// production and inside Electron, so no environment can turn the sanitizer off for real use.
if (process.env.CASEFILE_TEST_DISABLE_SANITIZER === '1') {
  if (process.env.NODE_ENV === 'production' || process.versions.electron) {
    throw new Error('CASEFILE_TEST_DISABLE_SANITIZER is a test-only switch: it is refused in production and in the Electron app.');
  }
  setSanitizerEnabled(false);
  process.stderr.write(`casefile: the HTML sanitizer is OFF in ${isMainThread ? 'the main thread' : `conversion worker ${threadId}`} (CASEFILE_TEST_DISABLE_SANITIZER=1, for tests only)\n`);
}

/** An HTML file: the article Readability finds, with the page's metadata. */
export function convertHtml(html: string, original: OriginalFile): ImportCandidate {
  // Readability reads the unsanitized page, and only the article it returns is sanitized
  // and walked. Sanitizing the whole page first, then reading a copy, costs three times as much.
  // Nothing in the page can run or load while it is read: linkedom has no script engine
  // and no loader, and jsdom's document has scripting disabled and loads nothing.
  const fast = readOnLinkedom(html);
  if (fast) {
    // DOMPurify works only on jsdom: the article is copied into a fresh jsdom document
    // and sanitized there, so what the walker reads has been through DOMPurify as always.
    const root = copyIntoJsdom(fast.article.content as Element, parseHtml(''));
    sanitize(root);
    return fromPage(root, fast, original);
  }
  const read = readPage(parseHtml(html));
  let root: Element | null;
  if (read.article) {
    root = read.article.content as Element;
    sanitize(root);
  } else {
    const page = parseHtml(html);
    sanitize(page.body);
    root = withoutPageChrome(page);
  }
  return fromPage(root, read, original);
}

type Article = NonNullable<ReturnType<Readability<Node>['parse']>>;

interface ReadPage {
  declared: PageMetadata;
  basics: PageMetadata;
  baseUrl: string | null;
  article: Article | null;
}

/** The page's metadata and Readability's article; `doc` is rewritten as it is read. */
function readPage(doc: Document): ReadPage {
  // Metadata first, from the page as written: sanitizing removes the JSON-LD scripts.
  const declared = mergeMetadata(jsonLdMetadata(doc), metaTagMetadata(doc));
  const basics = documentMetadata(doc);
  const baseUrl = baseUrlOf(doc, declared.url);
  removeClutter(doc);
  return { declared, basics, baseUrl, article: readArticle(doc) };
}

/**
 * The page read on linkedom (page.ts), about twice as fast as on jsdom; null, to read it
 * on jsdom as before, when a browser would build the page differently from how it is
 * written, or Readability finds no article there, or anything at all goes wrong.
 */
function readOnLinkedom(html: string): (ReadPage & { article: Article }) | null {
  try {
    // With the sanitizer off (tests only) the page is parsed whole, script bodies and all.
    const doc = parsePage(isSanitizerEnabled() ? withoutScriptBodies(html) : html);
    const read = doc ? readPage(doc) : null;
    return read?.article ? { ...read, article: read.article } : null;
  } catch {
    return null;
  }
}

/** The candidate from the walked article (or page) and the metadata of every layer. */
function fromPage(root: Element | null, read: ReadPage, original: OriginalFile): ImportCandidate {
  const { article } = read;
  const readability: Partial<PageMetadata> = article
    ? {
        title: cleanTitle(article.title),
        byline: cleanByline(article.byline),
        outlet: cleanText(article.siteName),
        publishedAt: normalizeDate(article.publishedTime),
        language: normalizeLanguageTag(article.lang),
        direction: article.dir === 'rtl' || article.dir === 'ltr' ? article.dir : null,
      }
    : {};
  const blocks = root ? blocksFromDom(root, { baseUrl: read.baseUrl }).filter((b) => !isFurnitureLine(canonicalText(documentOf([b])))) : [];
  return finish(blocks, mergeMetadata(read.declared, readability, read.basics), original);
}

/** Pasted HTML is what the user chose to copy: no Readability, and no page metadata beyond its own. */
export function convertHtmlPaste(html: string, original: OriginalFile): ImportCandidate {
  const doc = parseHtml(html);
  const declared = mergeMetadata(jsonLdMetadata(doc), metaTagMetadata(doc));
  const basics = documentMetadata(doc);
  sanitize(doc.body);
  const blocks = doc.body ? blocksFromDom(doc.body, { baseUrl: baseUrlOf(doc, declared.url) }) : [];
  // A clipboard's <title> is usually the source page's; keep it only as a last resort.
  return finish(blocks, mergeMetadata(declared, { ...basics, title: null }), original);
}

/** Lexical blocks for an HTML fragment (a Word document converted by mammoth, raw HTML in Markdown): sanitized, walked, no Readability. */
export function blocksFromHtml(html: string): SerializedNode[] {
  const doc = parseHtml(html);
  sanitize(doc.body);
  return doc.body ? blocksFromDom(doc.body, { baseUrl: null }) : [];
}

/** Readability's article, or null when it finds none; it rewrites `doc` as it reads. */
function readArticle(doc: Document): Article | null {
  try {
    const result = new Readability<Node>(doc, { serializer: (node) => node, disableJSONLD: true }).parse();
    return result && result.content && (result.textContent ?? '').trim().length > 0 ? result : null;
  } catch {
    return null;
  }
}

// A class or id token that marks an ad slot, a cookie banner or a share bar.
const CLUTTER_TOKEN = /^(?:ads?|advert[-\w]*|ad[-_][-\w]+|[-\w]+[-_]ads?|dfp[-\w]*|gpt-ad[-\w]*|sponsor(?:ed)?|cookie[-\w]*|[-\w]+[-_]cookies?|consent[-\w]*|gdpr[-\w]*|share|sharing|share[-_][-\w]+|[-\w]+[-_]share|sharedaddy|social[-_]share[-\w]*|newsletter[-\w]*|outbrain[-\w]*|taboola[-\w]*|paywall[-\w]*)$/i;
// Above this much text an element is content, whatever its class says.
const CLUTTER_MAX_TEXT = 300;

/** Removes ad slots, cookie banners and share bars that Readability would keep when they sit inside the article. */
function removeClutter(doc: Document): void {
  if (!doc.body) return;
  for (const el of elementsUnder(doc.body)) {
    const marks = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (marks.length === 1 || !marks.split(/\s+/).some((t) => CLUTTER_TOKEN.test(t))) continue;
    if (el.isConnected && (el.textContent ?? '').length <= CLUTTER_MAX_TEXT) el.remove();
  }
}

/** Every element under `root` in document order (linkedom's getElementsByTagName knows no "*"). */
function elementsUnder(root: Element): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [];
  for (let el = root.lastElementChild; el; el = el.previousElementSibling) stack.push(el);
  while (stack.length > 0) {
    const el = stack.pop()!;
    out.push(el);
    for (let child = el.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  }
  return out;
}

/** Without a readable article, the whole body minus navigation and page furniture. */
function withoutPageChrome(doc: Document): Element | null {
  if (!doc.body) return null;
  for (const el of Array.from(doc.body.querySelectorAll('nav, header, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"]'))) el.remove();
  return doc.body;
}

/** Title, direction and language settled against the body, and the candidate assembled. */
function finish(blocks: SerializedNode[], metadata: PageMetadata, original: OriginalFile): ImportCandidate {
  const text = canonicalText(documentOf(blocks));
  if (text.trim().length === 0) throw importFailed(original.name, 'has no readable text');
  const guess = guessScript(text);
  const title = withoutOutletName(metadata.title ?? firstHeading(blocks) ?? headlineFrom(text), metadata.outlet) || titleFromFileName(original.name);
  // A template's lang="en" must not outvote a body written in Arabic script.
  const language = guess.direction === 'rtl' && !isRtlLanguage(metadata.language) ? guess.language : (metadata.language ?? guess.language);
  const direction = metadata.direction === 'rtl' || guess.direction === 'rtl' || isRtlLanguage(language) ? 'rtl' : 'ltr';
  const body = dropTitleHeading(blocks, title);
  return {
    metadata: {
      title,
      byline: metadata.byline,
      outlet: metadata.outlet,
      url: metadata.url,
      publishedAt: metadata.publishedAt,
      language,
      direction,
    },
    body: documentOf(body.length > 0 ? body : blocks, direction),
    original,
  };
}

function firstHeading(blocks: SerializedNode[]): string | null {
  const heading = blocks.find((b) => b.type === 'heading');
  return heading ? cleanTitle(canonicalText(documentOf([heading]))) : null;
}
