// "Edit text": the one place an article's words can change (a correction). The editor
// opens on the stored body without marks; Save sends the edited body, marks stripped,
// and main re-anchors every highlight in the new text.
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin';
import type { LexicalEditor } from 'lexical';
import { useMemo, useRef, useState } from 'react';
import type { Article, TextEditResult } from '../../../common/api/methods/articles.ts';
import type { SerializedDocument } from '../../../common/text/document.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { documentNodes, editorTheme } from '../editor/nodes.ts';
import { stripMarks } from './stripMarks.ts';

interface Props {
  article: Article;
  onCancel(): void;
  onSaved(result: TextEditResult): void;
  onError(error: unknown): void;
}

export function EditTextEditor({ article, onCancel, onSaved, onError }: Props) {
  const api = useApi();
  const editor = useRef<LexicalEditor | null>(null);
  const [saving, setSaving] = useState(false);
  const initialConfig = useMemo(
    () => ({
      namespace: `article-edit-${article.id}`,
      nodes: [...documentNodes],
      theme: editorTheme,
      editable: true,
      editorState: JSON.stringify(stripMarks(article.body)),
      onError: (error: Error) => {
        throw error;
      },
    }),
    [article],
  );

  const save = () => {
    if (!editor.current) return;
    const body = stripMarks(editor.current.getEditorState().toJSON() as unknown as SerializedDocument);
    setSaving(true);
    api.call('articles.updateText', { id: article.id, body }).then(
      (result) => {
        setSaving(false);
        onSaved(result);
      },
      (e: unknown) => {
        setSaving(false);
        onError(e);
      },
    );
  };

  return (
    <div className="edit-text">
      <div className="edit-text-bar" role="region" aria-label="Editing the text">
        <p className="hint">
          You are correcting the article's text. Highlights are hidden while you edit and are re-anchored when you save: by position, then by quote, then
          by the closest match; any that cannot be found are kept as orphans.
        </p>
        <div className="button-row">
          <button type="button" className="button primary" onClick={save} disabled={saving}>
            {saving ? 'Saving…' : 'Save text'}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={saving}>
            Cancel
          </button>
        </div>
      </div>
      <LexicalComposer initialConfig={initialConfig}>
        <RichTextPlugin contentEditable={<ContentEditable className="reader-body editing" aria-label="Article text (editing)" />} ErrorBoundary={LexicalErrorBoundary} />
        <ListPlugin />
        <HistoryPlugin />
        <EditorRefPlugin editorRef={editor} />
      </LexicalComposer>
    </div>
  );
}
