// Suggested actor mentions for the open article: known actors' names and aliases found
// in its text, and runs of capitalised words that may name someone not yet recorded.
// Nothing is highlighted until the researcher accepts; dismissed texts stay dismissed.
import { useCallback, useEffect, useState } from 'react';
import type { ArticleSuggestions } from '../../../common/api/methods/connections.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useServices } from '../shell/services.tsx';

export function SuggestionsPanel({ articleId, onClose }: { articleId: number; onClose(): void }) {
  const api = useApi();
  const { reportError, announce } = useServices();
  const [suggestions, setSuggestions] = useState<ArticleSuggestions | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(() => {
    api.call('suggestions.list', { articleId, limit: 50 }).then(setSuggestions, (e: unknown) => reportError(e, 'Could not find suggestions'));
  }, [api, articleId, reportError]);
  useEffect(load, [load]);

  const run = async (text: string, action: () => Promise<unknown>, done: string) => {
    setBusy(text);
    try {
      await action();
      announce(done);
      load();
    } catch (error) {
      reportError(error, `Could not update “${text}”`);
    } finally {
      setBusy(null);
    }
  };
  const accept = (text: string, actor: { id: number } | { name: string }, count: number) =>
    run(text, () => api.call('suggestions.accept', { articleId, text, actor }), `Highlighted “${text}” as an actor (${count} ${count === 1 ? 'place' : 'places'}).`);
  const dismiss = (text: string) => run(text, () => api.call('suggestions.dismiss', { articleId, text }), `“${text}” will not be suggested again here.`);

  const empty = suggestions && suggestions.known.length === 0 && suggestions.candidates.length === 0;
  return (
    <aside className="annotation-panel suggestions-panel" aria-label="Suggested actors">
      <div className="panel-heading">
        <h2>Suggested actors</h2>
        <button type="button" className="link-button" onClick={onClose}>
          Back to highlights
        </button>
      </div>
      <p className="hint">Names found in this article. Accept to highlight every place as an actor; nothing is highlighted on its own.</p>
      {!suggestions ? <p className="hint">Looking for names…</p> : null}
      {empty ? <p className="hint">No suggestions: every name found is highlighted or dismissed.</p> : null}
      {suggestions && suggestions.known.length > 0 ? (
        <section aria-label="Known actors">
          <h3 className="suggestions-group">Known actors</h3>
          <ul className="suggestions-list">
            {suggestions.known.map((s) => (
              <li key={`k-${s.text}`} className="suggestion">
                <span className="suggestion-text" dir="auto">
                  {s.text} <span className="hint">× {s.occurrences.length}</span>
                </span>
                {s.actors.map((actor) => (
                  <button key={actor.id} type="button" className="button" disabled={busy !== null} onClick={() => void accept(s.text, { id: actor.id }, s.occurrences.length)}>
                    {s.actors.length > 1 || actor.name !== s.text ? `Accept as ${actor.name}` : 'Accept'}
                  </button>
                ))}
                <button type="button" className="button" disabled={busy !== null} onClick={() => void dismiss(s.text)}>
                  Dismiss
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {suggestions && suggestions.candidates.length > 0 ? (
        <section aria-label="Possible new actors">
          <h3 className="suggestions-group">Possible new actors</h3>
          <ul className="suggestions-list">
            {suggestions.candidates.map((s) => (
              <li key={`c-${s.text}`} className="suggestion">
                <span className="suggestion-text" dir="auto">
                  {s.text} <span className="hint">× {s.occurrences.length}</span>
                </span>
                <button type="button" className="button" disabled={busy !== null} onClick={() => void accept(s.text, { name: s.text }, s.occurrences.length)}>
                  Accept
                </button>
                <button type="button" className="button" disabled={busy !== null} onClick={() => void dismiss(s.text)}>
                  Dismiss
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </aside>
  );
}
