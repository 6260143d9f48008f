// Team libraries: join a team library on a PostgreSQL server, see the sync state, sync now,
// and resolve conflicts (both values side by side). See README "Share a library with your team".
import { z } from 'zod';
import { Id, method, NoInput, shared } from '../define.ts';

export type TeamIndicatorState = 'not-joined' | 'up-to-date' | 'syncing' | 'waiting' | 'offline' | 'conflicts' | 'needs-password';

/** A library's team state (`casefile team status --json` prints this). */
export interface TeamStatus {
  joined: boolean;
  /** The server and library (never with a password). */
  url: string | null;
  library: string | null;
  member: string | null;
  role: string | null;
  lastSyncAt: string | null;
  /** The last team version pulled. */
  version: number;
  /** Change sets made here and not pushed yet. */
  waiting: number;
  conflicts: number;
  /** The closed error code of the last failed sync (null after a good one). */
  lastError: string | null;
}

export interface TeamStatusView extends TeamStatus {
  indicator: TeamIndicatorState;
  /** Whether this app keeps the password between runs (the desktop app, where the system's keychain encrypts it). */
  keepsPassword: boolean;
}

export interface TeamSyncResult {
  pulled: number;
  pushed: number;
  conflicts: number;
}

export interface TeamConflictView {
  id: number;
  at: string;
  /** What kind of record: "annotation", "note", "entity", ... */
  table: string;
  kind: 'field' | 'deleted-edited' | 'edited-deleted' | 'page' | 'refused' | 'not-applied';
  fields: { name: string; mine: unknown; theirs: unknown }[];
  theirAuthor: string | null;
}

/** Who made a record, as shown beside it. */
export interface MemberBadge {
  name: string;
  initials: string;
  /** A CSS colour, the same for one member everywhere. */
  color: string;
}

const Url = shared(() => z.string().trim().min(1).max(2_000));

export const teamMethods = {
  'team.status': method<TeamStatusView>()(() => NoInput()),
  'team.join': method<TeamSyncResult>()(() => z.object({ url: Url(), password: z.string().max(1_000) }).strict()),
  'team.sync': method<TeamSyncResult>()(() => NoInput()),
  'team.conflicts': method<TeamConflictView[]>()(() => NoInput()),
  'team.authors': method<Record<number, MemberBadge>>()(() =>
    z.object({ table: z.enum(['annotation', 'note', 'entity']), ids: z.array(Id()).max(5_000) }).strict(),
  ),
  /** Everyone who made a record in this library (a team member, or an author of this library's own changes): the author filters' choices. */
  'team.makers': method<MemberBadge[]>()(() => NoInput()),
  'team.resolve': method<TeamConflictView[]>()(() => z.object({ id: Id(), keep: z.enum(['mine', 'theirs', 'both']) }).strict()),
};
