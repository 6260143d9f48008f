// The shell: the app bar (undo, redo, help), the rail of views, notices, and the view
// the address names. Views live in their own folders and are listed in shell/views.tsx.
import { useEffect } from 'react';
import { useApi } from './api/ApiProvider.tsx';
import { HelpSheet } from './shell/HelpSheet.tsx';
import { AppCommandPalette } from './shell/connected-views.tsx';
import { NavigationProvider, useNavigate, useRoute } from './shell/navigation.tsx';
import { ServicesProvider, useServices, useShellState } from './shell/services.tsx';
import { isRedo, isTextEntry, isUndo, MOD } from './shell/shortcuts.ts';
import { HelpIcon, RedoIcon, UndoIcon } from './shell/icons.tsx';
import { TeamSync } from './shell/TeamSync.tsx';
import { DEFAULT_VIEW, views } from './shell/views.tsx';

export function App() {
  return (
    <NavigationProvider defaultView={DEFAULT_VIEW}>
      <ServicesProvider>
        <Shell />
        <AppCommandPalette />
      </ServicesProvider>
    </NavigationProvider>
  );
}

function Shell() {
  const route = useRoute();
  const navigate = useNavigate();
  const api = useApi();
  const { undo, redo, setHelpOpen } = useServices();
  const { undoState, notices, dismiss, helpOpen } = useShellState();
  const view = views.find((v) => v.id === route.view) ?? views[0]!;

  // The desktop app's menu can ask for a view (File > Export Dossier… opens Dossiers).
  useEffect(() => api.on('app.navigate', ({ view }) => navigate({ view })), [api, navigate]);

  // Undo/redo and help from anywhere, except inside text fields and the notebook editor,
  // which keep their own undo.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextEntry(event.target)) return;
      if (isUndo(event)) {
        event.preventDefault();
        undo();
      } else if (isRedo(event)) {
        event.preventDefault();
        redo();
      } else if (event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey) {
        if ((event.target as Element | null)?.closest?.('dialog')) return;
        event.preventDefault();
        setHelpOpen(true);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [undo, redo, setHelpOpen]);

  const errors = notices.filter((n) => n.tone === 'error');
  const infos = notices.filter((n) => n.tone === 'info');

  return (
    <div className="app">
      <header className="app-bar">
        <span className="app-name">Casefile</span>
        <div className="app-bar-actions">
          <TeamSync />
          <button
            type="button"
            className="bar-button"
            onClick={undo}
            disabled={!undoState.undoLabel}
            title={undoState.undoLabel ? `Undo: ${undoState.undoLabel} (${MOD}+Z)` : `Nothing to undo (${MOD}+Z)`}
            aria-keyshortcuts={MOD === '⌘' ? 'Meta+Z' : 'Control+Z'}
          >
            <UndoIcon />
            <span>Undo</span>
          </button>
          <button
            type="button"
            className="bar-button"
            onClick={redo}
            disabled={!undoState.redoLabel}
            title={undoState.redoLabel ? `Redo: ${undoState.redoLabel} (${MOD}+Shift+Z)` : `Nothing to redo (${MOD}+Shift+Z)`}
            aria-keyshortcuts={MOD === '⌘' ? 'Meta+Shift+Z' : 'Control+Shift+Z'}
          >
            <RedoIcon />
            <span>Redo</span>
          </button>
          <button type="button" className="bar-button" onClick={() => setHelpOpen(true)} title="Keyboard shortcuts and help (?)" aria-keyshortcuts="Shift+?">
            <HelpIcon />
            <span>Help</span>
          </button>
        </div>
      </header>
      {errors.map((n) => (
        <div key={n.id} role="alert" className="error-banner">
          {n.message}
          <button type="button" onClick={() => dismiss(n.id)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
      <div className="app-body">
        <nav className="rail" aria-label="Views">
          <ul>
            {views.map((v) => (
              <li key={v.id}>
                <a
                  href={`?view=${v.id}`}
                  className={v.id === view.id ? 'rail-item current' : 'rail-item'}
                  aria-current={v.id === view.id ? 'page' : undefined}
                  onClick={(event) => {
                    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
                    event.preventDefault();
                    navigate({ view: v.id });
                  }}
                >
                  {v.icon}
                  <span>{v.label}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="view">
          <view.Component route={route} />
        </main>
      </div>
      <div className="notices" role="status" aria-live="polite">
        {infos.map((n) => (
          <div key={n.id} className="notice">
            <span>{n.message}</span>
            {n.action ? (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  n.action!.run();
                  dismiss(n.id);
                }}
              >
                {n.action.label}
              </button>
            ) : null}
          </div>
        ))}
      </div>
      {helpOpen ? <HelpSheet onClose={() => setHelpOpen(false)} /> : null}
    </div>
  );
}
