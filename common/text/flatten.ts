// The one flattening of a Lexical document to canonical plain text.
//
// Canonical text is the coordinate system for everything anchored in an article:
// highlight positions, search snippets, exports. It must be produced identically from
// the serialized JSON stored in SQLite (main process) and from the live editor tree
// (renderer), so the walk is written once over an adapter that can read either.
//
// Rules:
// - text nodes contribute their text; a line break contributes "\n"; a tab "\t";
// - inline elements (links, marks) contribute their children's text;
// - block elements (paragraphs, headings, quotes, list items, ...) each become one block;
//   a block nested in a block (a list inside a list item) starts a new block;
// - an opaque block (a highlight quoted in a notebook page) is a block of its own whose
//   text is the adapter's text for it: it has no child nodes to walk;
// - blocks with no text are skipped, so empty paragraphs never move anchors;
// - blocks are joined by BLOCK_SEPARATOR.

export const BLOCK_SEPARATOR = '\n\n';

export type FlatNodeRole = 'text' | 'linebreak' | 'tab' | 'inline' | 'block' | 'opaque' | 'opaque-block';

export interface TreeAdapter<N> {
  role(node: N): FlatNodeRole;
  /**
   * Text of a 'text' node, the placeholder text of an 'opaque' inline node (e.g. an
   * image's alt), or the whole text of an 'opaque-block' (e.g. a quoted highlight).
   */
  text(node: N): string;
  children(node: N): readonly N[];
}

/** A piece of canonical text that comes from one leaf node. */
export interface TextRun<N> {
  node: N;
  /** Offset of the run's first character in the canonical text. */
  start: number;
  /** Length in UTF-16 code units (the unit of all canonical offsets). */
  length: number;
}

export interface Flattened<N> {
  text: string;
  runs: TextRun<N>[];
}

export function flattenTree<N>(root: N, adapter: TreeAdapter<N>): Flattened<N> {
  const blocks: { runs: { node: N; text: string }[] }[] = [];
  let current: { node: N; text: string }[] = [];

  const flush = (): void => {
    if (current.some((run) => run.text.length > 0)) blocks.push({ runs: current });
    current = [];
  };

  const visit = (node: N): void => {
    switch (adapter.role(node)) {
      case 'text':
      case 'opaque':
        current.push({ node, text: adapter.text(node) });
        return;
      case 'linebreak':
        current.push({ node, text: '\n' });
        return;
      case 'tab':
        current.push({ node, text: '\t' });
        return;
      case 'inline':
        for (const child of adapter.children(node)) visit(child);
        return;
      case 'block':
        flush();
        for (const child of adapter.children(node)) visit(child);
        flush();
        return;
      case 'opaque-block':
        flush();
        current.push({ node, text: adapter.text(node) });
        flush();
        return;
    }
  };

  for (const child of adapter.children(root)) visit(child);
  flush();

  const runs: TextRun<N>[] = [];
  let text = '';
  blocks.forEach((block, index) => {
    if (index > 0) text += BLOCK_SEPARATOR;
    for (const run of block.runs) {
      runs.push({ node: run.node, start: text.length, length: run.text.length });
      text += run.text;
    }
  });
  return { text, runs };
}
