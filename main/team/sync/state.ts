// What this library knows about its team library, kept in the library file itself so a
// pull's rows and the version it reached commit together: the join (server, login, library),
// the last version seen, the change sets already pushed, the shadow copy of every synced row
// as the server last had it (the base of every three-way merge), the push in flight, and the
// conflicts waiting for the user.
//
// These tables have no `gid` column: they are sync bookkeeping, not user data, so the change
// log does not record them and undo never touches them.
import { constants as zlibConstants, zstdCompressSync, zstdDecompressSync } from 'node:zlib';
import type { Db } from '../../db/open.ts';
import { AppError } from '../../../common/api/errors.ts';
import { parseTeamUrl, type TeamUrl } from '../server/connect.ts';
import { stmt, type SyncData } from './rows.ts';

export function ensureTeamTables(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS team_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    CREATE TABLE IF NOT EXISTS team_row (
      row_gid TEXT PRIMARY KEY,
      table_name TEXT NOT NULL,
      version INTEGER NOT NULL,
      created_by TEXT NOT NULL,
      author TEXT NOT NULL,
      deleted INTEGER NOT NULL,
      data TEXT
    ) STRICT;
    -- The author filters of search and the claims board read the rows one member created.
    CREATE INDEX IF NOT EXISTS team_row_by_creator ON team_row(created_by, table_name);
    CREATE TABLE IF NOT EXISTS team_outbox (batch TEXT PRIMARY KEY, through INTEGER NOT NULL, payload TEXT NOT NULL) STRICT;
    CREATE TABLE IF NOT EXISTS team_conflict (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      table_name TEXT NOT NULL,
      row_gid TEXT NOT NULL,
      kind TEXT NOT NULL,
      fields TEXT NOT NULL,
      mine TEXT,
      theirs TEXT,
      their_author TEXT,
      copy_gid TEXT,
      resolved_at TEXT,
      resolution TEXT
    ) STRICT;
    CREATE INDEX IF NOT EXISTS team_conflict_open ON team_conflict(row_gid) WHERE resolved_at IS NULL;
  `);
  // The shadow's data compressed (see setShadow); libraries that joined before keep their
  // rows as JSON text in `data` until each is next written.
  const columns = db.prepare("SELECT name FROM pragma_table_info('team_row')").pluck().all() as string[];
  if (!columns.includes('packed')) db.exec('ALTER TABLE team_row ADD COLUMN packed BLOB');
}

function hasTeamTables(db: Db): boolean {
  return stmt(db, "SELECT 1 FROM sqlite_schema WHERE name = 'team_meta'").get() !== undefined;
}

export type MetaKey = 'url' | 'library_id' | 'library_name' | 'member' | 'role' | 'last_version' | 'pushed_through' | 'full_scan' | 'last_sync_at' | 'last_error';

export function getMeta(db: Db, key: MetaKey): string | null {
  if (!hasTeamTables(db)) return null;
  return (stmt(db, 'SELECT value FROM team_meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

export function setMeta(db: Db, key: MetaKey, value: string | number): void {
  stmt(db, 'INSERT INTO team_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, String(value));
}

export interface Joined {
  url: TeamUrl;
  libraryId: string;
  member: string;
}

export function joinedTeam(db: Db): Joined | null {
  const url = getMeta(db, 'url');
  const libraryId = getMeta(db, 'library_id');
  if (!url || !libraryId) return null;
  return { url: parseTeamUrl(url), libraryId, member: getMeta(db, 'member') ?? '' };
}

export function requireJoined(db: Db): Joined {
  const joined = joinedTeam(db);
  if (!joined) throw new AppError('TEAM_NOT_JOINED');
  return joined;
}

export interface Shadow {
  table: string;
  version: number;
  createdBy: string;
  author: string;
  deleted: boolean;
  data: SyncData | null;
}

export function getShadow(db: Db, gid: string): Shadow | null {
  const row = stmt(db, 'SELECT table_name, version, created_by, author, deleted, data, packed FROM team_row WHERE row_gid = ?').get(gid) as
    | { table_name: string; version: number; created_by: string; author: string; deleted: number; data: string | null; packed: Buffer | null }
    | undefined;
  if (!row) return null;
  const json = row.packed !== null ? zstdDecompressSync(row.packed).toString('utf8') : row.data;
  return {
    table: row.table_name,
    version: row.version,
    createdBy: row.created_by,
    author: row.author,
    deleted: row.deleted === 1,
    data: json === null ? null : (JSON.parse(json) as SyncData),
  };
}

/**
 * The shadow is a whole copy of every synced row, an article's text and body JSON included
 * (which repeats the text): stored as one zstd frame, it takes a fraction of the space (the
 * bench's team phase reports the team tables' share of a member's library).
 */
export function setShadow(db: Db, gid: string, shadow: Shadow): void {
  const packed = shadow.data === null ? null : zstdCompressSync(Buffer.from(JSON.stringify(shadow.data), 'utf8'), { params: SHADOW_ZSTD });
  stmt(
    db,
    `INSERT INTO team_row (row_gid, table_name, version, created_by, author, deleted, data, packed) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)
     ON CONFLICT (row_gid) DO UPDATE SET version = excluded.version, author = excluded.author, deleted = excluded.deleted, data = NULL, packed = excluded.packed`,
  ).run(gid, shadow.table, shadow.version, shadow.createdBy, shadow.author, shadow.deleted ? 1 : 0, packed);
}

/** zstd's default level, with its checksum: a damaged shadow fails to read rather than merge wrong. */
const SHADOW_ZSTD = { [zlibConstants.ZSTD_c_compressionLevel]: 3, [zlibConstants.ZSTD_c_checksumFlag]: 1 };

/** The rows as the server has them, in the shadow's form: live data or null for a tombstone. */
export function shadowData(shadow: Shadow | null): SyncData | null {
  return shadow && !shadow.deleted ? shadow.data : null;
}

export type ConflictKind =
  /** Both changed the same field: theirs is in the library, yours is kept here. */
  | 'field'
  /** They deleted a row you changed: your row is kept (and restored on the server). */
  | 'deleted-edited'
  /** You deleted a row they changed: their row is back in your library. */
  | 'edited-deleted'
  /** Both changed a notebook page: theirs is the page, yours is a conflicted copy beside it. */
  | 'page'
  /** Your role does not allow this change: the server's row is back in your library. */
  | 'refused'
  /** The server's row could not be placed here (same name as one of yours, or its parent is gone). */
  | 'not-applied';

export interface ConflictRecord {
  id: number;
  at: string;
  table: string;
  gid: string;
  kind: ConflictKind;
  fields: Record<string, { mine: unknown; theirs: unknown }>;
  mine: SyncData | null;
  theirs: SyncData | null;
  theirAuthor: string | null;
  copyGid: string | null;
  resolvedAt: string | null;
  resolution: string | null;
}

export function recordConflict(
  db: Db,
  conflict: Omit<ConflictRecord, 'id' | 'at' | 'resolvedAt' | 'resolution' | 'copyGid'> & { copyGid?: string | null },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO team_conflict (at, table_name, row_gid, kind, fields, mine, theirs, their_author, copy_gid)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        new Date().toISOString(),
        conflict.table,
        conflict.gid,
        conflict.kind,
        JSON.stringify(conflict.fields),
        conflict.mine === null ? null : JSON.stringify(conflict.mine),
        conflict.theirs === null ? null : JSON.stringify(conflict.theirs),
        conflict.theirAuthor,
        conflict.copyGid ?? null,
      ).lastInsertRowid,
  );
}

interface ConflictRow {
  id: number;
  at: string;
  table_name: string;
  row_gid: string;
  kind: ConflictKind;
  fields: string;
  mine: string | null;
  theirs: string | null;
  their_author: string | null;
  copy_gid: string | null;
  resolved_at: string | null;
  resolution: string | null;
}

function toConflict(row: ConflictRow): ConflictRecord {
  return {
    id: row.id,
    at: row.at,
    table: row.table_name,
    gid: row.row_gid,
    kind: row.kind,
    fields: JSON.parse(row.fields) as ConflictRecord['fields'],
    mine: row.mine === null ? null : (JSON.parse(row.mine) as SyncData),
    theirs: row.theirs === null ? null : (JSON.parse(row.theirs) as SyncData),
    theirAuthor: row.their_author,
    copyGid: row.copy_gid,
    resolvedAt: row.resolved_at,
    resolution: row.resolution,
  };
}

export function openConflicts(db: Db): ConflictRecord[] {
  if (!hasTeamTables(db)) return [];
  return (stmt(db, 'SELECT * FROM team_conflict WHERE resolved_at IS NULL ORDER BY id').all() as ConflictRow[]).map(toConflict);
}

export function getConflict(db: Db, id: number): ConflictRecord | null {
  if (!hasTeamTables(db)) return null;
  const row = stmt(db, 'SELECT * FROM team_conflict WHERE id = ?').get(id) as ConflictRow | undefined;
  return row ? toConflict(row) : null;
}

export function markResolved(db: Db, id: number, resolution: string): void {
  stmt(db, 'UPDATE team_conflict SET resolved_at = ?, resolution = ? WHERE id = ?').run(new Date().toISOString(), resolution, id);
}

export function hasOpenConflict(db: Db, gid: string, kind: ConflictKind): boolean {
  return stmt(db, 'SELECT 1 FROM team_conflict WHERE row_gid = ? AND kind = ? AND resolved_at IS NULL').get(gid, kind) !== undefined;
}
