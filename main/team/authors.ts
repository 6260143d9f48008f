// Who made a record, as the views show it: a name, initials and a colour that is the same
// for a member everywhere. Which member made which row is the makers repository's rule.
import type { MemberBadge } from '../../common/api/methods/team.ts';
import type { ReadDb } from '../db/handles.ts';
import { makerNames, makersOf, type MadeTable } from '../db/repositories/makers.ts';

export function badgeOf(name: string): MemberBadge {
  const parts = name.split(/[\s._-]+/).filter(Boolean);
  const initials = (parts.length > 1 ? `${parts[0]![0]}${parts[1]![0]}` : name.slice(0, 2)).toUpperCase();
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return { name, initials, color: `hsl(${hash % 360} 55% 42%)` };
}

/** The makers of rows of `table` by local id, as badges (ids with no known maker are left out). */
export function authorsOf(db: ReadDb, table: MadeTable, ids: readonly number[]): Record<number, MemberBadge> {
  return Object.fromEntries([...makersOf(db, table, ids)].map(([id, name]) => [id, badgeOf(name)]));
}

/** Everyone who made a record in this library, as badges: the choices of the author filters. */
export function makers(db: ReadDb): MemberBadge[] {
  return makerNames(db).map(badgeOf);
}
