// Small labelled marks that say what a highlight is and how well it is anchored.
import type { AnchorStatus, AnnotationKind } from '../../../common/api/methods/annotations.ts';
import { KIND_LABELS } from '../state/annotations.ts';

export function KindBadge({ kind }: { kind: AnnotationKind }) {
  return <span className={`kind-badge kind-${kind}`}>{KIND_LABELS[kind]}</span>;
}

export const ANCHOR_LABELS: Record<AnchorStatus, { label: string; explain: string }> = {
  exact: { label: 'Exact', explain: 'Found at its stored position.' },
  moved: { label: 'Moved', explain: 'The same words were found elsewhere after the text changed.' },
  fuzzy: { label: 'Fuzzy', explain: 'The text changed; this is the closest match to the quote. Check it.' },
  orphan: { label: 'Orphan', explain: 'The quote is no longer in the text. It is kept, with its quote, and not drawn.' },
};

export function AnchorBadge({ status }: { status: AnchorStatus }) {
  const { label, explain } = ANCHOR_LABELS[status];
  return (
    <span className={`anchor-badge anchor-${status}`} title={explain}>
      <span className="visually-hidden">Anchor: </span>
      {label}
    </span>
  );
}
