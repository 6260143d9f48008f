// What the preload script exposes to the renderer as `window.casefile`, and the IPC
// channel names behind it. Nothing else crosses from main to the page.
import type { Result } from './result.ts';

export const IPC_INVOKE_CHANNEL = 'casefile:invoke';
export const IPC_EVENT_CHANNEL = 'casefile:event';

export interface CasefileBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to a main-process event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The message sent on IPC_EVENT_CHANNEL. */
export interface BridgeEvent {
  event: string;
  payload: unknown;
}
