// Re-anchoring an article's highlights in its text as it now reads. Two callers: a
// correction made here (articles.updateText), and a correction that arrives from a teammate
// by sync (main/team/sync/anchors.ts). Both run the same anchoring over the same stored
// selectors, so every member's library reaches the same anchors without shipping them (an
// editor may not write a teammate's highlight, but each library may re-anchor its own copy).
import { anchorAll } from '../../common/anchoring/index.ts';
import type { TextEditResult } from '../../common/api/methods/articles.ts';
import type { WriteDb } from '../db/handles.ts';
import { readArticleAnchors, writeAnchor, type StoredAnchor } from '../db/repositories/annotations.ts';
import { readArticleText } from '../db/repositories/articles.ts';

export type AnchorCounts = TextEditResult['anchors'];
export { readArticleAnchors, type StoredAnchor };

export interface ReanchorOptions {
  /** The highlights as they were anchored before the text changed (default: as stored now). */
  from?: readonly StoredAnchor[];
  /** Do nothing unless some highlight's quote is no longer at its stored place. */
  onlyIfBroken?: boolean;
  /** Highlights not to write (a pull brought them already anchored in this text). */
  keep?: ReadonlySet<number>;
}

/**
 * Re-anchors every highlight of an article (exact quote, fuzzy match, else orphan; an
 * orphan keeps its quote and a clamped range) and writes those whose place or status
 * changed. Returns the counts by status, or null when nothing was re-anchored. Runs inside
 * the caller's `mutate`.
 */
export function reanchorArticle(db: WriteDb, articleId: number, options: ReanchorOptions = {}): AnchorCounts | null {
  const text = readArticleText(db, articleId);
  if (text === null) return null;
  const stored = options.from ?? readArticleAnchors(db, articleId);
  if (options.onlyIfBroken && stored.every((a) => text.startsWith(a.exact, a.start) && a.end === a.start + a.exact.length)) return null;
  const counts: AnchorCounts = { exact: 0, moved: 0, fuzzy: 0, orphan: 0 };
  anchorAll(text, stored).forEach((result, i) => {
    const before = stored[i]!;
    counts[result.status] += 1;
    if (options.keep?.has(before.id)) return;
    const start = Math.min(result.start, Math.max(0, text.length - 1));
    const end = Math.max(start + 1, Math.min(result.end, text.length));
    if (start !== before.start || end !== before.end || result.status !== before.status) writeAnchor(db, before.id, { start, end, status: result.status });
  });
  return counts;
}
