// Highlights' anchors under sync. Where a highlight sits in its article's text (its offsets
// and anchor status) follows from the text and the highlight's stored quote, so each library
// works it out for itself: after a pull changes an article's text, after a pull brings
// highlights anchored in another version of it, and after a conflict over the text is
// resolved. The same anchoring from the same selectors gives every member the same anchors,
// so a teammate's highlight need not travel when the text it sits in is corrected, which
// matters because an editor who corrects her article may not write a teammate's highlight
// on the server.
import type { Db } from '../../db/open.ts';
import type { WriteDb } from '../../db/handles.ts';
import { readArticleAnchors, reanchorArticle, type StoredAnchor } from '../../services/anchors.ts';
import type { SyncData } from './rows.ts';

/** Columns of `annotation` that re-anchoring writes. */
const ANCHOR_COLUMNS: ReadonlySet<string> = new Set(['start_offset', 'end_offset', 'anchor_status']);

/** A field that may differ on both sides without being a conflict: re-anchoring settles it. */
export function isAnchorField(table: string, field: string): boolean {
  return table === 'annotation' && ANCHOR_COLUMNS.has(field);
}

/** Whether a local row differs from the server's only by where it is anchored. */
export function onlyReanchored(table: string, local: SyncData | null, server: SyncData | null): boolean {
  if (table !== 'annotation' || local === null || server === null) return false;
  const changed = Object.keys(local).filter((key) => JSON.stringify(local[key]) !== JSON.stringify(server[key]));
  return changed.length > 0 && changed.every((key) => ANCHOR_COLUMNS.has(key));
}

/**
 * The re-anchoring a pull (or a resolved conflict) owes. Call `beforeText` before an
 * article's text may be overwritten, `pulled` for each highlight row written, and `apply`
 * after every row is written, inside the same `mutate`.
 */
export class AnchorWork {
  private readonly before = new Map<string, { text: string; anchors: StoredAnchor[] }>();
  private readonly pulledHighlights = new Set<string>();
  private readonly check = new Set<string>();
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Keeps an article's highlights as anchored in its text now, to re-anchor from if the text changes. */
  beforeText(articleGid: string): void {
    if (this.before.has(articleGid)) return;
    const row = this.db.prepare('SELECT id, text FROM article WHERE gid = ?').get(articleGid) as { id: number; text: string } | undefined;
    if (row) this.before.set(articleGid, { text: row.text, anchors: readArticleAnchors(this.db, row.id) });
  }

  /** A highlight row the pull brings; `whole` when it replaces this library's row, anchors included (anchored by whoever wrote it). */
  pulled(annotationGid: string, articleGid: SyncData[string] | undefined, whole: boolean): void {
    if (whole) this.pulledHighlights.add(annotationGid);
    if (typeof articleGid === 'string') this.check.add(articleGid);
  }

  /** `db`: the pull's (or the resolution's) `mutate` handle. */
  apply(db: WriteDb): void {
    const idOf = this.db.prepare('SELECT id, text FROM article WHERE gid = ?');
    // As JSON, not one parameter each: a join pulls tens of thousands of highlights.
    const keep = new Set(
      this.db.prepare('SELECT id FROM annotation WHERE gid IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify([...this.pulledHighlights])) as number[],
    );
    for (const [gid, before] of this.before) {
      const now = idOf.get(gid) as { id: number; text: string } | undefined;
      if (!now || now.text === before.text) continue;
      // The text changed: from the anchors it had, as the member who changed it did.
      reanchorArticle(db, now.id, { from: before.anchors, keep });
      this.check.delete(gid);
    }
    for (const gid of this.check) {
      const now = idOf.get(gid) as { id: number } | undefined;
      if (now) reanchorArticle(db, now.id, { onlyIfBroken: true });
    }
  }
}
