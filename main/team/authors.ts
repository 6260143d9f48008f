// Who made a record: the team member who created it (the server's created_by, known once
// it synced), else the author of the change set that inserted it here. Shown as a name,
// initials and a colour that is the same for a member everywhere.
import type { MemberBadge } from '../../common/api/methods/team.ts';
import type { Db } from '../db/open.ts';

export function badgeOf(name: string): MemberBadge {
  const parts = name.split(/[\s._-]+/).filter(Boolean);
  const initials = (parts.length > 1 ? `${parts[0]![0]}${parts[1]![0]}` : name.slice(0, 2)).toUpperCase();
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return { name, initials, color: `hsl(${hash % 360} 55% 42%)` };
}

/** The makers of rows of `table` by local id (ids with no known maker are left out). */
export function authorsOf(db: Db, table: 'annotation' | 'note' | 'entity', ids: readonly number[]): Record<number, MemberBadge> {
  const result: Record<number, MemberBadge> = {};
  const hasTeam = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'team_row'").get() !== undefined;
  const rowGid = db.prepare(`SELECT gid FROM "${table}" WHERE id = ?`).pluck();
  const fromTeam = hasTeam ? db.prepare('SELECT created_by FROM team_row WHERE row_gid = ?').pluck() : null;
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
    if (name) result[id] = badgeOf(name);
  }
  return result;
}
