// The floating toolbar over a text selection in the reader: Claim, Actor, Source,
// Highlight, then the user's own tags (1-9) and a way to make a new one. It never takes
// the selection away (mousedown is cancelled), and Left/Right move between its buttons.
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ANNOTATION_KINDS, type AnnotationKind } from '../../../common/api/methods/annotations.ts';
import type { Tag } from '../../../common/api/methods/tags.ts';
import { KIND_LABELS } from '../state/annotations.ts';
import { KIND_KEYS } from '../shell/shortcuts.ts';

const KIND_HELP: Record<AnnotationKind, string> = {
  claim: 'Something asserted as true',
  actor: 'A person, group, state or organisation',
  source: 'Who or what the information comes from',
  highlight: 'A plain highlight',
};

interface Props {
  top: number;
  left: number;
  tags: Tag[];
  onKind(kind: AnnotationKind): void;
  onTag(tagId: number): void;
  onNewTag(name: string): void;
}

export function SelectionToolbar({ top, left, tags, onKind, onTag, onNewTag }: Props) {
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const ref = useRef<HTMLDivElement>(null);

  // Keep the whole toolbar inside the reader, however many tags it shows.
  useLayoutEffect(() => {
    const element = ref.current;
    const parent = element?.offsetParent as HTMLElement | null;
    if (!element || !parent) return;
    const half = element.offsetWidth / 2;
    element.style.left = `${Math.min(Math.max(left, half + 4), parent.clientWidth - half - 4)}px`;
  }, [left, top, tags.length, naming]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    if ((event.target as HTMLElement).tagName === 'INPUT') return;
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    event.preventDefault();
    const next = (index + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next]?.focus();
  };

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label="Tag the selection"
      className="selection-toolbar"
      style={{ top, left }}
      onMouseDown={(e) => {
        if ((e.target as HTMLElement).tagName !== 'INPUT') e.preventDefault();
      }}
      onKeyDown={onKeyDown}
    >
      {ANNOTATION_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          className={`tool kind-${kind}`}
          title={`${KIND_LABELS[kind]}: ${KIND_HELP[kind]} (${KIND_KEYS[kind]})`}
          aria-keyshortcuts={KIND_KEYS[kind]}
          onClick={() => onKind(kind)}
        >
          <span className="swatch" aria-hidden="true" />
          {KIND_LABELS[kind]}
          <kbd aria-hidden="true">{KIND_KEYS[kind]}</kbd>
        </button>
      ))}
      {tags.length > 0 ? <span className="toolbar-sep" aria-hidden="true" /> : null}
      {tags.slice(0, 9).map((tag, i) => (
        <button
          key={tag.id}
          type="button"
          className="tool tag-tool"
          title={`Tag with “${tag.name}” (${i + 1})`}
          aria-keyshortcuts={String(i + 1)}
          onClick={() => onTag(tag.id)}
        >
          {tag.color ? <span className="swatch tag-swatch" style={{ background: tag.color }} aria-hidden="true" /> : null}
          {tag.name}
          <kbd aria-hidden="true">{i + 1}</kbd>
        </button>
      ))}
      {naming ? (
        <form
          className="new-tag"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) onNewTag(name.trim());
            setNaming(false);
            setName('');
          }}
        >
          <input
            aria-label="New tag name"
            autoFocus
            value={name}
            placeholder="New tag"
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                setNaming(false);
              }
            }}
          />
        </form>
      ) : (
        <button type="button" className="tool" title="Make a new tag and tag the selection with it" onClick={() => setNaming(true)}>
          New tag…
        </button>
      )}
    </div>
  );
}
