import type { z } from 'zod';
import type { MethodTable } from '../../../common/api/define.ts';
import type { Library } from '../../services/library.ts';
import type { HistorySession } from '../../services/history.ts';

/** What only the desktop app can do for a handler: native dialogs. Absent in browser mode and the CLI. */
export interface HostServices {
  /** Asks where to save a file (the OS dialog confirms any overwrite); null when cancelled. */
  chooseSaveFile(suggestedName: string): Promise<string | null>;
}

export interface HandlerContext {
  library: Library;
  host?: HostServices;
  /** The calling window's (or CLI session's) undo list; the dispatcher sets it. */
  session?: HistorySession;
}

/** A domain's handlers: one per method of its table, receiving validated input. */
export type HandlersFor<T extends MethodTable> = {
  [M in keyof T]: (context: HandlerContext, input: z.output<T[M]['input']>) => T[M]['output'] | Promise<T[M]['output']>;
};
