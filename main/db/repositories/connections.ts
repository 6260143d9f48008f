// How actors connect, as rows: an actor appears in a claim when it is the claim's claimant
// or when an actor highlight naming it lies inside the claim's range in the same article
// (orphaned highlights have no trustworthy range and are left out).
import type { ClaimRole, MapNode } from '../../../common/api/methods/connections.ts';
import type { EntityRef } from '../../../common/api/methods/annotations.ts';
import type { ReadDb } from '../handles.ts';

export interface Appearance {
  claimId: number;
  actorId: number;
  role: ClaimRole;
  /** The actor highlight inside the claim (role 'mentioned'). */
  annotationId: number | null;
}

/** Every actor appearance in the given claims (all claims when null). */
export function appearances(db: ReadDb, claimIds: readonly number[] | null): Appearance[] {
  if (claimIds !== null && claimIds.length === 0) return [];
  const only = (column: string) => (claimIds === null ? '' : `AND ${column} IN (SELECT value FROM json_each(@ids))`);
  return db
    .prepare(
      `SELECT cc.claim_id AS claimId, cc.entity_id AS actorId, 'claimant' AS role, NULL AS annotationId
       FROM claim_claimant cc WHERE 1 ${only('cc.claim_id')}
       UNION ALL
       SELECT ca.id, h.entity_id, 'mentioned', h.id
       FROM annotation ca JOIN annotation h ON h.article_id = ca.article_id
         AND h.start_offset >= ca.start_offset AND h.start_offset < ca.end_offset AND h.end_offset <= ca.end_offset
       WHERE ca.kind = 'claim' AND ca.anchor_status <> 'orphan' ${only('ca.id')}
         AND h.kind = 'actor' AND h.entity_id IS NOT NULL AND h.anchor_status <> 'orphan'`,
    )
    .all(claimIds === null ? {} : { ids: JSON.stringify(claimIds) }) as Appearance[];
}

/** Claims an actor appears in. */
export function claimsOf(db: ReadDb, actorId: number): number[] {
  return db
    .prepare(
      `SELECT claim_id FROM claim_claimant WHERE entity_id = @x
       UNION
       SELECT ca.id FROM annotation h JOIN annotation ca ON ca.article_id = h.article_id
         AND ca.start_offset <= h.start_offset AND h.start_offset < ca.end_offset AND ca.end_offset >= h.end_offset
       WHERE h.entity_id = @x AND h.kind = 'actor' AND h.anchor_status <> 'orphan'
         AND ca.kind = 'claim' AND ca.anchor_status <> 'orphan'`,
    )
    .pluck()
    .all({ x: actorId }) as number[];
}

export function actorRefs(db: ReadDb, ids: Iterable<number>): Map<number, EntityRef> {
  const rows = db
    .prepare(`SELECT id, name FROM entity WHERE kind = 'actor' AND id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify([...ids])) as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, { id: r.id, kind: 'actor', name: r.name, reliability: null }]));
}

/** Actors highlighted or claiming in the articles where actor `actorId` is. */
export function actorsInArticlesOf(db: ReadDb, actorId: number): { articleId: number; actorId: number }[] {
  return db
    .prepare(
      `WITH mine(article_id) AS (
         SELECT article_id FROM annotation WHERE entity_id = @x AND kind = 'actor'
         UNION SELECT n.article_id FROM claim_claimant cc JOIN annotation n ON n.id = cc.claim_id WHERE cc.entity_id = @x)
       SELECT n.article_id AS articleId, n.entity_id AS actorId FROM annotation n
       WHERE n.article_id IN mine AND n.kind = 'actor' AND n.entity_id IS NOT NULL AND n.entity_id <> @x
       UNION
       SELECT n.article_id, cc.entity_id FROM annotation n JOIN claim_claimant cc ON cc.claim_id = n.id
       WHERE n.article_id IN mine AND cc.entity_id <> @x`,
    )
    .all({ x: actorId }) as { articleId: number; actorId: number }[];
}

/** Actors as map nodes, weighted by their highlights and claims. */
export function mapNodes(db: ReadDb, ids: readonly number[]): Omit<MapNode, 'degree'>[] {
  return db
    .prepare(
      `SELECT e.id, e.name,
         (SELECT count(*) FROM annotation WHERE entity_id = e.id) + (SELECT count(*) FROM claim_claimant WHERE entity_id = e.id) AS weight
       FROM entity e WHERE e.id IN (SELECT value FROM json_each(?)) ORDER BY e.id`,
    )
    .all(JSON.stringify(ids)) as Omit<MapNode, 'degree'>[];
}

export function claimGroupLabels(db: ReadDb): Map<number, string> {
  return new Map((db.prepare('SELECT id, label FROM claim_group').all() as { id: number; label: string }[]).map((g) => [g.id, g.label]));
}

export function claimSourceLinks(db: ReadDb): { claimId: number; sourceId: number }[] {
  return db.prepare('SELECT claim_id AS claimId, entity_id AS sourceId FROM claim_source').all() as { claimId: number; sourceId: number }[];
}
