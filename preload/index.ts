// The only bridge between the page and main: `window.casefile` with invoke(method,
// input) and on(event, listener), nothing else. Runs sandboxed and context-isolated:
// no Node, no Electron object and no IPC event ever reaches the page, only plain data.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type BridgeEvent, type CasefileBridge } from '../common/api/bridge.ts';
import type { Result } from '../common/api/result.ts';
import type { EventName } from '../common/api/events.ts';
import { isEventName } from '../common/api/events.ts';

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

// One IPC listener for all events; the IpcRendererEvent (which carries the sender) stays here.
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, message: BridgeEvent) => {
  if (!isEventName(message?.event)) return;
  for (const listener of listeners.get(message.event) ?? []) {
    try {
      listener(message.payload);
    } catch (error) {
      // One failing subscriber must not stop the others from hearing the event.
      console.error(error);
    }
  }
});

const bridge: CasefileBridge = {
  invoke(method: string, input: unknown): Promise<Result<unknown>> {
    // Main validates both against the contract; only the two values cross.
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input) as Promise<Result<unknown>>;
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new TypeError(`Casefile has no event named ${JSON.stringify(String(event))}.`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('casefile', bridge);
