// Team sync for the app (desktop and browser mode): one live sync per open library, started
// by Join… or, for a library that already joined, as soon as a password is at hand
// (PGPASSWORD or a pgpass file, or the password the desktop app kept with the system's
// keychain; otherwise the indicator asks to sign in). The password is never in the library
// and never in a message: in memory for this run, and encrypted by the keychain when the
// host keeps secrets (host.secrets: the desktop app where the keychain encrypts). A password
// the server refuses (on start, in live sync or at Sync now) is forgotten, kept copy and
// memory both, and the indicator asks to sign in again.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TeamConflictView, TeamIndicatorState, TeamStatusView, TeamSyncResult } from '../../common/api/methods/team.ts';
import { AppError } from '../../common/api/errors.ts';
import type { HostServices } from '../services/host.ts';
import type { Library } from '../services/library.ts';
import { parseTeamUrl } from './server/connect.ts';
import { syncLibrary } from './sync/engine.ts';
import { LiveSync, type SyncIndicator } from './sync/live.ts';
import { joinedTeam, type Joined } from './sync/state.ts';
import { joinTeam, listConflicts, resolveConflict, teamStatus, type Keep } from './sync/team.ts';

interface Session {
  live: LiveSync;
  password: string | undefined;
  indicator: SyncIndicator | null;
}

const sessions = new WeakMap<Library, Session>();
/** Libraries whose kept password is being tried against the server. */
const trying = new WeakSet<Library>();

/** Where a library's kept password is filed: the server, database, login and team library (no password). */
function secretKey(joined: Joined): string {
  return `${joined.url.host}:${joined.url.port}/${joined.url.database} ${joined.url.user} ${joined.libraryId}`;
}

/** Signs in with the kept password; one the server refuses is forgotten (the user signs in again). */
async function startWithKept(library: Library, host: HostServices, joined: Joined, password: string): Promise<void> {
  trying.add(library);
  try {
    await syncLibrary(library.db, { password, localOrigin: 'window' });
  } catch (error) {
    if (isRefusedLogin(error)) {
      host.secrets?.forget(secretKey(joined));
      return;
    }
    // Unreachable now: live sync keeps trying, and says Offline meanwhile.
  } finally {
    trying.delete(library);
  }
  // The app may have switched libraries meanwhile.
  if (!sessions.has(library) && library.db.open) await startLive(library, host, password);
}

function isRefusedLogin(error: unknown): boolean {
  return error instanceof AppError && error.code === 'TEAM_LOGIN_FAILED';
}

/**
 * The server refused the password this run signed in with (changed elsewhere, or the login
 * dropped): forget it, kept copy and session both, so the indicator asks to sign in. A
 * password pg finds itself (PGPASSWORD, pgpass) is not ours to forget: that session goes on
 * and its failure stays in the team status.
 */
function forgetRefused(library: Library, host: HostServices): void {
  const session = sessions.get(library);
  if (!session || session.password === undefined) return;
  const joined = joinedTeam(library.db);
  if (joined) host.secrets?.forget(secretKey(joined));
  sessions.delete(library);
  void session.live.stop();
}

/** Whether pg can find a password by itself (PGPASSWORD or a pgpass file). */
function passwordFromEnvironment(): boolean {
  return process.env.PGPASSWORD !== undefined || existsSync(process.env.PGPASSFILE ?? path.join(os.homedir(), '.pgpass'));
}

async function startLive(library: Library, host: HostServices, password: string | undefined): Promise<void> {
  const existing = sessions.get(library);
  if (existing) await existing.live.stop();
  const session: Session = {
    password,
    indicator: null,
    live: new LiveSync(library.db, {
      password,
      onIndicator: (i) => (session.indicator = i),
      onFailed: (error) => {
        if (isRefusedLogin(error) && sessions.get(library) === session) forgetRefused(library, host);
      },
    }),
  };
  sessions.set(library, session);
  await session.live.start();
}

function toResult(report: { pulled: number; pushed: number; conflicts: number }): TeamSyncResult {
  return { pulled: report.pulled, pushed: report.pushed, conflicts: report.conflicts };
}

export async function joinFromApp(library: Library, host: HostServices, url: string, password: string): Promise<TeamSyncResult> {
  const given = password === '' ? undefined : password;
  const report = await joinTeam(library.db, parseTeamUrl(url), { password: given, localOrigin: 'window' });
  const joined = joinedTeam(library.db);
  if (given !== undefined && joined) host.secrets?.keep(secretKey(joined), given);
  await startLive(library, host, given);
  return toResult(report);
}

export function teamStatusForApp(library: Library, host: HostServices): TeamStatusView {
  const status = teamStatus(library.db);
  let session = sessions.get(library);
  const joined = status.joined ? joinedTeam(library.db) : null;
  if (joined && !session && !trying.has(library)) {
    const kept = host.secrets?.read(secretKey(joined)) ?? null;
    if (kept !== null) void startWithKept(library, host, joined, kept);
    else if (passwordFromEnvironment()) {
      void startLive(library, host, undefined);
      session = sessions.get(library);
    }
  }
  let indicator: TeamIndicatorState;
  if (!status.joined) indicator = 'not-joined';
  else if (trying.has(library)) indicator = 'syncing';
  else if (!session) indicator = 'needs-password';
  else if (status.conflicts > 0) indicator = 'conflicts';
  else indicator = session.indicator?.state === 'offline' || session.indicator?.state === 'syncing' ? session.indicator.state : status.waiting > 0 ? 'waiting' : 'up-to-date';
  return { ...status, indicator, keepsPassword: host.secrets !== undefined };
}

export async function syncFromApp(library: Library, host: HostServices): Promise<TeamSyncResult> {
  const session = sessions.get(library);
  if (!joinedTeam(library.db)) return { pulled: 0, pushed: 0, conflicts: 0 };
  try {
    return toResult(await syncLibrary(library.db, { password: session?.password, localOrigin: 'window' }));
  } catch (error) {
    if (isRefusedLogin(error) && session && sessions.get(library) === session) forgetRefused(library, host);
    throw error;
  }
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
