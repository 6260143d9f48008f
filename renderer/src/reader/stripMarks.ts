// Highlights are never saved into an article's body: before "Edit text" sends the edited
// document, every mark is replaced by its children. The rows in SQLite stay the truth.
import type { SerializedDocument, SerializedElement, SerializedNode } from '../../../common/text/document.ts';

function strip(node: SerializedNode): SerializedNode[] {
  const children = Array.isArray(node.children) ? (node.children as SerializedNode[]) : null;
  if (node.type === 'mark') return (children ?? []).flatMap(strip);
  if (children) return [{ ...node, children: children.flatMap(strip) }];
  return [node];
}

export function stripMarks(doc: SerializedDocument): SerializedDocument {
  const root: SerializedElement & { type: 'root' } = { ...doc.root, children: doc.root.children.flatMap(strip) };
  return { root };
}

export function containsMarks(doc: SerializedDocument): boolean {
  const visit = (node: SerializedNode): boolean =>
    node.type === 'mark' || (Array.isArray(node.children) && (node.children as SerializedNode[]).some(visit));
  return visit(doc.root);
}
