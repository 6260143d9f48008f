import type { z } from 'zod';
import type { MethodTable } from '../../../common/api/define.ts';
import type { Library } from '../../services/library.ts';

export interface HandlerContext {
  library: Library;
}

/** A domain's handlers: one per method of its table, receiving validated input. */
export type HandlersFor<T extends MethodTable> = {
  [M in keyof T]: (context: HandlerContext, input: z.output<T[M]['input']>) => T[M]['output'] | Promise<T[M]['output']>;
};
