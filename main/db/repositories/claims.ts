// Claim rows: a claim highlight's credibility, claimants and sources, "same claim" groups,
// and the pairs marked as contradicting. The claims read model itself is the annotations
// one (readAnnotations), so a claim means the same on the board as on a highlight.
import { madeBySql } from './makers.ts';
import type { ReadDb, WriteDb } from '../handles.ts';
import { setLinks } from './links.ts';

/** Makes highlight `annotationId` a claim (kept when it is one already). */
export function ensureClaim(db: WriteDb, annotationId: number): void {
  db.prepare('INSERT OR IGNORE INTO claim (gid, annotation_id) VALUES (casefile_gid(), ?)').run(annotationId);
}

export function setCredibility(db: WriteDb, annotationId: number, credibility: number | null): void {
  db.prepare('UPDATE claim SET credibility = ? WHERE annotation_id = ?').run(credibility, annotationId);
}

export function setClaimEntities(db: WriteDb, table: 'claim_claimant' | 'claim_source', claimId: number, entityIds: readonly number[]): void {
  setLinks(db, table, 'claim_id', claimId, 'entity_id', entityIds);
}

/** The highlight stops being a claim (its claimants, sources and contradictions go with it). */
export function deleteClaim(db: WriteDb, annotationId: number): void {
  db.prepare('DELETE FROM claim WHERE annotation_id = ?').run(annotationId);
}

/** Groups left with one claim or none say nothing about corroboration: remove them. */
export function pruneClaimGroups(db: WriteDb): void {
  db.prepare(
    `UPDATE claim SET group_id = NULL WHERE group_id IN (SELECT group_id FROM claim WHERE group_id IS NOT NULL GROUP BY group_id HAVING count(*) < 2)`,
  ).run();
  db.prepare('DELETE FROM claim_group WHERE id NOT IN (SELECT group_id FROM claim WHERE group_id IS NOT NULL)').run();
}

export function insertClaimGroup(db: WriteDb, createdAt: string): number {
  return Number(db.prepare('INSERT INTO claim_group (gid, created_at) VALUES (casefile_gid(), ?)').run(createdAt).lastInsertRowid);
}

/** Every claim of group `from` joins group `to`. */
export function mergeClaimGroups(db: WriteDb, from: number, to: number): void {
  db.prepare('UPDATE claim SET group_id = ? WHERE group_id = ?').run(to, from);
}

export function setClaimGroup(db: WriteDb, annotationIds: readonly number[], groupId: number | null): void {
  db.prepare('UPDATE claim SET group_id = ? WHERE annotation_id IN (SELECT value FROM json_each(?))').run(groupId, JSON.stringify(annotationIds));
}

/** Contradiction pairs touching `ids` (all of them when null), as an adjacency map. */
export function contradictionsOf(db: ReadDb, ids: readonly number[] | null): Map<number, number[]> {
  const rows = (
    ids === null
      ? db.prepare('SELECT claim_a AS a, claim_b AS b FROM claim_contradiction').all()
      : db
          .prepare(
            `SELECT claim_a AS a, claim_b AS b FROM claim_contradiction
             WHERE claim_a IN (SELECT value FROM json_each(@ids)) OR claim_b IN (SELECT value FROM json_each(@ids))`,
          )
          .all({ ids: JSON.stringify(ids) })
  ) as { a: number; b: number }[];
  const map = new Map<number, number[]>();
  const add = (from: number, to: number) => {
    const list = map.get(from);
    if (list) list.push(to);
    else map.set(from, [to]);
  };
  for (const { a, b } of rows) {
    add(a, b);
    add(b, a);
  }
  return map;
}

export interface ContradictionRow {
  a: number;
  b: number;
  createdAt: string;
}

export function listContradictions(db: ReadDb): ContradictionRow[] {
  return db.prepare('SELECT claim_a AS a, claim_b AS b, created_at AS createdAt FROM claim_contradiction').all() as ContradictionRow[];
}

export function contradictionCreatedAt(db: ReadDb, a: number, b: number): string | undefined {
  return db.prepare('SELECT created_at FROM claim_contradiction WHERE claim_a = ? AND claim_b = ?').pluck().get(a, b) as string | undefined;
}

export function insertContradiction(db: WriteDb, a: number, b: number, createdAt: string): void {
  db.prepare('INSERT OR IGNORE INTO claim_contradiction (gid, claim_a, claim_b, created_at) VALUES (casefile_gid(), ?, ?, ?)').run(a, b, createdAt);
}

/** The number of pairs removed (0 when they were not marked). */
export function deleteContradiction(db: WriteDb, a: number, b: number): number {
  return db.prepare('DELETE FROM claim_contradiction WHERE claim_a = ? AND claim_b = ?').run(a, b).changes;
}

/** Claims in a group, with the group's label. */
export function groupedClaims(db: ReadDb): { id: number; groupId: number; label: string }[] {
  return db.prepare('SELECT c.annotation_id AS id, c.group_id AS groupId, g.label FROM claim c JOIN claim_group g ON g.id = c.group_id').all() as {
    id: number;
    groupId: number;
    label: string;
  }[];
}

/** Whose claims the board shows: everyone's (null), or one member's. */
export type ClaimMaker = { name: string; shared: boolean } | null;

const madeByClause = (maker: ClaimMaker, column: string) => (maker ? ` AND ${column} IN ${madeBySql('annotation', 'author', maker.shared)}` : '');

/** A page of the claims in no group, earliest report first. */
export function ungroupedClaimIds(db: ReadDb, limit: number, offset: number, maker: ClaimMaker = null): number[] {
  return db
    .prepare(
      `SELECT n.id FROM claim c JOIN annotation n ON n.id = c.annotation_id JOIN article a ON a.id = n.article_id
       WHERE c.group_id IS NULL${madeByClause(maker, 'c.annotation_id')} ORDER BY a.published_at IS NULL, a.published_at, a.retrieved_at, n.id LIMIT @limit OFFSET @offset`,
    )
    .pluck()
    .all({ limit, offset, ...(maker ? { author: maker.name } : {}) }) as number[];
}

export function countUngroupedClaims(db: ReadDb, maker: ClaimMaker = null): number {
  return db
    .prepare(`SELECT count(*) FROM claim c WHERE c.group_id IS NULL${madeByClause(maker, 'c.annotation_id')}`)
    .pluck()
    .get(...(maker ? [{ author: maker.name }] : [])) as number;
}

/** The claims one member made, in a group or not. */
export function claimsMadeBy(db: ReadDb, maker: NonNullable<ClaimMaker>): Set<number> {
  return new Set(db.prepare(`SELECT c.annotation_id FROM claim c WHERE 1${madeByClause(maker, 'c.annotation_id')}`).pluck().all({ author: maker.name }) as number[]);
}

/** The claim rows among highlights `ids` (a highlight that is no claim is missing). */
export function claimRows(db: ReadDb, ids: readonly number[]): { id: number; groupId: number | null }[] {
  return db.prepare('SELECT annotation_id AS id, group_id AS groupId FROM claim WHERE annotation_id IN (SELECT value FROM json_each(?)) ORDER BY annotation_id').all(JSON.stringify(ids)) as {
    id: number;
    groupId: number | null;
  }[];
}
