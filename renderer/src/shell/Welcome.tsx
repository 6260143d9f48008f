// The first-start welcome: highlighting and tagging in three steps, in the reading pane
// of the library view until the user closes it. It is a panel, not a modal: the list of
// sample articles it points at stays usable beside it. Whether it is open is kept in the
// library (library.setWelcome), so it is closed once, not once per window or per start.
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useApi } from '../api/ApiProvider.tsx';
import type { ApiClient } from '../api/client.ts';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';
import { KIND_LABELS } from '../state/annotations.ts';
import { useNavigate } from './navigation.tsx';
import { useServices } from './services.tsx';
import { KIND_KEYS } from './shortcuts.ts';

// One store for the whole renderer: the help sheet reopens the welcome the library view shows.
let shown: boolean | null = null;
const listeners = new Set<() => void>();
function publish(value: boolean) {
  shown = value;
  for (const listener of listeners) listener();
}
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Opens or closes the welcome for this library (Help > Show the welcome). */
export async function setWelcomeShown(api: Pick<ApiClient, 'call'>, show: boolean): Promise<void> {
  const before = shown;
  publish(show);
  try {
    publish((await api.call('library.setWelcome', { show })).showWelcome);
  } catch (error) {
    // Not saved: show what the library still says.
    if (before !== null) publish(before);
    throw error;
  }
}

function useWelcomeShown(): boolean | null {
  const api = useApi();
  const { reportError } = useServices();
  const value = useSyncExternalStore(subscribe, () => shown);
  const load = useCallback(() => {
    api.call('library.info', {}).then(
      (info) => publish(info.showWelcome),
      (e: unknown) => reportError(e, 'Could not read the library'),
    );
  }, [api, reportError]);
  useEffect(() => {
    if (shown === null) load();
  }, [load]);
  // The desktop app can open another library in the same window: its own flag applies.
  useLibraryChanged(load, { kinds: [], delayMs: 0 });
  return value;
}

/** The reading pane with no article open: the welcome while it is open, else a pointer to the list. */
export function StartPane() {
  const welcome = useWelcomeShown();
  if (welcome === null) return <div className="reader-empty" />;
  if (!welcome) {
    return (
      <div className="reader-empty">
        <p>Choose an article from the library to read it.</p>
      </div>
    );
  }
  return <Welcome />;
}

function Welcome() {
  const api = useApi();
  const navigate = useNavigate();
  const { reportError } = useServices();

  const close = () => setWelcomeShown(api, false).catch((e: unknown) => reportError(e, 'Could not close the welcome'));
  const openSample = () =>
    api.call('articles.list', { limit: 1 }).then(
      (page) => page.items[0] && navigate({ view: 'library', id: page.items[0].id }),
      (e: unknown) => reportError(e, 'Could not open a sample article'),
    );

  return (
    <div className="welcome-pane">
      <section className="welcome" aria-labelledby="welcome-title">
        <h2 id="welcome-title">Welcome to Casefile</h2>
        <p className="welcome-lede">
          Your library starts with sample news articles. Try these three steps on one of them. Everything stays in the library file on this computer.
        </p>
        <ol className="welcome-steps">
          <li>
            <h3>Open an article</h3>
            <p>Choose one from the list on the left. Articles open read-only, so selecting text never changes it.</p>
            <button type="button" className="button" onClick={() => void openSample()}>
              Open a sample article
            </button>
          </li>
          <li>
            <h3>Select a passage and tag it</h3>
            <p>Drag across a sentence. A toolbar appears beside it; choose what the passage is, or press its letter:</p>
            <ul className="legend welcome-kinds">
              {(['claim', 'actor', 'source', 'highlight'] as const).map((kind) => (
                <li key={kind} className={`legend-item kind-${kind}`}>
                  <span className="swatch" aria-hidden="true" />
                  {KIND_LABELS[kind]} <kbd>{KIND_KEYS[kind]}</kbd>
                </li>
              ))}
            </ul>
            <p className="welcome-example" aria-hidden="true">
              <mark className="cf-mark" data-kind="actor">
                The ministry
              </mark>{' '}
              said{' '}
              <mark className="cf-mark" data-kind="claim">
                talks would resume next week
              </mark>
              , citing{' '}
              <mark className="cf-mark" data-kind="source">
                two officials
              </mark>
              .
            </p>
          </li>
          <li>
            <h3>Connect what you tagged</h3>
            <p>
              Click a highlight to open it in the side panel: say who makes the claim and on whose authority, grade it, and link the same claim in other
              reports. Claims, Actors and Search gather it all; Dossiers export it with every quote&rsquo;s provenance.
            </p>
          </li>
        </ol>
        <div className="button-row welcome-footer">
          <button type="button" className="button primary" onClick={() => void close()}>
            Got it
          </button>
          <span className="hint">
            Press <kbd>?</kbd> for every shortcut. Help can show this again.
          </span>
        </div>
      </section>
    </div>
  );
}
