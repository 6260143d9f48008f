// Articles: storing a converted article with its evidence, listing and reading them.
import { AppError } from '../../common/api/errors.ts';
import { canonicalText } from '../../common/text/document.ts';
import type { Article, ArticlePage, TextEditResult } from '../../common/api/methods/articles.ts';
import { reanchorArticle, type AnchorCounts } from './anchors.ts';
import type { ParsedInput } from '../../common/api/contract.ts';
import * as repo from '../db/repositories/articles.ts';
import * as stories from '../db/repositories/stories.ts';
import { linkNearCopies, type NearCopy } from './stories/near-copies.ts';
import { isPrepared, prepareCandidate, storyBands } from './import/prepare.ts';
import { sha256Hex } from '../db/sha256.ts';
import type { ImportCandidate, PreparedCandidate } from './import/types.ts';
import type { Library } from './library-handle.ts';
import { mutate } from '../db/mutation.ts';
import { nowIso } from '../db/time.ts';
import { quoted } from '../../common/text/quote.ts';
import { typedWords } from './typeahead.ts';

export interface StoredArticle {
  id: number;
  /** Set when the same original file, or the same text from the same outlet and address, was already in the library: nothing new was stored. */
  duplicateOf: number | null;
  /**
   * Set when the same text was already there from another outlet or address (a wire copy):
   * recorded as another appearance of that article, with its own original file as evidence.
   */
  appearanceOf: number | null;
  /** Set when an article from the same URL with different text was there: this one is its new version. */
  versionOf: number | null;
  /** Articles this new one is probably the same story as (near-copies), for the researcher to confirm or dismiss. */
  probablySameAs: NearCopy[];
}

/**
 * Stores one converted article and its original file in one transaction (a savepoint
 * when the caller batches several in an outer transaction). Re-importing the same
 * file, or the same text from the same outlet and address, reports a duplicate; the same
 * text from another outlet or address is kept as another appearance of the article (wire
 * copies are evidence); the same URL with a different text becomes a new version linked
 * to the latest one; a near-copy of a story is stored as its own article and linked as
 * probably the same story. Callers announce the change (once per batch, so a bulk import
 * does not flood the renderer). A candidate the conversion worker already prepared (text,
 * hashes, body JSON, story bands) is stored as it is.
 */
export function storeArticle(library: Library, candidate: ImportCandidate | PreparedCandidate, retrievedAt = nowIso()): StoredArticle {
  const prepared = isPrepared(candidate) ? candidate : prepareCandidate(candidate);
  const { text, textSha256, original, metadata } = prepared;
  if (!/\S/.test(text)) {
    throw new AppError('IMPORT_FAILED', `${original.name ?? 'The pasted text'} has no readable text.`);
  }
  const { db } = library;
  // One change set per article, even inside an import's batch transaction.
  const label = (result: StoredArticle): string =>
    result.appearanceOf !== null ? `Keep ${quoted(metadata.title, 60)} from ${metadata.outlet ?? metadata.url ?? 'another address'} as another appearance` : `Import ${quoted(metadata.title, 60)}`;
  const { result: stored } = mutate(db, { label, origin: 'import' }, (): StoredArticle => {
    const none = { duplicateOf: null, appearanceOf: null, versionOf: null, probablySameAs: [] };
    const sameFile = repo.findArticleIdByOriginalSha256(db, original.sha256) ?? stories.findArticleIdByAppearanceSha256(db, original.sha256);
    if (sameFile !== null) return { ...none, id: sameFile, duplicateOf: sameFile };
    const sameText = repo.findArticleIdByTextSha256(db, textSha256);
    if (sameText !== null) {
      if (stories.hasAppearance(db, sameText, metadata.url, metadata.outlet)) return { ...none, id: sameText, duplicateOf: sameText };
      stories.insertAppearance(db, sameText, { ...metadata, retrievedAt, original }, nowIso());
      return { ...none, id: sameText, appearanceOf: sameText };
    }
    const versionOf = metadata.url ? repo.findLatestArticleIdByUrl(db, metadata.url) : null;
    const now = nowIso();
    const id = repo.insertArticle(db, { ...metadata, retrievedAt, body: prepared.storedBody, text, textSha256, previousVersionId: versionOf, original }, now);
    // A new version of the same address is the same story by definition; it is not suggested.
    const probablySameAs = linkNearCopies(db, id, text, prepared.storyBands, now, versionOf);
    return { ...none, id, versionOf, probablySameAs };
  });
  return stored;
}

/** The researcher's answer to "probably the same story" (confirmed ones count as one report). */
export function decideSameStory(library: Library, input: ParsedInput<'articles.decideSameStory'>): Article {
  const verb = { confirmed: 'Confirm', dismissed: 'Dismiss', suggested: 'Undecide' }[input.status];
  const { result: changed } = mutate(library.db, { label: `${verb} articles ${input.id} and ${input.otherId} as the same story` }, () =>
    stories.setStoryLinkStatus(library.db, input.id, input.otherId, input.status, nowIso()),
  );
  if (!changed) throw new AppError('NOT_FOUND', `Articles ${input.id} and ${input.otherId} are not linked as probably the same story.`);
  return getArticle(library, input.id);
}

export function listArticles(library: Library, input: ParsedInput<'articles.list'>): ArticlePage {
  const words = input.text ? typedWords(library.db, input.text, { entities: false }) : [];
  const { items, next } = repo.listArticlesPage(library.db, { ...input, words });
  return { items, total: repo.countArticles(library.db), next };
}

export function getArticle(library: Library, id: number): Article {
  const article = repo.getArticle(library.db, id);
  if (!article) throw new AppError('NOT_FOUND', `There is no article ${id} in this library.`);
  return article;
}

export function updateArticleMetadata(library: Library, input: ParsedInput<'articles.updateMetadata'>): Article {
  const current = getArticle(library, input.id);
  const next = { ...current, ...input.metadata };
  mutate(library.db, { label: `Edit the details of ${quoted(current.title, 60)}` }, (db) => repo.writeArticleMetadata(db, input.id, next, nowIso()));
  return getArticle(library, input.id);
}

/**
 * Replaces an article's text (a correction) and re-anchors every highlight in the new
 * text: stored position, exact quote, fuzzy match, else orphan. Orphans are kept with
 * their quote; nothing is dropped or silently moved.
 */
export function updateArticleText(library: Library, input: ParsedInput<'articles.updateText'>): TextEditResult {
  const article = getArticle(library, input.id);
  const text = canonicalText(input.body);
  if (text.trim().length === 0) throw new AppError('INVALID_INPUT', 'An article cannot be left without text.');
  const anchors: AnchorCounts = { exact: 0, moved: 0, fuzzy: 0, orphan: 0 };
  mutate(library.db, { label: `Correct the text of ${quoted(article.title, 60)}` }, (db) => {
    repo.writeArticleText(db, input.id, { bodyJson: JSON.stringify(input.body), text, textSha256: sha256Hex(text) }, nowIso());
    // Near-copies are found by the text as it now reads.
    stories.replaceStoryBands(db, input.id, storyBands(text));
    Object.assign(anchors, reanchorArticle(db, input.id));
  });
  return { article: getArticle(library, input.id), anchors };
}
