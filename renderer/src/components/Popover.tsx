// A non-modal popover beside a passage: it takes focus when it opens (its field marked
// data-autofocus, else itself), Escape or a click elsewhere closes it, and the caller
// decides where focus returns.
//
// Floating UI places it: under its anchor, flipped above when there is more room there,
// shifted to stay inside the window near its edges, its height capped to the room it has,
// and kept beside the anchor as the page or the reader scrolls or resizes (autoUpdate).
// Chosen over CSS anchor positioning (which Electron 45's Chromium has): a highlight is
// drawn as several marks inside Lexical's DOM, which we must not restyle with anchor-name,
// and Floating UI takes their union as one anchor and works the same in every browser.
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { autoUpdate, flip, offset, shift, size, useFloating, type VirtualElement } from '@floating-ui/react-dom';

interface Props {
  label: string;
  /** What it stands beside: an element, or the several marks one highlight is drawn as. */
  anchor: Element | readonly Element[];
  onClose(how: 'escape' | 'outside'): void;
  className?: string;
  children: ReactNode;
}

/** Room kept between the popover and the window's edges, in CSS pixels. */
const EDGE = 8;
/** Below this the popover scrolls inside rather than shrinking further. */
const MIN_HEIGHT = 160;

/** One box around all the anchor's elements (a highlight that wraps onto several lines). */
function anchorOf(anchor: Element | readonly Element[]): VirtualElement {
  const elements = Array.isArray(anchor) ? (anchor as readonly Element[]) : [anchor as Element];
  // Where the anchor was last seen: a mark redrawn away for a moment does not send the popover to the corner.
  let last = new DOMRect();
  return {
    contextElement: elements[0],
    getBoundingClientRect() {
      const rects = elements.filter((e) => e.isConnected).map((e) => e.getBoundingClientRect());
      if (rects.length === 0) return last;
      const left = Math.min(...rects.map((r) => r.left));
      const top = Math.min(...rects.map((r) => r.top));
      last = new DOMRect(left, top, Math.max(...rects.map((r) => r.right)) - left, Math.max(...rects.map((r) => r.bottom)) - top);
      return last;
    },
  };
}

export function Popover({ label, anchor, onClose, className, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  const reference = useMemo(() => anchorOf(anchor), [anchor]);
  const { refs, floatingStyles, isPositioned } = useFloating({
    placement: 'bottom-start',
    strategy: 'absolute',
    // top/left, not a transform: the popover's own CSS and its children keep their transforms.
    transform: false,
    elements: { reference },
    whileElementsMounted: autoUpdate,
    middleware: [
      offset(EDGE),
      flip({ padding: EDGE }),
      shift({ padding: EDGE }),
      size({
        padding: EDGE,
        apply({ availableHeight, elements }) {
          elements.floating.style.maxHeight = `${Math.max(MIN_HEIGHT, Math.floor(availableHeight))}px`;
        },
      }),
    ],
  });

  // A passage out of sight (opened from the panel, or tagged by the keyboard after a find) is
  // brought into view first; once placed beside it, so is the popover.
  useEffect(() => {
    reference.contextElement?.scrollIntoView?.({ block: 'nearest' });
  }, [reference]);
  useEffect(() => {
    if (isPositioned) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [isPositioned]);

  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    if (!node.contains(document.activeElement)) {
      const target = node.querySelector<HTMLElement>('[data-autofocus]') ?? node;
      target.focus({ preventScroll: true });
    }
    const onPointerDown = (event: PointerEvent) => {
      if (!node.contains(event.target as Node)) onCloseRef.current('outside');
    };
    // Registered after the click that opened the popover has finished.
    const timer = setTimeout(() => document.addEventListener('pointerdown', onPointerDown, true));
    return () => {
      clearTimeout(timer);
      document.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, []);

  return (
    <div
      ref={(node) => {
        ref.current = node;
        refs.setFloating(node);
      }}
      role="dialog"
      aria-label={label}
      tabIndex={-1}
      className={className ? `popover ${className}` : 'popover'}
      // Unseen (but focusable) until Floating UI has placed it: no flash in the stage's corner.
      style={isPositioned ? floatingStyles : { ...floatingStyles, opacity: 0 }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          event.stopPropagation();
          onClose('escape');
        }
      }}
    >
      {children}
    </div>
  );
}
