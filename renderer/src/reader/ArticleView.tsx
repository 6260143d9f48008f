// The reader: an article rendered through Lexical, read-only, with its highlights drawn
// as marks; a floating toolbar to tag a selection (mouse or keyboard); a popover to edit
// a highlight; the annotation panel beside it; find; and an explicit "Edit text" mode.
// This file lays them out and holds the reader's modes; each part has its own file.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Annotation, AnnotationKind } from '../../../common/api/methods/annotations.ts';
import type { Article, TextEditResult } from '../../../common/api/methods/articles.ts';
import { useServices } from '../shell/services.tsx';
import { AnnotationPanel } from './AnnotationPanel.tsx';
import { AnnotationPopover } from './AnnotationPopover.tsx';
import type { EditorFocus } from './AnnotationEditor.tsx';
import { DetailsDialog } from './DetailsDialog.tsx';
import { EditTextEditor } from './EditTextEditor.tsx';
import { ReaderController } from './HighlightsPlugin.tsx';
import { ReaderHeader } from './ReaderHeader.tsx';
import { ReaderText } from './ReaderText.tsx';
import { SelectionToolbar } from './SelectionToolbar.tsx';
import { SuggestionsPanel } from './SuggestionsPanel.tsx';
import { useArticleAnnotations } from './useArticleAnnotations.ts';
import { useHighlightPopover } from './useHighlightPopover.ts';
import { useReaderSelection } from './useReaderSelection.ts';
import { useShowPosition } from './useShowPosition.ts';
import { useTagging } from './useTagging.ts';

interface Props {
  article: Article;
  /** A highlight to show when the article opens (from the address, an actor page, a notebook quote). */
  at?: number;
  /** A position in the text to show and select when the article opens (a search hit). */
  pos?: number;
  onArticleChanged(article: Article): void;
}

export function ArticleView({ article, at, pos, onArticleChanged }: Props) {
  const { tags, reportError, announce, undo } = useServices();
  const { annotations, reset } = useArticleAnnotations(article.id, (e) => reportError(e, 'Could not load the highlights'));
  // A new controller for each article and each text of it: its keys and marks belong to one text.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const controller = useMemo(() => new ReaderController(), [article.id, article.textSha256]);
  const stage = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState(false);
  const [summary, setSummary] = useState<TextEditResult['anchors'] | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const [suggesting, setSuggesting] = useState(false);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [drawInfo, setDrawInfo] = useState<string>('');

  const byId = useMemo(() => new Map((annotations ?? []).map((a) => [a.id, a])), [annotations]);

  const focusReader = useCallback(() => {
    controller.editor?.getRootElement()?.focus({ preventScroll: true });
  }, [controller]);

  const { toolbar, setToolbar, toolbarRef, caret } = useReaderSelection(controller, stage, editing);
  const { selectedId, setSelectedId, popover, setPopover, openAnnotation, closePopover, selectFromPanel } = useHighlightPopover({
    articleId: article.id,
    controller,
    annotations,
    byId,
    at,
    focusReader,
  });
  const onFind = useCallback(() => setFindOpen(true), []);
  // A new highlight opens at once, at the field it most needs (the actor, the claimant).
  const onCreated = useCallback(
    (created: Annotation, kind: AnnotationKind) => {
      setSelectedId(created.id);
      const focus: EditorFocus = kind === 'actor' || kind === 'source' ? 'entity' : kind === 'claim' ? 'claimant' : null;
      setPopover({ id: created.id, focus, fresh: true });
    },
    [setSelectedId, setPopover],
  );
  const { tagSelection, tagWithNewTag } = useTagging({ articleId: article.id, controller, editing, toolbarRef, setToolbar, onFind, onCreated });
  useShowPosition(controller, pos, annotations !== null);

  const open = popover ? byId.get(popover.id) : undefined;

  return (
    <div className="reader-layout">
      <div className="reader-scroll">
        <div className="reader-stage" ref={stage}>
          <article className="reader" dir={article.direction} lang={article.language ?? undefined} aria-labelledby="article-title">
            <ReaderHeader
              article={article}
              annotations={annotations}
              controller={controller}
              editing={editing}
              findOpen={findOpen}
              suggesting={suggesting}
              summary={summary}
              onFind={(show, returnToText) => {
                setFindOpen(show);
                if (returnToText) focusReader();
              }}
              onDetails={() => setDetailsOpen(true)}
              onEditText={() => {
                setPopover(null);
                setToolbar(null);
                setFindOpen(false);
                setSummary(null);
                setEditing(true);
              }}
              onSuggest={() => setSuggesting((v) => !v)}
              onDismissSummary={() => setSummary(null)}
            />
            {editing ? (
              <EditTextEditor
                article={article}
                onCancel={() => setEditing(false)}
                onSaved={(result) => {
                  setEditing(false);
                  setSummary(result.anchors);
                  reset();
                  onArticleChanged(result.article);
                }}
                onError={(e) => reportError(e, 'Could not save the text')}
              />
            ) : (
              <ReaderText
                article={article}
                annotations={annotations}
                controller={controller}
                selectedId={selectedId}
                activeId={popover?.id ?? null}
                onOpenAnnotation={openAnnotation}
                onDrawInfo={setDrawInfo}
              />
            )}
            <p id="reader-hint" className="visually-hidden">
              Read-only. Select text with the mouse, or with Shift and the arrow keys, then press C, A, S or H to tag it. Press / to find, ? for help.
            </p>
            <footer className="reader-footer">
              <span title="SHA-256 of the canonical text">Text SHA-256 {article.textSha256.slice(0, 16)}…</span>
              {article.original ? (
                <span>
                  {' '}
                  · Original: {article.original.name ?? 'pasted'} ({article.original.type})
                </span>
              ) : null}
              {drawInfo ? <span className="draw-info"> · {drawInfo}</span> : null}
            </footer>
          </article>
          {toolbar && !editing ? (
            <SelectionToolbar top={toolbar.top} left={toolbar.left} tags={tags} onKind={(k) => tagSelection(k)} onTag={(id) => tagSelection('highlight', [id])} onNewTag={tagWithNewTag} />
          ) : null}
          {caret && !toolbar ? <div className="reading-caret" style={{ top: caret.top, left: caret.left, height: caret.height }} aria-hidden="true" /> : null}
          {popover && open && popover.anchor !== undefined ? (
            <AnnotationPopover
              annotation={open}
              popover={{ ...popover, anchor: popover.anchor }}
              controller={controller}
              byId={byId}
              onOpen={openAnnotation}
              onClose={closePopover}
              onRemoved={() => {
                setPopover(null);
                focusReader();
                announce('Highlight removed.', { label: 'Undo', run: undo });
              }}
            />
          ) : null}
        </div>
      </div>
      {detailsOpen ? <DetailsDialog article={article} onSaved={onArticleChanged} onClose={() => setDetailsOpen(false)} /> : null}
      {suggesting ? (
        <SuggestionsPanel articleId={article.id} onClose={() => setSuggesting(false)} />
      ) : (
        <AnnotationPanel annotations={annotations} selectedId={selectedId} expandSelected={!popover} onSelect={selectFromPanel} />
      )}
    </div>
  );
}
