// "Insert a highlight": every highlight in the library, newest first, narrowed on the
// server as you type (annotations.find), to quote in a notebook page.
import { useCallback } from 'react';
import type { Annotation, AnnotationInArticle } from '../../../common/api/methods/annotations.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { KindBadge } from '../components/badges.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { ArticleLine, RecordPicker } from '../components/RecordPicker.tsx';
import { formatDate } from '../format.ts';

interface Props {
  onPick(annotation: Annotation, articleTitle: string): void;
  onClose(): void;
}

const PAGE = 50;

export function InsertHighlightDialog({ onPick, onClose }: Props) {
  const api = useApi();
  const load = useCallback(
    (text: string, before: number | null) => api.call('annotations.find', { text, limit: PAGE, ...(before === null ? {} : { before }) }),
    [api],
  );

  return (
    <Dialog title="Insert a highlight" onClose={onClose} className="insert-highlight-dialog record-picker-dialog">
      <RecordPicker<AnnotationInArticle, number>
        label="Search highlights"
        placeholder="Words of the quote or note, an actor, an article or outlet…"
        listLabel="Highlights"
        noun={{ one: 'highlight', many: 'highlights' }}
        load={load}
        keyOf={(a) => a.id}
        render={(a) => (
          <>
            <span className="record-head">
              <KindBadge kind={a.kind} />
              {a.entity ? <span className="record-detail">{a.entity.name}</span> : null}
            </span>
            <span className="record-quote" dir="auto">
              “{a.quote.exact}”
            </span>
            <ArticleLine title={a.article.title} outlet={a.article.outlet} date={a.article.publishedAt ? formatDate(a.article.publishedAt) : null} />
          </>
        )}
        onPick={(a) => onPick(a, a.article.title)}
        empty={{ none: 'No highlights yet: highlight passages in an article first.', noMatch: 'No highlight matches.' }}
      />
    </Dialog>
  );
}
