// Typed `library.changed` events, made from the change sets the library records: which
// records changed (kind, global and local id, article), how, and where the change came
// from. Views refetch only what they show from these.
import type { ChangedKind, ChangedRecord, LibraryChanged } from '../../common/api/events.ts';
import type { Db } from '../db/open.ts';
import { observeChangeSets, type ChangeSetSummary, type RowChange } from '../db/mutation.ts';
import type { EventBus } from './events.ts';
import { columnByGid, gidById } from '../db/repositories/changes.ts';
import { articleOfAnnotation } from '../db/repositories/annotations.ts';

/** Which record a row belongs to: its own table, or the column naming its owner. */
const OWNERS: Record<string, { kind: ChangedKind; table: string; column: string }> = {
  article: { kind: 'article', table: 'article', column: 'id' },
  article_original: { kind: 'article', table: 'article', column: 'article_id' },
  article_tag: { kind: 'article', table: 'article', column: 'article_id' },
  annotation: { kind: 'annotation', table: 'annotation', column: 'id' },
  claim: { kind: 'annotation', table: 'annotation', column: 'annotation_id' },
  claim_claimant: { kind: 'annotation', table: 'annotation', column: 'claim_id' },
  claim_source: { kind: 'annotation', table: 'annotation', column: 'claim_id' },
  annotation_tag: { kind: 'annotation', table: 'annotation', column: 'annotation_id' },
  claim_contradiction: { kind: 'contradiction', table: 'annotation', column: 'claim_a' },
  claim_group: { kind: 'claim-group', table: 'claim_group', column: 'id' },
  entity: { kind: 'entity', table: 'entity', column: 'id' },
  entity_alias: { kind: 'entity', table: 'entity', column: 'entity_id' },
  tag: { kind: 'tag', table: 'tag', column: 'id' },
  note: { kind: 'note', table: 'note', column: 'id' },
  note_annotation: { kind: 'note', table: 'note', column: 'note_id' },
  dossier: { kind: 'dossier', table: 'dossier', column: 'id' },
  dossier_item: { kind: 'dossier', table: 'dossier', column: 'dossier_id' },
  suggestion_dismissal: { kind: 'suggestion', table: 'article', column: 'article_id' },
};

function valueOf(row: RowChange, column: string): unknown {
  return row.after?.[column] ?? row.before?.[column];
}

/** The records a change set touched, one entry per record. */
export function changedRecords(db: Db, changeSet: ChangeSetSummary): ChangedRecord[] {
  const records = new Map<string, ChangedRecord>();
  // Rows an update names only by gid (their changed columns may not include the owner).
  const localId = (row: RowChange, column: string): number | null => {
    const value = valueOf(row, column);
    if (typeof value === 'number') return value;
    const found = columnByGid(db, row.table, column, row.gid) as number | null | undefined;
    return found ?? null;
  };
  const articleOf = new Map<number, number | null>();
  for (const row of changeSet.rows) {
    if (row.table === 'annotation') {
      const id = localId(row, 'id');
      const article = valueOf(row, 'article_id');
      if (id !== null && typeof article === 'number') articleOf.set(id, article);
    }
  }
  for (const row of changeSet.rows) {
    const owner = OWNERS[row.table];
    if (!owner) continue;
    const id = localId(row, owner.column);
    if (id === null) continue;
    const own = owner.column === 'id';
    let articleId: number | null = null;
    if (owner.table === 'article') articleId = id;
    else if (owner.table === 'annotation') {
      if (!articleOf.has(id)) articleOf.set(id, articleOfAnnotation(db, id) ?? null);
      articleId = articleOf.get(id) ?? null;
    }
    const key = `${owner.kind}:${id}`;
    const existing = records.get(key);
    const op = own ? row.op : 'update';
    if (existing) {
      // The record's own insert or delete says more than a change to one of its rows.
      if (own && existing.op === 'update') existing.op = op;
      if (own) existing.gid = row.gid;
      continue;
    }
    const gid = own ? row.gid : (gidById(db, owner.table, id) ?? null);
    records.set(key, { kind: owner.kind, gid, id, articleId, op });
  }
  return [...records.values()];
}

/**
 * Announces every change set the library records. An import's change sets (one per
 * article) are gathered into one event per turn of the event loop, so a bulk import does
 * not flood the windows; every other change is announced at once.
 */
export function announceChangeSets(db: Db, events: EventBus): () => void {
  let pending: LibraryChanged | null = null;
  const flush = (): void => {
    const event = pending;
    pending = null;
    if (event) events.emit('library.changed', event);
  };
  return observeChangeSets(db, (changeSet) => {
    const event: LibraryChanged = { origin: changeSet.origin, changeSets: [changeSet.gid], label: changeSet.label, changes: changedRecords(db, changeSet) };
    if (changeSet.origin !== 'import') {
      flush();
      events.emit('library.changed', event);
      return;
    }
    if (pending) {
      pending.changeSets.push(changeSet.gid);
      pending.changes.push(...event.changes);
      pending.label = event.label;
      return;
    }
    pending = event;
    setImmediate(flush);
  });
}
