// Tagging the selected passage: from the toolbar, or by key wherever focus is (C, A, S, H
// for a kind, 1-9 for a tag), unless the user is typing somewhere. The mark is drawn at
// once and settled when the API answers. Escape drops the selection; / opens find.
import { useCallback, useEffect, type Dispatch, type RefObject, type SetStateAction } from 'react';
import type { Annotation, AnnotationKind } from '../../../common/api/methods/annotations.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useServices } from '../shell/services.tsx';
import { isPlainKey, isTextEntry, kindForKey } from '../shell/shortcuts.ts';
import { KIND_LABELS } from '../state/annotations.ts';
import type { ReaderController } from './HighlightsPlugin.tsx';
import { selectionToRange, type TextRange } from './liveText.ts';
import type { ToolbarState } from './useReaderSelection.ts';

interface Options {
  articleId: number;
  controller: ReaderController;
  editing: boolean;
  toolbarRef: RefObject<ToolbarState | null>;
  setToolbar: Dispatch<SetStateAction<ToolbarState | null>>;
  onFind(): void;
  /** The highlight was saved. */
  onCreated(annotation: Annotation, kind: AnnotationKind): void;
}

export interface Tagging {
  tagSelection(kind: AnnotationKind, tagIds?: number[]): void;
  /** Creates the tag, then tags the selection with it. */
  tagWithNewTag(name: string): void;
}

export function useTagging({ articleId, controller, editing, toolbarRef, setToolbar, onFind, onCreated }: Options): Tagging {
  const api = useApi();
  const { actions, tags, reloadTags, reportError } = useServices();

  /** The selected range now: from the live selection (a key may come before the toolbar has caught up), else the toolbar's. */
  const currentRange = useCallback((): TextRange | null => {
    const editor = controller.editor;
    const live = editor ? selectionToRange(editor, controller.liveText(), window.getSelection()) : null;
    return live ?? toolbarRef.current?.range ?? null;
  }, [controller, toolbarRef]);

  const tagSelection = useCallback(
    (kind: AnnotationKind, tagIds?: number[], chosen?: TextRange) => {
      const range = chosen ?? currentRange();
      if (!range) return;
      setToolbar(null);
      window.getSelection()?.collapseToEnd();
      // Drawn at once; the saved highlight's mark takes its place when the API answers.
      const provisional = controller.drawProvisional(range, kind);
      actions.create({ articleId, kind, target: range, ...(tagIds ? { tagIds } : {}) }).then(
        (created) => {
          controller.settleProvisional(provisional, created.id);
          onCreated(created, kind);
        },
        (e: unknown) => {
          controller.dropProvisional(provisional);
          reportError(e, `Could not save the ${KIND_LABELS[kind].toLowerCase()}`);
        },
      );
    },
    [actions, articleId, reportError, currentRange, controller, setToolbar, onCreated],
  );

  const tagWithNewTag = useCallback(
    (name: string) => {
      // The range as it is now: by the time the tag exists, focus (and the toolbar) have moved on.
      const range = currentRange();
      if (!range) return;
      api.call('tags.create', { name }).then(
        (tag) => {
          reloadTags();
          tagSelection('highlight', [tag.id], range);
        },
        (e: unknown) => reportError(e, 'Could not create the tag'),
      );
    },
    [api, tagSelection, reportError, currentRange, reloadTags],
  );

  // Keys that act on the reader wherever focus is, unless the user is typing somewhere.
  useEffect(() => {
    if (editing) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextEntry(event.target) || !isPlainKey(event)) return;
      if ((event.target as Element | null)?.closest?.('dialog, .popover')) return;
      if (event.key === 'Escape' && toolbarRef.current) {
        // Escape drops the selection (and its toolbar), leaving the caret where it ended.
        event.preventDefault();
        window.getSelection()?.collapseToEnd();
        setToolbar(null);
        return;
      }
      if (event.key === '/') {
        event.preventDefault();
        onFind();
        return;
      }
      if (!toolbarRef.current && !currentRange()) return;
      const kind = kindForKey(event.key);
      if (kind && !event.shiftKey) {
        event.preventDefault();
        tagSelection(kind);
        return;
      }
      if (/^[1-9]$/.test(event.key)) {
        const tag = tags[Number(event.key) - 1];
        if (tag) {
          event.preventDefault();
          tagSelection('highlight', [tag.id]);
        }
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [editing, tagSelection, tags, currentRange, toolbarRef, setToolbar, onFind]);

  return { tagSelection, tagWithNewTag };
}
