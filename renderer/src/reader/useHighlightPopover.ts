// Which highlight is selected and which is open in the popover beside its passage: opened
// from its mark (click or Enter), from the panel, or from the address (?at=); placed under
// the passage once its marks are drawn (above it when the window has no room below);
// closed back to the text, with the caret after the highlight.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import type { Annotation } from '../../../common/api/methods/annotations.ts';
import { useNavigate } from '../shell/navigation.tsx';
import type { EditorFocus } from './AnnotationEditor.tsx';
import type { ReaderController } from './HighlightsPlugin.tsx';
import { selectRange } from './liveText.ts';
import { toStage } from './stage.ts';

export interface PopoverState {
  id: number;
  focus: EditorFocus;
  fresh: boolean;
  top?: number;
  left?: number;
  above?: boolean;
  maxHeight?: number;
}

const POPOVER_WIDTH = 380;
/** The height a popover needs to be useful; less room below the passage puts it above. */
const POPOVER_ROOM = 380;

interface Options {
  articleId: number;
  controller: ReaderController;
  stage: RefObject<HTMLDivElement | null>;
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

export function useHighlightPopover({ articleId, controller, stage, annotations, byId, at, focusReader }: Options): HighlightPopover {
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

  // Place the popover under the highlight once its marks are drawn.
  useLayoutEffect(() => {
    if (!popover || popover.top !== undefined || !stage.current) return;
    const elements = controller.elementsFor(popover.id);
    const last = elements[elements.length - 1];
    if (!last) {
      if (annotations && !byId.has(popover.id)) setPopover(null);
      return;
    }
    const viewport = last.getBoundingClientRect();
    const rect = toStage(stage, viewport);
    // Below the passage when there is room in the window, else above it.
    const above = window.innerHeight - viewport.bottom < POPOVER_ROOM && viewport.top > POPOVER_ROOM;
    const left = Math.max(8, Math.min(rect.left - 24, rect.width - POPOVER_WIDTH - 8));
    const first = toStage(stage, elements[0]!.getBoundingClientRect());
    const room = above ? viewport.top - 60 : window.innerHeight - viewport.bottom - 16;
    setPopover({ ...popover, top: above ? first.top - 8 : rect.bottom + 8, left, above, maxHeight: Math.max(room, POPOVER_ROOM) });
  }, [popover, annotations, byId, controller, stage]);

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
