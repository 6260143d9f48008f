// Drawing highlights into the reader's editor as MarkNodes that carry annotation ids only
// (the CommentPlugin pattern: the rows in SQLite are the truth, marks are a view of them).
//
// Overlaps are drawn flat, not nested: the text is cut at every highlight boundary and
// each piece is wrapped in one mark listing every highlight that covers it, so an actor
// inside a claim is a piece marked [actor, claim] between pieces marked [claim]. Marks
// never cross a block, so a change is redrawn block by block: only the blocks a changed
// highlight touches are unwrapped and wrapped again, and a whole article is drawn in one
// update.
import { $createMarkNode, $isMarkNode, $unwrapMarkNode, type MarkNode } from '@lexical/mark';
import { $getNodeByKey, $isElementNode, $isTextNode, type LexicalNode, type NodeKey } from 'lexical';
import { $readLiveText, liveAdapter, type LiveRun } from './liveText.ts';

export interface MarkSpan {
  /** The annotation id, as a string (MarkNode ids are strings). */
  id: string;
  start: number;
  end: number;
}

/** Mark ids are ordered innermost (shortest) first, so ids[0] is what a click on the piece means. */
export function orderIds(spans: readonly MarkSpan[]): string[] {
  return [...spans].sort((a, b) => a.end - a.start - (b.end - b.start) || Number(a.id) - Number(b.id)).map((s) => s.id);
}

interface Block {
  key: NodeKey;
  runs: LiveRun[];
  start: number;
  end: number;
}

function $nearestBlock(node: LexicalNode): LexicalNode | null {
  let parent = node.getParent();
  while (parent !== null && liveAdapter.role(parent) === 'inline') parent = parent.getParent();
  return parent;
}

/** Marks inside a block's own inline content (not inside blocks nested in it). */
function $inlineMarks(block: LexicalNode): MarkNode[] {
  const found: MarkNode[] = [];
  const visit = (node: LexicalNode): void => {
    if (!$isElementNode(node)) return;
    for (const child of node.getChildren()) {
      if ($isMarkNode(child)) found.push(child);
      if ($isElementNode(child) && liveAdapter.role(child) === 'inline') visit(child);
    }
  };
  visit(block);
  return found;
}

export interface MarkStats {
  blocks: number;
  marks: number;
}

/**
 * Redraws the marks of every block that a range in `changed` touches (all blocks when
 * `changed` is 'all') from `spans`, the highlights to show. Call inside editor.update.
 */
export function $drawMarks(spans: readonly MarkSpan[], changed: 'all' | readonly { start: number; end: number }[]): MarkStats {
  const live = $readLiveText();
  // Group the runs by the block they belong to.
  const blocks: Block[] = [];
  const blockIndex = new Map<NodeKey, number>();
  for (const run of live.runs) {
    // A quoted highlight in a notebook page is a block of its own: never marked.
    if (run.role === 'opaque-block') continue;
    const node = $getNodeByKey(run.key);
    const block = node ? $nearestBlock(node) : null;
    if (!block) continue;
    const key = block.getKey();
    let index = blockIndex.get(key);
    if (index === undefined) {
      index = blocks.length;
      blockIndex.set(key, index);
      blocks.push({ key, runs: [], start: run.start, end: run.start });
    }
    const b = blocks[index]!;
    b.runs.push(run);
    b.end = Math.max(b.end, run.start + run.length);
  }

  // Which blocks to redraw: those a changed range touches.
  const touched = (b: Block, r: { start: number; end: number }) => r.start <= b.end && r.end >= b.start;
  const affected = changed === 'all' ? blocks : blocks.filter((b) => changed.some((r) => touched(b, r)));
  if (affected.length === 0) return { blocks: 0, marks: 0 };

  // The spans each affected block holds (a span may cross several blocks).
  const bucket = new Map<Block, MarkSpan[]>();
  const sortedBlocks = affected; // in text order already
  for (const span of spans) {
    if (span.end <= span.start) continue;
    // First affected block ending after the span starts.
    let lo = 0;
    let hi = sortedBlocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sortedBlocks[mid]!.end <= span.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sortedBlocks.length && sortedBlocks[i]!.start < span.end; i++) {
      const list = bucket.get(sortedBlocks[i]!);
      if (list) list.push(span);
      else bucket.set(sortedBlocks[i]!, [span]);
    }
  }

  let marks = 0;
  for (const block of affected) {
    const blockNode = $getNodeByKey(block.key);
    if (!blockNode) continue;
    for (const mark of $inlineMarks(blockNode)) $unwrapMarkNode(mark);
    const inBlock = bucket.get(block) ?? [];
    if (inBlock.length === 0) continue;
    marks += $wrapBlock(block, inBlock);
  }
  return { blocks: affected.length, marks };
}

interface Piece {
  node: LexicalNode;
  start: number;
  end: number;
}

function $wrapBlock(block: Block, spans: readonly MarkSpan[]): number {
  // Cut the text nodes at every boundary that falls inside them.
  const cuts = new Set<number>();
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const pieces: Piece[] = [];
  for (const run of block.runs) {
    const node = $getNodeByKey(run.key);
    if (!node) continue;
    const runEnd = run.start + run.length;
    if (run.role === 'text' && $isTextNode(node) && run.length > 1) {
      const offsets: number[] = [];
      for (const c of cuts) if (c > run.start && c < runEnd) offsets.push(c - run.start);
      if (offsets.length > 0) {
        offsets.sort((a, b) => a - b);
        let at = run.start;
        const parts = node.splitText(...offsets);
        for (const part of parts) {
          const length = part.getTextContentSize();
          pieces.push({ node: part, start: at, end: at + length });
          at += length;
        }
        continue;
      }
    }
    pieces.push({ node, start: run.start, end: runEnd });
  }

  // Wrap each run of adjacent pieces covered by the same highlights in one mark.
  let marks = 0;
  let open: MarkNode | null = null;
  let openIds = '';
  for (const piece of pieces) {
    const covering = piece.start === piece.end || liveAdapter.role(piece.node) === 'linebreak' ? [] : spans.filter((s) => s.start < piece.end && s.end > piece.start);
    if (covering.length === 0) {
      open = null;
      continue;
    }
    const ids = orderIds(covering);
    const idsKey = ids.join(',');
    const previous = piece.node.getPreviousSibling();
    if (open !== null && idsKey === openIds && previous !== null && previous.is(open)) {
      open.append(piece.node);
      continue;
    }
    open = $createMarkNode(ids);
    openIds = idsKey;
    piece.node.insertBefore(open);
    open.append(piece.node);
    marks += 1;
  }
  return marks;
}

/** What changed between two sets of spans: the ranges whose blocks need redrawing. */
export function changedRanges(before: ReadonlyMap<string, MarkSpan>, after: ReadonlyMap<string, MarkSpan>): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (const [id, span] of after) {
    const old = before.get(id);
    if (!old) ranges.push(span);
    else if (old.start !== span.start || old.end !== span.end) ranges.push(old, span);
  }
  for (const [id, span] of before) if (!after.has(id)) ranges.push(span);
  return ranges;
}
