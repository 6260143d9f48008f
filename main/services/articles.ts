// Articles: storing a converted article with its evidence, listing and reading them.
import { createHash } from 'node:crypto';
import { AppError } from '../../common/api/errors.ts';
import { canonicalText } from '../../common/text/document.ts';
import type { Article, ArticlePage } from '../../common/api/methods/articles.ts';
import type { ParsedInput } from '../../common/api/contract.ts';
import * as repo from '../db/repositories/articles.ts';
import type { ImportCandidate } from './import/types.ts';
import type { Library } from './library.ts';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function nowIso(): string {
  return new Date().toISOString();
}

export interface StoredArticle {
  id: number;
  /** Set when the same text was already in the library: nothing new was stored. */
  duplicateOf: number | null;
}

/**
 * Stores one converted article and its original file in one transaction. An article
 * whose canonical text is already in the library is reported as a duplicate.
 */
export function storeArticle(library: Library, candidate: ImportCandidate, retrievedAt = nowIso()): StoredArticle {
  const text = canonicalText(candidate.body);
  if (text.trim().length === 0) {
    throw new AppError('IMPORT_FAILED', `${candidate.original.name ?? 'The pasted text'} has no readable text.`);
  }
  const textSha256 = sha256Hex(text);
  const stored = library.db.transaction((): StoredArticle => {
    const existing = repo.findArticleIdByTextSha256(library.db, textSha256);
    if (existing !== null) return { id: existing, duplicateOf: existing };
    const id = repo.insertArticle(
      library.db,
      {
        ...candidate.metadata,
        retrievedAt,
        body: candidate.body,
        text,
        textSha256,
        previousVersionId: null,
        original: { ...candidate.original, sha256: sha256Hex(candidate.original.bytes) },
      },
      nowIso(),
    );
    return { id, duplicateOf: null };
  })();
  if (stored.duplicateOf === null) library.events.emit('library.changed', { reason: 'article-added' });
  return stored;
}

export function listArticles(library: Library, input: ParsedInput<'articles.list'>): ArticlePage {
  return { items: repo.listArticles(library.db, input), total: repo.countArticles(library.db) };
}

export function getArticle(library: Library, id: number): Article {
  const article = repo.getArticle(library.db, id);
  if (!article) throw new AppError('NOT_FOUND', `There is no article ${id} in this library.`);
  return article;
}
