// Actor and source rows, their aliases, and the counts the views show.
import type { ReadDb, WriteDb } from '../handles.ts';
import { setLinks } from './links.ts';
import type { EntityKind, EntitySummary, SourceType } from '../../../common/api/methods/entities.ts';
import type { Reliability } from '../../../common/api/methods/annotations.ts';

interface EntityRow {
  id: number;
  kind: EntityKind;
  name: string;
  source_type: SourceType | null;
  reliability: Reliability | null;
  description: string;
  aliases: string | null;
  mention_count: number;
  claim_count: number;
}

const SELECT = `SELECT e.id, e.kind, e.name, e.source_type, e.reliability, e.description,
    (SELECT json_group_array(alias) FROM (SELECT alias FROM entity_alias WHERE entity_id = e.id ORDER BY alias)) AS aliases,
    (SELECT count(*) FROM annotation WHERE entity_id = e.id) AS mention_count,
    (SELECT count(*) FROM claim_claimant WHERE entity_id = e.id) + (SELECT count(*) FROM claim_source WHERE entity_id = e.id) AS claim_count
  FROM entity e`;

function toSummary(row: EntityRow): EntitySummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    aliases: row.aliases ? (JSON.parse(row.aliases) as string[]) : [],
    sourceType: row.source_type,
    reliability: row.reliability,
    description: row.description,
    mentionCount: row.mention_count,
    claimCount: row.claim_count,
  };
}

/** LIKE pattern matching `text` literally (with \ as the escape character). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function listEntities(db: ReadDb, options: { kind?: EntityKind; query?: string; offset: number; limit: number }): EntitySummary[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.kind) {
    where.push('e.kind = ?');
    params.push(options.kind);
  }
  const query = options.query?.trim();
  if (query) {
    // Type-ahead: the start of the name or alias, or the start of any word in it.
    const start = `${likeLiteral(query)}%`;
    const word = `% ${likeLiteral(query)}%`;
    where.push(`(e.name LIKE ? ESCAPE '\\' OR e.name LIKE ? ESCAPE '\\' OR EXISTS (
      SELECT 1 FROM entity_alias x WHERE x.entity_id = e.id AND (x.alias LIKE ? ESCAPE '\\' OR x.alias LIKE ? ESCAPE '\\')))`);
    params.push(start, word, start, word);
  }
  params.push(options.limit, options.offset);
  const rows = db
    .prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.name COLLATE NOCASE, e.id LIMIT ? OFFSET ?`)
    .all(...params) as EntityRow[];
  return rows.map(toSummary);
}

export function getEntity(db: ReadDb, id: number): EntitySummary | null {
  const row = db.prepare(`${SELECT} WHERE e.id = ?`).get(id) as EntityRow | undefined;
  return row ? toSummary(row) : null;
}

/** Entities of a kind whose name or an alias equals `name` (case-insensitive). */
export function findEntitiesByName(db: ReadDb, kind: EntityKind, name: string): { id: number; name: string; byName: boolean }[] {
  return db
    .prepare(
      `SELECT id, name, 1 AS byName FROM entity WHERE kind = ? AND name = ? COLLATE NOCASE
       UNION
       SELECT e.id, e.name, 0 FROM entity e JOIN entity_alias x ON x.entity_id = e.id WHERE e.kind = ? AND x.alias = ?
       ORDER BY byName DESC`,
    )
    .all(kind, name, kind, name)
    .map((r) => {
      const row = r as { id: number; name: string; byName: number };
      return { id: row.id, name: row.name, byName: row.byName === 1 };
    });
}

export function insertEntity(
  db: WriteDb,
  entity: { kind: EntityKind; name: string; sourceType: SourceType | null; reliability: Reliability | null; description: string },
  now: string,
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO entity (gid, kind, name, source_type, reliability, description, created_at, updated_at)
         VALUES (casefile_gid(), @kind, @name, @sourceType, @reliability, @description, @now, @now)`,
      )
      .run({ ...entity, now }).lastInsertRowid,
  );
}

export function setAliases(db: WriteDb, entityId: number, aliases: readonly string[]): void {
  setLinks(db, 'entity_alias', 'entity_id', entityId, 'alias', aliases);
  // Aliases compare without case, so a kept one may be spelled anew ("munir" → "Munir").
  const respell = db.prepare('UPDATE entity_alias SET alias = @alias WHERE entity_id = @entityId AND alias = @alias AND alias <> @alias COLLATE BINARY');
  for (const alias of aliases) respell.run({ alias, entityId });
}

export function entityName(db: ReadDb, id: number): string | undefined {
  return db.prepare('SELECT name FROM entity WHERE id = ?').pluck().get(id) as string | undefined;
}

export function updateEntityRow(
  db: WriteDb,
  id: number,
  fields: { name: string; sourceType: SourceType | null; reliability: Reliability | null; description: string; updatedAt: string },
): void {
  db.prepare(
    'UPDATE entity SET name = @name, source_type = @sourceType, reliability = @reliability, description = @description, updated_at = @updatedAt WHERE id = @id',
  ).run({ ...fields, id });
}

/**
 * Moves `merge`'s highlights and claims to `keepId`, keeps its source grading where the kept
 * one has none, and deletes it (its aliases are the caller's to carry over).
 */
export function mergeEntityRows(db: WriteDb, keepId: number, merge: { id: number; reliability: Reliability | null; sourceType: SourceType | null }, now: string): void {
  db.prepare('UPDATE annotation SET entity_id = ? WHERE entity_id = ?').run(keepId, merge.id);
  for (const table of ['claim_claimant', 'claim_source']) {
    db.prepare(`INSERT OR IGNORE INTO ${table} (gid, claim_id, entity_id) SELECT casefile_gid(), claim_id, ? FROM ${table} WHERE entity_id = ?`).run(keepId, merge.id);
  }
  db.prepare('UPDATE entity SET reliability = coalesce(reliability, ?), source_type = coalesce(source_type, ?), updated_at = ? WHERE id = ?').run(
    merge.reliability,
    merge.sourceType,
    now,
    keepId,
  );
  db.prepare('DELETE FROM entity WHERE id = ?').run(merge.id);
}

/** The claims an actor claims (claim_claimant) or a source is cited in (claim_source). */
export function claimIdsOf(db: ReadDb, table: 'claim_claimant' | 'claim_source', entityId: number): number[] {
  return db.prepare(`SELECT claim_id FROM ${table} WHERE entity_id = ?`).pluck().all(entityId) as number[];
}

/** Every actor and source, by name: the codebook an export writes. */
export function listEntityRows(db: ReadDb): { id: number; kind: EntityKind; name: string; reliability: Reliability | null; description: string }[] {
  return db.prepare('SELECT id, kind, name, reliability, description FROM entity ORDER BY name COLLATE NOCASE, id').all() as {
    id: number;
    kind: EntityKind;
    name: string;
    reliability: Reliability | null;
    description: string;
  }[];
}

/**
 * Actors and sources whose name or an alias starts with `name`, or has a word starting
 * with it. As typed: LIKE ignores the case of ASCII letters only, as in listEntities.
 */
export function entityIdsNamed(db: ReadDb, name: string): number[] {
  const start = `${likeLiteral(name)}%`;
  const inside = `% ${likeLiteral(name)}%`;
  return db
    .prepare(
      `SELECT id FROM entity WHERE name LIKE @start ESCAPE '\\' OR name LIKE @inside ESCAPE '\\'
       UNION SELECT entity_id FROM entity_alias WHERE alias LIKE @start ESCAPE '\\' OR alias LIKE @inside ESCAPE '\\'`,
    )
    .pluck()
    .all({ start, inside }) as number[];
}
