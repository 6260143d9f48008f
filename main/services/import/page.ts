// A saved web page read on a fast DOM. linkedom builds a page several times faster than
// jsdom (whose parser appends every run of text to its text node piece by piece), and
// Readability reads it just as well. linkedom has no script engine, loads nothing and
// fires no events: the page as written is only ever data here.
//
// linkedom is NOT a sanitizing DOM (DOMPurify does nothing under it): what Readability
// picks out is copied node by node into a jsdom document (copyIntoJsdom), and there
// DOMPurify sanitizes it before the walker reads it, exactly as before.
//
// linkedom's parser (htmlparser2) builds a page as it is written, where a browser's (parse5
// in jsdom) repairs it by the HTML standard's rules: text before <html> or after </body>,
// body content in <head>, framesets, content straight inside tables, unclosed <svg>,
// markup in raw-text elements, and so on. parsePage returns null for any page it can see
// would be built differently, and that page is read on jsdom as it always was. What it
// cannot see are end tags that do not match (<b><p>…</b>, <noscript><p>…</noscript>) and
// elements left open (<a name="x"/>), which a browser resolves one way and htmlparser2
// another: there the two can differ in where a paragraph, link or formatting run ends,
// and so now and then in what Readability keeps. Never in what is sanitized.
import { DOMParser as LinkedomParser } from 'linkedom';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;
const DOCUMENT_TYPE_NODE = 10;
const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

let parser: LinkedomParser | null = null;

/**
 * The page on linkedom, made to read as a browser's DOM of it would (attribute names
 * lower-cased, template content out of the tree, document.title), or null when a browser
 * would build it differently (see above).
 */
export function parsePage(html: string): Document | null {
  parser ??= new LinkedomParser();
  // A browser's parser first turns CR LF and lone CR into LF; htmlparser2 does not.
  const doc = parser.parseFromString(html.includes('\r') ? html.replace(/\r\n?/g, '\n') : html, 'text/html') as unknown as Document;
  if (!hasRegularShape(doc) || !normalizeBody(doc)) return null;
  // Readability reads document.title, which linkedom gives as written; a browser's strips
  // and collapses whitespace, and is the first HTML <title> wherever it is.
  const title = Array.from(doc.getElementsByTagName('title')).find((t) => t.namespaceURI === XHTML_NAMESPACE);
  Object.defineProperty(doc, 'title', { value: title ? childText(title).replace(/[ \t\n\f\r]+/g, ' ').trim() : '', configurable: true });
  return doc;
}

function childText(el: Element): string {
  let text = '';
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === TEXT_NODE) text += (n as Text).data;
  return text;
}

const isBlank = (node: Node): boolean =>
  node.nodeType === COMMENT_NODE || node.nodeType === DOCUMENT_TYPE_NODE || (node.nodeType === TEXT_NODE && /^[ \t\n\f\r]*$/.test((node as Text).data));

// What a browser keeps in <head>; anything else there would start the body.
const HEAD_CONTENT = new Set(['base', 'basefont', 'bgsound', 'link', 'meta', 'title', 'noscript', 'noframes', 'style', 'script', 'template']);
// Inside a <noscript> in <head> (scripting is off when pages are parsed for import).
const HEAD_NOSCRIPT_CONTENT = new Set(['link', 'meta', 'style', 'basefont', 'bgsound', 'noframes']);

/** One <html> holding one <head> (head content only) and then one <body>, nothing else but whitespace and comments. */
function hasRegularShape(doc: Document): boolean {
  const html = doc.documentElement;
  if (!html || html.localName !== 'html') return false;
  for (let n = html.previousSibling; n; n = n.previousSibling) if (!isBlank(n)) return false;
  for (let n = html.nextSibling; n; n = n.nextSibling) if (!isBlank(n)) return false;
  const parts: Element[] = [];
  for (let n = html.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE) parts.push(n as Element);
    else if (!isBlank(n)) return false;
  }
  if (parts.length !== 2 || parts[0]!.localName !== 'head' || parts[1]!.localName !== 'body') return false;
  for (let n = parts[0]!.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== ELEMENT_NODE) {
      if (!isBlank(n)) return false;
      continue;
    }
    const name = (n as Element).localName;
    if (!HEAD_CONTENT.has(name)) return false;
    if (name === 'noscript') {
      for (let c = n.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === ELEMENT_NODE ? !HEAD_NOSCRIPT_CONTENT.has((c as Element).localName) : !isBlank(c)) return false;
      }
    }
  }
  return true;
}

// Tags a browser never nests inside <body>: it merges or ignores them.
const DOCUMENT_TAGS = new Set(['html', 'head', 'body', 'frameset']);
// What a browser leaves where it is inside a table, a table section and a row. Anything
// else it moves in front of the table ("foster parenting") or wraps in a row or section
// it makes up (a cell straight in a <table>), and the walker reads a table's rows.
const TABLE_CHILDREN: Record<string, Set<string>> = {
  table: new Set(['caption', 'colgroup', 'tbody', 'thead', 'tfoot', 'tr', 'script', 'style', 'template']),
  tbody: new Set(['tr', 'script', 'style', 'template']),
  thead: new Set(['tr', 'script', 'style', 'template']),
  tfoot: new Set(['tr', 'script', 'style', 'template']),
  tr: new Set(['td', 'th', 'script', 'style', 'template']),
};
// Elements whose content a browser reads as plain text (htmlparser2 reads markup in them),
// and those it renames or lets swallow the rest of the page.
const RAW_TEXT = new Set(['iframe', 'xmp', 'noembed', 'noframes']);
const REWRITTEN = new Set(['image', 'plaintext']);
// HTML tags that make a browser leave <svg> or <math> content that was never closed.
const BREAKOUT = new Set([
  'b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'font',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol',
  'p', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike', 'sub', 'sup', 'table', 'tt', 'u', 'ul', 'var',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
// A paragraph or heading inside a heading: mostly a heading left open by a mismatched end
// tag (<h5>…</h3>), which a browser closes and htmlparser2 does not.
const NOT_IN_HEADING = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const UPPER = /[A-Z]/;

const IN_FOREIGN = 1;
const IN_HEADING = 2;

/**
 * One pass over the page: attribute names lower-cased (linkedom keeps them as written,
 * so `<A HREF>` would have no href), templates emptied, and false wherever a browser
 * would build something else from the same markup (a CDATA section or a comment closed
 * by "--!>", raw text read as markup, unclosed <svg>, a heading left open, and the rest
 * listed above).
 */
function normalizeBody(doc: Document): boolean {
  const stack: [Element, number][] = [[doc.documentElement, 0]];
  while (stack.length > 0) {
    const [el, context] = stack.pop()!;
    const tag = el.localName;
    const tableChildren = TABLE_CHILDREN[tag];
    const rawText = RAW_TEXT.has(tag);
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === ELEMENT_NODE) {
        const child = n as Element;
        const name = child.localName;
        if (rawText || REWRITTEN.has(name) || (DOCUMENT_TAGS.has(name) && tag !== 'html')) return false;
        // htmlparser2 leaves character references in a <textarea> as written.
        if (name === 'textarea' && (child.textContent ?? '').includes('&')) return false;
        if (tableChildren && !tableChildren.has(name) && !(name === 'input' && child.getAttribute('type')?.toLowerCase() === 'hidden')) return false;
        if ((context & IN_FOREIGN && BREAKOUT.has(name)) || (context & IN_HEADING && NOT_IN_HEADING.has(name))) return false;
        lowerCaseAttributeNames(child);
        if (name === 'template') {
          // A browser puts a template's content in a fragment of its own, out of the
          // document: Readability and the metadata must not see it here either.
          while (child.firstChild) child.firstChild.remove();
          continue;
        }
        stack.push([child, context | (name === 'svg' || name === 'math' ? IN_FOREIGN : 0) | (HEADINGS.has(name) ? IN_HEADING : 0)]);
      } else if (n.nodeType === TEXT_NODE) {
        if (tableChildren && !isBlank(n)) return false;
      } else if (n.nodeType === COMMENT_NODE) {
        const data = (n as Comment).data;
        if (rawText || data.startsWith('[CDATA[') || data.includes('--!>')) return false;
      } else if (rawText) {
        return false;
      }
    }
  }
  lowerCaseAttributeNames(doc.documentElement);
  return true;
}

function lowerCaseAttributeNames(el: Element): void {
  const names = el.getAttributeNames();
  if (!names.some((name) => UPPER.test(name))) return;
  // Rare: every attribute set again, lower-cased, the first of two spellings winning as in a browser.
  const pairs = names.map((name) => [name.toLowerCase(), el.getAttribute(name) ?? ''] as const);
  for (const name of names) el.removeAttribute(name);
  for (const [name, value] of pairs) if (!el.hasAttribute(name)) el.setAttribute(name, value);
}

/**
 * A copy of `source` (a linkedom element) in `target` (a jsdom document), inside a new,
 * detached <div>: elements with their attributes, and text. Comments, processing
 * instructions and the like are left out (the walker reads none). An element or
 * attribute name jsdom will not create is left out, the element's content kept, as a
 * browser keeps the content of an unknown element and DOMPurify would drop the attribute.
 */
export function copyIntoJsdom(source: Element, target: Document): Element {
  const root = target.createElement('div');
  // Depth first without recursion (pages nest deeply), and bottom up: an element is
  // attached to its parent only once it is complete, so jsdom's checks on insertion walk a
  // short detached subtree, not the ancestors of a deep tree (quadratic in its depth).
  // Each frame: the next source node to copy, the copy being filled, and where the copy
  // goes when it is complete (null for the root and for an element left out).
  const stack: [Node | null, Node, Node | null][] = [[source, root, null]];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const node = frame[0];
    if (node === null) {
      stack.pop();
      if (frame[2]) frame[2].appendChild(frame[1]);
      continue;
    }
    frame[0] = node === source ? null : node.nextSibling;
    if (node.nodeType === TEXT_NODE) {
      frame[1].appendChild(target.createTextNode((node as Text).data));
    } else if (node.nodeType === ELEMENT_NODE) {
      const copy = copyElement(node as Element, target);
      stack.push(copy ? [node.firstChild, copy, frame[1]] : [node.firstChild, frame[1], null]);
    }
  }
  return root;
}

/** A copy of `el` with its attributes, no children yet; null when jsdom will not create an element of that name. */
function copyElement(el: Element, target: Document): Element | null {
  let copy: Element;
  try {
    copy = target.createElement(el.localName);
  } catch {
    return null;
  }
  for (const name of el.getAttributeNames()) {
    if (copy.hasAttribute(name)) continue;
    try {
      copy.setAttribute(name, el.getAttribute(name) ?? '');
    } catch {
      // Not a name an attribute can have: nothing the sanitizer would keep.
    }
  }
  return copy;
}
