import { z } from 'zod';

/**
 * One API method: its input schema (validated at the boundary) and its output type
 * (produced by our own services, so declared as a type only).
 */
export interface MethodSpec<In extends z.ZodType, Out> {
  input: In;
  /** Never read at run time: carries the output type. */
  output: Out;
}

export function method<Out>() {
  return <In extends z.ZodType>(input: In): MethodSpec<In, Out> => ({ input, output: undefined as Out });
}

export type MethodTable = Record<string, MethodSpec<z.ZodType, unknown>>;

/** Database ids are positive integers. */
export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const NoInput = z.object({}).strict();
