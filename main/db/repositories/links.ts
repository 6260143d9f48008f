// Link rows (tags of a highlight, claimants of a claim, aliases of an actor) set as a whole.
import type { WriteDb } from '../handles.ts';

/**
 * Makes the links of one owner exactly `ids`, touching only the links that change: a kept
 * link keeps its global id, and the change log shows what was really added or removed.
 */
export function setLinks(db: WriteDb, table: string, ownerColumn: string, ownerId: number, linkColumn: string, ids: readonly (number | string)[]): void {
  const wanted = JSON.stringify([...new Set(ids)]);
  db.prepare(`DELETE FROM ${table} WHERE ${ownerColumn} = ? AND ${linkColumn} NOT IN (SELECT value FROM json_each(?))`).run(ownerId, wanted);
  db.prepare(
    `INSERT OR IGNORE INTO ${table} (gid, ${ownerColumn}, ${linkColumn})
     SELECT casefile_gid(), ?, value FROM json_each(?) WHERE value NOT IN (SELECT ${linkColumn} FROM ${table} WHERE ${ownerColumn} = ?)`,
  ).run(ownerId, wanted, ownerId);
}
