// The find-and-connect views (search, claims board, map, timeline) take callbacks for
// "open this"; here they are bound to the app's navigation so each is a routed view.
import { useApi } from '../api/ApiProvider.tsx';
import type { Route } from './route.ts';
import { useNavigate } from './navigation.tsx';
import { SearchView } from '../search/SearchView.tsx';
import { ClaimsBoardView } from '../connections/ClaimsBoardView.tsx';
import { MapView } from '../connections/MapView.tsx';
import { TimelineView } from '../connections/TimelineView.tsx';
import { CommandPalette } from '../search/CommandPalette.tsx';

function usePassageOpener() {
  const navigate = useNavigate();
  return {
    openArticle: (articleId: number, offset: number | null) => navigate(offset === null ? { view: 'library', id: articleId } : { view: 'library', id: articleId, pos: offset }),
    openPassage: (articleId: number, annotationId: number) => navigate({ view: 'library', id: articleId, at: annotationId }),
    openNote: (noteId: number) => navigate({ view: 'notebook', id: noteId }),
    openEntity: (kind: 'actor' | 'source', id: number) => navigate({ view: kind === 'actor' ? 'actors' : 'sources', id }),
  };
}

export function SearchPage(_props: { route: Route }) {
  const open = usePassageOpener();
  return <SearchView onOpenArticle={open.openArticle} onOpenNote={open.openNote} />;
}

export function ClaimsBoardPage(_props: { route: Route }) {
  return <ClaimsBoardView onOpenPassage={usePassageOpener().openPassage} />;
}

export function MapPage(_props: { route: Route }) {
  const open = usePassageOpener();
  return <MapView onOpenPassage={open.openPassage} onOpenActor={(id) => open.openEntity('actor', id)} />;
}

export function TimelinePage(_props: { route: Route }) {
  return <TimelineView onOpenPassage={usePassageOpener().openPassage} />;
}

/** Ctrl/Cmd+K from anywhere in the app; given the app's client, as every view reaches it through useApi(). */
export function AppCommandPalette() {
  const open = usePassageOpener();
  return <CommandPalette client={useApi()} onOpenArticle={open.openArticle} onOpenPassage={open.openPassage} onOpenEntity={open.openEntity} onOpenNote={open.openNote} />;
}
