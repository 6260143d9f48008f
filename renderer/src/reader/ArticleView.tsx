// The reader: an article's metadata and its body rendered through Lexical, read-only.
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import type { Article } from '../../../common/api/methods/articles.ts';
import { documentNodes, editorTheme } from '../editor/nodes.ts';
import { formatDate } from '../format.ts';

export function ArticleView({ article }: { article: Article }) {
  const initialConfig = {
    namespace: `article-${article.id}`,
    nodes: [...documentNodes],
    theme: editorTheme,
    editable: false,
    editorState: JSON.stringify(article.body),
    onError: (error: Error) => {
      throw error;
    },
  };
  const provenance = [article.outlet, article.byline, article.publishedAt ? formatDate(article.publishedAt) : null].filter(Boolean);
  return (
    <article className="reader" dir={article.direction} lang={article.language ?? undefined} aria-labelledby="article-title">
      <header className="reader-header">
        <h1 id="article-title" className="reader-title">{article.title}</h1>
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
      </header>
      <LexicalComposer key={article.id} initialConfig={initialConfig}>
        <RichTextPlugin
          contentEditable={<ContentEditable className="reader-body" aria-label="Article text" aria-readonly="true" />}
          ErrorBoundary={LexicalErrorBoundary}
        />
        <ListPlugin />
      </LexicalComposer>
      <footer className="reader-footer">
        <span title="SHA-256 of the canonical text">Text SHA-256 {article.textSha256.slice(0, 16)}…</span>
        {article.original ? <span> · Original: {article.original.name ?? 'pasted'} ({article.original.type})</span> : null}
      </footer>
    </article>
  );
}
