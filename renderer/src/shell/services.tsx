// What every view shares: the annotation actions with their undo history, the user's
// tags, and one place to report an error or announce what just happened.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Tag } from '../../../common/api/methods/tags.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { ApiCallError } from '../api/client.ts';
import { createAnnotationActions, type AnnotationActions } from '../state/annotations.ts';
import { UndoHistory, type UndoState } from '../state/undo.ts';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';

export interface Notice {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: { label: string; run(): void };
}

export interface AppServices {
  actions: AnnotationActions;
  history: UndoHistory;
  undo(): void;
  redo(): void;
  tags: Tag[];
  reloadTags(): void;
  reportError(error: unknown, doing?: string): void;
  announce(message: string, action?: Notice['action']): void;
  setHelpOpen(open: boolean): void;
}

/** What only the shell draws; kept apart so a notice does not re-render every view. */
export interface ShellState {
  undoState: UndoState;
  notices: Notice[];
  dismiss(id: number): void;
  helpOpen: boolean;
}

const ServicesContext = createContext<AppServices | null>(null);
const ShellContext = createContext<ShellState | null>(null);

export function messageOf(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  return 'Something went wrong inside Casefile.';
}

export function ServicesProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const history = useMemo(() => new UndoHistory(api), [api]);
  const actions = useMemo(() => createAnnotationActions(api, history), [api, history]);
  const [undoState, setUndoState] = useState<UndoState>(() => history.state());
  const [tags, setTags] = useState<Tag[]>([]);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [helpOpen, setHelpOpen] = useState(false);
  const nextId = useRef(1);

  useEffect(() => history.subscribe(setUndoState), [history]);
  // Main keeps the undo list: read its labels at start and whenever the library changed
  // (this window's own changes, an undo, another library opened).
  useEffect(() => void history.refresh().catch(() => undefined), [history]);
  useLibraryChanged(() => void history.refresh().catch(() => undefined), { delayMs: 0 });

  const push = useCallback((notice: Omit<Notice, 'id'>) => {
    const id = nextId.current++;
    // One notice of each tone at a time: the newest says what just happened.
    setNotices((list) => [...list.filter((n) => n.tone !== notice.tone), { ...notice, id }]);
    if (notice.tone === 'info') setTimeout(() => setNotices((list) => list.filter((n) => n.id !== id)), notice.action ? 8000 : 4000);
  }, []);

  const reportError = useCallback(
    (error: unknown, doing?: string) => {
      if (!(error instanceof ApiCallError)) console.error(error);
      push({ tone: 'error', message: doing ? `${doing}: ${messageOf(error)}` : messageOf(error) });
    },
    [push],
  );

  const announce = useCallback((message: string, action?: Notice['action']) => push({ tone: 'info', message, action }), [push]);

  const undo = useCallback(() => {
    history.undo().then(
      (label) => label && announce(`Undone: ${label}`),
      (e: unknown) => reportError(e, 'Could not undo'),
    );
  }, [history, announce, reportError]);

  const redo = useCallback(() => {
    history.redo().then(
      (label) => label && announce(`Redone: ${label}`),
      (e: unknown) => reportError(e, 'Could not redo'),
    );
  }, [history, announce, reportError]);

  const reloadTags = useCallback(() => {
    api.call('tags.list', {}).then(setTags, (e: unknown) => reportError(e, 'Could not load tags'));
  }, [api, reportError]);

  useEffect(reloadTags, [reloadTags]);
  useLibraryChanged(reloadTags, { kinds: ['tag'], delayMs: 0 });

  const value = useMemo<AppServices>(
    () => ({ actions, history, undo, redo, tags, reloadTags, reportError, announce, setHelpOpen }),
    [actions, history, undo, redo, tags, reloadTags, reportError, announce],
  );
  const shell = useMemo<ShellState>(
    () => ({ undoState, notices, helpOpen, dismiss: (id) => setNotices((list) => list.filter((n) => n.id !== id)) }),
    [undoState, notices, helpOpen],
  );
  return (
    <ServicesContext.Provider value={value}>
      <ShellContext.Provider value={shell}>{children}</ShellContext.Provider>
    </ServicesContext.Provider>
  );
}

export function useShellState(): ShellState {
  const value = useContext(ShellContext);
  if (!value) throw new Error('useShellState outside ServicesProvider');
  return value;
}

export function useServices(): AppServices {
  const value = useContext(ServicesContext);
  if (!value) throw new Error('useServices outside ServicesProvider');
  return value;
}
