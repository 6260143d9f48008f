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

/**
 * `build` makes the input schema the first time a call needs it: building all 73 at once
 * cost every `casefile` command about 8 ms at start, for the one method it calls.
 */
export function method<Out>() {
  return <In extends z.ZodType>(build: () => In): MethodSpec<In, Out> => {
    let input: In | undefined;
    return {
      get input() {
        return (input ??= build());
      },
      output: undefined as Out,
    };
  };
}

/**
 * A schema several methods share, built the first time one of them is called (as `method`
 * builds its own): schemas built at load cost every command ~8 ms more.
 */
export function shared<T extends z.ZodType>(build: () => T): () => T {
  let schema: T | undefined;
  return () => (schema ??= build());
}

export type MethodTable = Record<string, MethodSpec<z.ZodType, unknown>>;

/** Database ids are positive integers. */
export const Id = shared(() => z.number().int().positive().max(Number.MAX_SAFE_INTEGER));

export const NoInput = shared(() => z.object({}).strict());
