// Team sync: push this library's recorded changes, pull everyone else's.
//
// Push. The change log is the outbox: the rows touched by change sets not made by sync and
// not yet pushed are compared with their shadow (the row as the server last had it); each
// row that differs travels in one push transaction, which takes the library's next version
// under its row lock (so versions follow commit order), inserts new rows with ON CONFLICT DO
// NOTHING and updates others only `WHERE version = base`. A row that changed on the server
// since makes the whole push roll back; the client pulls (merging as below) and pushes again.
// The push is written to a local outbox first, under a batch id the server records, so a
// push whose acknowledgement was lost (kill -9, a dropped connection) is recognised on retry
// and never applied twice.
//
// Pull. Rows newer than the last version seen, read in one snapshot, are applied through the
// mutation runner with origin 'sync' (FTS and change events follow; sync never pushes them
// back). A row changed here and there merges field by field against the shadow; the same
// field changed on both sides is a conflict kept with both values (theirs in the library,
// yours beside it until resolved); a notebook page conflicts whole and your version becomes
// a conflicted copy; deleting what the other side edited is a conflict and the edit is kept.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../../common/api/errors.ts';
import type { Db } from '../../db/open.ts';
import { mutate, type Origin } from '../../db/mutation.ts';
import { sha256Hex } from '../../db/sha256.ts';
import { newGid } from '../../../common/ids.ts';
import { checkServerSchema } from '../server/schema.ts';
import { findOriginalBytesBySha256 } from '../../db/repositories/articles.ts';
import { connectTeam, teamError, type TeamUrl } from '../server/connect.ts';
import {
  MissingParent,
  canonical,
  childrenOf,
  deleteSyncRow,
  readSyncRow,
  sameValue,
  syncTables,
  tableOf,
  writeSyncRow,
  type SyncData,
  type SyncTable,
} from './rows.ts';
import { AnchorWork, isAnchorField, onlyReanchored } from './anchors.ts';
import {
  getMeta,
  getShadow,
  hasOpenConflict,
  recordConflict,
  requireJoined,
  setMeta,
  setShadow,
  shadowData,
  type Shadow,
} from './state.ts';

/** BLOB columns and the column holding their SHA-256 (evidence travels content-addressed). */
const BLOB_HASH: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  article_original: { bytes: 'sha256' },
};

/** Notebook pages merge as whole documents: these columns are the document. */
const WHOLE_DOCUMENTS: Readonly<Record<string, readonly string[]>> = {
  note: ['title', 'body', 'text'],
};

/** Rows per statement when pushing many (one round trip each). */
const CHUNK = 500;

export interface SyncOptions {
  password?: string;
  /** The origin of the local changes sync itself makes for the user (conflicted copies). */
  localOrigin?: Exclude<Origin, 'sync' | 'undo' | 'redo'>;
  /** Test hook: called between the steps of a sync (to kill or stop things mid-way). */
  onStep?: (step: 'pulled' | 'outbox-written' | 'pushed-before-ack') => void | Promise<void>;
}

export interface SyncReport {
  pulled: number;
  pushed: number;
  conflicts: number;
  version: number;
  /** Queries sent to the server (the bench reports them). */
  queries: number;
  /** Bytes sent to and received from the server on the sync's connection. */
  bytesOut: number;
  bytesIn: number;
}

interface ServerRow {
  gid: string;
  tbl: string;
  version: string;
  created_by: string;
  author: string;
  deleted: boolean;
  data: SyncData | null;
}

interface PushRow {
  table: string;
  gid: string;
  /** null: a new row. */
  base: number | null;
  createdBy: string | null;
  data: SyncData | null;
}

interface Outbox {
  batch: string;
  through: number;
  rows: PushRow[];
}

class Counter {
  queries = 0;
  readonly client: pg.Client;
  constructor(client: pg.Client) {
    this.client = client;
  }
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    this.queries += 1;
    return this.client.query<R>(text, values);
  }
}

/** Connects, checks the schema and the caller's membership, and runs `work`. */
async function withServer<T>(db: Db, options: SyncOptions, work: (server: Counter, url: TeamUrl, role: string, libraryId: string) => Promise<T>): Promise<T> {
  const joined = requireJoined(db);
  const client = await connectTeam(joined.url, { password: options.password });
  const server = new Counter(client);
  try {
    await checkServerSchema(client);
    const member = await server.query<{ role: string }>('SELECT role FROM casefile.member WHERE library_id = $1 AND role_name = current_user', [joined.libraryId]);
    const role = member.rows[0]?.role;
    if (!role) {
      throw new AppError('TEAM_REFUSED', `"${joined.url.user}" is no longer a member of the team library "${joined.url.library}".`);
    }
    setMeta(db, 'role', role);
    return await work(server, joined.url, role, joined.libraryId);
  } catch (error) {
    throw teamError(error, joined.url);
  } finally {
    await client.end().catch(() => {});
  }
}

/** One sync: finish a push in flight, pull, push (pulling again when the server moved on). */
export async function syncLibrary(db: Db, options: SyncOptions = {}): Promise<SyncReport> {
  try {
    const report = await withServer(db, options, async (server, url, role, libraryId) => {
      const report: SyncReport = { pulled: 0, pushed: 0, conflicts: 0, version: 0, queries: 0, bytesOut: 0, bytesIn: 0 };
      await finishOutbox(db, server, libraryId);
      for (let attempt = 0; ; attempt += 1) {
        const pulled = await pull(db, server, libraryId, options);
        report.pulled += pulled.rows;
        report.conflicts += pulled.conflicts;
        await options.onStep?.('pulled');
        const pushed = await push(db, server, url, role, libraryId, options);
        report.conflicts += pushed.refused;
        if (pushed.outcome !== 'stale') {
          report.pushed += pushed.rows;
          break;
        }
        if (attempt >= 20) throw new AppError('TEAM_UNREACHABLE', 'The team library kept changing during sync; try again.');
      }
      report.version = Number(getMeta(db, 'last_version') ?? 0);
      report.queries = server.queries;
      // pg keeps its socket on client.connection.stream (not in its types).
      const socket = (server.client as unknown as { connection?: { stream?: { bytesRead?: number; bytesWritten?: number } } }).connection?.stream;
      report.bytesIn = socket?.bytesRead ?? 0;
      report.bytesOut = socket?.bytesWritten ?? 0;
      return report;
    });
    setMeta(db, 'last_sync_at', new Date().toISOString());
    setMeta(db, 'last_error', '');
    return report;
  } catch (error) {
    if (error instanceof AppError) setMeta(db, 'last_error', error.code);
    throw error;
  }
}

// ---------------------------------------------------------------- pull

async function pull(db: Db, server: Counter, libraryId: string, options: SyncOptions): Promise<{ rows: number; conflicts: number }> {
  const last = Number(getMeta(db, 'last_version') ?? 0);
  await server.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  let rows: ServerRow[];
  let target: number;
  const blobs = new Map<string, Buffer>();
  try {
    const library = await server.query<{ version: string }>('SELECT version FROM casefile.library WHERE id = $1', [libraryId]);
    if (library.rows.length === 0) throw new AppError('TEAM_REFUSED', 'This login can no longer read the team library.');
    target = Number(library.rows[0]!.version);
    if (target <= last) {
      await server.query('COMMIT');
      return { rows: 0, conflicts: 0 };
    }
    rows = (
      await server.query<ServerRow>(
        `SELECT gid::text AS gid, tbl, version, created_by, author, deleted, data FROM casefile.row
         WHERE library_id = $1 AND version > $2 AND version <= $3 ORDER BY version, gid`,
        [libraryId, last, target],
      )
    ).rows;
    // Evidence this library does not have yet, fetched once per file.
    const wanted = new Set<string>();
    for (const row of rows) {
      const hashes = BLOB_HASH[row.tbl];
      if (!hashes || row.deleted || !row.data) continue;
      for (const hashColumn of Object.values(hashes)) {
        const sha = row.data[hashColumn];
        if (typeof sha === 'string' && !haveBlob(db, row.tbl, hashColumn, sha)) wanted.add(sha);
      }
    }
    if (wanted.size > 0) {
      const found = await server.query<{ sha256: string; bytes: Buffer }>('SELECT sha256, bytes FROM casefile.blob WHERE library_id = $1 AND sha256 = ANY($2)', [
        libraryId,
        [...wanted],
      ]);
      for (const blob of found.rows) {
        if (sha256Hex(blob.bytes) !== blob.sha256) {
          throw new AppError('TEAM_BAD_EVIDENCE', `The file with fingerprint ${blob.sha256.slice(0, 12)}… arrived with different content.`);
        }
        blobs.set(blob.sha256, blob.bytes);
      }
    }
    await server.query('COMMIT');
  } catch (error) {
    await server.query('ROLLBACK').catch(() => {});
    throw error;
  }
  const conflicts = applyPulled(db, rows, blobs, target, options);
  return { rows: rows.length, conflicts };
}

function haveBlob(db: Db, table: string, hashColumn: string, sha: string): boolean {
  return db.prepare(`SELECT 1 FROM "${table}" WHERE "${hashColumn}" = ? LIMIT 1`).get(sha) !== undefined;
}

function localBlobs(db: Db, table: SyncTable, data: SyncData, pulled: Map<string, Buffer>): Record<string, Buffer> {
  const result: Record<string, Buffer> = {};
  for (const [column, hashColumn] of Object.entries(BLOB_HASH[table.name] ?? {})) {
    const sha = data[hashColumn] as string;
    const bytes = pulled.get(sha) ?? findOriginalBytesBySha256(db, sha);
    if (!bytes) throw new AppError('TEAM_BAD_EVIDENCE', `The evidence file ${sha.slice(0, 12)}… is missing on the team server.`);
    result[column] = bytes;
  }
  return result;
}

interface PageCopy {
  conflictId: number;
  data: SyncData;
}

/** Whether this library's row differs from what the server last had (a change not yet pushed). */
function isDirty(local: SyncData | null, shadow: Shadow | null): boolean {
  return canonical(local) !== canonical(shadowData(shadow));
}

/** Whether a row or anything hanging from it (its highlights, links) was changed here and not pushed. */
function hasDirtyDescendant(db: Db, table: SyncTable, gid: string, depth = 0): boolean {
  if (depth > 4) return false;
  for (const child of childrenOf(db, table, gid)) {
    if (isDirty(readSyncRow(db, child.table, child.gid), getShadow(db, child.gid))) return true;
    if (hasDirtyDescendant(db, child.table, child.gid, depth + 1)) return true;
  }
  return false;
}

function applyPulled(db: Db, rows: ServerRow[], blobs: Map<string, Buffer>, target: number, options: SyncOptions): number {
  const tables = syncTables(db);
  const order = new Map([...tables.keys()].map((name, i) => [name, i]));
  const known = rows.filter((r) => order.has(r.tbl));
  // Parents before children for rows that live; children before parents for tombstones.
  const live = known.filter((r) => !r.deleted).sort((a, b) => order.get(a.tbl)! - order.get(b.tbl)! || Number(a.version) - Number(b.version));
  const gone = known.filter((r) => r.deleted).sort((a, b) => order.get(b.tbl)! - order.get(a.tbl)!);
  let conflicts = 0;
  const copies: PageCopy[] = [];
  const anchors = new AnchorWork(db);

  const applyOne = (row: ServerRow): void => {
    const table = tables.get(row.tbl)!;
    const shadow = getShadow(db, row.gid);
    if (shadow && shadow.version >= Number(row.version)) return; // our own push, already known
    const local = readSyncRow(db, table, row.gid);
    if (row.tbl === 'article' && local !== null && row.data && !sameValue(local.text, row.data.text)) anchors.beforeText(row.gid);
    const base = shadowData(shadow);
    const theirs = row.deleted ? null : row.data;
    const next: Shadow = { table: row.tbl, version: Number(row.version), createdBy: row.created_by, author: row.author, deleted: row.deleted, data: theirs };
    // A row held back earlier (it clashed with one of ours) is not "deleted here".
    const held = local === null && shadow !== null && hasOpenConflict(db, row.gid, 'not-applied');
    const dirty = !held && isDirty(local, shadow);
    // Their anchors are kept when their row replaces ours whole; merged ones are worked out here.
    if (row.tbl === 'annotation' && theirs !== null) anchors.pulled(row.gid, theirs.article_id, !dirty);
    const conflict = (kind: Parameters<typeof recordConflict>[1]['kind'], fields: Record<string, { mine: unknown; theirs: unknown }>, mine: SyncData | null, copyGid?: string) => {
      conflicts += 1;
      return recordConflict(db, { table: row.tbl, gid: row.gid, kind, fields, mine, theirs, theirAuthor: row.author, copyGid });
    };
    if (!dirty || canonical(local) === canonical(theirs)) {
      if (theirs === null) {
        if (local !== null) {
          if (hasDirtyDescendant(db, table, row.gid)) conflict('deleted-edited', {}, local);
          else deleteSyncRow(db, table, row.gid);
        }
      } else {
        writeSyncRow(db, table, row.gid, theirs, local === null ? localBlobs(db, table, theirs, blobs) : {});
        if (held) db.prepare("UPDATE team_conflict SET resolved_at = ?, resolution = 'applied' WHERE row_gid = ? AND kind = 'not-applied' AND resolved_at IS NULL").run(new Date().toISOString(), row.gid);
      }
    } else if (theirs === null) {
      // They deleted what was changed here: the change is kept (and restores the row on push).
      if (local !== null) conflict('deleted-edited', {}, local);
    } else if (local === null) {
      // Deleted here what they changed: their row comes back.
      writeSyncRow(db, table, row.gid, theirs, localBlobs(db, table, theirs, blobs));
      conflict('edited-deleted', {}, null);
    } else {
      const merged: SyncData = { ...theirs };
      const fields: Record<string, { mine: unknown; theirs: unknown }> = {};
      for (const key of new Set([...Object.keys(local), ...Object.keys(theirs)])) {
        const [m, t, b] = [local[key], theirs[key], base?.[key]];
        if (sameValue(m, t) || sameValue(m, b)) continue;
        if (sameValue(t, b)) merged[key] = m ?? null;
        else if (key === 'updated_at') merged[key] = String(m ?? '') > String(t ?? '') ? (m ?? null) : (t ?? null); // edited on both sides: the later time
        else if (isAnchorField(row.tbl, key)) merged[key] = m ?? null; // re-anchored on both sides: re-anchored again below
        else fields[key] = { mine: m ?? null, theirs: t ?? null };
      }
      const document = WHOLE_DOCUMENTS[row.tbl];
      if (document && Object.keys(fields).some((f) => document.includes(f))) {
        // A notebook page: theirs becomes the page, this version a conflicted copy beside it.
        writeSyncRow(db, table, row.gid, theirs);
        copies.push({ conflictId: conflict('page', fields, local), data: local });
      } else {
        writeSyncRow(db, table, row.gid, merged);
        if (Object.keys(fields).length > 0) conflict('field', fields, local);
      }
    }
    setShadow(db, row.gid, next);
  };

  const attempt = (row: ServerRow): 'done' | 'missing' => {
    try {
      applyOne(row);
      return 'done';
    } catch (error) {
      if (error instanceof MissingParent) return 'missing';
      if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
        // Same name as a row of this library (two people made the actor "Munir" apart):
        // shown, not merged silently.
        if (hasOpenConflict(db, row.gid, 'not-applied')) {
          db.prepare("UPDATE team_conflict SET theirs = ? WHERE row_gid = ? AND kind = 'not-applied' AND resolved_at IS NULL").run(JSON.stringify(row.data), row.gid);
        } else {
          conflicts += 1;
          recordConflict(db, { table: row.tbl, gid: row.gid, kind: 'not-applied', fields: {}, mine: null, theirs: row.data, theirAuthor: row.author });
        }
        setShadow(db, row.gid, { table: row.tbl, version: Number(row.version), createdBy: row.created_by, author: row.author, deleted: row.deleted, data: row.deleted ? null : row.data });
        return 'done';
      }
      throw error;
    }
  };

  mutate(db, { label: `Sync: ${rows.length} change${rows.length === 1 ? '' : 's'} from the team`, origin: 'sync' }, (writable) => {
    // A row whose parent comes later in the same pull waits for it.
    let pending = live;
    while (pending.length > 0) {
      const missing = pending.filter((row) => attempt(row) === 'missing');
      if (missing.length === pending.length) {
        for (const row of missing) {
          conflicts += 1;
          recordConflict(db, { table: row.tbl, gid: row.gid, kind: 'not-applied', fields: {}, mine: null, theirs: row.data, theirAuthor: row.author });
          setShadow(db, row.gid, { table: row.tbl, version: Number(row.version), createdBy: row.created_by, author: row.author, deleted: false, data: row.data });
        }
        break;
      }
      pending = missing;
    }
    for (const row of gone) attempt(row);
    anchors.apply(writable);
    setMeta(db, 'last_version', target);
  });

  // Conflicted copies are this member's own work: made as local changes, so they are pushed.
  for (const copy of copies) {
    const gid = newGid();
    const now = new Date().toISOString();
    const title = `${String(copy.data.title ?? 'Untitled')} (conflicted copy, ${getMeta(db, 'member') ?? 'mine'})`;
    mutate(db, { label: `Keep your version of “${String(copy.data.title ?? '')}” as a conflicted copy`, origin: options.localOrigin ?? 'cli' }, () => {
      writeSyncRow(db, tableOf(db, 'note'), gid, { ...copy.data, title, created_at: now, updated_at: now });
    });
    db.prepare('UPDATE team_conflict SET copy_gid = ? WHERE id = ?').run(gid, copy.conflictId);
  }
  return conflicts;
}

// ---------------------------------------------------------------- push

/** Rows touched by change sets this library made and has not pushed, and the last such change set. */
function candidates(db: Db): { rows: { table: string; gid: string }[]; through: number } {
  const pushedThrough = Number(getMeta(db, 'pushed_through') ?? 0);
  const through = Number(db.prepare('SELECT coalesce(max(id), 0) FROM change_set').pluck().get());
  const rows = new Map<string, { table: string; gid: string }>();
  if (getMeta(db, 'full_scan') === '1') {
    // Joining with a library that has its own content: all of it is new to the team.
    for (const table of syncTables(db).values()) {
      for (const gid of db.prepare(`SELECT gid FROM "${table.name}"`).pluck().all() as string[]) rows.set(gid, { table: table.name, gid });
    }
  }
  const changed = db
    .prepare(
      `SELECT DISTINCT rc.table_name AS "table", rc.row_gid AS gid FROM row_change rc JOIN change_set cs ON cs.id = rc.change_set_id
       WHERE cs.id > ? AND cs.origin <> 'sync'`,
    )
    .all(pushedThrough) as { table: string; gid: string }[];
  for (const row of changed) rows.set(row.gid, row);
  return { rows: [...rows.values()], through };
}

async function push(
  db: Db,
  server: Counter,
  url: TeamUrl,
  role: string,
  libraryId: string,
  options: SyncOptions,
): Promise<{ outcome: 'done' | 'stale'; rows: number; refused: number }> {
  const { rows: touched, through } = candidates(db);
  const tables = syncTables(db);
  const payload: PushRow[] = [];
  const refused: { table: SyncTable; gid: string; shadow: Shadow | null; local: SyncData | null }[] = [];
  for (const { table: tableName, gid } of touched) {
    const table = tables.get(tableName);
    if (!table) continue;
    const local = readSyncRow(db, table, gid);
    const shadow = getShadow(db, gid);
    if (!isDirty(local, shadow)) continue;
    if (shadow === null && local === null) continue;
    const mayWrite = role === 'owner' || (role === 'editor' && (shadow === null || shadow.createdBy === url.user));
    if (!mayWrite) {
      // A teammate's highlight re-anchored here after a correction of the text: every
      // library re-anchors its own copy when the correction reaches it, so it stays local.
      if (onlyReanchored(tableName, local, shadowData(shadow))) continue;
      refused.push({ table, gid, shadow, local });
      continue;
    }
    payload.push({ table: tableName, gid, base: shadow ? shadow.version : null, createdBy: shadow?.createdBy ?? null, data: local });
  }
  if (refused.length > 0) revertRefused(db, refused);
  if (payload.length === 0) {
    setMeta(db, 'pushed_through', through);
    setMeta(db, 'full_scan', 0);
    return { outcome: 'done', rows: 0, refused: refused.length };
  }

  const outbox: Outbox = { batch: randomUUID(), through, rows: payload };
  db.prepare('DELETE FROM team_outbox').run();
  db.prepare('INSERT INTO team_outbox (batch, through, payload) VALUES (?, ?, ?)').run(outbox.batch, through, JSON.stringify(payload));
  await options.onStep?.('outbox-written');

  // Evidence first, each file once (insert-only and content-addressed: an upload left by an
  // interrupted push is simply found next time). One query asks which files the server
  // lacks; they go up in batches of a few megabytes.
  const files = new Set<string>();
  for (const row of payload) {
    if (row.base !== null || row.data === null) continue;
    for (const hashColumn of Object.values(BLOB_HASH[row.table] ?? {})) files.add(row.data[hashColumn] as string);
  }
  if (files.size > 0) {
    const present = await server.query<{ sha256: string }>('SELECT sha256 FROM casefile.blob WHERE library_id = $1 AND sha256 = ANY($2)', [libraryId, [...files.keys()]]);
    for (const { sha256 } of present.rows) files.delete(sha256);
    let batch: { sha: string; bytes: Buffer }[] = [];
    let size = 0;
    const upload = async () => {
      if (batch.length === 0) return;
      await server.query(
        'INSERT INTO casefile.blob (library_id, sha256, bytes) SELECT $1, x.sha, x.bytes FROM unnest($2::text[], $3::bytea[]) AS x(sha, bytes) ON CONFLICT DO NOTHING',
        [libraryId, batch.map((f) => f.sha), batch.map((f) => f.bytes)],
      );
      batch = [];
      size = 0;
    };
    for (const sha of files) {
      // Uncompressed and checked against its SHA-256 (refused with EVIDENCE_CORRUPT when it is not the evidence).
      const bytes = findOriginalBytesBySha256(db, sha)!;
      batch.push({ sha, bytes });
      size += bytes.length;
      if (size > 8_000_000) await upload();
    }
    await upload();
  }

  const label = labelOf(db, through);
  await server.query('BEGIN');
  try {
    const bumped = await server.query<{ version: string }>('UPDATE casefile.library SET version = version + 1 WHERE id = $1 RETURNING version', [libraryId]);
    if (bumped.rows.length === 0) throw new AppError('TEAM_REFUSED', `"${url.user}" may not change the team library "${url.library}".`);
    const version = Number(bumped.rows[0]!.version);
    const recorded = await server.query(
      'INSERT INTO casefile.change_set (library_id, gid, version, author, label, row_count) VALUES ($1, $2, $3, current_user, $4, $5) ON CONFLICT DO NOTHING',
      [libraryId, outbox.batch, version, label, payload.length],
    );
    if (recorded.rowCount === 0) {
      // Cannot happen for a fresh batch id; finishOutbox handles a retried one.
      await server.query('ROLLBACK');
      return { outcome: 'stale', rows: 0, refused: refused.length };
    }
    const inserts = payload.filter((r) => r.base === null);
    const updates = payload.filter((r) => r.base !== null);
    for (let i = 0; i < inserts.length; i += CHUNK) {
      const chunk = inserts.slice(i, i + CHUNK);
      const result = await server.query(
        `INSERT INTO casefile.row (library_id, gid, tbl, version, created_by, author, deleted, data, change_set)
         SELECT $1, x.gid, x.tbl, $2, current_user, current_user, x.data IS NULL, x.data, $3
         FROM jsonb_to_recordset($4::jsonb) AS x(gid uuid, tbl text, data jsonb)
         ON CONFLICT (library_id, gid) DO NOTHING`,
        [libraryId, version, outbox.batch, JSON.stringify(chunk.map((r) => ({ gid: r.gid, tbl: r.table, data: r.data })))],
      );
      if (result.rowCount !== chunk.length) return await stale(server, db);
    }
    for (let i = 0; i < updates.length; i += CHUNK) {
      const chunk = updates.slice(i, i + CHUNK);
      const result = await server.query(
        `UPDATE casefile.row r SET version = $2, author = current_user, deleted = x.data IS NULL, data = x.data, change_set = $3
         FROM jsonb_to_recordset($4::jsonb) AS x(gid uuid, base bigint, data jsonb)
         WHERE r.library_id = $1 AND r.gid = x.gid AND r.version = x.base`,
        [libraryId, version, outbox.batch, JSON.stringify(chunk.map((r) => ({ gid: r.gid, base: r.base, data: r.data })))],
      );
      if (result.rowCount !== chunk.length) return await stale(server, db);
    }
    await server.query('SELECT pg_notify($1, $2)', [channelOf(libraryId), String(version)]);
    await server.query('COMMIT');
    await options.onStep?.('pushed-before-ack');
    acknowledge(db, outbox, version, url.user);
    return { outcome: 'done', rows: payload.length, refused: refused.length };
  } catch (error) {
    await server.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** The server moved on since the last pull: nothing of this push was applied. */
async function stale(server: Counter, db: Db): Promise<{ outcome: 'stale'; rows: 0; refused: 0 }> {
  await server.query('ROLLBACK');
  db.prepare('DELETE FROM team_outbox').run();
  return { outcome: 'stale', rows: 0, refused: 0 };
}

/** The LISTEN/NOTIFY channel of one team library. */
export function channelOf(libraryId: string): string {
  return `casefile_${libraryId.replaceAll('-', '')}`;
}

function labelOf(db: Db, through: number): string {
  const label = db.prepare("SELECT label FROM change_set WHERE id <= ? AND origin <> 'sync' ORDER BY id DESC LIMIT 1").pluck().get(through) as string | undefined;
  return label ?? 'Changes';
}

/** A push the server committed: the shadows become what was pushed, and the outbox empties. */
function acknowledge(db: Db, outbox: Outbox, version: number, me: string): void {
  db.transaction(() => {
    for (const row of outbox.rows) {
      setShadow(db, row.gid, { table: row.table, version, createdBy: row.createdBy ?? me, author: me, deleted: row.data === null, data: row.data });
    }
    db.prepare('DELETE FROM team_outbox WHERE batch = ?').run(outbox.batch);
    setMeta(db, 'pushed_through', Math.max(outbox.through, Number(getMeta(db, 'pushed_through') ?? 0)));
    setMeta(db, 'full_scan', 0);
  }).immediate();
}

/**
 * A push interrupted before its acknowledgement: if the server has its batch, it was
 * applied (acknowledge it now); if not, nothing of it was (forget it; the change log still
 * has its changes and the next push sends them).
 */
async function finishOutbox(db: Db, server: Counter, libraryId: string): Promise<void> {
  const row = db.prepare('SELECT batch, through, payload FROM team_outbox').get() as { batch: string; through: number; payload: string } | undefined;
  if (!row) return;
  const found = await server.query<{ version: string; author: string }>('SELECT version, author FROM casefile.change_set WHERE library_id = $1 AND gid = $2', [libraryId, row.batch]);
  if (found.rows.length > 0) {
    acknowledge(db, { batch: row.batch, through: row.through, rows: JSON.parse(row.payload) as PushRow[] }, Number(found.rows[0]!.version), found.rows[0]!.author);
  } else {
    db.prepare('DELETE FROM team_outbox').run();
  }
}

/** Changes this member's role does not allow go back to the server's version, said as conflicts. */
function revertRefused(db: Db, refused: { table: SyncTable; gid: string; shadow: Shadow | null; local: SyncData | null }[]): void {
  const fresh = refused.filter((r) => !hasOpenConflict(db, r.gid, 'refused'));
  if (fresh.length === 0) return;
  mutate(db, { label: 'Sync: undo changes your team role does not allow', origin: 'sync' }, () => {
    // Parents back first, so restored children find them.
    const order = [...syncTables(db).keys()];
    fresh.sort((a, b) => order.indexOf(a.table.name) - order.indexOf(b.table.name));
    for (const r of fresh) {
      const theirs = shadowData(r.shadow);
      try {
        // A row of your own the team never had stays here (your private work), listed.
        if (theirs !== null) writeSyncRow(db, r.table, r.gid, theirs, r.local === null ? localBlobs(db, r.table, theirs, new Map()) : {});
        else if (r.shadow !== null && r.local !== null) deleteSyncRow(db, r.table, r.gid);
      } catch (error) {
        if (!(error instanceof MissingParent)) throw error;
      }
      recordConflict(db, { table: r.table.name, gid: r.gid, kind: 'refused', fields: {}, mine: r.local, theirs, theirAuthor: r.shadow?.author ?? null });
    }
  });
}
