// Near-copies of a story: found when an article is stored, and grouped into one report
// once the researcher confirms them. Nothing merges silently: the same text from another outlet or
// address is recorded as another appearance of the article (evidence kept), and a text
// that is only similar is imported as its own article with a "probably the same story"
// link that the researcher confirms or dismisses.
import * as repo from '../../db/repositories/stories.ts';
import { anchorText } from '../../db/repositories/annotations.ts';
import type { Db } from '../../db/open.ts';
import { jaccard, shingleHashes } from '../../db/minhash.ts';

/**
 * Word 5-gram similarity from which two texts are called "probably the same story". A
 * lightly edited wire copy (a new first paragraph, a local headline) scores 0.6–0.95;
 * two reports of the same event written apart share few 5-word runs and score under 0.2.
 */
export const SAME_STORY_MIN_SIMILARITY = 0.5;

export interface NearCopy {
  articleId: number;
  similarity: number;
}

/**
 * After a new article is stored: records its bands and links it to the articles that are
 * probably the same story (checked on the texts, not only estimated), leaving out
 * `exclude` (the article it is a new version of). Runs inside the caller's transaction.
 */
export function linkNearCopies(db: Db, articleId: number, text: string, bands: readonly number[] | null, now: string, exclude: number | null = null): NearCopy[] {
  if (!bands) return [];
  repo.insertStoryBands(db, articleId, bands);
  const candidates = repo.findStoryCandidates(db, bands, articleId).filter((id) => id !== exclude);
  if (candidates.length === 0) return [];
  const mine = shingleHashes(text);
  const found: NearCopy[] = [];
  for (const other of candidates) {
    const similarity = jaccard(mine, shingleHashes(anchorText(db, other)!));
    if (similarity < SAME_STORY_MIN_SIMILARITY) continue;
    repo.insertStoryLink(db, articleId, other, Math.round(similarity * 1000) / 1000, now);
    found.push({ articleId: other, similarity });
  }
  return found.sort((a, b) => b.similarity - a.similarity);
}
