// Serialized Lexical documents as Casefile stores them (article bodies, notebook pages),
// and the pure helpers main and renderer share to build and read them.
// This mirrors Lexical's JSON format (version 1 nodes) for the node types in
// common/text/nodes.ts; nothing here imports Lexical, so it runs anywhere.
import { flattenTree, type Flattened, type FlatNodeRole, type TreeAdapter } from './flatten.ts';

export interface SerializedNode {
  type: string;
  version: number;
  [key: string]: unknown;
}

export interface SerializedText extends SerializedNode {
  type: 'text';
  text: string;
  format: number;
  style: string;
  mode: 'normal';
  detail: number;
}

export interface SerializedElement extends SerializedNode {
  children: SerializedNode[];
  direction: 'ltr' | 'rtl' | null;
  format: string;
  indent: number;
}

export interface SerializedDocument {
  root: SerializedElement & { type: 'root' };
}

/** Text format bits, as Lexical defines them. */
export const TextFormat = { bold: 1, italic: 2, strikethrough: 4, underline: 8, code: 16 } as const;

const INLINE_ELEMENTS = new Set(['link', 'autolink', 'mark']);
const OPAQUE_INLINE = new Set(['image-placeholder']);
/** Blocks without children whose text is a field of the node (a notebook page's quoted highlight). */
const OPAQUE_BLOCKS = new Set(['annotation-quote']);

export function roleOfSerialized(node: SerializedNode): FlatNodeRole {
  if (node.type === 'text') return 'text';
  if (node.type === 'linebreak') return 'linebreak';
  if (node.type === 'tab') return 'tab';
  if (INLINE_ELEMENTS.has(node.type)) return 'inline';
  if (OPAQUE_INLINE.has(node.type)) return 'opaque';
  if (OPAQUE_BLOCKS.has(node.type)) return 'opaque-block';
  return 'block';
}

/** A string field of a serialized node (JSON from the editor or a file): `fallback` when absent or not a string. */
export function textField(node: SerializedNode, key: string, fallback = ''): string {
  const value = node[key];
  return typeof value === 'string' ? value : fallback;
}

export const serializedAdapter: TreeAdapter<SerializedNode> = {
  role: roleOfSerialized,
  text: (node) => {
    if (node.type === 'text') return textField(node, 'text');
    if (node.type === 'image-placeholder') return imagePlaceholderText(textField(node, 'altText'));
    if (node.type === 'annotation-quote') return typeof node.quote === 'string' ? node.quote : '';
    return '';
  },
  children: (node) => (Array.isArray(node.children) ? (node.children as SerializedNode[]) : []),
};

/** The text an image stands for in the canonical text: readers see the same words. */
export function imagePlaceholderText(altText: string): string {
  const alt = altText.trim();
  return alt ? `[Image: ${alt}]` : '[Image]';
}

export function flattenDocument(doc: SerializedDocument): Flattened<SerializedNode> {
  return flattenTree<SerializedNode>(doc.root, serializedAdapter);
}

export function canonicalText(doc: SerializedDocument): string {
  return flattenDocument(doc).text;
}

// ---- builders -------------------------------------------------------------------

export function textNode(text: string, format = 0): SerializedText {
  return { type: 'text', version: 1, text, format, style: '', mode: 'normal', detail: 0 };
}

function element(type: string, children: SerializedNode[], extra: Record<string, unknown> = {}): SerializedElement {
  return { type, version: 1, children, direction: null, format: '', indent: 0, ...extra };
}

export function paragraph(children: SerializedNode[]): SerializedElement {
  return element('paragraph', children, { textFormat: 0, textStyle: '' });
}

export function heading(tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6', children: SerializedNode[]): SerializedElement {
  return element('heading', children, { tag });
}

export function quote(children: SerializedNode[]): SerializedElement {
  return element('quote', children);
}

export function list(listType: 'bullet' | 'number', items: SerializedElement[], start = 1): SerializedElement {
  return element('list', items, { listType, start, tag: listType === 'bullet' ? 'ul' : 'ol' });
}

export function listItem(children: SerializedNode[], value = 1): SerializedElement {
  return element('listitem', children, { value });
}

export function link(url: string, children: SerializedNode[]): SerializedElement {
  return element('link', children, { url, rel: 'noreferrer noopener', target: null, title: null });
}

export function lineBreak(): SerializedNode {
  return { type: 'linebreak', version: 1 };
}

export function imagePlaceholder(altText: string): SerializedNode {
  return { type: 'image-placeholder', version: 1, altText };
}

/**
 * A highlight quoted in a notebook page: its words stand in the page's text (so notes
 * are searchable by what they quote) and `annotationId` links back to the passage.
 */
export function annotationQuote(fields: { annotationId: number; articleId: number; quote: string; articleTitle: string }): SerializedNode {
  return { type: 'annotation-quote', version: 1, ...fields };
}

export function documentOf(blocks: SerializedNode[], direction: 'ltr' | 'rtl' | null = null): SerializedDocument {
  return { root: { ...element('root', blocks), type: 'root', direction } };
}

/** A document of plain paragraphs: one per non-empty line of `text`. */
export function documentFromParagraphs(paragraphs: readonly string[], direction: 'ltr' | 'rtl' | null = null): SerializedDocument {
  return documentOf(
    paragraphs.map((p) => p.trim()).filter((p) => p.length > 0).map((p) => paragraph([textNode(p)])),
    direction,
  );
}

export function isSerializedDocument(value: unknown): value is SerializedDocument {
  if (typeof value !== 'object' || value === null) return false;
  const root = (value as { root?: unknown }).root;
  return typeof root === 'object' && root !== null && (root as SerializedNode).type === 'root' && Array.isArray((root as SerializedElement).children);
}
