import type { z } from 'zod';
import type { MethodTable } from '../../../common/api/define.ts';
import type { Library } from '../../services/library.ts';
import type { HistorySession } from '../../services/history.ts';
import type { HostServices } from '../../services/host.ts';

export interface HandlerContext {
  library: Library;
  /** What the hosting program can do (the PDF printer, dialogs, its fetch): the one way these reach services. */
  host: HostServices;
  /** The calling window's (or CLI session's) undo list; the dispatcher sets it. */
  session?: HistorySession;
}

/** A domain's handlers: one per method of its table, receiving validated input. */
export type HandlersFor<T extends MethodTable> = {
  [M in keyof T]: (context: HandlerContext, input: z.output<T[M]['input']>) => T[M]['output'] | Promise<T[M]['output']>;
};
