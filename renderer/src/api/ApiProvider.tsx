// The one way views reach main: `useApi()` for calls and events, `useHost()` for what
// differs between the desktop app and browser mode. The root provides the real client;
// a test provides a fake one the same way, so no view imports the client itself.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { api, type ApiClient } from './client.ts';
import { chooseHost, type Host } from './host.ts';

interface ApiContextValue {
  client: ApiClient;
  host: Host;
}

// Outside any provider: the real client and the page's host (as the root provides).
const ApiContext = createContext<ApiContextValue | null>(null);
let fallback: ApiContextValue | null = null;

export function ApiProvider({ client, host, children }: { client: ApiClient; host?: Host; children: ReactNode }) {
  const value = useMemo(() => ({ client, host: host ?? chooseHost(client) }), [client, host]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

function useApiContext(): ApiContextValue {
  const value = useContext(ApiContext);
  if (value) return value;
  fallback ??= { client: api, host: chooseHost(api) };
  return fallback;
}

/** The API client: typed calls to main and its events. */
export function useApi(): ApiClient {
  return useApiContext().client;
}

/** The page's host (desktop app or browser mode). */
export function useHost(): Host {
  return useApiContext().host;
}
