// A non-modal popover beside a passage: it takes focus when it opens (its field marked
// data-autofocus, else itself), Escape or a click elsewhere closes it, and the caller
// decides where focus returns.
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  label: string;
  /** Position inside the nearest positioned ancestor, in CSS pixels. */
  top: number;
  left: number;
  maxHeight?: number;
  onClose(how: 'escape' | 'outside'): void;
  className?: string;
  children: ReactNode;
}

export function Popover({ label, top, left, maxHeight, onClose, className, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

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
      ref={ref}
      role="dialog"
      aria-label={label}
      tabIndex={-1}
      className={className ? `popover ${className}` : 'popover'}
      style={{ top, left, maxHeight }}
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
