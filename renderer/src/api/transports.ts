// The two ways the renderer reaches main: the preload bridge in Electron, HTTP in
// browser mode. Chosen once at start; everything else talks to the client.
import type { CasefileBridge, BridgeEvent } from '../../../common/api/bridge.ts';
import { apiError } from '../../../common/api/errors.ts';
import { fail, type Result } from '../../../common/api/result.ts';

export type Transport = CasefileBridge;

declare global {
  interface Window {
    casefile?: CasefileBridge;
  }
}

const TOKEN_KEY = 'casefile.token';

/** Browser mode: the token arrives in the URL fragment once; keep it for reloads, then hide it. */
function takeToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function httpTransport(): Transport {
  const token = takeToken();
  const headers = { Authorization: `Bearer ${token}` };
  const subscribers = new Set<{ event: string; listener: (payload: unknown) => void }>();
  let stream: AbortController | null = null;
  return {
    async invoke(method, input) {
      try {
        const response = await fetch('/api/invoke', {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ method, input }),
        });
        return (await response.json()) as Result<unknown>;
      } catch {
        return fail(apiError('INTERNAL', 'Casefile is not reachable. Is browser mode still running?'));
      }
    },
    on(event, listener) {
      // One event stream for every listener: a browser allows six connections to a host,
      // and a stream per listener would leave none for the API calls.
      const entry = { event, listener };
      subscribers.add(entry);
      if (!stream) {
        const controller = new AbortController();
        stream = controller;
        void streamEvents(headers, controller.signal, (message) => {
          for (const s of [...subscribers]) if (s.event === message.event) s.listener(message.payload);
        });
      }
      return () => {
        subscribers.delete(entry);
        if (subscribers.size === 0 && stream) {
          stream.abort();
          stream = null;
        }
      };
    },
  };
}

/** Server-sent events read with fetch, so the token travels in a header, not the URL. */
async function streamEvents(headers: Record<string, string>, signal: AbortSignal, onMessage: (m: BridgeEvent) => void): Promise<void> {
  while (!signal.aborted) {
    try {
      const response = await fetch('/api/events', { headers, signal });
      if (!response.ok || !response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (data) onMessage(JSON.parse(data) as BridgeEvent);
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export function chooseTransport(): Transport {
  return window.casefile ?? httpTransport();
}
