// The Casefile API: every method the renderer, the CLI and the HTTP binding may call.
// Each domain declares its methods in ./methods/; this table is the allowlist.
import type { z } from 'zod';
import type { MethodTable } from './define.ts';
import { libraryMethods } from './methods/library.ts';
import { articleMethods } from './methods/articles.ts';
import { annotationMethods } from './methods/annotations.ts';
import { claimMethods } from './methods/claims.ts';
import { entityMethods } from './methods/entities.ts';
import { noteMethods } from './methods/notes.ts';
import { tagMethods } from './methods/tags.ts';
import { importMethods } from './methods/import.ts';
import { searchMethods } from './methods/search.ts';
import { connectionMethods } from './methods/connections.ts';
import { dossierMethods } from './methods/dossiers.ts';
import { historyMethods } from './methods/history.ts';
import { teamMethods } from './methods/team.ts';

/** The methods of each domain: the main process loads a domain's handlers when one of its methods is first called. */
export const domains = {
  library: libraryMethods,
  articles: articleMethods,
  annotations: annotationMethods,
  claims: claimMethods,
  entities: entityMethods,
  notes: noteMethods,
  tags: tagMethods,
  import: importMethods,
  search: searchMethods,
  connections: connectionMethods,
  dossiers: dossierMethods,
  history: historyMethods,
  team: teamMethods,
} satisfies Record<string, MethodTable>;

export type Domains = typeof domains;
export type DomainName = keyof Domains;

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every method of every domain (no name is in two domains: dispatch.test.ts). */
export const contract = Object.assign({}, ...Object.values(domains)) as Intersection<Domains[DomainName]>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller passes (defaults may be omitted). */
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = Contract[M]['output'];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export { EVENT_NAMES, isEventName, type EventMap, type EventName } from './events.ts';
