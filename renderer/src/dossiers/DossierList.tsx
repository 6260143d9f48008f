// The list pane of the dossier builder: every dossier with its size and date, and "New dossier".
import type { DossierSummary } from '../../../common/api/methods/dossiers.ts';
import { formatDate } from '../format.ts';

interface Props {
  /** Null while loading. */
  dossiers: DossierSummary[] | null;
  /** The dossier open beside the list, if any. */
  openId: number | undefined;
  onCreate(): void;
  onOpen(id: number): void;
}

export function DossierList({ dossiers, openId, onCreate, onOpen }: Props) {
  return (
    <nav className="list-pane" aria-label="Dossiers">
      <div className="list-heading">
        {/* The view's level-one heading while no dossier is open; an open one's name takes it over. */}
        {openId ? <h2>Dossiers</h2> : <h1>Dossiers</h1>}
        <span className="list-count">{dossiers ? dossiers.length : ''}</span>
      </div>
      <div className="list-tools">
        <button type="button" className="button primary" onClick={onCreate}>
          New dossier
        </button>
      </div>
      {dossiers && dossiers.length === 0 ? (
        <p className="list-empty">No dossiers yet. A dossier gathers articles and notebook pages into one document to send: PDF, a web page, Markdown, CSV, Web Annotations or a REFI-QDA project.</p>
      ) : null}
      <ul className="entity-list">
        {dossiers?.map((d) => (
          <li key={d.id}>
            <button
              type="button"
              className={d.id === openId ? 'list-item selected' : 'list-item'}
              aria-current={d.id === openId ? 'true' : undefined}
              onClick={() => onOpen(d.id)}
            >
              <span className="list-item-title" dir="auto">{d.name}</span>
              <span className="list-item-meta">
                {d.articleCount} {d.articleCount === 1 ? 'article' : 'articles'}
                {d.noteCount ? ` · ${d.noteCount} ${d.noteCount === 1 ? 'page' : 'pages'}` : ''} · {formatDate(d.updatedAt)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
