// The inline content of one block (paragraph, heading, list item) collected as runs,
// then built into Lexical nodes. Shared by the HTML walker and the Markdown parser so
// whitespace, formats and links come out the same from both.
import {
  imagePlaceholder,
  lineBreak,
  link,
  textNode,
  type SerializedNode,
  type SerializedText,
} from '../../../common/text/document.ts';

export interface InlineStyle {
  /** Lexical text format bits (TextFormat). */
  format: number;
  /** Target of the enclosing link, already checked to be http, https or mailto. */
  href: string | null;
}

export const PLAIN: InlineStyle = { format: 0, href: null };

type Item =
  | { kind: 'text'; text: string; format: number; href: string | null }
  | { kind: 'break' }
  | { kind: 'tab' }
  | { kind: 'image'; alt: string };

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** An http, https or mailto URL (relative ones resolved against `base`), or null for anything else. */
export function safeHref(raw: string | null, base: string | null): string | null {
  const value = raw?.trim();
  if (!value || value.startsWith('#')) return null;
  try {
    const url = base ? new URL(value, base) : new URL(value);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

// HTML collapses these; a no-break space is collapsed too because news sites use it as padding.
const COLLAPSIBLE = /[ \t\n\r\f\u00A0]+/g;
const SOFT_HYPHEN = /\u00AD/g;

export class InlineBuffer {
  private readonly items: Item[] = [];
  /** True where a collapsible space would not be rendered: block start, after a space, after a line break. */
  private spaceSuppressed = true;
  /** Set at the edge of a source block inside this one: the next content starts on a new line. */
  private breakPending = false;

  /** Text as HTML source holds it: runs of whitespace become one space, as a browser renders them. */
  text(raw: string, style: InlineStyle): void {
    let text = raw.replace(SOFT_HYPHEN, '').replace(COLLAPSIBLE, ' ');
    if ((this.spaceSuppressed || this.breakPending) && text.startsWith(' ')) text = text.slice(1);
    if (text.length === 0) return;
    this.beforeContent();
    this.push(text, style);
    this.spaceSuppressed = text.endsWith(' ');
  }

  /** Text whose spaces, tabs and line ends are kept (pre, fenced code). */
  preformatted(raw: string, style: InlineStyle): void {
    if (raw.length === 0) return;
    this.beforeContent();
    const lines = raw.replace(/\r\n?/g, '\n').split('\n');
    lines.forEach((line, i) => {
      if (i > 0) this.lineBreak();
      line.split('\t').forEach((piece, j) => {
        if (j > 0) this.items.push({ kind: 'tab' });
        if (piece.length > 0) this.push(piece, style);
      });
    });
    this.spaceSuppressed = false;
  }

  lineBreak(): void {
    this.breakPending = false;
    this.trimEnd();
    this.items.push({ kind: 'break' });
    this.spaceSuppressed = true;
  }

  image(alt: string): void {
    this.beforeContent();
    this.items.push({ kind: 'image', alt: alt.replace(COLLAPSIBLE, ' ').trim() });
    this.spaceSuppressed = false;
  }

  /** Literal text between pieces (" | " between table cells): trailing space before it is dropped. */
  separator(text: string): void {
    this.trimEnd();
    if (this.items.length > 0 && this.items[this.items.length - 1]!.kind !== 'break') {
      this.push(text, PLAIN);
      this.spaceSuppressed = text.endsWith(' ');
    }
  }

  /** The edge of a block nested in this one (paragraphs inside a list item): a line break, never two. */
  boundary(): void {
    this.breakPending = true;
  }

  /** Appends another buffer's content (one table cell into its row). */
  append(other: InlineBuffer): void {
    other.trimEnd();
    if (other.items.length === 0) return;
    this.beforeContent();
    this.items.push(...other.items);
    this.spaceSuppressed = other.spaceSuppressed;
  }

  /** A space between pieces that were blocks in the source (a div inside a heading). */
  softBreak(): void {
    if (!this.spaceSuppressed) this.text(' ', PLAIN);
  }

  /** True when nothing visible was collected (only spaces and line breaks). */
  isEmpty(): boolean {
    return !this.items.some((item) => item.kind === 'image' || (item.kind === 'text' && item.text.trim().length > 0));
  }

  /** The collected text without formats, for comparisons (is this heading the title?). */
  plainText(): string {
    return this.items.map((item) => (item.kind === 'text' ? item.text : item.kind === 'break' ? '\n' : item.kind === 'tab' ? '\t' : '')).join('').trim();
  }

  /** Lexical inline nodes: adjacent runs with the same format merged, runs with the same href grouped in one link. */
  nodes(): SerializedNode[] {
    this.trimEnd();
    let start = 0;
    let end = this.items.length;
    while (start < end && this.items[start]!.kind === 'break') start++;
    while (end > start && this.items[end - 1]!.kind === 'break') end--;

    const out: SerializedNode[] = [];
    let linkHref: string | null = null;
    let linkChildren: SerializedNode[] = [];
    const closeLink = (): void => {
      if (linkHref !== null) out.push(link(linkHref, linkChildren));
      linkHref = null;
      linkChildren = [];
    };
    for (let i = start; i < end; i++) {
      const item = this.items[i]!;
      if (item.kind !== 'text') {
        closeLink();
        out.push(item.kind === 'break' ? lineBreak() : item.kind === 'tab' ? tabNode() : imagePlaceholder(item.alt));
      } else if (item.href === null) {
        closeLink();
        appendText(out, item.text, item.format);
      } else {
        if (linkHref !== item.href) {
          closeLink();
          linkHref = item.href;
        }
        appendText(linkChildren, item.text, item.format);
      }
    }
    closeLink();
    return out;
  }

  private beforeContent(): void {
    if (!this.breakPending) return;
    this.breakPending = false;
    const last = this.items[this.items.length - 1];
    if (last !== undefined && last.kind !== 'break') this.lineBreak();
  }

  private push(text: string, style: InlineStyle): void {
    this.items.push({ kind: 'text', text, format: style.format, href: style.href });
  }

  private trimEnd(): void {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const item = this.items[i]!;
      if (item.kind !== 'text') return;
      const trimmed = item.text.replace(/ +$/, '');
      if (trimmed.length > 0) {
        item.text = trimmed;
        return;
      }
      this.items.splice(i, 1);
    }
  }
}

function appendText(nodes: SerializedNode[], text: string, format: number): void {
  const last = nodes[nodes.length - 1];
  if (last && last.type === 'text' && (last as SerializedText).format === format) {
    (last as SerializedText).text += text;
  } else {
    nodes.push(textNode(text, format));
  }
}

/** Lexical's TabNode as it serializes: an unmergeable text node holding one tab. */
function tabNode(): SerializedNode {
  return { type: 'tab', version: 1, text: '\t', format: 0, style: '', mode: 'normal', detail: 2 };
}
