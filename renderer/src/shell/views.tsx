// The views of the app, in rail order. Adding a view is one line here (and its folder).
import type { ComponentType, ReactNode } from 'react';
import { LibraryView } from '../library/LibraryView.tsx';
import { ActorsView } from '../actors/ActorsView.tsx';
import { SourcesView } from '../sources/SourcesView.tsx';
import { NotebookView } from '../notebook/NotebookView.tsx';
import { ImportView } from '../import/ImportView.tsx';
import { DossiersView } from '../dossiers/DossiersView.tsx';
import type { Route } from './route.ts';
import { ClaimsBoardPage, MapPage, SearchPage, TimelinePage } from './connected-views.tsx';
import { ActorIcon, ClaimIcon, MapIcon, SearchIcon, TimelineIcon, DossierIcon, ImportIcon, LibraryIcon, NotebookIcon, SourceIcon } from './icons.tsx';

export interface ViewDefinition {
  id: string;
  label: string;
  icon: ReactNode;
  Component: ComponentType<{ route: Route }>;
}

export const views: ViewDefinition[] = [
  { id: 'library', label: 'Library', icon: <LibraryIcon />, Component: LibraryView },
  { id: 'search', label: 'Search', icon: <SearchIcon />, Component: SearchPage },
  { id: 'actors', label: 'Actors', icon: <ActorIcon />, Component: ActorsView },
  { id: 'sources', label: 'Sources', icon: <SourceIcon />, Component: SourcesView },
  { id: 'claims', label: 'Claims', icon: <ClaimIcon />, Component: ClaimsBoardPage },
  { id: 'map', label: 'Map', icon: <MapIcon />, Component: MapPage },
  { id: 'timeline', label: 'Timeline', icon: <TimelineIcon />, Component: TimelinePage },
  { id: 'notebook', label: 'Notebook', icon: <NotebookIcon />, Component: NotebookView },
  { id: 'dossiers', label: 'Dossiers', icon: <DossierIcon />, Component: DossiersView },
  { id: 'import', label: 'Import', icon: <ImportIcon />, Component: ImportView },
];

export const DEFAULT_VIEW = 'library';
