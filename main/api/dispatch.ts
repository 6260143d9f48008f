// The one entry point behind every binding (IPC, HTTP, CLI): allowlist, then schema
// validation, then the service, and back as a Result. Nothing thrown escapes, and no
// exception's own message or stack crosses the boundary.
import { contract, isMethodName, type Contract, type Input, type MethodName, type Output } from '../../common/api/contract.ts';
import { AppError, apiError, type FieldIssue } from '../../common/api/errors.ts';
import { fail, ok, type Result } from '../../common/api/result.ts';
import type { z } from 'zod';
import { appErrorFromSqlite } from '../db/errors.ts';
import type { HandlerContext, HandlersFor } from './handlers/types.ts';
import { libraryHandlers } from './handlers/library.ts';
import { articleHandlers } from './handlers/articles.ts';
import { annotationHandlers } from './handlers/annotations.ts';
import { claimHandlers } from './handlers/claims.ts';
import { entityHandlers } from './handlers/entities.ts';
import { noteHandlers } from './handlers/notes.ts';
import { tagHandlers } from './handlers/tags.ts';
import { importHandlers } from './handlers/import.ts';
import { dossierHandlers } from './handlers/dossiers.ts';
import { searchHandlers } from './handlers/search.ts';
import { connectionHandlers } from './handlers/connections.ts';
import { historyHandlers } from './handlers/history.ts';
import { teamHandlers } from './handlers/team.ts';
import { asCaller } from '../db/mutation.ts';
import { HistorySession } from '../services/history.ts';
import { nodeHost, type HostServices } from '../services/host.ts';
import type { Library } from '../services/library.ts';

const handlers: HandlersFor<Contract> = {
  ...libraryHandlers,
  ...articleHandlers,
  ...annotationHandlers,
  ...claimHandlers,
  ...entityHandlers,
  ...noteHandlers,
  ...tagHandlers,
  ...importHandlers,
  ...dossierHandlers,
  ...searchHandlers,
  ...connectionHandlers,
  ...historyHandlers,
  ...teamHandlers,
};

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
  return async (method, input) => {
    if (!isMethodName(method)) return fail(apiError('UNKNOWN_METHOD'));
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) return fail(apiError('INVALID_INPUT', undefined, fieldIssues(parsed.error)));
    try {
      const handler = handlers[method] as (context: HandlerContext, input: unknown) => unknown;
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
