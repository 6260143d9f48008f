// Who made a record: the team member who created it (the team server's created_by, known
// once the row has synced), else the author of the change set that inserted it here. One
// rule, read three ways: the maker of given rows (the "Highlighted by" lines and dossier
// attribution), the rows one maker made (the author filters of search and the claims
// board), and everyone who made something (the choices of those filters).
import type { ReadDb } from '../handles.ts';

/** The tables whose rows show a maker. */
export type MadeTable = 'article' | 'annotation' | 'note' | 'entity';

/** The team's copy of synced rows exists only in a library that joined a team. */
export function sharedWithTeam(db: ReadDb): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'team_row'").get() !== undefined;
}

/** The makers of rows of `table` by local id (ids with no known maker are left out). */
export function makersOf(db: ReadDb, table: MadeTable, ids: readonly number[]): Map<number, string> {
  const result = new Map<number, string>();
  const rowGid = db.prepare(`SELECT gid FROM "${table}" WHERE id = ?`).pluck();
  const fromTeam = sharedWithTeam(db) ? db.prepare('SELECT created_by FROM team_row WHERE row_gid = ?').pluck() : null;
  const fromLog = db
    .prepare(
      `SELECT cs.author FROM row_change rc JOIN change_set cs ON cs.id = rc.change_set_id
       WHERE rc.table_name = ? AND rc.row_gid = ? AND rc.op = 'insert' AND cs.origin <> 'sync' ORDER BY cs.id LIMIT 1`,
    )
    .pluck();
  for (const id of ids) {
    const gid = rowGid.get(id) as string | undefined;
    if (!gid) continue;
    const name = ((fromTeam?.get(gid) as string | undefined) ?? (fromLog.get(table, gid) as string | undefined)) || null;
    if (name) result.set(id, name);
  }
  return result;
}

/**
 * A subquery of the local ids of `table` rows made by the maker named in the parameter
 * `@${param}`, for `id IN (...)` in a larger query; `shared` is sharedWithTeam(db). Read
 * as a set once per query, from indexes: the author's change sets and their row changes,
 * and in a team library the team rows the member created.
 */
export function madeBySql(table: MadeTable, param: string, shared: boolean): string {
  const logged = `SELECT rc.row_gid FROM change_set cs JOIN row_change rc ON rc.change_set_id = cs.id
    WHERE cs.author = @${param} AND cs.origin <> 'sync' AND rc.table_name = '${table}' AND rc.op = 'insert'`;
  const gids = shared
    ? `SELECT row_gid FROM team_row WHERE table_name = '${table}' AND created_by = @${param}
       UNION ${logged} AND rc.row_gid NOT IN (SELECT row_gid FROM team_row)`
    : logged;
  return `(SELECT id FROM "${table}" WHERE gid IN (${gids}))`;
}

/** Everyone who made a record in this library, by name, each once (one change set per edit: thousands share a name). */
export function makerNames(db: ReadDb): string[] {
  const sources = [...(sharedWithTeam(db) ? ['SELECT created_by AS name FROM team_row'] : []), "SELECT author AS name FROM change_set WHERE origin <> 'sync'"];
  return db.prepare(`SELECT DISTINCT name FROM (${sources.join(' UNION ALL ')}) ORDER BY name COLLATE NOCASE`).pluck().all() as string[];
}
