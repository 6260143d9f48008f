// What the reader shows for the selection: the tagging toolbar over a selected range
// (once the mouse button is up), or the reading caret when the selection is collapsed
// in the focused text. Follows the document's selection while the reader is not editing.
import { useEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import type { ReaderController } from './HighlightsPlugin.tsx';
import { selectionToRange, type TextRange } from './liveText.ts';
import { caretRect } from './readingKeys.ts';
import { toStage } from './stage.ts';

export interface ToolbarState {
  range: TextRange;
  top: number;
  left: number;
}

export interface CaretState {
  top: number;
  left: number;
  height: number;
}

export interface ReaderSelection {
  toolbar: ToolbarState | null;
  setToolbar: Dispatch<SetStateAction<ToolbarState | null>>;
  /** The toolbar now, for handlers that run between renders. */
  toolbarRef: RefObject<ToolbarState | null>;
  caret: CaretState | null;
}

export function useReaderSelection(controller: ReaderController, stage: RefObject<HTMLDivElement | null>, editing: boolean): ReaderSelection {
  const [toolbar, setToolbar] = useState<ToolbarState | null>(null);
  const [caret, setCaret] = useState<CaretState | null>(null);
  const toolbarRef = useRef(toolbar);
  toolbarRef.current = toolbar;

  useEffect(() => {
    if (editing) return;
    let frame = 0;
    // While the mouse is still dragging out a selection, the toolbar waits for the button to come up.
    let dragging = false;
    const update = () => {
      frame = 0;
      const editor = controller.editor;
      const root = editor?.getRootElement();
      if (!editor || !root || !stage.current) return;
      if (dragging) {
        setToolbar(null);
        return;
      }
      const selection = window.getSelection();
      const range = selection ? selectionToRange(editor, controller.liveText(), selection) : null;
      if (range && selection) {
        const rect = toStage(stage, selection.getRangeAt(0).getBoundingClientRect());
        const above = rect.top - 52;
        // Centred over the selection, kept inside the stage (the toolbar is about 460px wide with tags).
        const half = Math.min(250, rect.width / 2);
        setToolbar({ range, top: above > 0 ? above : rect.bottom + 10, left: Math.min(Math.max(rect.left + (rect.right - rect.left) / 2, half), rect.width - half) });
      } else if (!document.querySelector('.selection-toolbar')?.contains(document.activeElement)) {
        setToolbar(null);
      }
      if (selection && selection.isCollapsed && document.activeElement === root && root.contains(selection.anchorNode)) {
        const r = caretRect(selection);
        if (r) {
          const s = toStage(stage, r);
          setCaret({ top: s.top, left: s.left, height: r.height });
          return;
        }
      }
      setCaret(null);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    const onPointerDown = (event: PointerEvent) => {
      dragging = event.button === 0 && Boolean(controller.editor?.getRootElement()?.contains(event.target as Node));
    };
    const onPointerUp = () => {
      if (!dragging) return;
      dragging = false;
      schedule();
    };
    document.addEventListener('selectionchange', schedule);
    document.addEventListener('focusin', schedule);
    document.addEventListener('focusout', schedule);
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('pointerup', onPointerUp, true);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', schedule);
      document.removeEventListener('focusin', schedule);
      document.removeEventListener('focusout', schedule);
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('pointerup', onPointerUp, true);
    };
  }, [controller, editing, stage]);

  return { toolbar, setToolbar, toolbarRef, caret };
}
