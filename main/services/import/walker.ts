// The one walk from a (sanitized) HTML DOM to Lexical nodes, shared by HTML files,
// Word documents and pasted HTML. Only the structure listed here survives; no markup,
// attribute or URL other than a checked link target ever reaches the body.
import {
  TextFormat,
  canonicalText,
  documentOf,
  heading,
  list,
  listItem,
  paragraph,
  quote,
  type SerializedElement,
  type SerializedNode,
} from '../../../common/text/document.ts';
import { InlineBuffer, PLAIN, safeHref, type InlineStyle } from './inline.ts';

export interface WalkOptions {
  /** The page's own URL, to resolve relative links; without it relative links become plain text. */
  baseUrl: string | null;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

// Dropped with everything inside: active content, form controls, media, metadata.
const DROPPED = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math',
  'input', 'button', 'select', 'textarea', 'option', 'optgroup', 'datalist', 'noscript', 'template',
  'head', 'title', 'meta', 'link', 'base', 'canvas', 'video', 'audio', 'source', 'track', 'map',
  'area', 'dialog', 'param', 'slot',
]);

// Containers that start and end a paragraph. A <form> is a container, not dropped: ASP.NET
// pages wrap the whole article in one.
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'address',
  'figure', 'figcaption', 'details', 'summary', 'dl', 'dt', 'dd', 'center', 'hgroup', 'fieldset',
  'legend', 'form', 'body', 'html', 'li', 'caption', 'search', 'tbody', 'thead', 'tfoot', 'tr',
  'td', 'th', 'colgroup', 'menu',
]);

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const FORMATS: Record<string, number> = {
  b: TextFormat.bold,
  strong: TextFormat.bold,
  i: TextFormat.italic,
  em: TextFormat.italic,
  cite: TextFormat.italic,
  u: TextFormat.underline,
  ins: TextFormat.underline,
  s: TextFormat.strikethrough,
  strike: TextFormat.strikethrough,
  del: TextFormat.strikethrough,
  code: TextFormat.code,
  kbd: TextFormat.code,
  samp: TextFormat.code,
  tt: TextFormat.code,
};

/** Lexical blocks for everything under `root` (an element or a document body). */
export function blocksFromDom(root: Node, options: WalkOptions): SerializedNode[] {
  const out = new Blocks();
  walkBlocks(root, PLAIN, out, options);
  out.flush();
  return out.blocks;
}

/** Removes a first heading that repeats the title, since the title is shown above the body. */
export function dropTitleHeading(blocks: SerializedNode[], title: string): SerializedNode[] {
  const first = blocks[0];
  if (!first || first.type !== 'heading') return blocks;
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(canonicalText(documentOf([first]))) === norm(title) ? blocks.slice(1) : blocks;
}

/** Blocks collected so far and the paragraph being filled. */
class Blocks {
  readonly blocks: SerializedNode[] = [];
  inline = new InlineBuffer();

  flush(): void {
    if (!this.inline.isEmpty()) this.blocks.push(paragraph(this.inline.nodes()));
    this.inline = new InlineBuffer();
  }
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

function isDropped(el: Element): boolean {
  return DROPPED.has(el.localName) || isHidden(el);
}

function styleFor(el: Element, style: InlineStyle, options: WalkOptions): InlineStyle {
  const tag = el.localName;
  if (tag === 'a') {
    // A link inside a link keeps the outer target, as Lexical links cannot nest.
    if (style.href !== null) return style;
    const href = safeHref(el.getAttribute('href'), options.baseUrl);
    return href === null ? style : { format: style.format, href };
  }
  const bit = FORMATS[tag];
  return bit === undefined ? style : { format: style.format | bit, href: style.href };
}

function walkBlocks(parent: Node, style: InlineStyle, out: Blocks, options: WalkOptions): void {
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) out.inline.text((child as Text).data, style);
    else if (child.nodeType === ELEMENT_NODE) walkElement(child as Element, style, out, options);
  }
}

function walkElement(el: Element, style: InlineStyle, out: Blocks, options: WalkOptions): void {
  if (isDropped(el)) return;
  const tag = el.localName;
  if (tag === 'br') {
    out.inline.lineBreak();
  } else if (tag === 'img') {
    out.inline.image(el.getAttribute('alt') ?? '');
  } else if (HEADINGS.has(tag)) {
    out.flush();
    const buf = new InlineBuffer();
    inlineInto(el, style, buf, options);
    if (!buf.isEmpty()) out.blocks.push(heading(tag as 'h1', buf.nodes()));
  } else if (tag === 'blockquote') {
    out.flush();
    const inner = new Blocks();
    walkBlocks(el, style, inner, options);
    inner.flush();
    for (const block of inner.blocks) out.blocks.push(asQuote(block));
  } else if (tag === 'ul' || tag === 'ol') {
    out.flush();
    const built = buildList(el, style, options);
    if (built) out.blocks.push(built);
  } else if (tag === 'table') {
    out.flush();
    walkTable(el as HTMLTableElement, style, out, options);
  } else if (tag === 'pre') {
    out.flush();
    const buf = new InlineBuffer();
    preInto(el, style, buf, options);
    if (!buf.isEmpty()) out.blocks.push(paragraph(buf.nodes()));
  } else if (tag === 'hr') {
    out.flush();
  } else if (BLOCKS.has(tag)) {
    out.flush();
    walkBlocks(el, style, out, options);
    out.flush();
  } else {
    walkBlocks(el, styleFor(el, style, options), out, options);
  }
}

/** Quotes hold inline content only, so each paragraph or heading of a blockquote becomes its own quote. */
export function asQuote(block: SerializedNode): SerializedNode {
  if (block.type === 'paragraph' || block.type === 'heading') return quote((block as SerializedElement).children);
  return block;
}

/** Everything under `el` as inline content of one block; nested blocks become line breaks ('break') or spaces ('space'). */
function inlineInto(el: Element, style: InlineStyle, buf: InlineBuffer, options: WalkOptions, edge: 'space' | 'break' = 'space'): void {
  for (let child = el.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      buf.text((child as Text).data, style);
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue;
    const c = child as Element;
    if (isDropped(c)) continue;
    const tag = c.localName;
    if (tag === 'br') buf.lineBreak();
    else if (tag === 'img') buf.image(c.getAttribute('alt') ?? '');
    else if (BLOCKS.has(tag) || HEADINGS.has(tag) || tag === 'ul' || tag === 'ol' || tag === 'blockquote' || tag === 'table' || tag === 'pre') {
      if (edge === 'break') buf.boundary();
      else buf.softBreak();
      inlineInto(c, style, buf, options, edge);
      if (edge === 'break') buf.boundary();
      else buf.softBreak();
    } else {
      inlineInto(c, styleFor(c, style, options), buf, options, edge);
    }
  }
}

function preInto(el: Element, style: InlineStyle, buf: InlineBuffer, options: WalkOptions): void {
  for (let child = el.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) buf.preformatted((child as Text).data, style);
    else if (child.nodeType === ELEMENT_NODE) {
      const c = child as Element;
      if (isDropped(c)) continue;
      if (c.localName === 'br') buf.lineBreak();
      else if (c.localName === 'img') buf.image(c.getAttribute('alt') ?? '');
      else preInto(c, styleFor(c, style, options), buf, options);
    }
  }
}

/**
 * Builds Lexical's list shape: a nested list sits alone in a list item after the item it
 * belongs to. Shared with the Markdown importer, whose lists take the same shape.
 */
export class ListBuilder {
  readonly items: SerializedElement[] = [];
  buf = new InlineBuffer();
  private value: number;

  constructor(start: number) {
    this.value = start;
  }

  finishItem(): void {
    if (!this.buf.isEmpty()) this.items.push(listItem(this.buf.nodes(), this.value++));
    this.buf = new InlineBuffer();
  }

  nested(nestedList: SerializedElement): void {
    this.finishItem();
    // Lexical numbers a wrapper item like the next item and does not count it.
    this.items.push(listItem([nestedList], this.value));
  }
}

function buildList(el: Element, style: InlineStyle, options: WalkOptions): SerializedElement | null {
  const ordered = el.localName === 'ol';
  const startAttr = ordered ? Number.parseInt(el.getAttribute('start') ?? '', 10) : Number.NaN;
  const start = Number.isFinite(startAttr) ? startAttr : 1;
  const builder = new ListBuilder(start);
  itemContent(el, style, builder, options);
  builder.finishItem();
  return builder.items.length > 0 ? list(ordered ? 'number' : 'bullet', builder.items, start) : null;
}

function itemContent(el: Element, style: InlineStyle, builder: ListBuilder, options: WalkOptions): void {
  for (let child = el.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) builder.buf.text((child as Text).data, style);
    else if (child.nodeType === ELEMENT_NODE) itemNode(child as Element, style, builder, options);
  }
}

function itemNode(c: Element, style: InlineStyle, builder: ListBuilder, options: WalkOptions): void {
  if (isDropped(c)) return;
  const tag = c.localName;
  if (tag === 'br') builder.buf.lineBreak();
  else if (tag === 'img') builder.buf.image(c.getAttribute('alt') ?? '');
  else if (tag === 'ul' || tag === 'ol') {
    const nested = buildList(c, style, options);
    if (nested) builder.nested(nested);
  } else if (tag === 'li') {
    builder.finishItem();
    itemContent(c, style, builder, options);
    builder.finishItem();
  } else if (BLOCKS.has(tag) || HEADINGS.has(tag) || tag === 'blockquote' || tag === 'table' || tag === 'pre') {
    builder.buf.boundary();
    itemContent(c, style, builder, options);
    builder.buf.boundary();
  } else {
    itemContent(c, styleFor(c, style, options), builder, options);
  }
}

// A table whose cells hold paragraphs, headings or lists is page layout, not data.
const LAYOUT_CONTENT = 'p, h1, h2, h3, h4, h5, h6, ul, ol, blockquote, pre, table';

function walkTable(table: HTMLTableElement, style: InlineStyle, out: Blocks, options: WalkOptions): void {
  if (table.querySelector(LAYOUT_CONTENT)) {
    walkBlocks(table, style, out, options);
    out.flush();
    return;
  }
  const caption = table.caption;
  if (caption && !isDropped(caption)) {
    inlineInto(caption, style, out.inline, options);
    out.flush();
  }
  for (const row of Array.from(table.rows)) {
    const cells = Array.from(row.cells)
      .filter((cell) => !isDropped(cell))
      .map((cell) => {
        const cellBuf = new InlineBuffer();
        inlineInto(cell, style, cellBuf, options);
        return cellBuf;
      });
    const built = tableRow(cells);
    if (built) out.blocks.push(built);
  }
}

/** A table row as one readable paragraph: its non-empty cells joined by " | " (HTML and Markdown tables alike). */
export function tableRow(cells: readonly InlineBuffer[]): SerializedNode | null {
  const buf = new InlineBuffer();
  for (const cell of cells) {
    if (cell.isEmpty()) continue;
    buf.separator(' | ');
    buf.append(cell);
  }
  return buf.isEmpty() ? null : paragraph(buf.nodes());
}
