// A text source from another tool (a REFI-QDA TextSource) as a Casefile article body,
// with a map from positions in the source's text to positions in the article's
// canonical text. Blocks are runs of lines separated by blank lines; a line break
// inside a block stays a line break, and every other character is kept as it is. So
// the canonical text of a source Casefile exported is that source again, character for
// character, and another tool's text differs only where its line breaks and blank
// lines were (CRLF, runs of blank lines), which the map accounts for.
import { canonicalText, documentOf, lineBreak, paragraph, textNode, type SerializedDocument, type SerializedNode } from '../../../common/text/document.ts';
import { BLOCK_SEPARATOR } from '../../../common/text/flatten.ts';

export interface MappedText {
  body: SerializedDocument;
  /** canonicalText(body). */
  text: string;
  /** Source offset (UTF-16) to the canonical offset where a range starting there starts. */
  startAt(offset: number): number;
  /** Source offset (UTF-16) to the canonical offset where a range ending there ends. */
  endAt(offset: number): number;
}

interface Line {
  start: number;
  end: number;
  /** Offset of the last character of the line break after the line (-1 at the end). */
  breakAt: number;
}

function linesOf(source: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    lines.push({ start, end: m.index, breakAt: m.index + m[0].length - 1 });
    start = m.index + m[0].length;
  }
  lines.push({ start, end: source.length, breakAt: -1 });
  return lines;
}

export function mapSourceText(source: string, direction: 'ltr' | 'rtl' | null = null): MappedText {
  // kept[i]: canonical offset of source character i, or -1 when it has no counterpart.
  const kept = new Int32Array(source.length).fill(-1);
  const blocks: SerializedNode[] = [];
  let text = '';
  let nodes: SerializedNode[] | null = null;
  let previous: Line | null = null;
  for (const line of linesOf(source)) {
    if (!/\S/.test(source.slice(line.start, line.end))) {
      if (nodes) blocks.push(paragraph(nodes));
      nodes = null;
      continue;
    }
    if (nodes === null) {
      if (blocks.length > 0) text += BLOCK_SEPARATOR;
      nodes = [];
    } else {
      kept[previous!.breakAt] = text.length;
      text += '\n';
      nodes.push(lineBreak());
    }
    for (let k = line.start; k < line.end; k += 1) kept[k] = text.length + (k - line.start);
    text += source.slice(line.start, line.end);
    nodes.push(textNode(source.slice(line.start, line.end)));
    previous = line;
  }
  if (nodes) blocks.push(paragraph(nodes));
  const body = documentOf(blocks, direction);
  // The map is built from the same walk the flattening does; a difference is a bug here.
  if (canonicalText(body) !== text) throw new Error('mapSourceText: canonical text mismatch');

  const next = new Int32Array(source.length + 1);
  const prev = new Int32Array(source.length + 1);
  next[source.length] = text.length;
  for (let k = source.length - 1; k >= 0; k -= 1) next[k] = kept[k]! >= 0 ? kept[k]! : next[k + 1]!;
  for (let k = 1; k <= source.length; k += 1) prev[k] = kept[k - 1]! >= 0 ? kept[k - 1]! + 1 : prev[k - 1]!;
  const clamp = (o: number): number => Math.max(0, Math.min(Math.trunc(o), source.length));
  return { body, text, startAt: (o) => next[clamp(o)]!, endAt: (o) => prev[clamp(o)]! };
}
