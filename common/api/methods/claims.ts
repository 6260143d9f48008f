// Claims: a claim highlight's credibility, claimants and sources, "same claim" groups
// with their corroboration (the claims board), and contradictions between claims.
import { z } from 'zod';
import { Id, method } from '../define.ts';
import { CredibilitySchema, EntityChoice, type AnchorStatus, type Annotation, type Credibility, type EntityRef } from './annotations.ts';

/** One claim as the board, the timeline and the map show it. */
export interface ClaimCard {
  annotationId: number;
  articleId: number;
  articleTitle: string;
  outlet: string | null;
  publishedAt: string | null;
  retrievedAt: string;
  quote: string;
  note: string;
  anchorStatus: AnchorStatus;
  credibility: Credibility | null;
  claimants: EntityRef[];
  sources: EntityRef[];
  groupId: number | null;
  /** Claims the researcher marked as contradicting this one. */
  contradicts: number[];
  /**
   * Other outlets that carried the same text (the article's further appearances, a wire
   * copy): one report however many carried it.
   */
  carriedBy: string[];
}

export interface ClaimGroupCard {
  groupId: number;
  label: string;
  /** Earliest report first: by publication date, then retrieval date. */
  claims: ClaimCard[];
  /** Distinct outlets among the reports (an article with no outlet counts as its own). */
  independentReports: number;
  /** Independent reports besides the earliest: independentReports - 1. */
  corroboration: number;
  outlets: string[];
  /**
   * Why reports count fewer than their articles, in sentences: several articles from one
   * outlet, one wire text carried by several outlets, articles confirmed as the same story.
   */
  reportNotes: string[];
}

export interface ContradictionPair {
  a: ClaimCard;
  b: ClaimCard;
  createdAt: string;
}

export interface ClaimsBoard {
  /** Most independently reported first. */
  groups: ClaimGroupCard[];
  /** Claims in no group, earliest first (one page of them). */
  ungrouped: ClaimCard[];
  ungroupedTotal: number;
  contradictions: ContradictionPair[];
}

export const claimMethods = {
  'claims.update': method<Annotation>()(() =>
    z
      .object({
        id: Id(),
        credibility: CredibilitySchema().nullable().optional(),
        claimants: z.array(EntityChoice()).max(50).optional(),
        sources: z.array(EntityChoice()).max(50).optional(),
      })
      .strict(),
  ),
  /** Records that two claims (in different articles) say the same thing. */
  'claims.link': method<Annotation>()(() => z.object({ id: Id(), sameAs: Id() }).strict()),
  /** Takes a claim out of its "same claim" group. */
  'claims.unlink': method<Annotation>()(() => z.object({ id: Id() }).strict()),
  'claims.board': method<ClaimsBoard>()(() =>
    z
      .object({
        ungroupedOffset: z.number().int().min(0).default(0),
        ungroupedLimit: z.number().int().min(1).max(5_000).default(200),
        /** Only one member's claims (with the whole groups and contradictions that hold them). */
        author: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
  ),
  /** Records that two claims contradict each other (they cannot be in the same group). */
  'claims.markContradiction': method<ContradictionPair>()(() => z.object({ id: Id(), otherId: Id() }).strict()),
  'claims.unmarkContradiction': method<{ a: number; b: number }>()(() => z.object({ id: Id(), otherId: Id() }).strict()),
};
