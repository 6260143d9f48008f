// Full-text search over the library: article titles and text, highlight quotes and
// notes, and notebook pages, ranked, with snippets the renderer shows without ever
// injecting HTML, and filters applied to what the text search matched.
import { z } from 'zod';
import { Id, method, shared } from '../define.ts';
import { ANNOTATION_KINDS, EntityChoice, type EntityRef } from './annotations.ts';
import type { EntitySummary } from './entities.ts';

/** What a search result is: an article, a highlight of one of the four kinds, or a notebook page. */
export const SEARCH_KINDS = ['article', ...ANNOTATION_KINDS, 'note'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SearchKindSchema = shared(() => z.enum(SEARCH_KINDS));

/** A piece of a snippet: plain text, or text the query matched (shown marked). */
export interface SnippetSegment {
  text: string;
  match: boolean;
}

export interface SearchHit {
  kind: SearchKind;
  /** The article the hit is in (articles and highlights); null for notebook pages. */
  articleId: number | null;
  annotationId: number | null;
  noteId: number | null;
  /** The article's title, or the notebook page's. */
  title: string;
  outlet: string | null;
  publishedAt: string | null;
  /**
   * Where the first hit is in the article's canonical text, so the reader can open
   * scrolled to it; null when only the title matched or the highlight is orphaned.
   */
  offset: number | null;
  /** Which text the snippet is from. */
  field: 'title' | 'text' | 'quote' | 'note';
  snippet: SnippetSegment[];
  /** The actor or source a highlight names. */
  entity: EntityRef | null;
  /** Relevance: higher is better (bm25, negated; title hits weigh ten times body hits). */
  score: number;
}

export interface SearchPage {
  hits: SearchHit[];
  /** Every result matching the query and filters (for "21-40 of 312"). */
  total: number;
  offset: number;
  limit: number;
  /** The query as Casefile understood it (an FTS5 expression with every word quoted). */
  understood: string;
  /**
   * Too many matches to rank quickly: these are the best of the newest N matches of each
   * kind (articles, highlights, notebook pages), N being this number; null when every
   * match was ranked. `rankAll` asks for every match to be ranked.
   */
  rankedWithin: number | null;
}

export interface PaletteResults {
  articles: SearchHit[];
  claims: SearchHit[];
  notes: SearchHit[];
  actors: EntitySummary[];
  sources: EntitySummary[];
}

const IsoDate = shared(() => z.iso.date());

export const SearchFilters = shared(() => z
  .object({
    /** Only these kinds of result (default: all). */
    kinds: z.array(SearchKindSchema()).min(1).max(SEARCH_KINDS.length).optional(),
    /** Articles where the actor is highlighted or claims something, and highlights naming it. */
    actor: EntityChoice().optional(),
    /** Articles with a claim attributed to the source or a highlight naming it, and those highlights. */
    source: EntityChoice().optional(),
    /** The article's outlet (case-insensitive). */
    outlet: z.string().trim().min(1).max(500).optional(),
    /** Highlights carrying the tag or one nested under it, and the articles holding them. */
    tagId: Id().optional(),
    /** Published on or after this day (articles without a publication date are left out). */
    from: IsoDate().optional(),
    /** Published on or before this day. */
    to: IsoDate().optional(),
    /** Only what this member made: articles they imported, highlights they made, notebook pages they wrote. */
    author: z.string().trim().min(1).max(200).optional(),
  })
  .strict());

export const searchMethods = {
  /**
   * Words, "exact phrases", prefix* and AND / OR / NOT with parentheses (operators in
   * capitals; words next to each other must all match). A query that cannot be
   * understood fails with SEARCH_SYNTAX and a detail naming the problem.
   */
  'search.query': method<SearchPage>()(() =>
    SearchFilters().extend({
      query: z.string().trim().min(1, 'type something to search for').max(1_000),
      offset: z.number().int().min(0).max(100_000).default(0),
      limit: z.number().int().min(1).max(200).default(20),
      /** Rank every match, however many (slower for a word found in most of a big library). */
      rankAll: z.boolean().default(false),
    }).strict(),
  ),
  /**
   * Search as you type (Ctrl/Cmd+K): article titles, claims and notebook pages whose
   * words start with what was typed, and actors and sources by name or alias. Never
   * fails on half-typed syntax: operators and quotes are read as plain words.
   */
  'search.palette': method<PaletteResults>()(() =>
    z
      .object({
        text: z.string().max(300),
        limit: z.number().int().min(1).max(20).default(5),
      })
      .strict(),
  ),
};
