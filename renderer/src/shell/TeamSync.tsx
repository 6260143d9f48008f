// The team sync indicator in the app bar (up to date / N waiting / offline / N conflicts),
// and the Team dialog behind it: Join… for a library not yet shared, otherwise the sync
// state, Sync now, and the Conflicts panel with both values side by side.
import { useCallback, useEffect, useState } from 'react';
import { errorMessages, isErrorCode } from '../../../common/api/errors.ts';
import type { TeamConflictView, TeamStatusView } from '../../../common/api/methods/team.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { ApiCallError } from '../api/client.ts';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';
import { Dialog } from '../components/Dialog.tsx';

export function indicatorText(status: TeamStatusView | null): string {
  if (!status || !status.joined) return 'Team…';
  switch (status.indicator) {
    case 'up-to-date':
      return 'Up to date';
    case 'syncing':
      return 'Syncing…';
    case 'waiting':
      return `${status.waiting} waiting`;
    case 'offline':
      return 'Offline';
    case 'conflicts':
      return `${status.conflicts} conflict${status.conflicts === 1 ? '' : 's'}`;
    case 'needs-password':
      return 'Sign in to sync';
    default:
      return 'Team…';
  }
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const KIND_TEXT: Record<TeamConflictView['kind'], string> = {
  field: 'Changed on both sides',
  'deleted-edited': 'They deleted what you edited (your edit is kept)',
  'edited-deleted': 'You deleted what they edited (their version is back)',
  page: 'Notebook page changed on both sides (your version is a conflicted copy)',
  refused: 'Your role does not allow this change (the team version is back)',
  'not-applied': 'Their change could not be placed in this library',
};

export function TeamSync() {
  const api = useApi();
  const [status, setStatus] = useState<TeamStatusView | null>(null);
  const [open, setOpen] = useState(false);
  const refresh = useCallback(() => {
    api.call('team.status', {}).then(setStatus, () => setStatus(null));
  }, [api]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, 2_000);
    return () => clearInterval(timer);
  }, [refresh]);
  useLibraryChanged(refresh);
  // File > Team > Join… in the desktop app.
  useEffect(() => api.on('app.team', () => setOpen(true)), [api]);
  return (
    <>
      <button
        type="button"
        className={`bar-button team-indicator team-${status?.indicator ?? 'not-joined'}`}
        onClick={() => setOpen(true)}
        title={status?.joined ? `Team library “${status.library}” as ${status.member}` : 'Share this library with your team'}
      >
        <span className="team-dot" aria-hidden="true" />
        <span>{indicatorText(status)}</span>
      </button>
      {open && <TeamDialog status={status} onClose={() => setOpen(false)} onChanged={refresh} />}
    </>
  );
}

/** Whether the password outlives this run: the desktop app keeps it with the system's keychain where that encrypts. */
function passwordKeeping(status: TeamStatusView | null): string {
  return status?.keepsPassword
    ? "Casefile keeps the password encrypted by your system's keychain, and signs in by itself next time."
    : 'The password is kept only while Casefile runs: you will be asked again after a restart.';
}

function TeamDialog({ status, onClose, onChanged }: { status: TeamStatusView | null; onClose(): void; onChanged(): void }) {
  const api = useApi();
  const [url, setUrl] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<TeamConflictView[]>([]);
  const loadConflicts = useCallback(() => {
    api.call('team.conflicts', {}).then(setConflicts, () => setConflicts([]));
  }, [api]);
  useEffect(() => {
    if (status?.joined) loadConflicts();
  }, [status?.joined, loadConflicts]);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await work());
    } catch (error) {
      setMessage(error instanceof ApiCallError ? error.message : 'That did not work.');
    } finally {
      setBusy(false);
      onChanged();
    }
  };

  if (!status?.joined) {
    return (
      <Dialog title="Join a team library" onClose={onClose}>
        <form
          className="team-join"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              const result = await api.call('team.join', { url, password });
              setPassword('');
              return `Joined: ${result.pushed} rows sent, ${result.pulled} received.`;
            });
          }}
        >
          <label>
            Team library address (from your team's owner)
            <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="postgresql://you@server/casefile?library=desk" required spellCheck={false} />
          </label>
          <label>
            Password
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
          </label>
          <p className="hint">This library's own content goes to the team; everything else comes down. {passwordKeeping(status)}</p>
          <button type="submit" className="button primary" disabled={busy || url.trim() === ''}>
            {busy ? 'Joining…' : 'Join'}
          </button>
          {message && <p role="status">{message}</p>}
        </form>
      </Dialog>
    );
  }

  return (
    <Dialog title={`Team library “${status.library}”`} onClose={onClose} className="team-dialog">
      <p>
        {status.member} ({status.role ?? 'role not known yet'}) · {indicatorText(status)} · last sync {status.lastSyncAt ? new Date(status.lastSyncAt).toLocaleString() : 'never'}
      </p>
      <p className="hint">{status.url}</p>
      {status.lastError && status.indicator !== 'needs-password' && (
        <p className="team-last-error" role="note">
          The last sync did not go through. {isErrorCode(status.lastError) ? errorMessages[status.lastError] : 'Try Sync now.'}
        </p>
      )}
      {status.indicator === 'needs-password' && (
        <form
          className="team-join"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              await api.call('team.join', { url: status.url ?? '', password });
              setPassword('');
              return 'Signed in; syncing.';
            });
          }}
        >
          <label>
            Password for {status.member}
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
          </label>
          <button type="submit" className="button primary" disabled={busy}>
            Sign in
          </button>
          <p className="hint">{passwordKeeping(status)}</p>
        </form>
      )}
      <button type="button" className="button" disabled={busy} onClick={() => void run(async () => {
        const r = await api.call('team.sync', {});
        loadConflicts();
        return `Synced: ${r.pushed} sent, ${r.pulled} received${r.conflicts ? `, ${r.conflicts} new conflicts` : ''}.`;
      })}>
        {busy ? 'Syncing…' : 'Sync now'}
      </button>
      {message && <p role="status">{message}</p>}
      <h3>Conflicts</h3>
      {conflicts.length === 0 ? (
        <p className="hint">No conflicts.</p>
      ) : (
        <ul className="team-conflicts">
          {conflicts.map((c) => (
            <li key={c.id}>
              <strong>
                #{c.id} {c.table}: {KIND_TEXT[c.kind]}
              </strong>
              {c.theirAuthor && <span className="hint"> · theirs by {c.theirAuthor}</span>}
              {c.fields.length > 0 && (
                <table className="team-sides">
                  <thead>
                    <tr>
                      <th>Field</th>
                      <th>Mine</th>
                      <th>Theirs</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.fields.map((f) => (
                      <tr key={f.name}>
                        <td>{f.name}</td>
                        <td>{shown(f.mine)}</td>
                        <td>{shown(f.theirs)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <div className="team-keep">
                {(['mine', 'theirs', 'both'] as const).map((keep) => (
                  <button
                    key={keep}
                    type="button"
                    className="button"
                    disabled={busy}
                    onClick={() =>
                      void run(async () => {
                        setConflicts(await api.call('team.resolve', { id: c.id, keep }));
                        return `Conflict ${c.id}: kept ${keep}.`;
                      })
                    }
                  >
                    Keep {keep}
                  </button>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
