// The dossier's contents in order: move an item up or down, remove it, or add more.
import type { Dossier, DossierItemRef } from '../../../common/api/methods/dossiers.ts';
import { formatDate } from '../format.ts';
import { AddItems, type AddInput } from './AddItems.tsx';

function refOf(item: Dossier['items'][number]): DossierItemRef {
  return item.type === 'article' ? { articleId: item.articleId } : { noteId: item.noteId };
}

interface Props {
  dossier: Dossier;
  tags: { id: number; name: string }[];
  onOpenArticle(articleId: number): void;
  /** The whole new list, in order. */
  onSetItems(items: DossierItemRef[]): void;
  onAdd(input: AddInput): void;
}

export function DossierContents({ dossier, tags, onOpenArticle, onSetItems, onAdd }: Props) {
  const refs = dossier.items.map(refOf);
  const move = (index: number, by: -1 | 1) => {
    const next = [...refs];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onSetItems(next);
  };

  return (
    <section className="dossier-section" aria-labelledby="dossier-contents">
      <h2 id="dossier-contents">Contents</h2>
      {dossier.items.length === 0 ? <p className="hint">Nothing in this dossier yet: add articles or notebook pages below.</p> : null}
      <ol className="dossier-items">
        {dossier.items.map((item, index) => (
          <li key={item.id} className="dossier-item">
            <span className="dossier-item-kind">{item.type === 'article' ? 'Article' : 'Page'}</span>
            <span className="dossier-item-text">
              {item.type === 'article' ? (
                <button type="button" className="link-button dossier-item-title" dir="auto" onClick={() => onOpenArticle(item.articleId)}>
                  {item.title}
                </button>
              ) : (
                <span className="dossier-item-title" dir="auto">
                  {item.title}
                </span>
              )}
              <span className="dossier-item-meta">
                {item.type === 'article'
                  ? [item.outlet ?? 'Unknown outlet', item.publishedAt ? formatDate(item.publishedAt) : null, `${item.annotationCount} ${item.annotationCount === 1 ? 'highlight' : 'highlights'}`].filter(Boolean).join(' · ')
                  : `Notebook page · changed ${formatDate(item.updatedAt)}`}
              </span>
            </span>
            <span className="dossier-item-tools">
              <button type="button" className="icon-button" aria-label={`Move “${item.title}” up`} disabled={index === 0} onClick={() => move(index, -1)}>
                ↑
              </button>
              <button type="button" className="icon-button" aria-label={`Move “${item.title}” down`} disabled={index === dossier.items.length - 1} onClick={() => move(index, 1)}>
                ↓
              </button>
              <button type="button" className="icon-button" aria-label={`Remove “${item.title}” from the dossier`} onClick={() => onSetItems(refs.filter((_, i) => i !== index))}>
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      <AddItems dossier={dossier} tags={tags} onAdd={onAdd} />
    </section>
  );
}
