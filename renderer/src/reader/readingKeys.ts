// Reading with the keyboard in a read-only article: the arrow keys move a reading caret
// and Shift extends a real DOM selection, through Selection.modify (the browser's own
// caret-browsing movement, which works on text that is not editable). The selection
// this makes is the same one a mouse makes, so the toolbar and shortcuts work the same.
import { isMac } from '../shell/shortcuts.ts';

type Alter = 'move' | 'extend';
type Direction = 'forward' | 'backward' | 'left' | 'right';
type Granularity = 'character' | 'word' | 'line' | 'lineboundary' | 'documentboundary';

export interface CaretMove {
  alter: Alter;
  direction: Direction;
  granularity: Granularity;
}

export function caretMoveFor(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>): CaretMove | null {
  const alter: Alter = event.shiftKey ? 'extend' : 'move';
  const byWord = isMac ? event.altKey : event.ctrlKey;
  const toEdge = isMac ? event.metaKey : event.ctrlKey;
  switch (event.key) {
    case 'ArrowLeft':
      return { alter, direction: 'left', granularity: byWord ? 'word' : 'character' };
    case 'ArrowRight':
      return { alter, direction: 'right', granularity: byWord ? 'word' : 'character' };
    case 'ArrowUp':
      return isMac && event.metaKey ? { alter, direction: 'backward', granularity: 'documentboundary' } : { alter, direction: 'backward', granularity: 'line' };
    case 'ArrowDown':
      return isMac && event.metaKey ? { alter, direction: 'forward', granularity: 'documentboundary' } : { alter, direction: 'forward', granularity: 'line' };
    case 'Home':
      return { alter, direction: 'backward', granularity: toEdge ? 'documentboundary' : 'lineboundary' };
    case 'End':
      return { alter, direction: 'forward', granularity: toEdge ? 'documentboundary' : 'lineboundary' };
    default:
      return null;
  }
}

/** Applies a caret move to the document selection, keeping it inside `root`. */
export function applyCaretMove(root: HTMLElement, move: CaretMove): void {
  const selection = window.getSelection();
  if (!selection) return;
  if (selection.rangeCount === 0 || !root.contains(selection.anchorNode) || !root.contains(selection.focusNode)) {
    placeCaretAtStart(root);
    if (move.alter === 'move') return;
  }
  // A plain arrow on a selection collapses it to that side, as in a text editor.
  if (move.alter === 'move' && !selection.isCollapsed && move.granularity === 'character') {
    const range = selection.getRangeAt(0);
    const rtl = getComputedStyle(root).direction === 'rtl';
    const toStart = (move.direction === 'left') !== rtl;
    if (toStart) selection.collapse(range.startContainer, range.startOffset);
    else selection.collapse(range.endContainer, range.endOffset);
    return;
  }
  const before = { node: selection.focusNode, offset: selection.focusOffset, anchor: selection.anchorNode, anchorOffset: selection.anchorOffset };
  selection.modify(move.alter, move.direction, move.granularity);
  // Never let the reading caret wander out of the article text.
  if (!root.contains(selection.focusNode) && before.node && before.anchor) {
    selection.setBaseAndExtent(before.anchor, before.anchorOffset, before.node, before.offset);
  }
}

export function placeCaretAtStart(root: HTMLElement): void {
  const selection = window.getSelection();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.textContent && n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  const first = walker.nextNode();
  if (selection && first) selection.collapse(first, 0);
}

/** Where to draw the reading caret for a collapsed selection, in viewport coordinates. */
export function caretRect(selection: Selection): DOMRect | null {
  if (selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0).cloneRange();
  const rects = range.getClientRects();
  if (rects.length > 0 && rects[0]!.height > 0) return rects[0]!;
  const node = range.startContainer;
  if (node.nodeType === Node.TEXT_NODE) {
    const text = node as Text;
    const probe = document.createRange();
    if (range.startOffset < text.length) {
      probe.setStart(text, range.startOffset);
      probe.setEnd(text, range.startOffset + 1);
      const r = probe.getClientRects()[0];
      if (r) return new DOMRect(r.left, r.top, 0, r.height);
    }
    if (range.startOffset > 0) {
      probe.setStart(text, range.startOffset - 1);
      probe.setEnd(text, range.startOffset);
      const r = probe.getClientRects()[0];
      if (r) return new DOMRect(r.right, r.top, 0, r.height);
    }
  }
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element).childNodes[range.startOffset] ?? node : node.parentElement;
  if (element instanceof Element) {
    const r = element.getBoundingClientRect();
    return new DOMRect(r.left, r.top, 0, r.height || 20);
  }
  return null;
}
