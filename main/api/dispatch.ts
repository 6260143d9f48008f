// The one entry point behind every binding (IPC, HTTP, CLI): allowlist, then schema
// validation, then the service, and back as a Result. Nothing thrown escapes, and no
// exception's own message or stack crosses the boundary.
import { contract, domains, isMethodName, type DomainName, type Domains, type Input, type MethodName, type Output } from '../../common/api/contract.ts';
import { AppError, apiError, type FieldIssue } from '../../common/api/errors.ts';
import { fail, ok, type Result } from '../../common/api/result.ts';
import type { z } from 'zod';
import { appErrorFromSqlite } from '../db/errors.ts';
import type { HandlerContext, HandlersFor } from './handlers/types.ts';
import { asCaller } from '../db/mutation.ts';
import { HistorySession } from '../services/history.ts';
import { nodeHost, type HostServices } from '../services/host.ts';
import type { Library } from '../services/library.ts';

/**
 * Each domain's handlers, loaded with their services when one of its methods is first
 * called: a `casefile list` loads the articles' and not the importers, exporters and team
 * client (bench: "casefile list, whole process").
 */
export const domainHandlers: { [D in DomainName]: () => Promise<HandlersFor<Domains[D]>> } = {
  library: async () => (await import('./handlers/library.ts')).libraryHandlers,
  articles: async () => (await import('./handlers/articles.ts')).articleHandlers,
  annotations: async () => (await import('./handlers/annotations.ts')).annotationHandlers,
  claims: async () => (await import('./handlers/claims.ts')).claimHandlers,
  entities: async () => (await import('./handlers/entities.ts')).entityHandlers,
  notes: async () => (await import('./handlers/notes.ts')).noteHandlers,
  tags: async () => (await import('./handlers/tags.ts')).tagHandlers,
  import: async () => (await import('./handlers/import.ts')).importHandlers,
  search: async () => (await import('./handlers/search.ts')).searchHandlers,
  connections: async () => (await import('./handlers/connections.ts')).connectionHandlers,
  dossiers: async () => (await import('./handlers/dossiers.ts')).dossierHandlers,
  history: async () => (await import('./handlers/history.ts')).historyHandlers,
  team: async () => (await import('./handlers/team.ts')).teamHandlers,
};

const domainOf = new Map<string, DomainName>(
  Object.entries(domains).flatMap(([domain, methods]) => Object.keys(methods).map((name) => [name, domain as DomainName] as const)),
);
const loaded = new Map<DomainName, Promise<Record<string, unknown>>>();

type Handler = (context: HandlerContext, input: unknown) => unknown;

async function handlerFor(method: MethodName): Promise<Handler> {
  const domain = domainOf.get(method)!;
  let handlers = loaded.get(domain);
  if (!handlers) {
    handlers = domainHandlers[domain]().catch((error: unknown) => {
      loaded.delete(domain); // tried again by the next call
      throw error;
    });
    loaded.set(domain, handlers);
  }
  return (await handlers)[method] as Handler;
}

export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Where unexpected failures are reported (main-process log); never the caller. */
  logInternalError?: (method: string, error: unknown) => void;
  /** Who calls through this dispatcher: a window (default) or the CLI. It has one undo list. */
  origin?: 'window' | 'cli';
  /** How many steps its undo list keeps (default 100). */
  undoLimit?: number;
}

/** What a host gives the dispatcher for each call; the dispatcher adds the caller's undo session. */
export interface DispatchContext {
  library: Library;
  /** The host's capabilities (main/services/host.ts); default: plain Node from the sources (nodeHost). */
  host?: HostServices;
}

export function createDispatcher(getContext: () => DispatchContext, options: DispatcherOptions = {}): Dispatch {
  const log = options.logInternalError ?? ((method, error) => console.error(`[casefile] ${method} failed:`, error));
  const session = new HistorySession(options.origin ?? 'window', options.undoLimit);
  const defaultHost = nodeHost();
  // Calls run in the order they arrive, as they did when every handler was loaded up front:
  // a call whose domain is still loading holds back the calls after it.
  let previous: Promise<unknown> = Promise.resolve();
  return async (method, input) => {
    if (!isMethodName(method)) return fail(apiError('UNKNOWN_METHOD'));
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) return fail(apiError('INVALID_INPUT', undefined, fieldIssues(parsed.error)));
    try {
      const ready = previous.then(() => handlerFor(method));
      previous = ready.catch(() => undefined);
      const handler = await ready;
      // The call's writes carry this session's origin and land on its undo list.
      const { library, host } = getContext();
      return ok(await asCaller(session, () => handler({ library, host: host ?? defaultHost, session }, parsed.data)));
    } catch (error) {
      const known = appErrorFromSqlite(error);
      if (known) return fail(known.toApiError());
      log(method, error);
      return fail(apiError('INTERNAL'));
    }
  };
}

/** A typed call for in-process callers (CLI, tests): throws AppError on failure. */
export async function call<M extends MethodName>(dispatch: Dispatch, method: M, input: Input<M>): Promise<Output<M>> {
  const result = await dispatch(method, input);
  if (!result.ok) throw new AppError(result.error.code, result.error.detail, result.error.issues);
  return result.value as Output<M>;
}

function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)',
    reason: issue.message,
  }));
}
