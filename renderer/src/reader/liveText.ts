// The canonical text of the live editor, and the mapping between positions in it and
// points in the DOM. The walk is common/text/flatten.ts, the same one main runs over the
// stored JSON; the adapter here classifies live nodes by their type name through the
// JSON side's own rules, so a selection in the reader maps to exactly the offsets main
// computes, and a stored highlight maps back to the same words.
import { $getNearestNodeFromDOMNode, $getRoot, $isElementNode, type LexicalEditor, type LexicalNode, type NodeKey } from 'lexical';
import { flattenTree, type FlatNodeRole, type TreeAdapter } from '../../../common/text/flatten.ts';
import { roleOfSerialized } from '../../../common/text/document.ts';

export const liveAdapter: TreeAdapter<LexicalNode> = {
  role: (node) => roleOfSerialized({ type: node.getType(), version: 1 }),
  // Text nodes and tabs give their text; an image placeholder its "[Image: alt]"; a
  // quoted highlight its quote. Each node class keeps getTextContent equal to what the
  // JSON adapter reads from the same node's fields.
  text: (node) => node.getTextContent(),
  children: (node) => ($isElementNode(node) ? node.getChildren() : []),
};

export interface LiveRun {
  key: NodeKey;
  role: FlatNodeRole;
  start: number;
  length: number;
}

/** A snapshot of the editor's canonical text: valid until the editor state changes. */
export interface LiveText {
  text: string;
  runs: LiveRun[];
  indexByKey: Map<NodeKey, number>;
}

/** Flattens the active editor state (call inside editor.read or editor.update). */
export function $readLiveText(): LiveText {
  const { text, runs } = flattenTree<LexicalNode>($getRoot(), liveAdapter);
  const out: LiveRun[] = runs.map((r) => ({ key: r.node.getKey(), role: liveAdapter.role(r.node), start: r.start, length: r.length }));
  return { text, runs: out, indexByKey: new Map(out.map((r, i) => [r.key, i])) };
}

export function readLiveText(editor: LexicalEditor): LiveText {
  return editor.getEditorState().read($readLiveText);
}

function firstTextNode(element: Node): Text | null {
  if (element.nodeType === Node.TEXT_NODE) return element as Text;
  const walker = element.ownerDocument!.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  return walker.nextNode() as Text | null;
}

/** The canonical offset of a DOM point inside the editor's root element. */
export function domPointToOffset(editor: LexicalEditor, live: LiveText, container: Node, offset: number): number {
  // The common case: a point inside the text of a text node.
  if (container.nodeType === Node.TEXT_NODE) {
    const key = editor.getEditorState().read(() => $getNearestNodeFromDOMNode(container)?.getKey(), { editor });
    const index = key === undefined ? undefined : live.indexByKey.get(key);
    const run = index === undefined ? undefined : live.runs[index];
    if (run && (run.role === 'text' || run.role === 'tab')) return run.start + Math.min(Math.max(offset, 0), run.length);
  }
  // Otherwise (between elements, inside an image placeholder...): the start of the first
  // run that begins at or after the point, found by comparing document positions.
  const doc = container.ownerDocument ?? document;
  const point = doc.createRange();
  point.setStart(container, offset);
  let lo = 0;
  let hi = live.runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const element = editor.getElementByKey(live.runs[mid]!.key);
    // comparePoint: -1 when (element, 0) is before the point.
    if (element && point.comparePoint(element, 0) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0) {
    // A point inside the previous run's element (e.g. an image placeholder) counts as its end.
    const previous = live.runs[lo - 1]!;
    const element = editor.getElementByKey(previous.key);
    if (element && element.contains(container)) return previous.start + previous.length;
  }
  const run = live.runs[lo];
  return run ? run.start : live.text.length;
}

export interface DomPoint {
  node: Node;
  offset: number;
}

/**
 * The DOM point for a canonical offset. `side` says which run an offset on a boundary
 * belongs to: the start of a range sits in the run after it, the end in the run before.
 */
export function offsetToDomPoint(editor: LexicalEditor, live: LiveText, offset: number, side: 'start' | 'end'): DomPoint | null {
  const { runs } = live;
  if (runs.length === 0) return null;
  // Binary search: the first run that ends after (start) / at or after (end) the offset.
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const r = runs[mid]!;
    const end = r.start + r.length;
    if (side === 'start' ? end <= offset : end < offset) lo = mid + 1;
    else hi = mid;
  }
  const run = runs[Math.min(lo, runs.length - 1)]!;
  const element = editor.getElementByKey(run.key);
  if (!element) return null;
  const within = Math.min(Math.max(offset - run.start, 0), run.length);
  if (run.role === 'text' || run.role === 'tab') {
    const text = firstTextNode(element);
    if (text) return { node: text, offset: Math.min(within, text.length) };
  }
  const parent = element.parentNode;
  if (!parent) return null;
  const index = Array.from(parent.childNodes).indexOf(element);
  return { node: parent, offset: within === 0 && side === 'start' ? index : index + 1 };
}

export interface TextRange {
  start: number;
  end: number;
}

/** The canonical range of a DOM selection in the editor, trimmed of surrounding whitespace; null when empty. */
export function selectionToRange(editor: LexicalEditor, live: LiveText, selection: Selection | null): TextRange | null {
  const root = editor.getRootElement();
  if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(root)) return null;
  const start = root.contains(range.startContainer) ? domPointToOffset(editor, live, range.startContainer, range.startOffset) : 0;
  const end = root.contains(range.endContainer) ? domPointToOffset(editor, live, range.endContainer, range.endOffset) : live.text.length;
  return trimRange(live.text, start, end);
}

export function trimRange(text: string, start: number, end: number): TextRange | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}

/** Selects a canonical range in the DOM (find, keyboard selection, tests). */
export function selectRange(editor: LexicalEditor, live: LiveText, range: TextRange): boolean {
  const start = offsetToDomPoint(editor, live, range.start, 'start');
  const end = offsetToDomPoint(editor, live, range.end, 'end');
  const selection = window.getSelection();
  if (!start || !end || !selection) return false;
  selection.setBaseAndExtent(start.node, start.offset, end.node, end.offset);
  return true;
}
