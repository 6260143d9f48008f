// HTML text into a jsdom DOM, with scripts never run, nothing fetched, and the body
// sanitized by DOMPurify running on jsdom (never linkedom, under which DOMPurify silently
// returns its input). page.ts parses pages on linkedom for Readability only; whatever
// reaches the walker has been sanitized here.
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM, VirtualConsole } from 'jsdom';

let sanitizerEnabled = true;

/** Test-only: lets a hardening test prove the Lexical conversion is safe without the sanitizer (or the script-body removal). */
export function setSanitizerEnabled(enabled: boolean): void {
  sanitizerEnabled = enabled;
}

export function isSanitizerEnabled(): boolean {
  return sanitizerEnabled;
}

const PURIFY_CONFIG = {
  IN_PLACE: true,
  USE_PROFILES: { html: true },
  // DOMPurify cannot sanitize a <body> in place unless <body> is an allowed tag.
  ADD_TAGS: ['body'],
  FORBID_TAGS: ['style', 'iframe', 'frame', 'object', 'embed', 'noscript', 'template', 'input', 'button', 'select', 'textarea', 'option', 'meta', 'link', 'base'],
  ADD_FORBID_CONTENTS: ['button', 'select', 'textarea', 'option', 'object', 'embed'],
  ALLOW_DATA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
};

// jsdom's window is the expensive part, so one serves every parse; each file still gets
// its own Document from DOMParser, which per the HTML standard has scripting disabled.
let shared: { window: JSDOM['window']; parser: DOMParser; purify: DOMPurify } | null = null;

function sharedWindow(): NonNullable<typeof shared> {
  if (shared === null) {
    // A silent console: pages' broken CSS is not the user's problem.
    const dom = new JSDOM('<!DOCTYPE html><html><head></head><body></body></html>', { virtualConsole: new VirtualConsole() });
    const window = dom.window;
    shared = { window, parser: new window.DOMParser(), purify: createDOMPurify(window) };
  }
  return shared;
}

/** A Document for `html` (script and style bodies left out): read metadata from it, then sanitize what will be walked. */
export function parseHtml(html: string): Document {
  // With the sanitizer off (tests only) the page is parsed whole, so the walker alone faces every trap.
  return sharedWindow().parser.parseFromString(sanitizerEnabled ? withoutScriptBodies(html) : html, 'text/html');
}

// Elements whose bodies are dropped (script, style, and the markup-heavy svg and template,
// which the walker drops anyway), and those skipped over whole so that text inside them
// that looks like a tag is not mistaken for one (textarea, title).
const SKIPPED_OPEN = /<(script|style|svg|template|textarea|title)(?=[\s/>])/iy;
const EMPTIED = new Set(['script', 'style', 'svg', 'template']);
const CLOSE_TAGS: Record<string, RegExp> = {
  script: /<\/script[\s/>]/gi,
  style: /<\/style[\s/>]/gi,
  svg: /<\/svg[\s/>]/gi,
  template: /<\/template[\s/>]/gi,
  textarea: /<\/textarea[\s/>]/gi,
  title: /<\/title[\s/>]/gi,
};

/** Index just past the ">" that ends the tag opening at `start`, skipping quoted attribute values. */
function tagEnd(html: string, start: number): number {
  for (let i = start + 1; i < html.length; i++) {
    const c = html[i];
    if (c === '>') return i + 1;
    if ((c === '"' || c === "'") && html[i - 1] === '=') {
      const close = html.indexOf(c, i + 1);
      if (close === -1) return html.length;
      i = close;
    }
  }
  return html.length;
}

/**
 * The page with the bodies of <script> (except JSON-LD), <style>, <svg> and <template>
 * elements removed, the elements themselves kept. News pages are mostly inline JavaScript and CSS, which
 * the HTML tokenizer would read character by character only for us to throw away; this
 * scan is about a hundred times faster. It only ever removes text, and what it leaves is
 * still parsed and sanitized, so a misreading can lose script text, never add markup.
 */
export function withoutScriptBodies(html: string): string {
  const parts: string[] = [];
  let kept = 0;
  let i = html.indexOf('<');
  while (i !== -1 && i < html.length) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end === -1) break;
      i = html.indexOf('<', end + 3);
      continue;
    }
    SKIPPED_OPEN.lastIndex = i;
    const open = SKIPPED_OPEN.exec(html);
    if (!open) {
      const next = html.charCodeAt(i + 1);
      // Only a letter starts a tag; a lone "<" in text is just a character.
      i = html.indexOf('<', (next >= 65 && next <= 90) || (next >= 97 && next <= 122) ? tagEnd(html, i) : i + 1);
      continue;
    }
    const name = open[1]!.toLowerCase();
    const contentStart = tagEnd(html, i);
    const closeRe = CLOSE_TAGS[name]!;
    closeRe.lastIndex = contentStart;
    const close = closeRe.exec(html);
    if (!close) break;
    const isJsonLd = name === 'script' && /application\/ld\+json/i.test(html.slice(i, contentStart));
    if (EMPTIED.has(name) && !isJsonLd) {
      parts.push(html.slice(kept, contentStart));
      kept = close.index;
    }
    i = html.indexOf('<', close.index + 2);
  }
  if (kept === 0) return html;
  parts.push(html.slice(kept));
  return parts.join('');
}

/** Sanitizes an element in place: scripts, handlers, unsafe URLs and embedded content removed. */
export function sanitize(root: Element | null): void {
  if (sanitizerEnabled && root) sharedWindow().purify.sanitize(root, PURIFY_CONFIG);
}
