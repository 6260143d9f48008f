// One notebook page: a title and a Lexical rich-text body (headings, lists, bold,
// italic, quotes), saved a moment after each change with a visible save state, and
// "Insert highlight", which quotes a highlight as a block that links back to its passage.
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, REMOVE_LIST_COMMAND, ListNode } from '@lexical/list';
import { $insertNodeToNearestRoot, $getNearestNodeOfType } from '@lexical/utils';
import {
  $createParagraphNode,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isRootOrShadowRoot,
  FORMAT_TEXT_COMMAND,
  type ElementNode,
  type LexicalEditor,
} from 'lexical';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Note } from '../../../common/api/methods/notes.ts';
import type { SerializedDocument } from '../../../common/text/document.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { $createAnnotationQuoteNode } from '../editor/AnnotationQuoteNode.tsx';
import { documentNodes, editorTheme } from '../editor/nodes.ts';
import { useServices } from '../shell/services.tsx';
import { MOD } from '../shell/shortcuts.ts';
import { InsertHighlightDialog } from './InsertHighlightDialog.tsx';

type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed';
const AUTOSAVE_MS = 700;

export function NoteEditor({ id, onDeleted }: { id: number; onDeleted(): void }) {
  const api = useApi();
  const { reportError } = useServices();
  const [note, setNote] = useState<Note | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let current = true;
    api.call('notes.get', { id }).then(
      (n) => current && setNote(n),
      () => current && setMissing(true),
    );
    return () => {
      current = false;
    };
  }, [api, id]);

  if (missing) return <div className="reader-empty"><p>This page is no longer in the notebook.</p></div>;
  if (!note) return <div className="reader-empty"><p>Loading…</p></div>;
  return <LoadedNote note={note} onDeleted={onDeleted} onError={reportError} />;
}

function LoadedNote({ note, onDeleted, onError }: { note: Note; onDeleted(): void; onError(error: unknown, doing?: string): void }) {
  const api = useApi();
  const titleId = useId();
  const [title, setTitle] = useState(note.title);
  const [state, setState] = useState<SaveState>('saved');
  const [inserting, setInserting] = useState(false);
  const editor = useRef<LexicalEditor | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const titleRef = useRef(title);
  titleRef.current = title;
  const dirty = useRef(false);
  const saving = useRef<Promise<unknown>>(Promise.resolve());

  const save = useCallback(() => {
    clearTimeout(timer.current);
    if (!dirty.current || !editor.current) return;
    dirty.current = false;
    const body = editor.current.getEditorState().toJSON() as unknown as SerializedDocument;
    const titleText = titleRef.current.trim() || 'Untitled page';
    setState('saving');
    // Saves run one after another so an older one never lands after a newer one.
    saving.current = saving.current.then(() =>
      api.call('notes.update', { id: note.id, title: titleText, body }).then(
        () => setState(dirty.current ? 'unsaved' : 'saved'),
        (e: unknown) => {
          dirty.current = true;
          setState('failed');
          onError(e, 'Could not save the page');
        },
      ),
    );
  }, [api, note.id, onError]);

  const changed = useCallback(() => {
    dirty.current = true;
    setState('unsaved');
    clearTimeout(timer.current);
    timer.current = setTimeout(save, AUTOSAVE_MS);
  }, [save]);

  // Leaving the page (another page, another view) saves what is pending.
  useEffect(() => () => save(), [save]);
  useEffect(() => {
    const onHide = () => save();
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [save]);

  const initialConfig = useMemo(
    () => ({
      namespace: `note-${note.id}`,
      nodes: [...documentNodes],
      theme: editorTheme,
      editable: true,
      editorState: JSON.stringify(note.body),
      onError: (error: Error) => {
        throw error;
      },
    }),
    [note],
  );

  const remove = () => {
    if (!window.confirm(`Delete the page “${note.title}”? This cannot be undone.`)) return;
    clearTimeout(timer.current);
    dirty.current = false;
    api.call('notes.delete', { id: note.id }).then(onDeleted, (e: unknown) => onError(e, 'Could not delete the page'));
  };

  return (
    <article className="note-page" aria-labelledby={titleId}>
      <LexicalComposer initialConfig={initialConfig}>
        <header className="note-header">
          <label htmlFor={titleId} className="visually-hidden">
            Page title
          </label>
          <input
            id={titleId}
            className="note-title"
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              changed();
            }}
            onBlur={save}
          />
          <span className={`save-state ${state}`} role="status">
            {state === 'saved' ? 'Saved' : state === 'saving' ? 'Saving…' : state === 'unsaved' ? 'Unsaved changes' : 'Not saved'}
          </span>
          <button type="button" className="button danger" onClick={remove}>
            Delete page
          </button>
        </header>
        <NoteToolbar onInsertHighlight={() => setInserting(true)} />
        <div className="note-body-wrap">
          <RichTextPlugin
            contentEditable={<ContentEditable className="note-body" aria-label="Page text" aria-multiline="true" />}
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <ListPlugin />
        <HistoryPlugin />
        <OnChangePlugin ignoreSelectionChange ignoreHistoryMergeTagChange onChange={changed} />
        <EditorRefPlugin editorRef={editor} />
        {inserting ? (
          <InsertHighlightDialog
            onClose={() => setInserting(false)}
            onPick={(annotation, articleTitle) => {
              setInserting(false);
              editor.current?.update(() => {
                const node = $createAnnotationQuoteNode({ annotationId: annotation.id, articleId: annotation.articleId, quote: annotation.quote.exact, articleTitle });
                $insertNodeToNearestRoot(node);
                // Leave somewhere to type after the quote.
                if (node.getNextSibling() === null) node.insertAfter($createParagraphNode());
              });
              editor.current?.focus();
            }}
          />
        ) : null}
      </LexicalComposer>
    </article>
  );
}

type BlockType = 'paragraph' | 'h2' | 'h3' | 'quote' | 'bullet' | 'number';

function NoteToolbar({ onInsertHighlight }: { onInsertHighlight(): void }) {
  const [editor] = useLexicalComposerContext();
  const [bold, setBold] = useState(false);
  const [italic, setItalic] = useState(false);
  const [block, setBlock] = useState<BlockType>('paragraph');

  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        editorState.read(() => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection)) return;
          setBold(selection.hasFormat('bold'));
          setItalic(selection.hasFormat('italic'));
          const anchor = selection.anchor.getNode();
          const list = $getNearestNodeOfType(anchor, ListNode);
          if (list) return setBlock(list.getListType() === 'number' ? 'number' : 'bullet');
          const top = $isRootOrShadowRoot(anchor) ? null : anchor.getTopLevelElement();
          if ($isHeadingNode(top)) setBlock(top.getTag() === 'h3' ? 'h3' : 'h2');
          else if ($isQuoteNode(top)) setBlock('quote');
          else setBlock('paragraph');
        });
      }),
    [editor],
  );

  const setBlocks = (type: 'paragraph' | 'h2' | 'h3' | 'quote') => {
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const tops = new Set<ElementNode>();
      for (const node of [selection.anchor.getNode(), ...selection.getNodes()]) {
        const top = $isRootOrShadowRoot(node) ? null : node.getTopLevelElement();
        if ($isElementNode(top) && !$isListNode(top)) tops.add(top);
      }
      for (const top of tops) {
        const next = type === 'paragraph' || type === block ? $createParagraphNode() : type === 'quote' ? $createQuoteNode() : $createHeadingNode(type);
        top.replace(next, true);
      }
    });
    editor.focus();
  };

  const list = (type: 'bullet' | 'number') => {
    editor.dispatchCommand(block === type ? REMOVE_LIST_COMMAND : type === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
    editor.focus();
  };

  const button = (label: string, pressed: boolean, run: () => void, title?: string, className?: string) => (
    <button
      type="button"
      className={className ? `tool ${className}` : 'tool'}
      aria-pressed={pressed}
      title={title ?? label}
      // Keep the editor's selection while clicking the toolbar.
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      {label}
    </button>
  );

  return (
    <div className="note-toolbar" role="toolbar" aria-label="Formatting">
      {button('Heading', block === 'h2', () => setBlocks('h2'))}
      {button('Subheading', block === 'h3', () => setBlocks('h3'))}
      {button('Quote', block === 'quote', () => setBlocks('quote'))}
      <span className="toolbar-sep" aria-hidden="true" />
      {button('Bold', bold, () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold'), `Bold (${MOD}+B)`, 'tool-bold')}
      {button('Italic', italic, () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic'), `Italic (${MOD}+I)`, 'tool-italic')}
      <span className="toolbar-sep" aria-hidden="true" />
      {button('Bulleted list', block === 'bullet', () => list('bullet'))}
      {button('Numbered list', block === 'number', () => list('number'))}
      <span className="toolbar-sep" aria-hidden="true" />
      <button type="button" className="tool primary" onMouseDown={(e) => e.preventDefault()} onClick={onInsertHighlight} title="Quote a highlight; it links back to its passage">
        Insert highlight…
      </button>
    </div>
  );
}
