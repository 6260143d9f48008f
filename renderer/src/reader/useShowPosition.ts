// A search hit opens the article at a position in its text (?pos=): the word there is
// selected and brought into view, once, after the text is drawn.
import { useEffect, useRef } from 'react';
import type { ReaderController } from './HighlightsPlugin.tsx';
import { selectRange } from './liveText.ts';
import { scrollIntoViewSettled } from './scrollSettled.ts';

/** `ready`: the text and its highlights are drawn. */
export function useShowPosition(controller: ReaderController, pos: number | undefined, ready: boolean): void {
  const shownPos = useRef<number | null>(null);
  useEffect(() => {
    if (pos === undefined || !ready || shownPos.current === pos) return;
    shownPos.current = pos;
    requestAnimationFrame(() => {
      const editor = controller.editor;
      if (!editor) return;
      const live = controller.liveText();
      // The word as search indexes it: vowel marks and Persian/Urdu zero-width joiners are inside it.
      const word = /^[\p{L}\p{N}\p{M}\u200c\u200d]+/u.exec(live.text.slice(pos, pos + 200));
      const start = Math.min(pos, live.text.length);
      if (!selectRange(editor, live, { start, end: Math.min(live.text.length, start + (word?.[0].length ?? 1)) })) return;
      const element = window.getSelection()?.getRangeAt(0).startContainer.parentElement;
      if (element) scrollIntoViewSettled(element, { block: 'center' });
    });
  }, [pos, ready, controller]);
}
