import { z } from 'zod';
import { Id, method } from '../define.ts';
import type { SerializedDocument } from '../../text/document.ts';

export type TextDirection = 'ltr' | 'rtl';

export interface ArticleSummary {
  id: number;
  title: string;
  outlet: string | null;
  byline: string | null;
  publishedAt: string | null;
  retrievedAt: string;
  language: string | null;
  direction: TextDirection;
  annotationCount: number;
}

export interface ArticleMetadata {
  title: string;
  byline: string | null;
  outlet: string | null;
  url: string | null;
  publishedAt: string | null;
  language: string | null;
  direction: TextDirection;
}

export interface Article extends ArticleMetadata {
  id: number;
  retrievedAt: string;
  createdAt: string;
  updatedAt: string;
  body: SerializedDocument;
  /** Canonical plain text (common/text/flatten.ts): the coordinate system of highlights. */
  text: string;
  textSha256: string;
  original: { type: string; name: string | null; sha256: string; size: number } | null;
  previousVersionId: number | null;
  annotationCount: number;
}

export interface ArticlePage {
  items: ArticleSummary[];
  total: number;
}

export const ArticleSort = z.enum(['retrieved', 'published', 'title']);

export const articleMethods = {
  'articles.list': method<ArticlePage>()(
    z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        sort: ArticleSort.default('retrieved'),
      })
      .strict(),
  ),
  'articles.get': method<Article>()(z.object({ id: Id }).strict()),
};
