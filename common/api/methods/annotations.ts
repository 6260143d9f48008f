// Highlights and what they stand for: the kind (claim, actor, source, or a plain
// highlight carrying user tags), the quote and its position in the canonical text,
// the actor or source it names, and for claims their claimants, sources, credibility
// and the group of reports that say the same thing.
import { z } from 'zod';
import { Id, method, shared } from '../define.ts';

export const ANNOTATION_KINDS = ['claim', 'actor', 'source', 'highlight'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];
export const AnnotationKindSchema = shared(() => z.enum(ANNOTATION_KINDS));

export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphan';

/** Admiralty scale: how reliable a source has been (A-F) and how credible a claim is (1-6). */
export const RELIABILITY_GRADES = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
} as const;
export type Reliability = keyof typeof RELIABILITY_GRADES;
export const ReliabilitySchema = shared(() => z.enum(['A', 'B', 'C', 'D', 'E', 'F']));

export const CREDIBILITY_GRADES = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
} as const;
export type Credibility = keyof typeof CREDIBILITY_GRADES;
export const CredibilitySchema = shared(() => z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]));

export interface EntityRef {
  id: number;
  kind: 'actor' | 'source';
  name: string;
  reliability: Reliability | null;
}

export interface TagRef {
  id: number;
  name: string;
  color: string | null;
}

export interface CorroboratingReport {
  annotationId: number;
  annotationGid: string;
  articleId: number;
  articleTitle: string;
  outlet: string | null;
  publishedAt: string | null;
  quote: string;
}

export interface ClaimDetails {
  credibility: Credibility | null;
  claimants: EntityRef[];
  sources: EntityRef[];
  /** The "same claim" group, shared by claims in other articles that say the same thing. */
  groupId: number | null;
  /** The other claims in the group (never this one). */
  sameClaims: CorroboratingReport[];
  /**
   * Independent reports other than this one: distinct outlets among the other claims'
   * articles, not counting this article's own outlet (an article with no outlet counts
   * as its own report).
   */
  corroboration: number;
}

export interface Annotation {
  id: number;
  /** The global id (UUIDv7): the same in every library this highlight travels to (team sync, exports). */
  gid: string;
  articleId: number;
  kind: AnnotationKind;
  quote: { exact: string; prefix: string; suffix: string };
  start: number;
  end: number;
  anchorStatus: AnchorStatus;
  note: string;
  /** The actor (actor highlights) or source (source highlights) this highlight names. */
  entity: EntityRef | null;
  claim: ClaimDetails | null;
  tags: TagRef[];
  createdAt: string;
  updatedAt: string;
}

/** The article a highlight is in, as a list of highlights from many articles shows it. */
export interface ArticleRef {
  id: number;
  title: string;
  outlet: string | null;
  publishedAt: string | null;
}

/** A highlight with its article: what annotations.find lists. */
export interface AnnotationInArticle extends Annotation {
  article: ArticleRef;
}

export interface AnnotationFindPage {
  /** Newest first (by id). */
  items: AnnotationInArticle[];
  /** Pass back as `before` for the next page; null when this page was the last. */
  next: number | null;
}

/** Where a new highlight is: a range of the canonical text, or a quote found in it. */
export const AnnotationTarget = shared(() => z.union([
  z.object({ start: z.number().int().min(0), end: z.number().int().min(1) }).strict(),
  z.object({ quote: z.string().min(1).max(20_000), occurrence: z.number().int().min(1).optional() }).strict(),
]));

const Note = shared(() => z.string().max(100_000));
const EntityName = shared(() => z.string().trim().min(1).max(300));

/** Names an existing actor/source by id, or one to find by name or alias (created if new). */
export const EntityChoice = shared(() => z.union([z.object({ id: Id() }).strict(), z.object({ name: EntityName() }).strict()]));

export const annotationMethods = {
  'annotations.create': method<Annotation>()(() =>
    z
      .object({
        articleId: Id(),
        kind: AnnotationKindSchema(),
        target: AnnotationTarget(),
        note: Note().optional(),
        /** For actor and source highlights. */
        entity: EntityChoice().optional(),
        /** For claims. */
        claimants: z.array(EntityChoice()).max(50).optional(),
        sources: z.array(EntityChoice()).max(50).optional(),
        credibility: CredibilitySchema().nullable().optional(),
        tagIds: z.array(Id()).max(100).optional(),
      })
      .strict(),
  ),
  'annotations.list': method<Annotation[]>()(() =>
    z
      .object({
        /** These highlights only (a view refetching the ones that changed). */
        ids: z.array(Id()).max(1000).optional(),
        articleId: Id().optional(),
        kind: AnnotationKindSchema().optional(),
        entityId: Id().optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(20_000).default(5_000),
      })
      .strict(),
  ),
  /**
   * Highlights across the whole library to pick one from (same claim as…, insert a
   * highlight), newest first, a page at a time, each with its article's title, outlet
   * and date. `text` narrows them as it is typed: every word must be found in the
   * quote or note, the article's title or outlet, or the name of the actor or source
   * it names or (claims) its claimants and sources; the last word may be the start of
   * one. Half-typed quotes and operators are read as plain words, never an error.
   */
  'annotations.find': method<AnnotationFindPage>()(() =>
    z
      .object({
        text: z.string().max(300).default(''),
        kind: AnnotationKindSchema().optional(),
        /** Leave out this article's highlights (a claim is the same as claims in other articles). */
        exceptArticleId: Id().optional(),
        /** The page after the one whose `next` this is: highlights older than this id. */
        before: Id().optional(),
        limit: z.number().int().min(1).max(100).default(50),
      })
      .strict(),
  ),
  'annotations.get': method<Annotation>()(() => z.object({ id: Id() }).strict()),
  'annotations.update': method<Annotation>()(() =>
    z
      .object({
        id: Id(),
        kind: AnnotationKindSchema().optional(),
        note: Note().optional(),
        /** null unlinks the actor/source. */
        entity: EntityChoice().nullable().optional(),
        tagIds: z.array(Id()).max(100).optional(),
      })
      .strict(),
  ),
  /** Returns the deleted annotation whole (undo it with history.undo). */
  'annotations.delete': method<Annotation>()(() => z.object({ id: Id() }).strict()),
};
