// The renderer's one API client: typed calls over whichever transport was chosen.
import type { EventMap, EventName, Input, MethodName, Output } from '../../../common/api/contract.ts';
import { describeError, type ApiError } from '../../../common/api/errors.ts';
import { chooseTransport, type Transport } from './transports.ts';

export class ApiCallError extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(describeError(error));
    this.name = 'ApiCallError';
    this.error = error;
  }
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    async call(method, input) {
      const result = await transport.invoke(method, input);
      if (!result.ok) throw new ApiCallError(result.error);
      return result.value as never;
    },
    on(event, listener) {
      return transport.on(event, listener as (payload: unknown) => void);
    },
  };
}

export const api: ApiClient = createApiClient(chooseTransport());
