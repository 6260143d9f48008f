// Connecting what the researcher has marked: actors seen alongside an actor, sources
// with their claims, suggested actor mentions, the relationship map and the claims
// timeline. (The claims board and contradictions are the claims domain: ./claims.ts.)
import { z } from 'zod';
import { Id, method, shared } from '../define.ts';
import { EntityChoice, type Annotation, type EntityRef } from './annotations.ts';
import type { EntitySummary } from './entities.ts';
import type { ClaimCard } from './claims.ts';

// The claim types once lived here; views still import them from this module.
export type { ClaimCard, ClaimGroupCard, ClaimsBoard, ContradictionPair } from './claims.ts';

export interface AlongsideActor {
  actor: EntityRef;
  /** Claims both appear in (as claimant, or highlighted inside the claim). */
  sharedClaims: number;
  /** Articles both are highlighted in or claim something in. */
  sharedArticles: number;
}

export interface SourceOverview {
  source: EntitySummary;
  /** Claims attributed to the source, earliest first. */
  claims: ClaimCard[];
}

export interface TextRange {
  start: number;
  end: number;
}

/** A known actor's name or alias found in the article where no actor highlight is yet. */
export interface KnownMentionSuggestion {
  text: string;
  /** Usually one; more when an alias is shared. */
  actors: EntityRef[];
  occurrences: TextRange[];
}

/** A run of capitalised words that may name an actor nobody has recorded yet. */
export interface CandidateSuggestion {
  text: string;
  occurrences: TextRange[];
}

export interface ArticleSuggestions {
  articleId: number;
  known: KnownMentionSuggestion[];
  /** Most frequent first. */
  candidates: CandidateSuggestion[];
  /** Texts dismissed in this article (not suggested again). */
  dismissed: string[];
}

export interface MapNode {
  id: number;
  name: string;
  /** Actor highlights naming the actor plus claims it makes. */
  weight: number;
  degree: number;
}

export interface MapEdge {
  /** Actor ids, a < b. */
  a: number;
  b: number;
  /** Claims both actors appear in. */
  claimIds: number[];
}

export interface RelationshipMap {
  nodes: MapNode[];
  edges: MapEdge[];
}

export type ClaimRole = 'claimant' | 'mentioned';

/** One passage behind an edge: a claim both actors appear in. */
export interface EdgeEvidence {
  claim: ClaimCard;
  /** How each actor appears: as claimant, or through an actor highlight inside the claim. */
  roles: { actorId: number; role: ClaimRole; annotationId: number | null }[];
}

export interface TimelineLane {
  /** null for the lane of claims in no group. */
  groupId: number | null;
  label: string;
  /** By publication date, earliest first. */
  claims: ClaimCard[];
}

export interface ClaimsTimeline {
  lanes: TimelineLane[];
  /** Claims from articles with no publication date: not placed on the axis. */
  undated: ClaimCard[];
  /** Earliest and latest publication dates on the axis (YYYY-MM-DD), null when none. */
  from: string | null;
  to: string | null;
}

const Range = shared(() => z.object({ start: z.number().int().min(0), end: z.number().int().min(1) }).strict());
const SuggestionText = shared(() => z.string().trim().min(1).max(300));

export const connectionMethods = {
  /** Actors seen with this one: in the same claims, and highlighted in the same articles. */
  'actors.alongside': method<AlongsideActor[]>()(() => z.object({ id: Id(), limit: z.number().int().min(1).max(1_000).default(100) }).strict()),
  /** Every source with its reliability and the claims attributed to it. */
  'sources.overview': method<SourceOverview[]>()(() => z.object({ claimsPerSource: z.number().int().min(0).max(1_000).default(50) }).strict()),
  'suggestions.list': method<ArticleSuggestions>()(() => z.object({ articleId: Id(), limit: z.number().int().min(1).max(500).default(50) }).strict()),
  /**
   * Accepts a suggestion: an actor highlight on each range (default: every place the
   * text occurs as a word where no actor highlight is yet), naming the actor chosen.
   */
  'suggestions.accept': method<Annotation[]>()(() =>
    z.object({ articleId: Id(), text: SuggestionText(), actor: EntityChoice(), ranges: z.array(Range()).min(1).max(1_000).optional() }).strict(),
  ),
  /** Stops suggesting this text in this article. */
  'suggestions.dismiss': method<{ articleId: number; text: string }>()(() => z.object({ articleId: Id(), text: SuggestionText() }).strict()),
  'suggestions.undismiss': method<{ articleId: number; text: string }>()(() => z.object({ articleId: Id(), text: SuggestionText() }).strict()),
  /** Actors linked when they appear in the same claim; edges name the claims behind them. */
  'connections.map': method<RelationshipMap>()(() => z.object({ minClaims: z.number().int().min(1).max(1_000).default(1) }).strict()),
  /** The passages behind one edge of the map. */
  'connections.evidence': method<EdgeEvidence[]>()(() => z.object({ a: Id(), b: Id() }).strict()),
  'connections.timeline': method<ClaimsTimeline>()(() =>
    z
      .object({
        actorId: Id().optional(),
        from: z.iso.date().optional(),
        to: z.iso.date().optional(),
      })
      .strict(),
  ),
};
