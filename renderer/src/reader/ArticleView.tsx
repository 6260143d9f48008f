// The reader: an article rendered through Lexical, read-only, with its highlights drawn
// as marks; a floating toolbar to tag a selection (mouse or keyboard); a popover to edit
// a highlight; the annotation panel beside it; find; and an explicit "Edit text" mode.
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { $getRoot, $parseSerializedNode } from 'lexical';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Annotation, AnnotationKind } from '../../../common/api/methods/annotations.ts';
import type { Article, TextEditResult } from '../../../common/api/methods/articles.ts';
import { api } from '../api/client.ts';
import { AnchorBadge, KindBadge } from '../components/badges.tsx';
import { Popover } from '../components/Popover.tsx';
import { documentNodes, editorTheme } from '../editor/nodes.ts';
import { formatDate } from '../format.ts';
import { useNavigate } from '../shell/navigation.tsx';
import { useServices } from '../shell/services.tsx';
import { isPlainKey, isTextEntry, kindForKey } from '../shell/shortcuts.ts';
import { KIND_LABELS } from '../state/annotations.ts';
import { AnnotationEditor, type EditorFocus } from './AnnotationEditor.tsx';
import { AnnotationPanel } from './AnnotationPanel.tsx';
import { SuggestionsPanel } from './SuggestionsPanel.tsx';
import { DetailsDialog } from './DetailsDialog.tsx';
import { StoryNotice } from './StoryNotice.tsx';
import { EditTextEditor } from './EditTextEditor.tsx';
import { FindBar } from './FindBar.tsx';
import { HighlightsPlugin, isProvisionalId, ReaderController, spansOf } from './HighlightsPlugin.tsx';
import { $drawMarks, type MarkSpan } from './marks.ts';
import { selectionToRange, selectRange, type TextRange } from './liveText.ts';
import { applyCaretMove, caretMoveFor, caretRect, placeCaretAtStart } from './readingKeys.ts';
import { scrollIntoViewSettled } from './scrollSettled.ts';
import { SelectionToolbar } from './SelectionToolbar.tsx';
import { useArticleAnnotations } from './useArticleAnnotations.ts';

interface Props {
  article: Article;
  /** A highlight to show when the article opens (from the address, an actor page, a notebook quote). */
  at?: number;
  /** A position in the text to show and select when the article opens (a search hit). */
  pos?: number;
  onArticleChanged(article: Article): void;
}

interface ToolbarState {
  range: TextRange;
  top: number;
  left: number;
}

interface PopoverState {
  id: number;
  focus: EditorFocus;
  fresh: boolean;
  /** The highlight's marks, once drawn: the popover stands beside them. */
  anchor?: readonly Element[];
}

export function ArticleView({ article, at, pos, onArticleChanged }: Props) {
  const { actions, tags, reloadTags, reportError, announce, undo } = useServices();
  const navigate = useNavigate();
  const { annotations, reset } = useArticleAnnotations(article.id, (e) => reportError(e, 'Could not load the highlights'));
  // A new controller for each article and each text of it: its keys and marks belong to one text.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const controller = useMemo(() => new ReaderController(), [article.id, article.textSha256]);
  const stage = useRef<HTMLDivElement>(null);
  const [selectedId, setSelectedId] = useState<number | null>(at ?? null);
  const [popover, setPopover] = useState<PopoverState | null>(null);
  const [toolbar, setToolbar] = useState<ToolbarState | null>(null);
  const [caret, setCaret] = useState<{ top: number; left: number; height: number } | null>(null);
  const [editing, setEditing] = useState(false);
  const [summary, setSummary] = useState<TextEditResult['anchors'] | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const [suggesting, setSuggesting] = useState(false);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [drawInfo, setDrawInfo] = useState<string>('');
  const toolbarRef = useRef(toolbar);
  toolbarRef.current = toolbar;
  const shownAt = useRef<number | null>(null);

  const byId = useMemo(() => new Map((annotations ?? []).map((a) => [a.id, a])), [annotations]);

  // --- positions inside the stage (the positioned box that scrolls with the text) ---
  const toStage = useCallback((rect: DOMRect) => {
    const box = stage.current!.getBoundingClientRect();
    return { top: rect.top - box.top, bottom: rect.bottom - box.top, left: rect.left - box.left, right: rect.right - box.left, width: box.width };
  }, []);

  const rootElement = () => controller.editor?.getRootElement() ?? null;

  const focusReader = useCallback(() => {
    controller.editor?.getRootElement()?.focus({ preventScroll: true });
  }, [controller]);

  // --- selection: toolbar and reading caret ---
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
        const rect = toStage(selection.getRangeAt(0).getBoundingClientRect());
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
          const s = toStage(r);
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
  }, [controller, editing, toStage]);

  // --- tagging ---
  /** The selected range now: from the live selection (a key may come before the toolbar has caught up), else the toolbar's. */
  const currentRange = useCallback((): TextRange | null => {
    const editor = controller.editor;
    const live = editor ? selectionToRange(editor, controller.liveText(), window.getSelection()) : null;
    return live ?? toolbarRef.current?.range ?? null;
  }, [controller]);

  const tagSelection = useCallback(
    (kind: AnnotationKind, tagIds?: number[], chosen?: TextRange) => {
      const range = chosen ?? currentRange();
      if (!range) return;
      setToolbar(null);
      window.getSelection()?.collapseToEnd();
      // Drawn at once; the saved highlight's mark takes its place when the API answers.
      const provisional = controller.drawProvisional(range, kind);
      actions.create({ articleId: article.id, kind, target: range, ...(tagIds ? { tagIds } : {}) }).then(
        (created) => {
          controller.settleProvisional(provisional, created.id);
          setSelectedId(created.id);
          const focus: EditorFocus = kind === 'actor' || kind === 'source' ? 'entity' : kind === 'claim' ? 'claimant' : null;
          setPopover({ id: created.id, focus, fresh: true });
        },
        (e: unknown) => {
          controller.dropProvisional(provisional);
          reportError(e, `Could not save the ${KIND_LABELS[kind].toLowerCase()}`);
        },
      );
    },
    [actions, article.id, reportError, currentRange, controller],
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
    [tagSelection, reportError, currentRange, reloadTags],
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
        setFindOpen(true);
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
  }, [editing, tagSelection, tags, currentRange]);

  // The reading caret: arrows move it, Shift extends, Enter opens the highlight under it.
  const onReaderKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const root = rootElement();
    if (!root || event.target !== root) return;
    const move = caretMoveFor(event);
    if (move) {
      event.preventDefault();
      applyCaretMove(root, move);
      return;
    }
    if (event.key === 'Enter') {
      const selection = window.getSelection();
      const node = selection?.focusNode;
      const mark = (node instanceof Element ? node : node?.parentElement)?.closest('mark');
      const ids = (mark?.getAttribute('data-annotation-ids')?.split(' ') ?? []).filter((id) => !isProvisionalId(id));
      if (ids[0]) {
        event.preventDefault();
        openAnnotation(Number(ids[0]));
      }
    }
  };

  const onReaderFocus = () => {
    const root = rootElement();
    const selection = window.getSelection();
    if (root && selection && (selection.rangeCount === 0 || !root.contains(selection.anchorNode))) placeCaretAtStart(root);
  };

  // --- opening a highlight ---
  const openAnnotation = useCallback(
    (id: number) => {
      setSelectedId(id);
      setPopover({ id, focus: null, fresh: false });
      // Already in view: the address records it without scrolling to it again.
      shownAt.current = id;
      navigate({ view: 'library', id: article.id, at: id }, { replace: true });
    },
    [navigate, article.id],
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

  const closePopover = useCallback((how: 'escape' | 'outside' | 'button' = 'button') => {
    setPopover(null);
    // A click elsewhere goes where it was aimed (another mark, a new selection).
    if (how === 'outside') return;
    // Back to the text, with the caret after the highlight, so the keyboard flow goes on.
    const editor = controller.editor;
    const a = popover ? byId.get(popover.id) : undefined;
    if (editor && a && a.anchorStatus !== 'orphan') selectRange(editor, controller.liveText(), { start: a.end, end: a.end });
    focusReader();
  }, [controller, popover, byId, focusReader]);

  // --- selecting from the panel, or from the address ---
  const selectFromPanel = useCallback(
    (id: number) => {
      setSelectedId(id);
      setPopover(null);
      controller.scrollTo(id);
      shownAt.current = id;
      navigate({ view: 'library', id: article.id, at: id }, { replace: true });
    },
    [controller, navigate, article.id],
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

  // A search hit: select the word at that position and bring it into view.
  const shownPos = useRef<number | null>(null);
  useEffect(() => {
    if (pos === undefined || !annotations || shownPos.current === pos) return;
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
  }, [pos, annotations, controller]);

  // The editor is built once the highlights are known, with its marks already in its
  // first state: the DOM is created once, marks included, instead of drawn twice.
  const composerKey = `${article.id}:${article.textSha256}`;
  const initial = useRef<{ key: string; spans: Map<string, MarkSpan> } | null>(null);
  if (annotations && initial.current?.key !== composerKey) initial.current = { key: composerKey, spans: spansOf(annotations) };
  const initialSpans = initial.current?.key === composerKey ? initial.current.spans : null;
  const initialConfig = useMemo(
    () => ({
      namespace: `article-${article.id}`,
      nodes: [...documentNodes],
      theme: editorTheme,
      editable: false,
      editorState: () => {
        const root = $getRoot();
        for (const child of article.body.root.children) root.append($parseSerializedNode(child));
        if (article.body.root.direction) root.setDirection(article.body.root.direction);
        if (!initialSpans) return;
        const started = performance.now();
        const { marks } = $drawMarks([...initialSpans.values()], 'all');
        const ms = Math.round(performance.now() - started);
        // Reported after this render: the editor is being created inside one.
        queueMicrotask(() => setDrawInfo(`${marks} marks built in ${ms} ms`));
      },
      onError: (error: Error) => {
        throw error;
      },
    }),
    [article.id, article.body, initialSpans],
  );

  const counts = useMemo(() => {
    const c: Record<AnnotationKind, number> = { claim: 0, actor: 0, source: 0, highlight: 0 };
    for (const a of annotations ?? []) c[a.kind] += 1;
    return c;
  }, [annotations]);

  const provenance = [article.outlet, article.byline, article.publishedAt ? formatDate(article.publishedAt) : null].filter(Boolean);
  const open = popover ? byId.get(popover.id) : undefined;
  const orphanCount = annotations?.filter((a) => a.anchorStatus === 'orphan').length ?? 0;

  return (
    <div className="reader-layout">
      <div className="reader-scroll">
        <div className="reader-stage" ref={stage}>
          <article className="reader" dir={article.direction} lang={article.language ?? undefined} aria-labelledby="article-title">
            <header className="reader-header">
              <h1 id="article-title" className="reader-title">
                {article.title}
              </h1>
              <p className="reader-meta">
                {provenance.length > 0 ? provenance.join(' · ') : 'Unknown outlet'}
                <span className="reader-meta-sep"> · </span>
                <span title={`Retrieved ${article.retrievedAt}`}>Imported {formatDate(article.retrievedAt)}</span>
              </p>
              {article.url ? (
                <p className="reader-url" dir="ltr">
                  {article.url}
                </p>
              ) : null}
              <StoryNotice article={article} onOpen={() => setDetailsOpen(true)} />
              <div className="reader-tools">
                <ul className="legend" aria-label="Highlight colours">
                  {(['claim', 'actor', 'source', 'highlight'] as const).map((k) => (
                    <li key={k} className={`legend-item kind-${k}`}>
                      <span className="swatch" aria-hidden="true" />
                      {KIND_LABELS[k]}
                      <span className="legend-count">{counts[k]}</span>
                    </li>
                  ))}
                </ul>
                {editing ? null : (
                  <div className="reader-actions">
                    <button type="button" className="button" title="Find in the article (/)" aria-keyshortcuts="/" onClick={() => setFindOpen(true)}>
                      Find
                    </button>
                    <button type="button" className="button" title="Correct the title, outlet, byline, date, address, language or direction" onClick={() => setDetailsOpen(true)}>
                      Details
                    </button>
                    <button
                      type="button"
                      className="button"
                      title="Correct the article's text; highlights are re-anchored when you save"
                      onClick={() => {
                        setPopover(null);
                        setToolbar(null);
                        setFindOpen(false);
                        setSummary(null);
                        setEditing(true);
                      }}
                    >
                      Edit text
                    </button>
                    <button type="button" className="button" title="Names in this article that may be actors: accept or dismiss each" aria-pressed={suggesting} onClick={() => setSuggesting((v) => !v)}>
                      Suggest actors
                    </button>
                  </div>
                )}
              </div>
              {findOpen && !editing ? (
                <FindBar
                  controller={controller}
                  onClose={(returnToText) => {
                    setFindOpen(false);
                    if (returnToText) focusReader();
                  }}
                />
              ) : null}
              {summary ? (
                <div role="status" className={orphanCount > 0 || summary.orphan > 0 ? 'anchor-summary warn' : 'anchor-summary'}>
                  <span>
                    Text saved. Highlights re-anchored: {summary.exact} exact · {summary.moved} moved · {summary.fuzzy} fuzzy · {summary.orphan} orphan
                    {summary.orphan > 0 ? ' (listed under “Orphaned highlights” in the panel)' : ''}.
                  </span>
                  <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setSummary(null)}>
                    ×
                  </button>
                </div>
              ) : null}
            </header>
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
            ) : !initialSpans ? (
              <p className="reader-body reader-loading" aria-busy="true">
                Opening the text and its highlights…
              </p>
            ) : (
              <LexicalComposer key={composerKey} initialConfig={initialConfig}>
                <RichTextPlugin
                  contentEditable={
                    <ContentEditable
                      className="reader-body"
                      aria-label="Article text"
                      aria-multiline="true"
                      aria-describedby="reader-hint"
                      tabIndex={0}
                      onKeyDown={onReaderKeyDown}
                      onFocus={onReaderFocus}
                    />
                  }
                  ErrorBoundary={LexicalErrorBoundary}
                />
                {/* No ListPlugin here: lists render from their nodes (registered in documentNodes, numbering
                    kept by ListNode's own transform); the plugin only adds editing commands and a TextNode
                    transform whose registration re-walks every text node of the article on mount. It stays in
                    EditTextEditor. */}
                <HighlightsPlugin
                  controller={controller}
                  initialSpans={initialSpans}
                  annotations={annotations}
                  selectedId={selectedId}
                  activeId={popover?.id ?? null}
                  onActivate={openAnnotation}
                  onDrawn={({ marks, ms }) => setDrawInfo(`${marks} marks drawn in ${Math.round(ms)} ms`)}
                />
              </LexicalComposer>
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
            <Popover label={`${KIND_LABELS[open.kind]} highlight`} anchor={popover.anchor} onClose={closePopover} className="annotation-popover">
              <div className="popover-head">
                <KindBadge kind={open.kind} />
                <AnchorBadge status={open.anchorStatus} />
                <button type="button" className="icon-button" aria-label="Close" onClick={() => closePopover('button')}>
                  ×
                </button>
              </div>
              <p className="popover-quote">“{open.quote.exact}”</p>
              <OverlapSwitcher id={open.id} controller={controller} byId={byId} onOpen={(id) => openAnnotation(id)} />
              <AnnotationEditor
                key={open.id}
                annotation={open}
                focus={popover.focus}
                fresh={popover.fresh}
                onRemoved={() => {
                  setPopover(null);
                  focusReader();
                  announce('Highlight removed.', { label: 'Undo', run: undo });
                }}
              />
            </Popover>
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

/** Other highlights sharing this passage (an actor inside a claim): one click away. */
function OverlapSwitcher({ id, controller, byId, onOpen }: { id: number; controller: ReaderController; byId: Map<number, Annotation>; onOpen(id: number): void }) {
  const others = new Set<number>();
  for (const element of controller.elementsFor(id)) {
    for (const other of element.dataset.annotationIds?.split(' ') ?? []) if (Number(other) !== id) others.add(Number(other));
  }
  const list = [...others].map((o) => byId.get(o)).filter((a) => a !== undefined);
  if (list.length === 0) return null;
  return (
    <p className="overlap-switcher">
      Also here:{' '}
      {list.map((a) => (
        <button key={a.id} type="button" className="link-button" onClick={() => onOpen(a.id)}>
          {KIND_LABELS[a.kind]} “{a.quote.exact.length > 40 ? `${a.quote.exact.slice(0, 39)}…` : a.quote.exact}”
        </button>
      ))}
    </p>
  );
}
