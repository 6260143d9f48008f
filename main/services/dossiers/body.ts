// A stored Lexical document (article body or notebook page) as HTML for the dossier,
// with highlights drawn as <mark> spans at their canonical offsets.
//
// Offsets are those of common/text/flatten.ts: the flattening's runs say where each
// leaf node's text sits in the canonical text, so a highlight maps onto the text nodes
// it covers. Within a node the text is cut at every highlight boundary and each piece
// is wrapped in the marks covering it, outermost (longest) first, so overlapping and
// nested highlights always produce well-formed HTML. A highlight's number [n] follows
// its last character, inside any highlight that continues past it.
import type { AnnotationKind } from '../../../common/api/methods/annotations.ts';
import {
  flattenDocument,
  imagePlaceholderText,
  textField,
  TextFormat,
  type SerializedDocument,
  type SerializedElement,
  type SerializedNode,
} from '../../../common/text/document.ts';
import type { TextRun } from '../../../common/text/flatten.ts';
import { escapeHtml, safeHref } from './escape.ts';

export interface BodyMark {
  number: number;
  /** Element id of the highlight's first piece, so indexes can link to it. */
  anchor: string;
  kind: AnnotationKind;
  start: number;
  end: number;
}

export interface BodyOptions {
  /** Added to heading levels: an article's own h1 sits under the section's h1. */
  headingOffset?: number;
  /** Notebook pages quote highlights with 'annotation-quote' nodes. */
  renderAnnotationQuote?: (node: SerializedNode) => string;
}

export interface RenderedBody {
  html: string;
  /** Numbers of highlights that could not be placed in this text (orphaned or out of range). */
  unplaced: number[];
}

interface Label {
  at: number;
  mark: BodyMark;
}

export function renderBodyHtml(doc: SerializedDocument, marks: readonly BodyMark[], options: BodyOptions = {}): RenderedBody {
  const flat = flattenDocument(doc);
  const runOf = new Map<SerializedNode, TextRun<SerializedNode>>();
  for (const run of flat.runs) runOf.set(run.node, run);
  const textRuns = flat.runs.filter((r) => r.length > 0);

  // Outer before inner: earlier start first, then longer, then lower number.
  const sorted = [...marks].sort((a, b) => a.start - b.start || b.end - a.end || a.number - b.number);
  const placed: BodyMark[] = [];
  const unplaced: number[] = [];
  const labels = new Map<SerializedNode, Label[]>();
  for (const mark of sorted) {
    const last = lastRunBefore(textRuns, mark.end);
    if (mark.end <= mark.start || mark.start < 0 || mark.end > flat.text.length || !last || last.start + last.length <= mark.start) {
      unplaced.push(mark.number);
      continue;
    }
    placed.push(mark);
    const at = Math.min(mark.end, last.start + last.length);
    const list = labels.get(last.node);
    if (list) list.push({ at, mark });
    else labels.set(last.node, [{ at, mark }]);
  }
  for (const list of labels.values()) list.sort((a, b) => a.at - b.at || a.mark.number - b.mark.number);

  const anchored = new Set<string>();
  const headingOffset = options.headingOffset ?? 0;

  const open = (covering: readonly BodyMark[], piece: boolean): string =>
    covering
      .map((m) => {
        // The first piece of a highlight (document order) carries its id, so indexes can link to it.
        const first = piece && !anchored.has(m.anchor);
        if (first) anchored.add(m.anchor);
        return `<mark class="hl hl-${m.kind}"${first ? ` id="${escapeHtml(m.anchor)}"` : ''}>`;
      })
      .join('');
  const close = (n: number) => '</mark>'.repeat(n);

  const leafText = (node: SerializedNode, text: string): string => {
    const run = runOf.get(node);
    if (!run || run.length === 0) return escapeHtml(text);
    const s = run.start;
    const e = run.start + run.length;
    const active = placed.filter((m) => m.start < e && m.end > s);
    const nodeLabels = labels.get(node) ?? [];
    if (active.length === 0 && nodeLabels.length === 0) return escapeHtml(text);
    const cuts = new Set<number>([s, e]);
    for (const m of active) {
      if (m.start > s && m.start < e) cuts.add(m.start);
      if (m.end > s && m.end < e) cuts.add(m.end);
    }
    for (const l of nodeLabels) cuts.add(l.at);
    const points = [...cuts].sort((a, b) => a - b);
    let out = '';
    for (let i = 0; i + 1 < points.length; i += 1) {
      const a = points[i]!;
      const b = points[i + 1]!;
      const covering = active.filter((m) => m.start < b && m.end > a);
      out += open(covering, true) + escapeHtml(text.slice(a - s, b - s)) + close(covering.length);
      for (const label of nodeLabels) {
        if (label.at !== b) continue;
        const around = active.filter((m) => m.start < b && m.end > b);
        out += open(around, false) + numberLabel(label.mark) + close(around.length);
      }
    }
    return out;
  };

  const renderChildren = (node: SerializedNode): string =>
    Array.isArray(node.children) ? (node.children as SerializedNode[]).map(render).join('') : '';

  const render = (node: SerializedNode): string => {
    switch (node.type) {
      case 'text':
        return formatted(Number(node.format) || 0, leafText(node, textField(node, 'text')));
      case 'linebreak':
        return '<br>';
      case 'tab':
        return leafText(node, '\t');
      case 'image-placeholder':
        return `<span class="image-ph">${leafText(node, imagePlaceholderText(textField(node, 'altText')))}</span>`;
      case 'link':
      case 'autolink':
        return renderLink(node, renderChildren(node));
      case 'mark':
        // Editor marks carry annotation ids only; the stored rows are the truth.
        return renderChildren(node);
      case 'annotation-quote':
        return options.renderAnnotationQuote ? options.renderAnnotationQuote(node) : '';
      case 'horizontalrule':
        return '<hr>';
    }
    if (!Array.isArray(node.children)) return '';
    if (!hasText(node)) return '';
    const dir = dirAttribute(node);
    const inner = renderChildren(node);
    switch (node.type) {
      case 'root':
        return inner;
      case 'paragraph':
        return `<p${dir}>${inner}</p>`;
      case 'heading': {
        const level = Math.min(6, Math.max(1, Number(textField(node, 'tag', 'h2').slice(1)) || 2) + headingOffset);
        return `<h${level} class="body-h"${dir}>${inner}</h${level}>`;
      }
      case 'quote':
        return `<blockquote${dir}>${inner}</blockquote>`;
      case 'list': {
        const ordered = node.listType === 'number';
        const start = Number(node.start);
        return ordered
          ? `<ol${Number.isInteger(start) && start !== 1 ? ` start="${start}"` : ''}${dir}>${inner}</ol>`
          : `<ul${dir}>${inner}</ul>`;
      }
      case 'listitem': {
        const children = node.children as SerializedNode[];
        const nestedOnly = children.length > 0 && children.every((c) => c.type === 'list');
        return `<li${nestedOnly ? ' class="nested"' : ''}${dir}>${inner}</li>`;
      }
      case 'code':
        return `<pre${dir}>${inner}</pre>`;
      default:
        return `<div${dir}>${inner}</div>`;
    }
  };

  return { html: render(doc.root), unplaced };
}

/** The last run with text that starts before `end` (runs are in text order). */
function lastRunBefore(runs: readonly TextRun<SerializedNode>[], end: number): TextRun<SerializedNode> | undefined {
  let lo = 0;
  let hi = runs.length - 1;
  let found: TextRun<SerializedNode> | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]!.start < end) {
      found = runs[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function numberLabel(mark: BodyMark): string {
  // dir="ltr" isolates the number, so "[12]" reads the same inside right-to-left text.
  return `<sup class="ref ref-${mark.kind}" dir="ltr">[${mark.number}]</sup>`;
}

function formatted(format: number, html: string): string {
  let out = html;
  if (format & TextFormat.code) out = `<code>${out}</code>`;
  if (format & TextFormat.strikethrough) out = `<s>${out}</s>`;
  if (format & TextFormat.underline) out = `<u>${out}</u>`;
  if (format & TextFormat.italic) out = `<em>${out}</em>`;
  if (format & TextFormat.bold) out = `<strong>${out}</strong>`;
  return out;
}

function renderLink(node: SerializedNode, inner: string): string {
  const url = typeof node.url === 'string' ? node.url : '';
  const href = safeHref(url);
  const text = linkText(node);
  // Printed documents lose hrefs: the address is shown after the text unless the text is the address.
  const shown = url && text.trim() !== url.trim() ? `<span class="link-url" dir="ltr"> (${escapeHtml(url)})</span>` : '';
  return href ? `<a class="link" href="${escapeHtml(href)}">${inner}</a>${shown}` : `<span class="link">${inner}</span>${shown}`;
}

function linkText(node: SerializedNode): string {
  if (node.type === 'text') return textField(node, 'text');
  return Array.isArray(node.children) ? (node.children as SerializedNode[]).map(linkText).join('') : '';
}

function hasText(node: SerializedNode): boolean {
  if (node.type === 'text') return textField(node, 'text').length > 0;
  if (node.type === 'image-placeholder' || node.type === 'annotation-quote') return true;
  return Array.isArray(node.children) && (node.children as SerializedNode[]).some(hasText);
}

function dirAttribute(node: SerializedNode): string {
  const direction = (node as SerializedElement).direction;
  return direction === 'rtl' || direction === 'ltr' ? ` dir="${direction}"` : '';
}
