// Markdown files: a small parser for the subset articles and notes use (front matter,
// headings, paragraphs, quotes, nested lists, fenced code, tables, links, emphasis,
// images), built straight into Lexical nodes with the same inline rules as HTML.
import {
  TextFormat,
  canonicalText,
  documentOf,
  heading,
  lineBreak,
  list,
  listItem,
  paragraph,
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
import { asQuote, dropTitleHeading } from './walker.ts';

type FrontMatter = Record<string, string | string[]>;
type Refs = Map<string, string>;

// ---- front matter -------------------------------------------------------------------

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v[0] === '"' && v.endsWith('"')) || (v[0] === "'" && v.endsWith("'")))) return v.slice(1, -1);
  return v;
}

/** The `---` YAML block at the top, read as flat keys with string or list values (all we need). */
export function splitFrontMatter(source: string): { frontMatter: FrontMatter; body: string } {
  const match = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(source);
  if (!match) return { frontMatter: {}, body: source };
  const frontMatter: FrontMatter = {};
  let listKey: string | null = null;
  for (const line of match[1]!.split('\n')) {
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item && listKey) {
      const current = frontMatter[listKey];
      frontMatter[listKey] = [...(Array.isArray(current) ? current : []), unquote(item[1]!)];
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) continue;
    const key = pair[1]!.toLowerCase();
    const value = pair[2]!.trim();
    listKey = value === '' ? key : null;
    if (value.startsWith('[') && value.endsWith(']')) {
      frontMatter[key] = value.slice(1, -1).split(',').map(unquote).filter((v) => v.length > 0);
    } else if (value !== '') {
      frontMatter[key] = unquote(value);
    }
  }
  return { frontMatter, body: source.slice(match[0].length) };
}

function fmValue(fm: FrontMatter, keys: string[]): string | null {
  for (const key of keys) {
    const v = fm[key];
    if (Array.isArray(v) && v.length > 0) return v.join(', ');
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return null;
}

// ---- blocks -------------------------------------------------------------------------

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}>[ ]?(.*)$/;
const ITEM = /^( *)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|$)/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const REFERENCE = /^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*$/;
const HTML_ONLY_LINE = /^\s*(?:<\/?[a-z][^>]*>|<!--.*?-->)\s*$/i;

function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** A line that ends a paragraph because it starts another block. */
function startsBlock(line: string): boolean {
  return FENCE.test(line) || ATX.test(line) || HR.test(line) || QUOTE.test(line) || ITEM.test(line);
}

function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

function parseBlocks(lines: string[], refs: Refs): SerializedNode[] {
  const blocks: SerializedNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line) || HTML_ONLY_LINE.test(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      const code: string[] = [];
      i++;
      while (i < lines.length && !closing.test(lines[i]!)) code.push(lines[i++]!);
      i++;
      const buf = new InlineBuffer();
      buf.preformatted(code.join('\n'), { format: TextFormat.code, href: null });
      if (!buf.isEmpty()) blocks.push(paragraph(buf.nodes()));
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      const buf = new InlineBuffer();
      parseInline(atx[2] ?? '', PLAIN, buf, refs);
      if (!buf.isEmpty()) blocks.push(heading(`h${atx[1]!.length}` as 'h1', buf.nodes()));
      i++;
      continue;
    }
    if (HR.test(line)) {
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) inner.push(QUOTE.exec(lines[i++]!)![1]!);
      for (const block of parseBlocks(inner, refs)) blocks.push(asQuote(block));
      continue;
    }
    if (ITEM.test(line)) {
      const parsed = parseList(lines, i, refs);
      if (parsed.node) blocks.push(parsed.node);
      i = parsed.next;
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_DELIMITER.test(lines[i + 1]!) && lines[i + 1]!.includes('-')) {
      blocks.push(...tableRows([line], refs));
      i += 2;
      const rows: string[] = [];
      while (i < lines.length && !isBlank(lines[i]!) && lines[i]!.includes('|')) rows.push(lines[i++]!);
      blocks.push(...tableRows(rows, refs));
      continue;
    }
    // A paragraph: lines up to a blank line or the start of another block; a setext underline makes it a heading.
    const text: string[] = [line.trimStart()];
    i++;
    let level: 1 | 2 | 0 = 0;
    while (i < lines.length && !isBlank(lines[i]!)) {
      const setext = SETEXT.exec(lines[i]!);
      if (setext) {
        level = setext[1]![0] === '=' ? 1 : 2;
        i++;
        break;
      }
      if (startsBlock(lines[i]!)) break;
      text.push(lines[i++]!.replace(/^\s+/, ''));
    }
    const buf = new InlineBuffer();
    parseInline(text.join('\n'), PLAIN, buf, refs);
    if (!buf.isEmpty()) blocks.push(level ? heading(level === 1 ? 'h1' : 'h2', buf.nodes()) : paragraph(buf.nodes()));
  }
  return blocks;
}

function tableRows(rows: string[], refs: Refs): SerializedNode[] {
  const out: SerializedNode[] = [];
  for (const row of rows) {
    const cells = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/);
    const buf = new InlineBuffer();
    for (const cell of cells) {
      const cellBuf = new InlineBuffer();
      parseInline(cell.trim(), PLAIN, cellBuf, refs);
      if (cellBuf.isEmpty()) continue;
      buf.separator(' | ');
      buf.append(cellBuf);
    }
    if (!buf.isEmpty()) out.push(paragraph(buf.nodes()));
  }
  return out;
}

/** A list starting at lines[start]: items are siblings at the same indentation; deeper lines belong to the item above. */
function parseList(lines: string[], start: number, refs: Refs): { node: SerializedElement | null; next: number } {
  const first = ITEM.exec(lines[start]!)!;
  const markerIndent = first[1]!.length;
  const ordered = /\d/.test(first[2]!);
  const items: string[][] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!;
    const item = ITEM.exec(line);
    if (item && item[1]!.length <= markerIndent) {
      if (/\d/.test(item[2]!) !== ordered || item[1]!.length < markerIndent) break;
      items.push([item[3] ?? '']);
      i++;
      continue;
    }
    if (isBlank(line)) {
      // A blank line continues the list only if more of it follows.
      let j = i + 1;
      while (j < lines.length && isBlank(lines[j]!)) j++;
      const next = lines[j];
      const nextItem = next !== undefined ? ITEM.exec(next) : null;
      if (next === undefined || (indentOf(next) <= markerIndent && !(nextItem && nextItem[1]!.length === markerIndent))) break;
      items[items.length - 1]!.push('');
      i++;
      continue;
    }
    if (indentOf(line) > markerIndent) {
      const contentIndent = Math.min(indentOf(line), markerIndent + first[2]!.length + 1);
      items[items.length - 1]!.push(line.slice(contentIndent));
      i++;
      continue;
    }
    // A lazy continuation line: unindented text right after an item's text.
    if (!startsBlock(line) && !isBlank(items[items.length - 1]!.at(-1) ?? '')) {
      items[items.length - 1]!.push(line.trim());
      i++;
      continue;
    }
    break;
  }

  const listStart = ordered ? Number.parseInt(first[2]!, 10) : 1;
  const out: SerializedElement[] = [];
  let value = listStart;
  for (const itemLines of items) {
    let inline: SerializedNode[] = [];
    const flush = (): void => {
      if (inline.length > 0) out.push(listItem(inline, value++));
      inline = [];
    };
    for (const block of parseBlocks(itemLines, refs)) {
      if (block.type === 'list') {
        flush();
        // Lexical nests a list inside an item of its own, numbered like the next item.
        out.push(listItem([block], value));
      } else {
        if (inline.length > 0) inline.push(lineBreak());
        inline.push(...(block as SerializedElement).children);
      }
    }
    flush();
  }
  return { node: out.length > 0 ? list(ordered ? 'number' : 'bullet', out, listStart) : null, next: i };
}

// ---- inline -------------------------------------------------------------------------

const ESCAPABLE = /[!-/:-@[-`{-~]/;
const BARE_URL = /\bhttps?:\/\/[^\s<>"]*[^\s<>".,;:!?'")\]]/g;
// How far an emphasis opener looks for its closer; keeps unmatched asterisks from costing quadratic time.
const EMPHASIS_REACH = 5000;
// Longest link text looked at: a "[" that opens no link must not cost a scan to the end of the paragraph.
const LINK_TEXT_REACH = 1000;

// "(url)", "(<url>)" or "(url \"title\")" right after a link's "]"; sticky, so it never copies the rest of the text.
const LINK_DESTINATION = /\(\s*(?:<([^>\n]*)>|((?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*))(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/y;

interface LinkMatch {
  text: string;
  url: string | null;
  end: number;
}

/** Plain text (bare URLs become links unless already inside one). */
function emitText(text: string, style: InlineStyle, buf: InlineBuffer): void {
  if (style.href !== null || !text.includes('http')) {
    buf.text(text, style);
    return;
  }
  let last = 0;
  for (const match of text.matchAll(BARE_URL)) {
    buf.text(text.slice(last, match.index), style);
    const href = safeHref(match[0], null);
    buf.text(match[0], href ? { format: style.format, href } : style);
    last = match.index + match[0].length;
  }
  buf.text(text.slice(last), style);
}

function runLength(text: string, i: number, c: string): number {
  let n = 0;
  while (text[i + n] === c) n++;
  return n;
}

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

function isSpace(c: string | undefined): boolean {
  return c === undefined || /\s/.test(c);
}

/**
 * Emphasis, strong or strikethrough opening at i: its inner text, format bits and end, or
 * null. Whether a run closes depends only on the run itself, so `searched` remembers, per
 * delimiter, how far a failed search already looked: later openers skip that stretch and
 * a line full of unmatched asterisks stays linear.
 */
function emphasisAt(text: string, i: number, searched: Map<string, number>): { inner: string; bits: number; end: number } | null {
  const c = text[i]!;
  const n = runLength(text, i, c);
  if (c === '~' && n !== 2) return null;
  if (n > 3 || isSpace(text[i + n]) || (c === '_' && isAlnum(text[i - 1]))) return null;
  const key = c + n;
  const limit = Math.min(text.length, i + n + EMPHASIS_REACH);
  let j = Math.max(i + n + 1, searched.get(key) ?? 0);
  while (j > i + n + 1 && text[j - 1] === c) j--;
  for (; j < limit; j++) {
    if (text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] !== c) continue;
    const m = runLength(text, j, c);
    if (m === n && !isSpace(text[j - 1]) && !(c === '_' && isAlnum(text[j + m]))) {
      const bits = c === '~' ? TextFormat.strikethrough : n === 1 ? TextFormat.italic : n === 2 ? TextFormat.bold : TextFormat.bold | TextFormat.italic;
      return { inner: text.slice(i + n, j), bits, end: j + m };
    }
    j += m - 1;
  }
  searched.set(key, limit);
  return null;
}

/** `[text](url "title")`, `[text][ref]` or `[ref]` starting at text[i] === '['. */
function linkAt(text: string, i: number, refs: Refs): LinkMatch | null {
  let depth = 0;
  let close = -1;
  const limit = Math.min(text.length, i + LINK_TEXT_REACH);
  for (let j = i; j < limit; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) {
      close = j;
      break;
    }
  }
  if (close === -1) return null;
  const label = text.slice(i + 1, close);
  if (text[close + 1] === '(') {
    LINK_DESTINATION.lastIndex = close + 1;
    const dest = LINK_DESTINATION.exec(text);
    if (!dest) return null;
    return { text: label, url: (dest[1] ?? dest[2] ?? '').replace(/\\(.)/g, '$1'), end: close + 1 + dest[0].length };
  }
  if (text[close + 1] === '[') {
    const end = text.indexOf(']', close + 2);
    if (end !== -1) {
      const ref = normalizeLabel(text.slice(close + 2, end) || label);
      if (refs.has(ref)) return { text: label, url: refs.get(ref)!, end: end + 1 };
    }
  }
  const ref = normalizeLabel(label);
  return refs.has(ref) ? { text: label, url: refs.get(ref)!, end: close + 1 } : null;
}

/** Alt text as written, without Markdown punctuation. */
function plainAlt(alt: string): string {
  return alt.replace(/[*_`~]/g, '').replace(/\\(.)/g, '$1');
}

function parseInline(text: string, style: InlineStyle, buf: InlineBuffer, refs: Refs): void {
  const searched = new Map<string, number>();
  const noCodeCloser = new Set<number>();
  let seg = '';
  const flush = (): void => {
    if (seg.length > 0) emitText(seg, style, buf);
    seg = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '\n') {
        flush();
        buf.lineBreak();
        i += 2;
        continue;
      }
      if (next !== undefined && ESCAPABLE.test(next)) {
        seg += next;
        i += 2;
        continue;
      }
    } else if (c === '\n') {
      // Two trailing spaces make a hard line break; a plain newline is a space.
      if (/ {2,}$/.test(seg)) {
        seg = seg.replace(/ +$/, '');
        flush();
        buf.lineBreak();
      } else {
        seg += c;
      }
      i++;
      continue;
    } else if (c === '`') {
      const n = runLength(text, i, '`');
      const closeAt = noCodeCloser.has(n) ? -1 : text.indexOf('`'.repeat(n), i + n);
      if (closeAt === -1) noCodeCloser.add(n);
      if (closeAt !== -1 && runLength(text, closeAt, '`') === n) {
        flush();
        const code = text.slice(i + n, closeAt).replace(/\n/g, ' ');
        buf.text(/^ .*\S.* $/.test(code) ? code.slice(1, -1) : code, { format: style.format | TextFormat.code, href: style.href });
        i = closeAt + n;
        continue;
      }
      seg += '`'.repeat(n);
      i += n;
      continue;
    } else if (c === '!' && text[i + 1] === '[') {
      const image = linkAt(text, i + 1, refs);
      if (image) {
        flush();
        buf.image(plainAlt(image.text));
        i = image.end;
        continue;
      }
    } else if (c === '[') {
      const found = linkAt(text, i, refs);
      if (found) {
        flush();
        const href = style.href ?? safeHref(found.url, null);
        parseInline(found.text, href ? { format: style.format, href } : style, buf, refs);
        i = found.end;
        continue;
      }
    } else if (c === '<') {
      const tag = /^<(?:(https?:\/\/[^\s<>]+|mailto:[^\s<>]+)|([^\s<>@]+@[^\s<>@]+\.[a-z]{2,})|(br\s*\/?)|!--[\s\S]*?--)>/i.exec(text.slice(i, i + 2000));
      if (tag) {
        flush();
        if (tag[3]) buf.lineBreak();
        else if (tag[1] || tag[2]) {
          const href = style.href ?? safeHref(tag[1] ?? `mailto:${tag[2]}`, null);
          buf.text(tag[1] ?? tag[2]!, href ? { format: style.format, href } : style);
        }
        i += tag[0].length;
        continue;
      }
    } else if (c === '*' || c === '_' || c === '~') {
      const em = emphasisAt(text, i, searched);
      if (em) {
        flush();
        parseInline(em.inner, { format: style.format | em.bits, href: style.href }, buf, refs);
        i = em.end;
        continue;
      }
      const n = runLength(text, i, c);
      seg += c.repeat(n);
      i += n;
      continue;
    }
    seg += c;
    i++;
  }
  flush();
}

// ---- the article --------------------------------------------------------------------

/** Lexical blocks and front matter of a Markdown source. */
export function parseMarkdown(source: string): { blocks: SerializedNode[]; frontMatter: FrontMatter } {
  const { frontMatter, body } = splitFrontMatter(source.replace(/\r\n?/g, '\n'));
  const refs: Refs = new Map();
  const lines: string[] = [];
  let inFence = false;
  for (const raw of body.split('\n')) {
    const line = raw.replace(/^\t+/, (tabs) => '    '.repeat(tabs.length));
    if (FENCE.test(line)) inFence = !inFence;
    const ref = inFence ? null : REFERENCE.exec(line);
    if (ref) {
      const key = normalizeLabel(ref[1]!);
      if (!refs.has(key)) refs.set(key, ref[2]!);
    } else {
      lines.push(line);
    }
  }
  return { blocks: parseBlocks(lines, refs), frontMatter };
}

export function convertMarkdown(markdown: string, original: OriginalFile): ImportCandidate {
  const { blocks, frontMatter: fm } = parseMarkdown(markdown);
  const text = canonicalText(documentOf(blocks));
  if (text.trim().length === 0) throw importFailed(original.name, 'has no text in it');

  const firstBlock = blocks[0];
  const headingTitle = firstBlock?.type === 'heading' ? cleanTitle(canonicalText(documentOf([firstBlock]))) : null;
  const title = cleanTitle(fmValue(fm, ['title', 'headline'])) ?? headingTitle ?? (headlineFrom(text) || titleFromFileName(original.name));
  const body = dropTitleHeading(blocks, title);
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
