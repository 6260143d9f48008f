import { z } from 'zod';
import { Id, method, shared } from '../define.ts';
import { isSerializedDocument, type SerializedDocument } from '../../text/document.ts';
import { TITLE_MAX_LENGTH } from '../limits.ts';

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
  /** The global id (UUIDv7): the same in every library this article travels to. */
  gid: string;
  retrievedAt: string;
  createdAt: string;
  updatedAt: string;
  body: SerializedDocument;
  /** Canonical plain text (common/text/flatten.ts): the coordinate system of highlights. */
  text: string;
  textSha256: string;
  original: OriginalFileInfo | null;
  previousVersionId: number | null;
  annotationCount: number;
  /**
   * Every place this text was published, as imported: the article's own first (id null),
   * then each wire copy carried by another outlet or address, with its own original file.
   */
  appearances: ArticleAppearance[];
  /** Near-copies: articles that are probably the same story, suggested, confirmed or dismissed. */
  sameStory: SameStoryLink[];
}

export interface OriginalFileInfo {
  type: string;
  name: string | null;
  sha256: string;
  size: number;
}

export interface ArticleAppearance {
  /** null for the article's own appearance (its metadata and original). */
  id: number | null;
  title: string;
  byline: string | null;
  outlet: string | null;
  url: string | null;
  publishedAt: string | null;
  retrievedAt: string;
  original: OriginalFileInfo | null;
}

export const SAME_STORY_STATUSES = ['suggested', 'confirmed', 'dismissed'] as const;
export type SameStoryStatus = (typeof SAME_STORY_STATUSES)[number];

export interface SameStoryLink {
  articleId: number;
  title: string;
  outlet: string | null;
  publishedAt: string | null;
  /** Jaccard similarity of the two texts' word 5-grams (0–1). */
  similarity: number;
  status: SameStoryStatus;
}

/**
 * Where a page of the library list ended: the last row's sort key (its retrieved or
 * published date, or its title) and id. Passed back as `after`, it gives the next page
 * by seek (keyset), so pages stay in order while articles come and go, and page 200 of
 * 100,000 articles costs what page 1 does.
 */
export interface ArticleCursor {
  key: string | null;
  id: number;
}

export interface ArticlePage {
  items: ArticleSummary[];
  /** Every article in the library. */
  total: number;
  /** The cursor for the next page (`after`), null when this page was the last. */
  next: ArticleCursor | null;
}

export interface TextEditResult {
  article: Article;
  /** How the article's highlights re-anchored in the new text. */
  anchors: Record<'exact' | 'moved' | 'fuzzy' | 'orphan', number>;
}

const Text = (max: number) => z.string().trim().max(max);
const OptionalText = (max: number) => Text(max).nullable().optional();

export const ArticleMetadataPatch = shared(() => z
  .object({
    title: Text(TITLE_MAX_LENGTH).min(1).optional(),
    byline: OptionalText(1_000),
    outlet: OptionalText(500),
    url: z.url({ protocol: /^https?$/ }).max(8_000).nullable().optional(),
    publishedAt: z.iso.date().or(z.iso.datetime({ offset: true })).nullable().optional(),
    language: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language code like en or ur').nullable().optional(),
    direction: z.enum(['ltr', 'rtl']).optional(),
  })
  .strict());

export const ArticleSort = shared(() => z.enum(['retrieved', 'published', 'title']));

export const articleMethods = {
  'articles.list': method<ArticlePage>()(() =>
    z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        sort: ArticleSort().default('retrieved'),
        /**
         * Only articles whose title or outlet holds every word typed, the last one
         * possibly the start of a word (search as you type: quotes and operators are
         * plain words). `total` still counts the whole library.
         */
        text: z.string().max(300).optional(),
        /** The page after this one (its `next`): rows that sort after it, in the same sort. */
        after: z.object({ key: z.string().max(1_000_000).nullable(), id: Id() }).strict().optional(),
      })
      .strict()
      .refine((input) => !(input.after && input.offset > 0), 'give either offset or after, not both'),
  ),
  'articles.get': method<Article>()(() => z.object({ id: Id() }).strict()),
  /**
   * The researcher's answer to "probably the same story": confirmed (the two count as one
   * independent report), dismissed (not asked again), or back to suggested.
   */
  'articles.decideSameStory': method<Article>()(() => z.object({ id: Id(), otherId: Id(), status: z.enum(SAME_STORY_STATUSES) }).strict()),
  'articles.updateMetadata': method<Article>()(() => z.object({ id: Id(), metadata: ArticleMetadataPatch() }).strict()),
  /** Corrects an article's text ("Edit text"); every highlight is re-anchored in the new text. */
  'articles.updateText': method<TextEditResult>()(() =>
    z
      .object({
        id: Id(),
        body: z.custom<SerializedDocument>((v) => isSerializedDocument(v), 'must be a Casefile document (Lexical JSON)'),
      })
      .strict(),
  ),
};
