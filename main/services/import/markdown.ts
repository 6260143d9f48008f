// Markdown files: parsed by micromark into an mdast tree (CommonMark, with GitHub's
// tables, strikethrough, autolinks and footnotes, and YAML front matter read by `yaml`),
// then built into Lexical nodes with the HTML importer's pieces where the two meet: the
// same inline buffer (whitespace, formats, links), list shape, table rows and quotes, and
// raw HTML blocks in the Markdown go through the HTML importer's sanitizer and walker.
import type {
  FootnoteDefinition,
  List,
  Nodes,
  PhrasingContent,
  Root,
  RootContent,
  Table,
} from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { parse as parseYaml } from 'yaml';
import {
  TextFormat,
  canonicalText,
  documentOf,
  heading,
  list,
  paragraph,
  textNode,
  type SerializedElement,
  type SerializedNode,
} from '../../../common/text/document.ts';
import type { ImportCandidate, OriginalFile } from './types.ts';
import { normalizeDate } from './dates.ts';
import { importFailed } from './failure.ts';
import { InlineBuffer, PLAIN, safeHref, type InlineStyle } from './inline.ts';
import { guessScript, isRtlLanguage, normalizeLanguageTag } from './language.ts';
import { cleanByline, cleanText, cleanTitle, httpUrl } from './metadata.ts';
import { datelineOutlet } from './text.ts';
import { headlineFrom, titleFromFileName } from './title.ts';
import { ListBuilder, asQuote, dropTitleHeading, tableRow } from './walker.ts';

/** Front matter keys (lower-cased) and their values as text: a list joined, an object by its name. */
export type FrontMatter = Record<string, string>;

// ---- front matter -------------------------------------------------------------------

/** A YAML value as the text a metadata field can hold, or null for anything else. */
function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) {
    const parts = value.map(scalarText).filter((v): v is string => v !== null);
    return parts.length > 0 ? parts.join(', ') : null;
  }
  // `author: {name: …}`, as Hugo and Jekyll themes write it.
  if (value !== null && typeof value === 'object' && 'name' in value) return scalarText((value).name);
  return null;
}

/**
 * The YAML front matter as flat text values. Front matter that is not valid YAML, or not
 * a mapping, gives no metadata rather than failing the import: the article is the body.
 * Aliases are capped (yaml's default) so a "billion laughs" block cannot blow up.
 */
export function readFrontMatter(yaml: string): FrontMatter {
  let data: unknown;
  try {
    data = parseYaml(yaml, { maxAliasCount: 100, prettyErrors: false });
  } catch {
    return {};
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return {};
  const out: FrontMatter = {};
  for (const [key, value] of Object.entries(data)) {
    const text = scalarText(value);
    if (text !== null) out[key.toLowerCase()] = text;
  }
  return out;
}

function fmValue(fm: FrontMatter, keys: string[]): string | null {
  for (const key of keys) if (fm[key]) return fm[key];
  return null;
}

// ---- the tree into Lexical blocks ---------------------------------------------------

/** What the walk needs beyond the node at hand. */
interface Context {
  definitions: Map<string, string>;
  /** Footnote labels in the order they are first referenced: [^a] reads as [1]. */
  footnotes: Map<string, number>;
  /** The HTML importer's sanitizer and walker, loaded only when the Markdown holds raw HTML. */
  html: HtmlWalk | null;
}

type HtmlWalk = (html: string) => SerializedNode[];

/** Raw HTML blocks: parsed, sanitized and walked as a Word document's HTML is (jsdom loads only then). */
async function loadHtmlWalk(): Promise<HtmlWalk> {
  return (await import('./html.ts')).blocksFromHtml;
}

function hasHtml(node: Nodes): boolean {
  return node.type === 'html' || ('children' in node && (node.children as Nodes[]).some(hasHtml));
}

function formatOf(type: string): number {
  switch (type) {
    case 'emphasis':
      return TextFormat.italic;
    case 'strong':
      return TextFormat.bold;
    case 'delete':
      return TextFormat.strikethrough;
    default:
      return 0;
  }
}

/** "Alt text" of an image as written, without its Markdown. */
function altText(node: { alt?: string | null }): string {
  return node.alt ?? '';
}

const BREAK_TAG = /^<br\s*\/?>$/i;

function inline(nodes: readonly PhrasingContent[], style: InlineStyle, buf: InlineBuffer, context: Context): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        buf.text(node.value, style);
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
        inline(node.children, { format: style.format | formatOf(node.type), href: style.href }, buf, context);
        break;
      case 'inlineCode':
        buf.text(node.value, { format: style.format | TextFormat.code, href: style.href });
        break;
      case 'break':
        buf.lineBreak();
        break;
      case 'link':
        inline(node.children, linked(style, node.url), buf, context);
        break;
      case 'linkReference':
        inline(node.children, linked(style, context.definitions.get(node.identifier) ?? null), buf, context);
        break;
      case 'image':
      case 'imageReference':
        buf.image(altText(node));
        break;
      case 'footnoteReference':
        buf.text(`[${footnoteNumber(context, node.identifier)}]`, style);
        break;
      case 'html':
        // Inline tags arrive one by one (<b>, text, </b>): the text between them is kept,
        // a <br> is a line break, and no tag is ever taken as markup.
        if (BREAK_TAG.test(node.value.trim())) buf.lineBreak();
        break;
    }
  }
}

/** A link's style: the target only when it is http, https or mailto, and never inside another link. */
function linked(style: InlineStyle, url: string | null): InlineStyle {
  if (style.href !== null) return style;
  const href = safeHref(url, null);
  return href === null ? style : { format: style.format, href };
}

function footnoteNumber(context: Context, identifier: string): number {
  let n = context.footnotes.get(identifier);
  if (n === undefined) {
    n = context.footnotes.size + 1;
    context.footnotes.set(identifier, n);
  }
  return n;
}

function inlineBlock(children: readonly PhrasingContent[], context: Context): InlineBuffer {
  const buf = new InlineBuffer();
  inline(children, PLAIN, buf, context);
  return buf;
}

function codeBlock(value: string): SerializedNode | null {
  const buf = new InlineBuffer();
  buf.preformatted(value, { format: TextFormat.code, href: null });
  return buf.isEmpty() ? null : paragraph(buf.nodes());
}

function blocks(nodes: readonly RootContent[], context: Context, out: SerializedNode[] = []): SerializedNode[] {
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph': {
        const buf = inlineBlock(node.children, context);
        if (!buf.isEmpty()) out.push(paragraph(buf.nodes()));
        break;
      }
      case 'heading': {
        const buf = inlineBlock(node.children, context);
        if (!buf.isEmpty()) out.push(heading(`h${node.depth}`, buf.nodes()));
        break;
      }
      case 'blockquote':
        for (const block of blocks(node.children, context)) out.push(asQuote(block));
        break;
      case 'list': {
        const built = buildList(node, context);
        if (built) out.push(built);
        break;
      }
      case 'code': {
        const built = codeBlock(node.value);
        if (built) out.push(built);
        break;
      }
      case 'table':
        out.push(...tableBlocks(node, context));
        break;
      case 'html':
        if (context.html) out.push(...context.html(node.value));
        break;
      // Definitions and footnote definitions are read beforehand; front matter is metadata;
      // a thematic break separates blocks, as <hr> does in HTML.
      default:
        break;
    }
  }
  return out;
}

function tableBlocks(table: Table, context: Context): SerializedNode[] {
  return table.children.map((row) => tableRow(row.children.map((cell) => inlineBlock(cell.children, context)))).filter((row): row is SerializedNode => row !== null);
}

function buildList(node: List, context: Context): SerializedElement | null {
  const start = node.ordered ? (node.start ?? 1) : 1;
  const builder = new ListBuilder(start);
  for (const item of node.children) {
    itemContent(item.children, builder, context);
    builder.finishItem();
  }
  return builder.items.length > 0 ? list(node.ordered ? 'number' : 'bullet', builder.items, start) : null;
}

/**
 * A list item's blocks as one item, as the HTML walker builds an <li>: each block on its
 * own line, a nested list after the item it belongs to.
 */
function itemContent(nodes: readonly RootContent[], builder: ListBuilder, context: Context): void {
  const onItsOwnLine = (fill: () => void): void => {
    builder.buf.boundary();
    fill();
    builder.buf.boundary();
  };
  for (const child of nodes) {
    switch (child.type) {
      case 'list': {
        const nested = buildList(child, context);
        if (nested) builder.nested(nested);
        break;
      }
      case 'paragraph':
      case 'heading':
        onItsOwnLine(() => inline(child.children, PLAIN, builder.buf, context));
        break;
      case 'code':
        onItsOwnLine(() => builder.buf.preformatted(child.value, { format: TextFormat.code, href: null }));
        break;
      case 'blockquote':
        itemContent(child.children, builder, context);
        break;
      case 'table':
        for (const row of child.children) for (const cell of row.children) onItsOwnLine(() => inline(cell.children, PLAIN, builder.buf, context));
        break;
      default:
        break;
    }
  }
}

// ---- the article --------------------------------------------------------------------

/** The syntax tree of a Markdown source: CommonMark, GitHub's extensions, YAML front matter. */
export function markdownTree(source: string): Root {
  return fromMarkdown(source, {
    extensions: [gfm(), frontmatter(['yaml'])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
  });
}

// micromark is quadratic or worse in how deeply blocks or inline markers nest (lists 300
// levels deep take it 7 s, 1,000 levels five minutes; 3,000 nested emphases 47 s; 20,000
// stars around a word three minutes, then a stack overflow), and real documents nest a
// handful of levels. So before parsing, a file is refused, with the line it stopped at,
// when a line starts with more than MAX_CONTAINER_PREFIX characters of indentation, quote
// marks and list markers, when a run of emphasis markers is longer than MAX_MARKER_RUN, or
// when one stretch of inline text (lines up to a blank line, a list item, a table row or
// a heading) holds more than MAX_INLINE_MARKERS emphasis or link markers.
const MAX_CONTAINER_PREFIX = 256;
const MAX_MARKER_RUN = 256;
const MAX_INLINE_MARKERS = 1_000;
const CONTAINER_PREFIX = /^(?:[ \t>]|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*/;
/** A line that starts inline text of its own: a list item, a table row or a heading (after indentation and quote marks). */
const STARTS_INLINE = /^[ \t>]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|\||#)/;
const MARKERS = /[*_]+|\[/g;

function refusePathological(source: string, fileName: string | null): void {
  const refuse = (line: number, why: string): never => {
    throw importFailed(fileName, `${why} (line ${line}); Casefile does not import Markdown nested this deeply`);
  };
  let markers = 0;
  let line = 0;
  for (let start = 0; start <= source.length; ) {
    line += 1;
    const newline = source.indexOf('\n', start);
    const end = newline === -1 ? source.length : newline;
    const text = source.slice(start, end);
    if (CONTAINER_PREFIX.exec(text.slice(0, MAX_CONTAINER_PREFIX + 16))![0].length > MAX_CONTAINER_PREFIX) {
      refuse(line, `nests quotes or lists more than ${MAX_CONTAINER_PREFIX} characters deep`);
    }
    if (text.trim() === '' || STARTS_INLINE.test(text)) markers = 0;
    for (const run of text.matchAll(MARKERS)) {
      if (run[0].length > MAX_MARKER_RUN && run[0].trim() !== text.trim()) refuse(line, `has a run of more than ${MAX_MARKER_RUN} emphasis markers`);
      markers += 1;
    }
    if (markers > MAX_INLINE_MARKERS) refuse(line, `has a paragraph with more than ${MAX_INLINE_MARKERS.toLocaleString('en')} emphasis or link markers`);
    if (newline === -1) break;
    start = end + 1;
  }
}

/** Lexical blocks and front matter of a Markdown source; footnotes follow the text, numbered as referenced. */
export async function parseMarkdown(source: string, fileName: string | null = null): Promise<{ blocks: SerializedNode[]; frontMatter: FrontMatter }> {
  refusePathological(source, fileName);
  const tree = markdownTree(source);
  const context: Context = { definitions: new Map(), footnotes: new Map(), html: hasHtml(tree) ? await loadHtmlWalk() : null };
  const notes = new Map<string, FootnoteDefinition>();
  let frontMatter: FrontMatter = {};
  for (const node of tree.children) {
    if (node.type === 'definition') {
      const definition = node;
      if (!context.definitions.has(definition.identifier)) context.definitions.set(definition.identifier, definition.url);
    } else if (node.type === 'footnoteDefinition') notes.set(node.identifier, node);
    else if (node.type === 'yaml') frontMatter = readFrontMatter(node.value);
  }
  const out = blocks(tree.children, context);
  // Footnotes in the order their references appear; a footnote never referenced is left out.
  for (const [identifier, number] of context.footnotes) {
    const note = notes.get(identifier);
    if (!note) continue;
    const [first, ...rest] = blocks(note.children, context);
    if (first?.type === 'paragraph') out.push(paragraph([textNode(`[${number}] `), ...(first as SerializedElement).children]));
    else if (first) out.push(first);
    out.push(...rest);
  }
  return { blocks: out, frontMatter };
}

export async function convertMarkdown(markdown: string, original: OriginalFile): Promise<ImportCandidate> {
  const { blocks: parsed, frontMatter: fm } = await parseMarkdown(markdown, original.name);
  const text = canonicalText(documentOf(parsed));
  if (text.trim().length === 0) throw importFailed(original.name, 'has no text in it');

  const firstBlock = parsed[0];
  const headingTitle = firstBlock?.type === 'heading' ? cleanTitle(canonicalText(documentOf([firstBlock]))) : null;
  const title = cleanTitle(fmValue(fm, ['title', 'headline'])) ?? headingTitle ?? (headlineFrom(text) || titleFromFileName(original.name));
  const body = dropTitleHeading(parsed, title);
  const source = fmValue(fm, ['source', 'outlet', 'publisher', 'site', 'site_name']);
  const firstParagraph = body.find((b) => b.type === 'paragraph');

  const guess = guessScript(text);
  const language = normalizeLanguageTag(fmValue(fm, ['lang', 'language'])) ?? guess.language;
  const direction = guess.direction === 'rtl' || isRtlLanguage(language) ? 'rtl' : 'ltr';
  return {
    metadata: {
      title,
      byline: cleanByline(fmValue(fm, ['author', 'authors', 'byline'])),
      outlet: (source && !httpUrl(source) ? cleanText(source) : null) ?? (firstParagraph ? datelineOutlet(canonicalText(documentOf([firstParagraph]))) : null),
      url: httpUrl(fmValue(fm, ['url', 'link', 'canonical_url', 'source_url'])) ?? httpUrl(source),
      publishedAt: normalizeDate(fmValue(fm, ['date', 'published', 'publishedat', 'published_at', 'pubdate'])),
      language,
      direction,
    },
    body: documentOf(body, direction),
    original,
  };
}
