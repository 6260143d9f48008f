// Keeps the reader's marks in step with the article's highlights: draws them (one editor
// update, only the blocks that changed), keeps an id -> mark map with a mutation
// listener (the CommentPlugin pattern), colours each mark by the kinds of its
// highlights, and turns a click on a mark into "open this highlight".
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isMarkNode, MarkNode } from '@lexical/mark';
import { $getNearestNodeFromDOMNode, $getNodeByKey, type LexicalEditor, type NodeKey } from 'lexical';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Annotation, AnnotationKind } from '../../../common/api/methods/annotations.ts';
import { readLiveText, type LiveText } from './liveText.ts';
import { $drawMarks, changedRanges, type MarkSpan } from './marks.ts';
import { scrollIntoViewSettled } from './scrollSettled.ts';

/**
 * A mark drawn the moment the user tags a selection, before the API has saved the
 * highlight. Its id is negative (never a database id). Once saved, it stands until the
 * saved highlight's own mark replaces it in the same redraw; if the save fails, it goes.
 */
export interface ProvisionalMark {
  start: number;
  end: number;
  kind: AnnotationKind;
  /** The saved highlight's id, once the API has answered. */
  savedAs: number | null;
}

export function isProvisionalId(id: string | number): boolean {
  return Number(id) < 0;
}

/** What the rest of the reader asks of the editor. */
export class ReaderController {
  editor: LexicalEditor | null = null;
  keysById = new Map<string, Set<NodeKey>>();
  readonly provisional = new Map<string, ProvisionalMark>();
  /** Set by HighlightsPlugin: draws what differs from the highlights and provisional marks now. */
  redraw: (() => void) | null = null;
  private lastProvisional = 0;
  private cache: { state: unknown; live: LiveText } | null = null;
  private flashTimers = new Map<HTMLElement, ReturnType<typeof setTimeout>>();

  /** Draws a provisional mark over a range at once; returns its id for settle() or drop(). */
  drawProvisional(range: { start: number; end: number }, kind: AnnotationKind): string {
    const id = String((this.lastProvisional -= 1));
    this.provisional.set(id, { start: range.start, end: range.end, kind, savedAs: null });
    this.redraw?.();
    return id;
  }

  /** The highlight was saved as `savedAs`: its mark replaces the provisional one when it is drawn. */
  settleProvisional(id: string, savedAs: number): void {
    const mark = this.provisional.get(id);
    if (!mark) return;
    mark.savedAs = savedAs;
    this.redraw?.();
  }

  /** The save failed: the provisional mark goes. */
  dropProvisional(id: string): void {
    if (this.provisional.delete(id)) this.redraw?.();
  }

  liveText(): LiveText {
    const editor = this.editor!;
    const state = editor.getEditorState();
    if (this.cache?.state !== state) this.cache = { state, live: readLiveText(editor) };
    return this.cache.live;
  }

  /** The mark elements of a highlight, in document order. */
  elementsFor(id: number): HTMLElement[] {
    const editor = this.editor;
    const keys = this.keysById.get(String(id));
    if (!editor || !keys) return [];
    const elements = [...keys].map((k) => editor.getElementByKey(k)).filter((e): e is HTMLElement => e !== null);
    return elements.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  }

  /** Scrolls a highlight into the middle of the view and flashes it; false when it is not drawn. */
  scrollTo(id: number, flash = true): boolean {
    const elements = this.elementsFor(id);
    const first = elements[0];
    if (!first) return false;
    scrollIntoViewSettled(first, { block: 'center', inline: 'nearest' });
    if (flash) {
      for (const element of elements) {
        clearTimeout(this.flashTimers.get(element));
        element.classList.remove('cf-flash');
        // Restart the animation on a mark that is still flashing.
        void element.offsetWidth;
        element.classList.add('cf-flash');
        this.flashTimers.set(
          element,
          setTimeout(() => {
            element.classList.remove('cf-flash');
            this.flashTimers.delete(element);
          }, 1600),
        );
      }
    }
    return true;
  }
}

interface Props {
  controller: ReaderController;
  /** The marks already in the editor's first state (drawn there, so the DOM is built once). */
  initialSpans: Map<string, MarkSpan> | null;
  annotations: Annotation[] | null;
  selectedId: number | null;
  /** A mark was clicked: the highlight it stands for (innermost first; a second click on the same piece moves outwards). */
  onActivate(id: number, element: HTMLElement): void;
  activeId: number | null;
  /** After each redraw: how long it took, for the status line and measurements. */
  onDrawn?(stats: { marks: number; blocks: number; ms: number }): void;
}

export function spansOf(annotations: readonly Annotation[]): Map<string, MarkSpan> {
  const spans = new Map<string, MarkSpan>();
  // Orphans are not drawn: their stored range no longer holds their words.
  for (const a of annotations) if (a.anchorStatus !== 'orphan' && a.end > a.start) spans.set(String(a.id), { id: String(a.id), start: a.start, end: a.end });
  return spans;
}

export function HighlightsPlugin({ controller, initialSpans, annotations, selectedId, onActivate, activeId, onDrawn }: Props) {
  const [editor] = useLexicalComposerContext();
  const idsByKey = useRef(new Map<NodeKey, string[]>());
  const byId = useRef(new Map<string, Annotation>());
  const drawn = useRef<Map<string, MarkSpan> | null>(initialSpans);
  const shown = useRef<Annotation[] | null>(null);
  const selected = useRef<number | null>(selectedId);
  const callbacks = useRef({ onActivate, activeId, onDrawn });
  callbacks.current = { onActivate, activeId, onDrawn };

  controller.editor = editor;

  // Writes only what differs: re-colouring a thousand unchanged marks must not restyle them.
  const decorate = (element: HTMLElement, ids: readonly string[]) => {
    const kindOf = (id: string | undefined) => (id === undefined ? undefined : (byId.current.get(id)?.kind ?? controller.provisional.get(id)?.kind));
    const inner = kindOf(ids[0]);
    const outer = ids.length > 1 ? kindOf(ids[ids.length - 1]) : undefined;
    const kind = inner ?? 'highlight';
    const outerKind = outer && inner && outer !== inner ? outer : undefined;
    const joined = ids.join(' ');
    if (element.dataset.kind !== kind) element.dataset.kind = kind;
    if (element.dataset.outer !== outerKind) {
      if (outerKind) element.dataset.outer = outerKind;
      else delete element.dataset.outer;
    }
    if (element.dataset.annotationIds !== joined) element.dataset.annotationIds = joined;
    const provisional = ids.every(isProvisionalId);
    if (element.classList.contains('cf-mark-provisional') !== provisional) element.classList.toggle('cf-mark-provisional', provisional);
    const isSelected = selected.current !== null && ids.includes(String(selected.current));
    if (element.classList.contains('cf-mark-selected') !== isSelected) element.classList.toggle('cf-mark-selected', isSelected);
  };

  if (byId.current.size === 0 && annotations) byId.current = new Map(annotations.map((a) => [String(a.id), a]));

  // The id -> marks map, kept by watching MarkNodes come and go.
  useLayoutEffect(
    () =>
      editor.registerMutationListener(
        MarkNode,
        (mutations) => {
          editor.getEditorState().read(() => {
            for (const [key, mutation] of mutations) {
              const previous = idsByKey.current.get(key);
              if (previous) for (const id of previous) controller.keysById.get(id)?.delete(key);
              if (mutation === 'destroyed') {
                idsByKey.current.delete(key);
                continue;
              }
              const node = $getNodeByKey(key);
              if (!$isMarkNode(node)) continue;
              const ids = node.getIDs();
              idsByKey.current.set(key, ids);
              for (const id of ids) {
                let keys = controller.keysById.get(id);
                if (!keys) controller.keysById.set(id, (keys = new Set()));
                keys.add(key);
              }
              const element = editor.getElementByKey(key);
              if (element) decorate(element, ids);
            }
          });
        },
        { skipInitialization: false },
      ),
    // decorate reads refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [editor, controller],
  );

  // Draw: everything the first time, then only what changed. The marks shown are the
  // highlights and the provisional marks of highlights being saved; a provisional mark
  // gives way once its saved highlight is among the highlights.
  const draw = () => {
    const list = shown.current;
    if (!list) return;
    const spans = spansOf(list);
    for (const [id, mark] of controller.provisional) {
      if (mark.savedAs !== null && byId.current.has(String(mark.savedAs))) controller.provisional.delete(id);
      else if (mark.end > mark.start) spans.set(id, { id, start: mark.start, end: mark.end });
    }
    const changed = drawn.current === null ? 'all' : changedRanges(drawn.current, spans);
    drawn.current = spans;
    if (changed === 'all' || changed.length > 0) {
      const started = performance.now();
      let stats = { marks: 0, blocks: 0 };
      editor.update(
        () => {
          stats = $drawMarks([...spans.values()], changed);
        },
        { discrete: true, tag: 'casefile-highlights' },
      );
      callbacks.current.onDrawn?.({ ...stats, ms: performance.now() - started });
    }
  };
  controller.redraw = draw;
  useEffect(
    () => () => {
      controller.redraw = null;
    },
    [controller],
  );

  useLayoutEffect(() => {
    if (!annotations) return;
    const previous = byId.current;
    byId.current = new Map(annotations.map((a) => [String(a.id), a]));
    shown.current = annotations;
    draw();
    // New marks were coloured as they were created; a re-tagged highlight's marks did not
    // move, so colour the marks of every highlight whose kind changed.
    const recolour = new Set<NodeKey>();
    for (const [id, a] of byId.current) {
      const before = previous.get(id);
      if (before && before.kind !== a.kind) for (const key of controller.keysById.get(id) ?? []) recolour.add(key);
    }
    for (const key of recolour) {
      const element = editor.getElementByKey(key);
      const ids = idsByKey.current.get(key);
      if (element && ids) decorate(element, ids);
    }
    // Runs when the highlights change; decorate and the controller read refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, annotations]);

  useEffect(() => {
    const before = selected.current;
    selected.current = selectedId;
    for (const id of [before, selectedId]) {
      if (id === null) continue;
      for (const element of controller.elementsFor(id)) element.classList.toggle('cf-mark-selected', id === selectedId);
    }
  }, [selectedId, controller]);

  // A click on a mark opens its highlight, unless the click ended a text selection.
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const selection = window.getSelection();
      if (selection && !selection.isCollapsed) return;
      const mark = (event.target as Element | null)?.closest?.('mark');
      const root = editor.getRootElement();
      if (!mark || !root || !root.contains(mark)) return;
      const ids = editor.getEditorState().read(() => {
        const node = $getNearestNodeFromDOMNode(mark);
        return $isMarkNode(node) ? node.getIDs().filter((id) => !isProvisionalId(id)) : [];
      }, { editor });
      if (ids.length === 0) return;
      const { activeId: current, onActivate: activate } = callbacks.current;
      const index = current === null ? -1 : ids.indexOf(String(current));
      activate(Number(ids[(index + 1) % ids.length]), mark);
    };
    return editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('click', onClick);
      root?.addEventListener('click', onClick);
    });
  }, [editor]);

  return null;
}
