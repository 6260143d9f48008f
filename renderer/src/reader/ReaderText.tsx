// The article's text, read-only, in Lexical with its highlights drawn as marks. The editor
// is built once the highlights are known, with its marks already in its first state: the
// DOM is created once, marks included, instead of drawn twice. The reading caret moves
// with the arrows (Shift extends) and Enter opens the highlight under it.
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { $getRoot, $parseSerializedNode } from 'lexical';
import { useMemo, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Annotation } from '../../../common/api/methods/annotations.ts';
import type { Article } from '../../../common/api/methods/articles.ts';
import { documentNodes, editorTheme } from '../editor/nodes.ts';
import { HighlightsPlugin, isProvisionalId, spansOf, type ReaderController } from './HighlightsPlugin.tsx';
import { $drawMarks, type MarkSpan } from './marks.ts';
import { applyCaretMove, caretMoveFor, placeCaretAtStart } from './readingKeys.ts';

interface Props {
  article: Article;
  /** Null while loading: the text waits for them. */
  annotations: Annotation[] | null;
  controller: ReaderController;
  selectedId: number | null;
  /** The highlight open in the popover. */
  activeId: number | null;
  onOpenAnnotation(id: number): void;
  /** How long the marks took, for the footer. */
  onDrawInfo(info: string): void;
}

export function ReaderText({ article, annotations, controller, selectedId, activeId, onOpenAnnotation, onDrawInfo }: Props) {
  const composerKey = `${article.id}:${article.textSha256}`;
  const initial = useRef<{ key: string; spans: Map<string, MarkSpan> } | null>(null);
  if (annotations && initial.current?.key !== composerKey) initial.current = { key: composerKey, spans: spansOf(annotations) };
  const initialSpans = initial.current?.key === composerKey ? initial.current.spans : null;
  const drawInfo = useRef(onDrawInfo);
  drawInfo.current = onDrawInfo;
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
        queueMicrotask(() => drawInfo.current(`${marks} marks built in ${ms} ms`));
      },
      onError: (error: Error) => {
        throw error;
      },
    }),
    [article.id, article.body, initialSpans],
  );

  const rootElement = () => controller.editor?.getRootElement() ?? null;

  // The reading caret: arrows move it, Shift extends, Enter opens the highlight under it.
  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
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
        onOpenAnnotation(Number(ids[0]));
      }
    }
  };

  const onFocus = () => {
    const root = rootElement();
    const selection = window.getSelection();
    if (root && selection && (selection.rangeCount === 0 || !root.contains(selection.anchorNode))) placeCaretAtStart(root);
  };

  if (!initialSpans) {
    return (
      <p className="reader-body reader-loading" aria-busy="true">
        Opening the text and its highlights…
      </p>
    );
  }
  return (
    <LexicalComposer key={composerKey} initialConfig={initialConfig}>
      <RichTextPlugin
        contentEditable={<ContentEditable className="reader-body" aria-label="Article text" aria-multiline="true" aria-describedby="reader-hint" tabIndex={0} onKeyDown={onKeyDown} onFocus={onFocus} />}
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
        activeId={activeId}
        onActivate={onOpenAnnotation}
        onDrawn={({ marks, ms }) => onDrawInfo(`${marks} marks drawn in ${Math.round(ms)} ms`)}
      />
    </LexicalComposer>
  );
}
