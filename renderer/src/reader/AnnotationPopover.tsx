// The popover beside a highlight's passage: its kind and anchor status, its quote, the
// other highlights sharing the passage, and its editor.
import type { Annotation } from '../../../common/api/methods/annotations.ts';
import { AnchorBadge, KindBadge } from '../components/badges.tsx';
import { Popover } from '../components/Popover.tsx';
import { KIND_LABELS } from '../state/annotations.ts';
import { AnnotationEditor } from './AnnotationEditor.tsx';
import type { ReaderController } from './HighlightsPlugin.tsx';
import type { PopoverState } from './useHighlightPopover.ts';

interface Props {
  annotation: Annotation;
  /** Anchored: its marks are drawn. */
  popover: PopoverState & { anchor: readonly Element[] };
  controller: ReaderController;
  byId: Map<number, Annotation>;
  onOpen(id: number): void;
  onClose(how?: 'escape' | 'outside' | 'button'): void;
  onRemoved(): void;
}

export function AnnotationPopover({ annotation: open, popover, controller, byId, onOpen, onClose, onRemoved }: Props) {
  return (
    <Popover label={`${KIND_LABELS[open.kind]} highlight`} anchor={popover.anchor} onClose={onClose} className="annotation-popover">
      <div className="popover-head">
        <KindBadge kind={open.kind} />
        <AnchorBadge status={open.anchorStatus} />
        <button type="button" className="icon-button" aria-label="Close" onClick={() => onClose('button')}>
          ×
        </button>
      </div>
      <p className="popover-quote">“{open.quote.exact}”</p>
      <OverlapSwitcher id={open.id} controller={controller} byId={byId} onOpen={onOpen} />
      <AnnotationEditor key={open.id} annotation={open} focus={popover.focus} fresh={popover.fresh} onRemoved={onRemoved} />
    </Popover>
  );
}

/** Other highlights sharing this passage (an actor inside a claim): one click away. */
function OverlapSwitcher({ id, controller, byId, onOpen }: { id: number; controller: ReaderController; byId: Map<number, Annotation>; onOpen(id: number): void }) {
  const others = new Set<number>();
  for (const element of controller.elementsFor(id)) {
    for (const other of element.dataset.annotationIds?.split(' ') ?? []) if (Number(other) !== id) others.add(Number(other));
  }
  const list = [...others].map((o) => byId.get(o)).filter((a) => a !== undefined);
  if (list.length === 0) return null;
  return (
    <p className="overlap-switcher">
      Also here:{' '}
      {list.map((a) => (
        <button key={a.id} type="button" className="link-button" onClick={() => onOpen(a.id)}>
          {KIND_LABELS[a.kind]} “{a.quote.exact.length > 40 ? `${a.quote.exact.slice(0, 39)}…` : a.quote.exact}”
        </button>
      ))}
    </p>
  );
}
