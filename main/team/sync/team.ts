// The team commands over one library: join, status, conflicts, resolve. Sync itself is in
// engine.ts.
import { AppError } from '../../../common/api/errors.ts';
import type { TeamStatus } from '../../../common/api/methods/team.ts';
import type { Db } from '../../db/open.ts';
import { mutate, type Origin } from '../../db/mutation.ts';
import { connectTeam, formatTeamUrl, teamError, type TeamUrl } from '../server/connect.ts';
import { findTeamLibrary } from '../server/members.ts';
import { MissingParent, deleteSyncRow, readSyncRow, tableOf, writeSyncRow, type SyncData } from './rows.ts';
import { syncLibrary, type SyncOptions, type SyncReport } from './engine.ts';
import { AnchorWork } from './anchors.ts';
import {
  ensureTeamTables,
  getConflict,
  getMeta,
  joinedTeam,
  markResolved,
  openConflicts,
  requireJoined,
  setMeta,
  type ConflictRecord,
} from './state.ts';

/**
 * `team join URL`: attaches this library (new or with its own content) to a team library.
 * Its own content is pushed, everything else pulled.
 */
export async function joinTeam(db: Db, url: TeamUrl, options: SyncOptions = {}): Promise<SyncReport & { library: string }> {
  const current = joinedTeam(db);
  if (current && (current.url.host !== url.host || current.url.port !== url.port || current.url.database !== url.database || current.url.library !== url.library)) {
    throw new AppError('CONFLICT', `This library already syncs with ${formatTeamUrl(current.url)}; a library belongs to one team library.`);
  }
  const client = await connectTeam(url, { password: options.password });
  let library;
  try {
    library = await findTeamLibrary(client, url.library);
  } catch (error) {
    throw teamError(error, url);
  } finally {
    await client.end().catch(() => {});
  }
  if (!current) {
    ensureTeamTables(db);
    db.transaction(() => {
      setMeta(db, 'url', formatTeamUrl(url));
      setMeta(db, 'library_id', library.id);
      setMeta(db, 'library_name', library.name);
      setMeta(db, 'member', url.user);
      setMeta(db, 'last_version', 0);
      setMeta(db, 'pushed_through', 0);
      setMeta(db, 'full_scan', 1);
    })();
  }
  const report = await syncLibrary(db, options);
  return { ...report, library: library.name };
}

export function teamStatus(db: Db): TeamStatus {
  const joined = joinedTeam(db);
  if (!joined) {
    return { joined: false, url: null, library: null, member: null, role: null, lastSyncAt: null, version: 0, waiting: 0, conflicts: 0, lastError: null };
  }
  const pushedThrough = Number(getMeta(db, 'pushed_through') ?? 0);
  const waiting = Number(db.prepare("SELECT count(*) FROM change_set WHERE id > ? AND origin <> 'sync'").pluck().get(pushedThrough));
  return {
    joined: true,
    url: formatTeamUrl(joined.url),
    library: getMeta(db, 'library_name'),
    member: joined.member,
    role: getMeta(db, 'role'),
    lastSyncAt: getMeta(db, 'last_sync_at'),
    version: Number(getMeta(db, 'last_version') ?? 0),
    waiting: getMeta(db, 'full_scan') === '1' ? Math.max(waiting, 1) : waiting,
    conflicts: openConflicts(db).length,
    lastError: getMeta(db, 'last_error') || null,
  };
}

export function listConflicts(db: Db): ConflictRecord[] {
  return openConflicts(db);
}

export type Keep = 'mine' | 'theirs' | 'both';

/**
 * `team resolve ID --keep mine|theirs|both`. What is kept becomes a local change (pushed by
 * the next sync); the conflict is marked resolved.
 */
export function resolveConflict(db: Db, id: number, keep: Keep, origin: Exclude<Origin, 'sync' | 'undo' | 'redo'> = 'cli'): ConflictRecord {
  requireJoined(db);
  const conflict = getConflict(db, id);
  if (!conflict) throw new AppError('NOT_FOUND', `There is no conflict ${id} (see "casefile team conflicts").`);
  if (conflict.resolvedAt) throw new AppError('CONFLICT', `Conflict ${id} was already resolved (${conflict.resolution}).`);
  const table = tableOf(db, conflict.table);
  const label = `Resolve conflict ${id}: keep ${keep}`;
  const write = (work: () => void): void => {
    mutate(db, { label, origin }, (writable) => {
      // Keeping one side's text of an article moves its highlights with it.
      const anchors = new AnchorWork(db);
      if (conflict.table === 'article') anchors.beforeText(conflict.gid);
      work();
      anchors.apply(writable);
    });
  };
  switch (conflict.kind) {
    case 'field': {
      const local = readSyncRow(db, table, conflict.gid);
      if (keep === 'theirs' || !local) break;
      const patch: SyncData = { ...local };
      for (const [field, values] of Object.entries(conflict.fields)) {
        if (keep === 'mine') patch[field] = values.mine as SyncData[string];
        else if (typeof values.mine === 'string' && typeof values.theirs === 'string') patch[field] = `${values.mine}\n\n${values.theirs}`;
        else throw new AppError('INVALID_INPUT', `Both values of "${field}" cannot be kept at once; choose --keep mine or --keep theirs.`);
      }
      write(() => writeSyncRow(db, table, conflict.gid, patch));
      break;
    }
    case 'deleted-edited':
      // The edit was kept; "theirs" deletes it after all.
      if (keep === 'theirs') write(() => deleteSyncRow(db, table, conflict.gid));
      break;
    case 'edited-deleted':
      // Their edit came back; "mine" deletes it again.
      if (keep === 'mine') write(() => deleteSyncRow(db, table, conflict.gid));
      break;
    case 'page': {
      const copy = conflict.copyGid;
      if (keep === 'both' || !copy) break;
      write(() => {
        if (keep === 'mine' && conflict.mine) {
          const { title, body, text } = conflict.mine;
          writeSyncRow(db, table, conflict.gid, { title: title ?? null, body: body ?? null, text: text ?? null });
        }
        deleteSyncRow(db, table, copy);
      });
      break;
    }
    case 'refused':
      if (keep === 'mine') throw new AppError('TEAM_REFUSED', 'Your role in the team library does not allow this change; ask an owner to make it.');
      if (keep === 'theirs' && conflict.theirs === null && readSyncRow(db, table, conflict.gid)) write(() => deleteSyncRow(db, table, conflict.gid));
      break;
    case 'not-applied':
      if (keep !== 'mine' && conflict.theirs) {
        const theirs = conflict.theirs;
        try {
          write(() => writeSyncRow(db, table, conflict.gid, theirs));
        } catch (error) {
          if (!(error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') && !(error instanceof MissingParent)) throw error;
          throw new AppError('CONFLICT', `Their ${conflict.table} still clashes with one of yours (the same name, or what it belongs to is gone here); rename or merge yours first, or keep mine.`);
        }
      }
      break;
  }
  markResolved(db, id, keep);
  return getConflict(db, id)!;
}
