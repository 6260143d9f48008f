// Rows as they travel: a local row's columns as a JSON object keyed by column name, without
// its local integer id, with every local foreign key replaced by the global id of the row
// it points to, so the same row means the same thing in every member's library. Evidence
// bytes travel apart (content-addressed blobs); the row keeps their SHA-256.
//
// The tables, columns and foreign keys are read from the library's own schema (every table
// with a `gid` column is user data), so a table added by a later migration syncs without
// changes here.
import type { Db } from '../../db/open.ts';
import { cachedStatement } from '../../db/statements.ts';
import { COMPRESSED_TEXT_COLUMNS, plainRowValues, storedRowValues } from '../../db/repositories/articles.ts';

export type SyncValue = string | number | null | string[];
export type SyncData = Record<string, SyncValue>;

interface ForeignKey {
  column: string;
  table: string;
  to: string;
}

export interface SyncTable {
  name: string;
  /** The local integer id (an INTEGER PRIMARY KEY that is not a foreign key), never synced. */
  localId: string | null;
  columns: string[];
  foreignKeys: ForeignKey[];
  /** BLOB columns: they travel as content-addressed blobs beside the row. */
  blobs: string[];
}

/** Columns holding a JSON array of local ids of another table. */
const ID_ARRAYS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  dossier: { highlight_tag_ids: 'tag' },
};

/** Rows whose two foreign keys form an unordered pair (stored smaller id first locally). */
const UNORDERED_PAIRS: Readonly<Record<string, readonly [string, string]>> = {
  claim_contradiction: ['claim_a', 'claim_b'],
};

export class MissingParent extends Error {
  readonly table: string;
  readonly gid: string;
  constructor(table: string, gid: string) {
    super(`The ${table} row ${gid} is not in this library.`);
    this.table = table;
    this.gid = gid;
  }
}

const schemas = new WeakMap<Db, Map<string, SyncTable>>();

/** The synced tables, parents before children. */
export function syncTables(db: Db): Map<string, SyncTable> {
  const cached = schemas.get(db);
  if (cached) return cached;
  const names = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'team_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const tables = new Map<string, SyncTable>();
  for (const name of names) {
    const info = db.prepare('SELECT name, type, pk FROM pragma_table_info(?)').all(name) as { name: string; type: string; pk: number }[];
    if (!info.some((c) => c.name === 'gid') || name === 'change_set') continue;
    const foreignKeys = (db.prepare('SELECT "from" AS col, "table" AS tbl, "to" AS dest FROM pragma_foreign_key_list(?)').all(name) as { col: string; tbl: string; dest: string | null }[]).map(
      (fk) => ({ column: fk.col, table: fk.tbl, to: fk.dest ?? 'id' }),
    );
    const pk = info.filter((c) => c.pk > 0);
    const localId =
      pk.length === 1 && pk[0]!.type.toUpperCase() === 'INTEGER' && !foreignKeys.some((fk) => fk.column === pk[0]!.name) ? pk[0]!.name : null;
    tables.set(name, {
      name,
      localId,
      columns: info.map((c) => c.name).filter((c) => c !== 'gid' && c !== localId),
      foreignKeys,
      // A body stored compressed is text all the same: it travels in the row.
      blobs: info.filter((c) => c.type.toUpperCase() === 'BLOB' && !COMPRESSED_TEXT_COLUMNS[name]?.includes(c.name)).map((c) => c.name),
    });
  }
  // Parents first: a table comes after every table it points to (self-references aside).
  const ordered = new Map<string, SyncTable>();
  const visit = (table: SyncTable, path: Set<string>): void => {
    if (ordered.has(table.name) || path.has(table.name)) return;
    path.add(table.name);
    for (const fk of table.foreignKeys) {
      const parent = tables.get(fk.table);
      if (parent && parent.name !== table.name) visit(parent, path);
    }
    ordered.set(table.name, table);
  };
  for (const table of tables.values()) visit(table, new Set());
  schemas.set(db, ordered);
  return ordered;
}

export function tableOf(db: Db, name: string): SyncTable {
  const table = syncTables(db).get(name);
  if (!table) throw new Error(`"${name}" is not a synced table.`);
  return table;
}

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Prepared once per connection (sync runs the same statements thousands of times). */
export const stmt = cachedStatement;

function gidOf(db: Db, table: string, column: string, value: unknown): string {
  const gid = stmt(db, `SELECT gid FROM ${q(table)} WHERE ${q(column)} = ?`).pluck().get(value) as string | undefined;
  if (gid === undefined) throw new MissingParent(table, String(value));
  return gid;
}

function localOf(db: Db, table: string, column: string, gid: string): unknown {
  const row = stmt(db, `SELECT ${q(column)} AS v FROM ${q(table)} WHERE gid = ?`).get(gid) as { v: unknown } | undefined;
  if (row === undefined) throw new MissingParent(table, gid);
  return row.v;
}

/** The row with this gid in sync form, or null when this library does not have it. */
export function readSyncRow(db: Db, table: SyncTable, gid: string): SyncData | null {
  const row = stmt(db, `SELECT * FROM ${q(table.name)} WHERE gid = ?`).get(gid) as Record<string, unknown> | undefined;
  return row ? toSyncData(db, table, row) : null;
}

export function toSyncData(db: Db, table: SyncTable, stored: Record<string, unknown>): SyncData {
  // The wire carries values, not their stored (compressed) form.
  const row = plainRowValues(table.name, stored);
  const data: SyncData = {};
  for (const column of table.columns) {
    if (table.blobs.includes(column)) continue;
    let value = row[column] as SyncValue;
    const fk = table.foreignKeys.find((f) => f.column === column);
    if (fk && value !== null) value = gidOf(db, fk.table, fk.to, value);
    const arrayOf = ID_ARRAYS[table.name]?.[column];
    if (arrayOf && typeof value === 'string') {
      const ids = JSON.parse(value) as number[];
      value = ids.map((id) => gidOf(db, arrayOf, 'id', id));
    }
    if (typeof value === 'bigint') value = Number(value);
    data[column] = value;
  }
  const pair = UNORDERED_PAIRS[table.name];
  if (pair) {
    const [a, b] = [data[pair[0]] as string, data[pair[1]] as string];
    if (a > b) [data[pair[0]], data[pair[1]]] = [b, a];
  }
  return data;
}

/** Local column values for sync data: gids back to this library's integer ids. */
function toLocalValues(db: Db, table: SyncTable, data: SyncData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const column of table.columns) {
    if (!(column in data)) continue;
    let value: unknown = data[column];
    const fk = table.foreignKeys.find((f) => f.column === column);
    if (fk && value !== null) value = localOf(db, fk.table, fk.to, value as string);
    const arrayOf = ID_ARRAYS[table.name]?.[column];
    if (arrayOf && Array.isArray(value)) value = JSON.stringify((value as string[]).map((gid) => localOf(db, arrayOf, 'id', gid)));
    values[column] = value;
  }
  const pair = UNORDERED_PAIRS[table.name];
  if (pair && (values[pair[0]] as number) > (values[pair[1]] as number)) {
    [values[pair[0]], values[pair[1]]] = [values[pair[1]], values[pair[0]]];
  }
  return values;
}

/**
 * Writes sync data into this library (insert or update by gid). `blobs` gives the bytes of
 * BLOB columns for an insert. Must run inside mutate(), like every write.
 */
export function writeSyncRow(db: Db, table: SyncTable, gid: string, data: SyncData, blobs: Record<string, Buffer> = {}): void {
  const exists = stmt(db, `SELECT 1 FROM ${q(table.name)} WHERE gid = ?`).get(gid) !== undefined;
  const values = storedRowValues(db, table.name, exists ? gid : null, { ...toLocalValues(db, table, data), ...(exists ? {} : blobs) });
  const columns = Object.keys(values);
  if (exists) {
    if (columns.length === 0) return;
    stmt(db, `UPDATE ${q(table.name)} SET ${columns.map((c) => `${q(c)} = ?`).join(', ')} WHERE gid = ?`).run(...columns.map((c) => values[c]), gid);
  } else {
    stmt(db, `INSERT INTO ${q(table.name)} (gid, ${columns.map(q).join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`).run(
      gid,
      ...columns.map((c) => values[c]),
    );
  }
}

export function deleteSyncRow(db: Db, table: SyncTable, gid: string): void {
  stmt(db, `DELETE FROM ${q(table.name)} WHERE gid = ?`).run(gid);
}

export function localExists(db: Db, table: SyncTable, gid: string): boolean {
  return stmt(db, `SELECT 1 FROM ${q(table.name)} WHERE gid = ?`).get(gid) !== undefined;
}

/** The gids of rows that point at this one (children through a foreign key), with their tables. */
export function childrenOf(db: Db, table: SyncTable, gid: string): { table: SyncTable; gid: string }[] {
  const children: { table: SyncTable; gid: string }[] = [];
  for (const child of syncTables(db).values()) {
    for (const fk of child.foreignKeys) {
      if (fk.table !== table.name) continue;
      const rows = db
        .prepare(`SELECT c.gid FROM ${q(child.name)} c JOIN ${q(table.name)} p ON c.${q(fk.column)} = p.${q(fk.to)} WHERE p.gid = ?`)
        .pluck()
        .all(gid) as string[];
      for (const g of rows) children.push({ table: child, gid: g });
    }
  }
  return children;
}

/** Key-sorted JSON: the same data always gives the same text. */
export function canonical(data: SyncData | null): string {
  if (data === null) return 'null';
  return JSON.stringify(Object.fromEntries(Object.keys(data).sort().map((k) => [k, data[k]])));
}

export function sameValue(a: SyncValue | undefined, b: SyncValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
