// The dossier builder (?view=dossiers&id=DOSSIER): name a dossier, choose and order its
// articles and notebook pages, choose which highlights show, fill in the cover, and
// export it. This file is the view: the list of dossiers beside the open one's editor.
import { useCallback, useEffect, useState } from 'react';
import type { DossierSummary } from '../../../common/api/methods/dossiers.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';
import { useNavigate } from '../shell/navigation.tsx';
import type { Route } from '../shell/route.ts';
import { useServices } from '../shell/services.tsx';
import { DossierEditor } from './DossierEditor.tsx';
import { DossierList } from './DossierList.tsx';
import './dossiers.css';

export function DossiersView({ route }: { route: Route }) {
  const api = useApi();
  const { reportError, announce } = useServices();
  const navigate = useNavigate();
  const [dossiers, setDossiers] = useState<DossierSummary[] | null>(null);

  const load = useCallback(() => {
    api.call('dossiers.list', {}).then(setDossiers, (e: unknown) => reportError(e, 'Could not list the dossiers'));
  }, [api, reportError]);

  useEffect(() => {
    load();
  }, [load]);
  useLibraryChanged(load, { kinds: ['dossier'] });

  const create = () => {
    api.call('dossiers.create', { name: 'Untitled dossier' }).then(
      (d) => {
        load();
        navigate({ view: 'dossiers', id: d.id });
      },
      (e: unknown) => reportError(e, 'Could not create a dossier'),
    );
  };

  return (
    <div className="split-view dossiers">
      <DossierList dossiers={dossiers} openId={route.id} onCreate={create} onOpen={(id) => navigate({ view: 'dossiers', id })} />
      <section className="page-pane" aria-label="Dossier">
        {route.id ? (
          <DossierEditor
            key={route.id}
            id={route.id}
            onDeleted={(name) => {
              load();
              announce(`Deleted dossier “${name}”.`);
              navigate({ view: 'dossiers' });
            }}
            onOpenArticle={(articleId) => navigate({ view: 'library', id: articleId })}
          />
        ) : (
          <div className="reader-empty">
            <p>Choose a dossier, or make a new one.</p>
          </div>
        )}
      </section>
    </div>
  );
}
