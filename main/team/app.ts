// Team sync for the app (desktop and browser mode): one live sync per open library, started
// by Join… or, for a library that already joined, as soon as a password is at hand
// (PGPASSWORD or a pgpass file; otherwise the indicator asks to sign in). The password lives
// only in this process's memory, never in the library and never in a message. (Keeping it
// across restarts with Electron safeStorage is not built yet.)
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TeamConflictView, TeamIndicatorState, TeamStatusView, TeamSyncResult } from '../../common/api/methods/team.ts';
import type { Library } from '../services/library.ts';
import { parseTeamUrl } from './server/connect.ts';
import { syncLibrary } from './sync/engine.ts';
import { LiveSync, type SyncIndicator } from './sync/live.ts';
import { joinedTeam } from './sync/state.ts';
import { joinTeam, listConflicts, resolveConflict, teamStatus, type Keep } from './sync/team.ts';

interface Session {
  live: LiveSync;
  password: string | undefined;
  indicator: SyncIndicator | null;
}

const sessions = new WeakMap<Library, Session>();

/** Whether pg can find a password by itself (PGPASSWORD or a pgpass file). */
function passwordFromEnvironment(): boolean {
  return process.env.PGPASSWORD !== undefined || existsSync(process.env.PGPASSFILE ?? path.join(os.homedir(), '.pgpass'));
}

async function startLive(library: Library, password: string | undefined): Promise<void> {
  const existing = sessions.get(library);
  if (existing) await existing.live.stop();
  const session: Session = { password, indicator: null, live: new LiveSync(library.db, { password, onIndicator: (i) => (session.indicator = i) }) };
  sessions.set(library, session);
  await session.live.start();
}

function toResult(report: { pulled: number; pushed: number; conflicts: number }): TeamSyncResult {
  return { pulled: report.pulled, pushed: report.pushed, conflicts: report.conflicts };
}

export async function joinFromApp(library: Library, url: string, password: string): Promise<TeamSyncResult> {
  const given = password === '' ? undefined : password;
  const report = await joinTeam(library.db, parseTeamUrl(url), { password: given, localOrigin: 'window' });
  await startLive(library, given);
  return toResult(report);
}

export function teamStatusForApp(library: Library): TeamStatusView {
  const status = teamStatus(library.db);
  let session = sessions.get(library);
  if (status.joined && !session && passwordFromEnvironment()) {
    void startLive(library, undefined);
    session = sessions.get(library);
  }
  let indicator: TeamIndicatorState;
  if (!status.joined) indicator = 'not-joined';
  else if (!session) indicator = 'needs-password';
  else if (status.conflicts > 0) indicator = 'conflicts';
  else indicator = session.indicator?.state === 'offline' || session.indicator?.state === 'syncing' ? session.indicator.state : status.waiting > 0 ? 'waiting' : 'up-to-date';
  return { ...status, indicator };
}

export async function syncFromApp(library: Library): Promise<TeamSyncResult> {
  const session = sessions.get(library);
  if (!joinedTeam(library.db)) return { pulled: 0, pushed: 0, conflicts: 0 };
  return toResult(await syncLibrary(library.db, { password: session?.password, localOrigin: 'window' }));
}

export function conflictsForApp(library: Library): TeamConflictView[] {
  return listConflicts(library.db).map((c) => ({
    id: c.id,
    at: c.at,
    table: c.table,
    kind: c.kind,
    fields:
      c.kind === 'field' || c.kind === 'page'
        ? Object.entries(c.fields).map(([name, v]) => ({ name, mine: v.mine, theirs: v.theirs }))
        : [],
    theirAuthor: c.theirAuthor,
  }));
}

export function resolveFromApp(library: Library, id: number, keep: Keep): TeamConflictView[] {
  resolveConflict(library.db, id, keep, 'window');
  return conflictsForApp(library);
}

/** Stops the library's live sync (the app closes or switches libraries). */
export async function stopTeamSync(library: Library): Promise<void> {
  await sessions.get(library)?.live.stop();
  sessions.delete(library);
}
