// The one write path. Every change to user data runs inside `mutate`: one transaction
// that records one change set (who, when, where, a label in the user's words) and its
// row changes (table, gid, insert/update/delete, the changed fields before and after).
//
// Row changes are captured by TEMP triggers made on each connection (installChangeCapture),
// not written by each repository: a trigger sees every write, cascades and SET NULLs
// included, so nothing can slip past the log, and a repository cannot forget to record.
// The same triggers refuse a write to a user table made outside `mutate`, in every build:
// a write that would be missing from the log (and so from undo and team sync) fails at once.
// TEMP triggers live only in this connection; other programs opening the file see none.
import { AsyncLocalStorage } from 'node:async_hooks';
import os from 'node:os';
import type { Db } from './db.ts';
import { cachedStatement } from './statements.ts';
import { maintenanceWriteDb, type WriteDb } from './handles.ts';
import { nowIso } from './time.ts';
import { newGid } from '../../common/ids.ts';

/** Where a change set came from. 'undo' and 'redo' name the change set they revert. */
export type Origin = 'window' | 'cli' | 'import' | 'sync' | 'undo' | 'redo';
export type RowOp = 'insert' | 'update' | 'delete';

/** Column values as stored (a BLOB as {"$hex": "..."}): all of them, or the changed ones on update. */
export type RowValues = Record<string, unknown>;

export interface RowChange {
  seq: number;
  table: string;
  gid: string;
  op: RowOp;
  /** null on insert. */
  before: RowValues | null;
  /** null on delete. On insert the large columns (LARGE_COLUMNS) are left out: read them from the row. */
  after: RowValues | null;
}

/** A change_set row. */
export interface ChangeSetRow {
  id: number;
  gid: string;
  at: string;
  author: string;
  device: string;
  label: string;
  origin: Origin;
  reverts: string | null;
}

export interface ChangeSetSummary extends ChangeSetRow {
  rows: RowChange[];
}

export interface MutationMeta<T = unknown> {
  /** What the user did, in their words: "Tag “Munir” as actor" (or made from the result). */
  label: string | ((result: T) => string);
  /**
   * Change sets with the same key made one after another by one caller undo as one step
   * (the keystrokes of one note, saved as the user types).
   */
  coalesce?: string;
  /** Default: the caller's (see `asCaller`), else 'window'. */
  origin?: Origin;
  /** The gid of the change set this one undoes or redoes. */
  reverts?: string | null;
}

/** Who is calling: set by the dispatcher for one API call (a window, the CLI). */
export interface Caller {
  origin: 'window' | 'cli';
  /** Told of every change set recorded during the call (the caller's undo stack). */
  recorded?(db: Db, changeSet: ChangeSetSummary, meta: RecordedMeta): void;
}

const callers = new AsyncLocalStorage<Caller>();

/** Runs `work` (and everything it awaits) as `caller`: its writes carry the caller's origin. */
export function asCaller<T>(caller: Caller, work: () => T): T {
  return callers.run(caller, work);
}

/**
 * Large columns an insert does not copy into the log: the row itself holds them, and an
 * undo of the insert records the whole row (so redo can put it back). Keeps the log small
 * beside a library of imported articles.
 */
export const LARGE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  article: ['body', 'text'],
  article_original: ['bytes'],
  article_appearance: ['original_bytes'],
};

/** Tables that hold no user data although they have a gid (the log itself). */
const NOT_USER_DATA = new Set(['change_set']);

interface Column {
  name: string;
  blob: boolean;
}

interface ConnectionState {
  depth: number;
  tables: Map<string, Column[]>;
  observers: Set<(changeSet: ChangeSetSummary) => void>;
  author: string | null;
  device: string;
}

const connections = new WeakMap<Db, ConnectionState>();

function stateOf(db: Db): ConnectionState {
  const state = connections.get(db);
  if (!state) throw new Error('This connection has no change capture; open libraries with openLibrary().');
  return state;
}

/** Every user-data table: the ones with a gid column, except the log. */
function readUserTables(db: Db): Map<string, Column[]> {
  const names = db.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const tables = new Map<string, Column[]>();
  for (const name of names) {
    if (NOT_USER_DATA.has(name)) continue;
    const info = db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(name) as { name: string; type: string }[];
    if (!info.some((c) => c.name === 'gid')) continue;
    tables.set(
      name,
      info.map((c) => ({ name: c.name, blob: c.type.toUpperCase() === 'BLOB' })),
    );
  }
  return tables;
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function valueExpr(column: Column, row: string): string {
  const ref = `${row}.${quoted(column.name)}`;
  return column.blob ? `CASE WHEN ${ref} IS NULL THEN NULL ELSE json_object('$hex', hex(${ref})) END` : ref;
}

/** `json_object('col', row.col, ...)` over the given columns. */
export function rowJson(columns: readonly Column[], row: string): string {
  return `json_object(${columns.map((c) => `'${c.name}', ${valueExpr(c, row)}`).join(', ')})`;
}

export function userTableColumns(db: Db): ReadonlyMap<string, readonly Column[]> {
  return stateOf(db).tables;
}

/**
 * Makes this connection record every write to a user table, and refuse one outside
 * `mutate`. Also gives SQL `casefile_gid()` (a new UUIDv7) for inserts. Called once per
 * connection, after migrations.
 */
export function installChangeCapture(db: Db): void {
  if (connections.has(db)) return;
  const tables = readUserTables(db);
  const device = (db.prepare("SELECT value FROM library_meta WHERE key = 'device'").pluck().get() as string | undefined) ?? 'unknown';
  const state: ConnectionState = { depth: 0, tables, observers: new Set(), author: null, device };
  connections.set(db, state);
  db.function('casefile_gid', { deterministic: false }, () => newGid());
  db.function('casefile_writing', { deterministic: false }, () => (state.depth > 0 ? 1 : 0));
  const statements = [
    `CREATE TEMP TABLE IF NOT EXISTS cf_capture (
       seq INTEGER PRIMARY KEY, table_name TEXT NOT NULL, row_gid TEXT NOT NULL, op TEXT NOT NULL, before TEXT, after TEXT
     )`,
  ];
  for (const [table, columns] of tables) {
    const large = new Set(LARGE_COLUMNS[table] ?? []);
    const insertColumns = columns.filter((c) => !large.has(c.name));
    const refuse = `SELECT RAISE(ABORT, 'casefile: ${table} was written outside mutate(); every change to user data must be recorded') WHERE casefile_writing() = 0;`;
    const t = quoted(table);
    statements.push(
      `CREATE TEMP TRIGGER cf_${table}_insert AFTER INSERT ON main.${t} BEGIN
         ${refuse}
         INSERT INTO temp.cf_capture (table_name, row_gid, op, before, after) VALUES ('${table}', new.gid, 'insert', NULL, ${rowJson(insertColumns, 'new')});
       END`,
      // Only the changed columns, and nothing at all for an update that changed nothing.
      `CREATE TEMP TRIGGER cf_${table}_update AFTER UPDATE ON main.${t} BEGIN
         ${refuse}
         INSERT INTO temp.cf_capture (table_name, row_gid, op, before, after)
           SELECT '${table}', new.gid, 'update', json_group_object(o.key, o.value), json_group_object(n.key, n.value)
           FROM json_each(${rowJson(columns, 'old')}) o JOIN json_each(${rowJson(columns, 'new')}) n ON n.key = o.key
           WHERE o.value IS NOT n.value OR o.type IS NOT n.type
           HAVING count(*) > 0;
       END`,
      `CREATE TEMP TRIGGER cf_${table}_delete AFTER DELETE ON main.${t} BEGIN
         ${refuse}
         INSERT INTO temp.cf_capture (table_name, row_gid, op, before, after) VALUES ('${table}', old.gid, 'delete', ${rowJson(columns, 'old')}, NULL);
       END`,
    );
  }
  for (const sql of statements) db.exec(sql);
}

/** The name change sets are signed with: `casefile config set author NAME`, else the OS account. */
export function libraryAuthor(db: Db): string {
  const state = stateOf(db);
  if (state.author === null) {
    const stored = db.prepare("SELECT value FROM library_meta WHERE key = 'author'").pluck().get() as string | undefined;
    state.author = stored ?? defaultAuthor();
  }
  return state.author;
}

export function setLibraryAuthor(db: Db, name: string): void {
  db.prepare("INSERT INTO library_meta (key, value) VALUES ('author', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(name);
  stateOf(db).author = name;
}

function defaultAuthor(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    // No account name (some containers): still sign, honestly.
    return 'unknown';
  }
}

export function libraryDevice(db: Db): string {
  return stateOf(db).device;
}

/** Hears every change set this connection records (the library's typed change events). */
export function observeChangeSets(db: Db, observer: (changeSet: ChangeSetSummary) => void): () => void {
  const state = stateOf(db);
  state.observers.add(observer);
  return () => state.observers.delete(observer);
}

export interface Mutation<T> {
  result: T;
  /** null when the work changed nothing (nothing is recorded then). */
  changeSet: ChangeSetSummary | null;
}

/**
 * Runs `work` in one transaction (a savepoint inside a caller's transaction, as a bulk
 * import batches many) and records what it changed as one change set in the same
 * transaction. A `mutate` inside another joins the outer one's change set: one user action,
 * one change set, one undo step. Observers hear of the change set once it is recorded.
 */
export interface RecordedMeta {
  origin: Origin;
  coalesce?: string;
}

export function mutate<T>(db: Db, meta: MutationMeta<T>, work: (db: WriteDb) => T): Mutation<T> {
  const state = stateOf(db);
  // The only place user data gets a handle that may write (see handles.ts).
  const writer = maintenanceWriteDb(db);
  if (state.depth > 0) return { result: db.transaction(() => work(writer))(), changeSet: null };
  const caller = callers.getStore();
  const origin = meta.origin ?? caller?.origin ?? 'window';
  let changeSet: ChangeSetSummary | null = null;
  state.depth += 1;
  try {
    const run = db.transaction(() => {
      const result = work(writer);
      const label = typeof meta.label === 'function' ? meta.label(result) : meta.label;
      changeSet = record(db, state, { label, origin, reverts: meta.reverts ?? null });
      return result;
    });
    // A write transaction from the start: waiting for the lock happens before any work.
    const result = db.inTransaction ? run() : run.immediate();
    if (changeSet) {
      caller?.recorded?.(db, changeSet, { origin, coalesce: meta.coalesce });
      for (const observer of state.observers) observer(changeSet);
    }
    return { result, changeSet };
  } finally {
    state.depth -= 1;
  }
}

/** A captured or logged row change as SQL returns it (JSON still as text). */
export interface StoredRowChange {
  seq: number;
  table_name: string;
  row_gid: string;
  op: RowOp;
  before: string | null;
  after: string | null;
}

function record(db: Db, state: ConnectionState, meta: { label: string; origin: Origin; reverts: string | null }): ChangeSetSummary | null {
  const captured = cachedStatement(db, 'SELECT seq, table_name, row_gid, op, before, after FROM temp.cf_capture ORDER BY seq').all() as StoredRowChange[];
  if (captured.length === 0) return null;
  const gid = newGid();
  const at = nowIso();
  const author = libraryAuthor(db);
  const id = Number(
    cachedStatement(db, 'INSERT INTO change_set (gid, at, author, device, label, origin, reverts) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(gid, at, author, state.device, meta.label, meta.origin, meta.reverts).lastInsertRowid,
  );
  cachedStatement(
    db,
    `INSERT INTO row_change (change_set_id, seq, table_name, row_gid, op, before, after)
     SELECT ?, row_number() OVER (ORDER BY seq), table_name, row_gid, op, before, after FROM temp.cf_capture`,
  ).run(id);
  cachedStatement(db, 'DELETE FROM temp.cf_capture').run();
  const rows = captured.map((row, i) => ({
    seq: i + 1,
    table: row.table_name,
    gid: row.row_gid,
    op: row.op,
    before: row.before === null ? null : (JSON.parse(row.before) as RowValues),
    after: row.after === null ? null : (JSON.parse(row.after) as RowValues),
  }));
  return { id, gid, at, author, device: state.device, label: meta.label, origin: meta.origin, reverts: meta.reverts, rows };
}
