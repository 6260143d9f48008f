// Actors and sources as records: a canonical name, aliases under the analyst's control,
// and for sources their type and reliability grade.
import { z } from 'zod';
import { Id, method, shared } from '../define.ts';
import { ReliabilitySchema, type Annotation, type Reliability } from './annotations.ts';

export const SOURCE_TYPES = {
  outlet: 'News outlet',
  official: 'Official or spokesperson',
  document: 'Document or report',
  anonymous: 'Anonymous ("sources suggest")',
  other: 'Other',
} as const;
export type SourceType = keyof typeof SOURCE_TYPES;
export const SourceTypeSchema = shared(() => z.enum(['outlet', 'official', 'document', 'anonymous', 'other']));

export type EntityKind = 'actor' | 'source';
export const EntityKindSchema = shared(() => z.enum(['actor', 'source']));

export interface EntitySummary {
  id: number;
  kind: EntityKind;
  name: string;
  aliases: string[];
  sourceType: SourceType | null;
  reliability: Reliability | null;
  description: string;
  /** Highlights that name this actor or source. */
  mentionCount: number;
  /** Claims this actor makes (claimant) or this source is attributed with. */
  claimCount: number;
}

export interface EntityMention extends Annotation {
  articleTitle: string;
  outlet: string | null;
}

export interface EntityDetail extends EntitySummary {
  /** Every highlight naming it, and every claim it makes or backs, across all articles. */
  mentions: EntityMention[];
  claims: EntityMention[];
}

const Name = shared(() => z.string().trim().min(1).max(300));
const Aliases = shared(() => z.array(Name()).max(200));

export const entityMethods = {
  'entities.list': method<EntitySummary[]>()(() =>
    z
      .object({
        kind: EntityKindSchema().optional(),
        /** Type-ahead: matches the start of any word of the name or an alias. */
        query: z.string().max(300).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5_000).default(1_000),
      })
      .strict(),
  ),
  'entities.get': method<EntityDetail>()(() => z.object({ id: Id() }).strict()),
  'entities.create': method<EntitySummary>()(() =>
    z
      .object({
        kind: EntityKindSchema(),
        name: Name(),
        aliases: Aliases().optional(),
        sourceType: SourceTypeSchema().nullable().optional(),
        reliability: ReliabilitySchema().nullable().optional(),
        description: z.string().max(20_000).optional(),
      })
      .strict(),
  ),
  'entities.update': method<EntitySummary>()(() =>
    z
      .object({
        id: Id(),
        name: Name().optional(),
        aliases: Aliases().optional(),
        sourceType: SourceTypeSchema().nullable().optional(),
        reliability: ReliabilitySchema().nullable().optional(),
        description: z.string().max(20_000).optional(),
      })
      .strict(),
  ),
  /** Folds `mergeId` into `keepId`: its name and aliases become aliases, its highlights and claims move. */
  'entities.merge': method<EntitySummary>()(() => z.object({ keepId: Id(), mergeId: Id() }).strict()),
};
