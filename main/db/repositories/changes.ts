// The change log: reverting recorded change sets (undo, redo) and reading them back
// (History). Writes here run inside mutate(), so a revert is itself a recorded change set.
import { AppError } from '../../../common/api/errors.ts';
import type { ReadDb, WriteDb } from '../handles.ts';
import { cachedRead } from '../statements.ts';
import { LARGE_COLUMNS, rowJson, userTableColumns, type ChangeSetRow, type RowOp, type RowValues, type StoredRowChange } from '../mutation.ts';



interface ParsedRowChange {
  table: string;
  gid: string;
  op: RowOp;
  before: RowValues | null;
  after: RowValues | null;
}

export function readChangeSet(db: ReadDb, gid: string): ChangeSetRow | null {
  return (db.prepare('SELECT id, gid, at, author, device, label, origin, reverts FROM change_set WHERE gid = ?').get(gid) as ChangeSetRow | undefined) ?? null;
}

function readRowChanges(db: ReadDb, changeSetIds: readonly number[]): (ParsedRowChange & { changeSetId: number })[] {
  const rows = db
    .prepare(
      `SELECT change_set_id, seq, table_name, row_gid, op, before, after FROM row_change
       WHERE change_set_id IN (SELECT value FROM json_each(?)) ORDER BY change_set_id, seq`,
    )
    .all(JSON.stringify(changeSetIds)) as (StoredRowChange & { change_set_id: number })[];
  return rows.map((r) => ({
    changeSetId: r.change_set_id,
    table: r.table_name,
    gid: r.row_gid,
    op: r.op,
    before: r.before === null ? null : (JSON.parse(r.before) as RowValues),
    after: r.after === null ? null : (JSON.parse(r.after) as RowValues),
  }));
}

function decode(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '$hex' in value) return Buffer.from(String((value).$hex), 'hex');
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What a row is called in a refusal: "highlight 12", "tag 3". */
const ROW_WORDS: Record<string, string> = {
  article: 'article',
  article_original: 'original file of an article',
  entity: 'actor or source',
  entity_alias: 'alias',
  annotation: 'highlight',
  claim_group: 'same-claim group',
  claim: 'claim',
  claim_claimant: 'claimant of a claim',
  claim_source: 'source of a claim',
  claim_contradiction: 'contradiction',
  tag: 'tag',
  annotation_tag: 'tag of a highlight',
  article_tag: 'tag of an article',
  note: 'notebook page',
  note_annotation: 'quote in a notebook page',
  dossier: 'dossier',
  dossier_item: 'dossier item',
  suggestion_dismissal: 'dismissed suggestion',
};

function describeRow(table: string, values: RowValues | null): string {
  const word = ROW_WORDS[table] ?? table;
  const id = values?.id ?? values?.annotation_id;
  const name = values?.name ?? values?.title ?? values?.quote_exact;
  const named = typeof name === 'string' ? ` “${name.length > 40 ? `${name.slice(0, 39)}…` : name}”` : '';
  return `the ${word}${typeof id === 'number' || typeof id === 'string' ? ` ${id}` : ''}${named}`;
}

function lastChangeOf(db: ReadDb, table: string, gid: string): string {
  const last = db
    .prepare(
      `SELECT cs.label, cs.author, cs.at FROM row_change rc JOIN change_set cs ON cs.id = rc.change_set_id
       WHERE rc.table_name = ? AND rc.row_gid = ? ORDER BY cs.id DESC LIMIT 1`,
    )
    .get(table, gid) as { label: string; author: string; at: string } | undefined;
  return last ? ` (last: “${last.label}” by ${last.author} at ${last.at})` : '';
}

/**
 * Puts every row the given change sets touched back as it was before the first of them,
 * applying the inverse of each row change in reverse order (so every constraint that held
 * on the way forward holds on the way back). Runs inside the caller's mutate(). Refuses
 * with HISTORY_CONFLICT, changing nothing, when a row has changed since (elsewhere: another
 * window, the CLI, a teammate) or when the revert would reach rows the change sets did not
 * touch (a highlight added since to a tag being un-created, say).
 */
export function revertChangeSets(db: WriteDb, gids: readonly string[]): void {
  const sets = gids.map((gid) => readChangeSet(db, gid));
  if (sets.some((s) => s === null)) throw new AppError('HISTORY_CONFLICT', 'That step is no longer in this library’s history.');
  const changes = readRowChanges(db, sets.map((s) => s!.id));
  const columns = userTableColumns(db);

  // Where each row stands after the change sets, as far as they recorded it.
  const known = new Map<string, { table: string; gid: string; exists: boolean; values: RowValues }>();
  for (const change of changes) {
    const key = `${change.table}\u0000${change.gid}`;
    const entry = known.get(key) ?? { table: change.table, gid: change.gid, exists: true, values: {} };
    if (change.op === 'delete') {
      entry.exists = false;
      entry.values = {};
    } else {
      entry.exists = true;
      entry.values = { ...entry.values, ...change.after };
    }
    known.set(key, entry);
  }
  for (const entry of known.values()) {
    const tableColumns = columns.get(entry.table);
    if (!tableColumns) throw new AppError('HISTORY_CONFLICT', `That step changed a table this library no longer has (${entry.table}).`);
    const current = db.prepare(`SELECT ${rowJson(tableColumns, 'r')} AS row FROM main."${entry.table}" r WHERE r.gid = ?`).pluck().get(entry.gid) as string | undefined;
    const values = current === undefined ? null : (JSON.parse(current) as RowValues);
    const changed =
      entry.exists !== (values !== null) ||
      (values !== null && Object.entries(entry.values).filter(([column, value]) => !same(values[column], value)).map(([column]) => column));
    if (changed === false || (Array.isArray(changed) && changed.length === 0)) continue;
    const what = Array.isArray(changed) ? ` (${changed.join(', ')})` : values === null ? ' (it was deleted)' : ' (it was made again)';
    throw new AppError(
      'HISTORY_CONFLICT',
      `${capitalise(describeRow(entry.table, values ?? entry.values))} has changed since${what}${lastChangeOf(db, entry.table, entry.gid)}. Nothing was undone.`,
    );
  }

  for (const change of [...changes].reverse()) {
    const table = `main."${change.table}"`;
    if (change.op === 'insert') {
      db.prepare(`DELETE FROM ${table} WHERE gid = ?`).run(change.gid);
    } else if (change.op === 'update') {
      const entries = Object.entries(change.before ?? {});
      db.prepare(`UPDATE ${table} SET ${entries.map(([c]) => `"${c}" = ?`).join(', ')} WHERE gid = ?`).run(...entries.map(([, v]) => decode(v)), change.gid);
    } else {
      const entries = Object.entries(change.before ?? {});
      db.prepare(`INSERT INTO ${table} (${entries.map(([c]) => `"${c}"`).join(', ')}) VALUES (${entries.map(() => '?').join(', ')})`).run(
        ...entries.map(([, v]) => decode(v)),
      );
    }
  }

  // Cascades and SET NULLs reach rows the change sets never touched: refuse rather than
  // take a later change with it.
  const reached = db.prepare('SELECT DISTINCT table_name, row_gid FROM temp.cf_capture').all() as { table_name: string; row_gid: string }[];
  const beyond = reached.find((r) => !known.has(`${r.table_name}\u0000${r.row_gid}`));
  if (beyond) {
    const values = db.prepare('SELECT coalesce(before, after) FROM temp.cf_capture WHERE table_name = ? AND row_gid = ? LIMIT 1').pluck().get(beyond.table_name, beyond.row_gid) as string;
    throw new AppError(
      'HISTORY_CONFLICT',
      `Undoing that would also change ${describeRow(beyond.table_name, JSON.parse(values) as RowValues)}, which was made or changed since${lastChangeOf(db, beyond.table_name, beyond.row_gid)}. Nothing was undone.`,
    );
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// --- History: change sets that touched a record ---------------------------------------

/** Rows that belong to a record, so its history includes them (a highlight's tags, a page's quotes). */
const OWNED: Record<string, readonly { table: string; column: string }[]> = {
  article: [
    { table: 'article_original', column: 'article_id' },
    { table: 'annotation', column: 'article_id' },
    { table: 'article_tag', column: 'article_id' },
    { table: 'suggestion_dismissal', column: 'article_id' },
  ],
  annotation: [
    { table: 'claim', column: 'annotation_id' },
    { table: 'annotation_tag', column: 'annotation_id' },
    { table: 'claim_claimant', column: 'claim_id' },
    { table: 'claim_source', column: 'claim_id' },
    { table: 'claim_contradiction', column: 'claim_a' },
    { table: 'claim_contradiction', column: 'claim_b' },
  ],
  entity: [
    { table: 'entity_alias', column: 'entity_id' },
    { table: 'annotation', column: 'entity_id' },
  ],
  note: [{ table: 'note_annotation', column: 'note_id' }],
  dossier: [{ table: 'dossier_item', column: 'dossier_id' }],
  tag: [],
};

export type HistoryTable = keyof typeof OWNED;

export function isHistoryTable(table: string): table is HistoryTable {
  return Object.hasOwn(OWNED, table);
}

/** The gid of a record by its local id, also when it has been deleted since (from the log). */
export function gidOf(db: ReadDb, table: HistoryTable, id: number): string | null {
  const live = db.prepare(`SELECT gid FROM main."${table}" WHERE id = ?`).pluck().get(id) as string | undefined;
  if (live) return live;
  return (
    (db
      .prepare(`SELECT row_gid FROM row_change WHERE table_name = ? AND json_extract(coalesce(before, after), '$.id') = ? ORDER BY change_set_id DESC LIMIT 1`)
      .pluck()
      .get(table, id) as string | undefined) ?? null
  );
}

export interface LoggedRowChange {
  table: string;
  gid: string;
  op: RowOp;
  /** The changed fields: every field on insert and delete; large ones (article text) shown by size. */
  fields: { name: string; before: unknown; after: unknown }[];
}

export interface LoggedChangeSet extends Omit<ChangeSetRow, 'id'> {
  changes: LoggedRowChange[];
}

const HIDDEN_FIELDS = new Set(['gid']);

function shown(table: string, column: string, value: unknown): unknown {
  if (value === undefined || value === null) return value ?? null;
  if (LARGE_COLUMNS[table]?.includes(column)) {
    const size = typeof value === 'string' ? value.length : typeof value === 'object' && '$hex' in value ? String((value as { $hex: string }).$hex).length / 2 : 0;
    return `(${size.toLocaleString('en')} ${typeof value === 'string' ? 'characters' : 'bytes'})`;
  }
  return value;
}

function fieldsOf(change: ParsedRowChange): LoggedRowChange['fields'] {
  const names = [...new Set([...Object.keys(change.before ?? {}), ...Object.keys(change.after ?? {})])].filter((n) => !HIDDEN_FIELDS.has(n));
  return names.map((name) => ({ name, before: shown(change.table, name, change.before?.[name]), after: shown(change.table, name, change.after?.[name]) }));
}

/**
 * The change sets that touched a record (or every change set when `record` is null),
 * newest first, with their row changes.
 */
export function readHistory(db: ReadDb, record: { table: HistoryTable; id: number } | null, limit: number, author: string | null = null): LoggedChangeSet[] {
  let ids: number[];
  if (record === null) {
    ids = db.prepare('SELECT id FROM change_set WHERE (@author IS NULL OR author = @author) ORDER BY id DESC LIMIT @limit').pluck().all({ author, limit }) as number[];
  } else {
    const gid = gidOf(db, record.table, record.id);
    if (gid === null) return [];
    const clauses = ['(table_name = ? AND row_gid = ?)'];
    const params: unknown[] = [record.table, gid];
    for (const owned of OWNED[record.table] ?? []) {
      // Its rows by gid: the ones there now, and the ones the log saw made or removed with
      // this owner (an update records only what changed, so it is found by the gid).
      clauses.push(
        `(table_name = ? AND row_gid IN (SELECT gid FROM main."${owned.table}" WHERE "${owned.column}" = ?
           UNION SELECT row_gid FROM row_change WHERE table_name = ? AND json_extract(coalesce(before, after), '$.${owned.column}') = ?))`,
      );
      params.push(owned.table, record.id, owned.table, record.id);
    }
    const byAuthor = author === null ? '' : ' AND change_set_id IN (SELECT id FROM change_set WHERE author = ?)';
    ids = db
      .prepare(`SELECT DISTINCT change_set_id FROM row_change WHERE (${clauses.join(' OR ')})${byAuthor} ORDER BY change_set_id DESC LIMIT ?`)
      .pluck()
      .all(...params, ...(author === null ? [] : [author]), limit) as number[];
  }
  if (ids.length === 0) return [];
  const sets = db
    .prepare('SELECT id, gid, at, author, device, label, origin, reverts FROM change_set WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id DESC')
    .all(JSON.stringify(ids)) as ChangeSetRow[];
  const bySet = new Map<number, LoggedRowChange[]>();
  for (const change of readRowChanges(db, ids)) {
    const list = bySet.get(change.changeSetId) ?? [];
    list.push({ table: change.table, gid: change.gid, op: change.op, fields: fieldsOf(change) });
    bySet.set(change.changeSetId, list);
  }
  return sets.map(({ id, ...set }) => ({ ...set, changes: bySet.get(id) ?? [] }));
}

/** One column of a user row found by its gid (undefined when the row is gone). */
export function columnByGid(db: ReadDb, table: string, column: string, gid: string): unknown {
  return cachedRead(db, `SELECT "${column}" FROM main."${table}" WHERE gid = ?`).pluck().get(gid);
}

/** The gid of a user row found by its local id (undefined when the row is gone). */
export function gidById(db: ReadDb, table: string, id: number): string | undefined {
  return cachedRead(db, `SELECT gid FROM main."${table}" WHERE id = ?`).pluck().get(id) as string | undefined;
}

/** Everyone who signed a change set here, with how many, the most active first. */
export function readHistoryAuthors(db: ReadDb): { name: string; changes: number }[] {
  return db.prepare('SELECT author AS name, count(*) AS changes FROM change_set GROUP BY author ORDER BY changes DESC, author').all() as { name: string; changes: number }[];
}
