// Which highlight is selected and which is open in the popover beside its passage: opened
// from its mark (click or Enter), from the panel, or from the address (?at=); placed under
// its marks once they are drawn (the Popover places itself beside them, on screen);
// closed back to the text, with the caret after the highlight.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { Annotation } from '../../../common/api/methods/annotations.ts';
import { useNavigate } from '../shell/navigation.tsx';
import type { EditorFocus } from './AnnotationEditor.tsx';
import type { ReaderController } from './HighlightsPlugin.tsx';
import { selectRange } from './liveText.ts';

export interface PopoverState {
  id: number;
  focus: EditorFocus;
  fresh: boolean;
  /** The highlight's marks, once drawn: the popover stands beside them. */
  anchor?: readonly Element[];
}

interface Options {
  articleId: number;
  controller: ReaderController;
  annotations: Annotation[] | null;
  byId: Map<number, Annotation>;
  /** The highlight the address names when the article opens. */
  at: number | undefined;
  focusReader(): void;
}

export interface HighlightPopover {
  selectedId: number | null;
  setSelectedId: Dispatch<SetStateAction<number | null>>;
  popover: PopoverState | null;
  setPopover: Dispatch<SetStateAction<PopoverState | null>>;
  openAnnotation(id: number): void;
  closePopover(how?: 'escape' | 'outside' | 'button'): void;
  selectFromPanel(id: number): void;
}

export function useHighlightPopover({ articleId, controller, annotations, byId, at, focusReader }: Options): HighlightPopover {
  const navigate = useNavigate();
  const [selectedId, setSelectedId] = useState<number | null>(at ?? null);
  const [popover, setPopover] = useState<PopoverState | null>(null);
  const shownAt = useRef<number | null>(null);

  const openAnnotation = useCallback(
    (id: number) => {
      setSelectedId(id);
      setPopover({ id, focus: null, fresh: false });
      // Already in view: the address records it without scrolling to it again.
      shownAt.current = id;
      navigate({ view: 'library', id: articleId, at: id }, { replace: true });
    },
    [navigate, articleId],
  );

  // A highlight that is gone (removed, or undone) takes its popover with it.
  useEffect(() => {
    if (popover && annotations && !byId.has(popover.id)) setPopover(null);
  }, [popover, annotations, byId]);

  // Anchor the popover to the highlight once its marks are drawn (the Popover places itself).
  useLayoutEffect(() => {
    if (!popover || popover.anchor !== undefined) return;
    const elements = controller.elementsFor(popover.id);
    if (elements.length === 0) {
      if (annotations && !byId.has(popover.id)) setPopover(null);
      return;
    }
    setPopover({ ...popover, anchor: elements });
  }, [popover, annotations, byId, controller]);

  const closePopover = useCallback(
    (how: 'escape' | 'outside' | 'button' = 'button') => {
      setPopover(null);
      // A click elsewhere goes where it was aimed (another mark, a new selection).
      if (how === 'outside') return;
      // Back to the text, with the caret after the highlight, so the keyboard flow goes on.
      const editor = controller.editor;
      const a = popover ? byId.get(popover.id) : undefined;
      if (editor && a && a.anchorStatus !== 'orphan') selectRange(editor, controller.liveText(), { start: a.end, end: a.end });
      focusReader();
    },
    [controller, popover, byId, focusReader],
  );

  // --- selecting from the panel, or from the address ---
  const selectFromPanel = useCallback(
    (id: number) => {
      setSelectedId(id);
      setPopover(null);
      controller.scrollTo(id);
      shownAt.current = id;
      navigate({ view: 'library', id: articleId, at: id }, { replace: true });
    },
    [controller, navigate, articleId],
  );

  useEffect(() => {
    if (!at || !annotations || shownAt.current === at) return;
    shownAt.current = at;
    setSelectedId(at);
    // After the marks of this render are drawn.
    requestAnimationFrame(() => {
      if (!controller.scrollTo(at) && byId.get(at)?.anchorStatus === 'orphan') {
        document.querySelector(`.annotation-card[data-annotation-id="${at}"]`)?.scrollIntoView({ block: 'center' });
      }
    });
  }, [at, annotations, controller, byId]);

  return { selectedId, setSelectedId, popover, setPopover, openAnnotation, closePopover, selectFromPanel };
}
