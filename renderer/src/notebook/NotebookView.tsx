// The notebook: the researcher's own pages (?view=notebook&id=PAGE), each a Lexical
// rich-text document saved as the user types, into which highlights can be quoted.
import { useCallback, useEffect, useState } from 'react';
import type { NoteSummary } from '../../../common/api/methods/notes.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { formatDate } from '../format.ts';
import type { Route } from '../shell/route.ts';
import { useNavigate } from '../shell/navigation.tsx';
import { useServices } from '../shell/services.tsx';
import { NoteEditor } from './NoteEditor.tsx';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';
import { HistoryPanel } from '../components/HistoryPanel.tsx';

export function NotebookView({ route }: { route: Route }) {
  const api = useApi();
  const { reportError } = useServices();
  const navigate = useNavigate();
  const [pages, setPages] = useState<NoteSummary[] | null>(null);

  const load = useCallback(() => {
    api.call('notes.list', {}).then(setPages, (e: unknown) => reportError(e, 'Could not list the notebook'));
  }, [api, reportError]);

  useEffect(() => {
    load();
  }, [load]);
  useLibraryChanged(load, { kinds: ['note'], delayMs: 300 });

  const create = () => {
    api.call('notes.create', { title: 'Untitled page' }).then(
      (note) => {
        load();
        navigate({ view: 'notebook', id: note.id });
      },
      (e: unknown) => reportError(e, 'Could not create a page'),
    );
  };

  return (
    <div className="split-view">
      <nav className="list-pane" aria-label="Notebook pages">
        <div className="list-heading">
          {/* The view's level-one heading while no page is open. */}
          {route.id ? <h2>Notebook</h2> : <h1>Notebook</h1>}
          <span className="list-count">{pages ? pages.length : ''}</span>
        </div>
        <div className="list-tools">
          <button type="button" className="button primary" onClick={create}>
            New page
          </button>
        </div>
        {pages && pages.length === 0 ? <p className="list-empty">No pages yet. Make one to write up what you find, quoting highlights as evidence.</p> : null}
        <ul className="entity-list">
          {pages?.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className={p.id === route.id ? 'list-item selected' : 'list-item'}
                aria-current={p.id === route.id ? 'true' : undefined}
                onClick={() => navigate({ view: 'notebook', id: p.id })}
              >
                <span className="list-item-title">{p.title}</span>
                <span className="list-item-meta">
                  {formatDate(p.updatedAt)}
                  {p.quotedAnnotationIds.length ? ` · quotes ${p.quotedAnnotationIds.length} ${p.quotedAnnotationIds.length === 1 ? 'highlight' : 'highlights'}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section className="page-pane" aria-label="Notebook page">
        {route.id ? (
          <>
            <NoteEditor
              key={route.id}
              id={route.id}
              onDeleted={() => {
                load();
                navigate({ view: 'notebook' });
              }}
            />
            <HistoryPanel key={`history-${route.id}`} of={{ noteId: route.id }} title="History of this page" />
          </>
        ) : (
          <div className="reader-empty">
            <p>Choose a page, or make a new one.</p>
          </div>
        )}
      </section>
    </div>
  );
}
