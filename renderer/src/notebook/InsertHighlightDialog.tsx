// "Insert highlight": every highlight in the library, grouped by article and searchable,
// to quote in a notebook page.
import { useEffect, useId, useMemo, useState } from 'react';
import type { Annotation } from '../../../common/api/methods/annotations.ts';
import { api } from '../api/client.ts';
import { KindBadge } from '../components/badges.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { useServices } from '../shell/services.tsx';

interface Props {
  onPick(annotation: Annotation, articleTitle: string): void;
  onClose(): void;
}

export function InsertHighlightDialog({ onPick, onClose }: Props) {
  const { reportError } = useServices();
  const [annotations, setAnnotations] = useState<Annotation[] | null>(null);
  const [titles, setTitles] = useState<Map<number, string>>(new Map());
  const [query, setQuery] = useState('');
  const searchId = useId();

  useEffect(() => {
    let current = true;
    Promise.all([api.call('annotations.list', { limit: 20_000 }), api.call('articles.list', { limit: 500 })]).then(
      ([list, page]) => {
        if (!current) return;
        setAnnotations(list);
        setTitles(new Map(page.items.map((a) => [a.id, a.title])));
      },
      (e: unknown) => reportError(e, 'Could not list the highlights'),
    );
    return () => {
      current = false;
    };
  }, [reportError]);

  const groups = useMemo(() => {
    const text = query.trim().toLowerCase();
    const byArticle = new Map<number, Annotation[]>();
    for (const a of annotations ?? []) {
      const title = titles.get(a.articleId) ?? '';
      if (text && !`${a.quote.exact} ${a.note} ${a.entity?.name ?? ''} ${title}`.toLowerCase().includes(text)) continue;
      const list = byArticle.get(a.articleId);
      if (list) list.push(a);
      else byArticle.set(a.articleId, [a]);
    }
    return [...byArticle];
  }, [annotations, titles, query]);

  return (
    <Dialog title="Insert a highlight" onClose={onClose} className="insert-highlight-dialog">
      <label htmlFor={searchId} className="field-label">
        Search highlights
      </label>
      <input id={searchId} type="search" autoFocus value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Words of the quote, an actor, an article…" />
      {annotations === null ? <p className="hint">Loading…</p> : null}
      {annotations && groups.length === 0 ? <p className="hint">{query ? 'No highlight matches.' : 'No highlights yet: highlight passages in an article first.'}</p> : null}
      <div className="claim-groups">
        {groups.map(([articleId, list]) => (
          <section key={articleId} aria-label={titles.get(articleId) ?? `Article ${articleId}`}>
            <h3 className="claim-group-title">{titles.get(articleId) ?? `Article ${articleId}`}</h3>
            <ul className="claim-choices">
              {list.map((a) => (
                <li key={a.id}>
                  <button type="button" className="claim-choice" onClick={() => onPick(a, titles.get(a.articleId) ?? '')}>
                    <KindBadge kind={a.kind} />
                    <span className="claim-choice-quote">“{a.quote.exact}”</span>
                    {a.entity ? <span className="claim-choice-meta">{a.entity.name}</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
