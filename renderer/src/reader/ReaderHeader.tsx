// The reader's header: title, provenance and address, the wire-copy notice, the colour
// legend with counts, the tools (find, details, edit text, suggest actors), the find bar,
// and what re-anchoring did after a text edit.
import { useMemo } from 'react';
import type { Annotation, AnnotationKind } from '../../../common/api/methods/annotations.ts';
import type { Article, TextEditResult } from '../../../common/api/methods/articles.ts';
import { formatDate } from '../format.ts';
import { KIND_LABELS } from '../state/annotations.ts';
import { FindBar } from './FindBar.tsx';
import type { ReaderController } from './HighlightsPlugin.tsx';
import { StoryNotice } from './StoryNotice.tsx';

interface Props {
  article: Article;
  annotations: Annotation[] | null;
  controller: ReaderController;
  /** The text is being edited: the tools and the find bar step aside. */
  editing: boolean;
  findOpen: boolean;
  suggesting: boolean;
  /** What the last text edit did to the highlights, until dismissed. */
  summary: TextEditResult['anchors'] | null;
  onFind(open: boolean, returnToText?: boolean): void;
  onDetails(): void;
  onEditText(): void;
  onSuggest(): void;
  onDismissSummary(): void;
}

export function ReaderHeader({ article, annotations, controller, editing, findOpen, suggesting, summary, onFind, onDetails, onEditText, onSuggest, onDismissSummary }: Props) {
  const counts = useMemo(() => {
    const c: Record<AnnotationKind, number> = { claim: 0, actor: 0, source: 0, highlight: 0 };
    for (const a of annotations ?? []) c[a.kind] += 1;
    return c;
  }, [annotations]);
  const provenance = [article.outlet, article.byline, article.publishedAt ? formatDate(article.publishedAt) : null].filter(Boolean);
  const orphanCount = annotations?.filter((a) => a.anchorStatus === 'orphan').length ?? 0;

  return (
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
      <StoryNotice article={article} onOpen={onDetails} />
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
            <button type="button" className="button" title="Find in the article (/)" aria-keyshortcuts="/" onClick={() => onFind(true)}>
              Find
            </button>
            <button type="button" className="button" title="Correct the title, outlet, byline, date, address, language or direction" onClick={onDetails}>
              Details
            </button>
            <button type="button" className="button" title="Correct the article's text; highlights are re-anchored when you save" onClick={onEditText}>
              Edit text
            </button>
            <button type="button" className="button" title="Names in this article that may be actors: accept or dismiss each" aria-pressed={suggesting} onClick={onSuggest}>
              Suggest actors
            </button>
          </div>
        )}
      </div>
      {findOpen && !editing ? <FindBar controller={controller} onClose={(returnToText) => onFind(false, returnToText)} /> : null}
      {summary ? (
        <div role="status" className={orphanCount > 0 || summary.orphan > 0 ? 'anchor-summary warn' : 'anchor-summary'}>
          <span>
            Text saved. Highlights re-anchored: {summary.exact} exact · {summary.moved} moved · {summary.fuzzy} fuzzy · {summary.orphan} orphan
            {summary.orphan > 0 ? ' (listed under “Orphaned highlights” in the panel)' : ''}.
          </span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismissSummary}>
            ×
          </button>
        </div>
      ) : null}
    </header>
  );
}
