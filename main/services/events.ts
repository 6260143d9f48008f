// Events main sends to whoever shows the library (the renderer over IPC or HTTP).
import type { EventMap, EventName } from '../../common/api/contract.ts';

type Listener<E extends EventName> = (payload: EventMap[E]) => void;

export class EventBus {
  readonly #listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(payload);
  }
}
