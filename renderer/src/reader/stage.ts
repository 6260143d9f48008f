// The reader's stage: the positioned box that scrolls with the text. The toolbar, the
// reading caret and the highlight popover are placed in its coordinates.
import type { RefObject } from 'react';

export interface StageRect {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** The stage's own width, to keep things inside it. */
  width: number;
}

/** A viewport rectangle in the stage's coordinates. */
export function toStage(stage: RefObject<HTMLElement | null>, rect: DOMRect): StageRect {
  const box = stage.current!.getBoundingClientRect();
  return { top: rect.top - box.top, bottom: rect.bottom - box.top, left: rect.left - box.left, right: rect.right - box.left, width: box.width };
}
