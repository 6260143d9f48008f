// One dossier open for editing: its name and cover, its contents, the highlights it shows,
// its export, and deleting it. Every change is one API call whose answer is the dossier.
import { useCallback, useEffect, useState } from 'react';
import type { Dossier } from '../../../common/api/methods/dossiers.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { ApiCallError } from '../api/client.ts';
import { formatDate } from '../format.ts';
import { useServices } from '../shell/services.tsx';
import { CoverForm } from './CoverForm.tsx';
import { DossierContents } from './DossierContents.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { HighlightsShown } from './HighlightsShown.tsx';

interface Props {
  id: number;
  onDeleted(name: string): void;
  onOpenArticle(articleId: number): void;
}

export function DossierEditor({ id, onDeleted, onOpenArticle }: Props) {
  const api = useApi();
  const { reportError, tags } = useServices();
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let current = true;
    api.call('dossiers.get', { id }).then(
      (d) => current && setDossier(d),
      (e: unknown) => {
        if (!current) return;
        if (e instanceof ApiCallError && e.error.code === 'NOT_FOUND') setMissing(true);
        else reportError(e, 'Could not open the dossier');
      },
    );
    return () => {
      current = false;
    };
  }, [api, id, reportError]);

  const save = useCallback(
    (change: Promise<Dossier>, doing: string) => {
      change.then(setDossier, (e: unknown) => reportError(e, doing));
    },
    [reportError],
  );

  if (missing) {
    return (
      <div className="reader-empty">
        <p>This dossier no longer exists.</p>
      </div>
    );
  }
  if (!dossier) return <div className="dossier-loading" aria-busy="true" />;

  const remove = () => {
    if (!window.confirm(`Delete the dossier “${dossier.name}”? The articles and notebook pages stay in the library.`)) return;
    api.call('dossiers.delete', { id }).then(
      () => onDeleted(dossier.name),
      (e: unknown) => reportError(e, 'Could not delete the dossier'),
    );
  };

  return (
    <article className="dossier-editor" aria-labelledby="dossier-heading">
      <header className="dossier-header">
        <h1 id="dossier-heading" dir="auto">
          {dossier.name}
        </h1>
        <p className="muted">
          {dossier.articleCount} {dossier.articleCount === 1 ? 'article' : 'articles'}
          {dossier.noteCount ? `, ${dossier.noteCount} notebook ${dossier.noteCount === 1 ? 'page' : 'pages'}` : ''} · changed {formatDate(dossier.updatedAt)}
        </p>
      </header>

      <CoverForm dossier={dossier} onSave={(patch) => save(api.call('dossiers.update', { id, ...patch }), 'Could not save the cover')} />

      <DossierContents
        dossier={dossier}
        tags={tags}
        onOpenArticle={onOpenArticle}
        onSetItems={(items) => save(api.call('dossiers.setItems', { id, items }), 'Could not change the contents')}
        onAdd={(input) => save(api.call('dossiers.addItems', { id, ...input }), 'Could not add to the dossier')}
      />

      <HighlightsShown dossier={dossier} tags={tags} onChange={(filter) => save(api.call('dossiers.update', { id, filter }), 'Could not change the highlights shown')} />

      <ExportPanel dossier={dossier} />

      <footer className="dossier-footer">
        <button type="button" className="button danger" onClick={remove}>
          Delete dossier
        </button>
      </footer>
    </article>
  );
}
