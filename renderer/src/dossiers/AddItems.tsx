// Adding to the dossier: tick articles from the library, every article, the articles with
// highlights under a tag, or a notebook page.
import { useEffect, useMemo, useState } from 'react';
import type { ArticleSummary } from '../../../common/api/methods/articles.ts';
import type { Dossier, DossierItemRef } from '../../../common/api/methods/dossiers.ts';
import type { NoteSummary } from '../../../common/api/methods/notes.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useServices } from '../shell/services.tsx';
import { ArticleChoices } from './ArticleChoices.tsx';

export type AddInput = { items?: DossierItemRef[]; select?: { all: true } | { tagId: number } };

export function AddItems({ dossier, tags, onAdd }: { dossier: Dossier; tags: { id: number; name: string }[]; onAdd(input: AddInput): void }) {
  const api = useApi();
  const [notes, setNotes] = useState<NoteSummary[] | null>(null);
  const [open, setOpen] = useState(false);
  // The ticked articles, kept whatever the filter shows now.
  const [chosen, setChosen] = useState<Map<number, ArticleSummary>>(new Map());
  const { reportError } = useServices();

  useEffect(() => {
    if (!open) return;
    api.call('notes.list', {}).then(setNotes, (e: unknown) => reportError(e, 'Could not list the notebook'));
  }, [api, open, reportError]);

  const inDossier = useMemo(() => new Set(dossier.items.map((i) => (i.type === 'article' ? `a${i.articleId}` : `n${i.noteId}`))), [dossier.items]);
  const pages = (notes ?? []).filter((n) => !inDossier.has(`n${n.id}`));

  if (!open) {
    return (
      <div className="button-row dossier-add-row">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Add articles or pages…
        </button>
        <button type="button" className="button" onClick={() => onAdd({ select: { all: true } })}>
          Add every article
        </button>
      </div>
    );
  }
  return (
    <div className="dossier-add" role="group" aria-label="Add to the dossier">
      <ArticleChoices
        inDossier={(id) => inDossier.has(`a${id}`)}
        chosen={chosen}
        onChoose={setChosen}
        onClose={() => setOpen(false)}
        onError={(e) => reportError(e, 'Could not list the articles')}
      />
      <div className="button-row">
        <button
          type="button"
          className="button primary"
          disabled={chosen.size === 0}
          onClick={() => {
            // In the order the list shows them (newest published first), whatever order they were ticked in.
            onAdd({ items: [...chosen.values()].sort(byPublishedNewest).map((a) => ({ articleId: a.id })) });
            setChosen(new Map());
          }}
        >
          Add {chosen.size || ''} {chosen.size === 1 ? 'article' : 'articles'}
        </button>
        {tags.length > 0 ? (
          <select
            aria-label="Add the articles with highlights tagged…"
            value=""
            onChange={(event) => {
              if (event.target.value) onAdd({ select: { tagId: Number(event.target.value) } });
            }}
          >
            <option value="">Add articles with highlights tagged…</option>
            {tags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        ) : null}
        {pages.length > 0 ? (
          <select
            aria-label="Add a notebook page"
            value=""
            onChange={(event) => {
              if (event.target.value) onAdd({ items: [{ noteId: Number(event.target.value) }] });
            }}
          >
            <option value="">Add a notebook page…</option>
            {pages.map((n) => (
              <option key={n.id} value={n.id}>
                {n.title}
              </option>
            ))}
          </select>
        ) : null}
      </div>
    </div>
  );
}

/** The order of articles.list's `published` sort: newest first, undated last, then by id. */
function byPublishedNewest(a: ArticleSummary, b: ArticleSummary): number {
  if (a.publishedAt !== b.publishedAt) {
    if (a.publishedAt === null) return 1;
    if (b.publishedAt === null) return -1;
    return a.publishedAt < b.publishedAt ? 1 : -1;
  }
  return b.id - a.id;
}
