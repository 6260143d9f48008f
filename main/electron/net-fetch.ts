// URL import in the desktop app goes through Chromium's network stack (Electron's `net`),
// so the system's proxy settings and certificate store apply, as in the user's browser;
// the CLI and browser mode keep Node's fetch (main/services/import/url.ts).
//
// Not `net.fetch`: it runs in the default session, whose every http(s) request our own
// hardening cancels (hardening.ts), and it cannot hand a redirect back unfollowed (with
// `redirect: 'manual'` Electron's ClientRequest dies with "Redirect was cancelled" when no
// one follows it), while url.ts checks each hop itself (http/https only, at most 5). So a
// ClientRequest in a separate in-memory session, with manual redirects returned as 3xx
// responses carrying their Location.
import type { ClientRequest, ClientRequestConstructorOptions, IncomingMessage } from 'electron';
import { Readable } from 'node:stream';

/** In memory (no "persist:"): nothing of a fetched page (cookies, cache) outlives the app. */
export const URL_IMPORT_PARTITION = 'casefile-url-import';

type Request = (options: ClientRequestConstructorOptions) => ClientRequest;

/** A fetch for url.ts's fetchDocument over Electron's `net.request` (main.ts passes it; tests a stand-in). */
export function chromiumFetch(request: Request): typeof fetch {
  return ((input: string | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const req = request({
        url: String(input),
        method: 'GET',
        partition: URL_IMPORT_PARTITION,
        redirect: 'manual',
        credentials: 'omit',
        useSessionCookies: false,
      });
      for (const [name, value] of new Headers(init.headers)) req.setHeader(name, value);
      const abort = (): void => {
        req.abort();
        reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', abort, { once: true });
      const done = (): void => signal?.removeEventListener('abort', abort);
      req.on('redirect', (statusCode: number, _method: string, redirectUrl: string) => {
        // Not followed: the caller checks the address and asks again.
        done();
        req.abort();
        resolve(new Response(null, { status: statusCode, headers: { location: redirectUrl } }));
      });
      req.on('response', (response: IncomingMessage) => {
        done();
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        const body = [101, 204, 205, 304].includes(response.statusCode) ? null : (Readable.toWeb(response as unknown as Readable) as ReadableStream<Uint8Array>);
        resolve(new Response(body, { status: response.statusCode, statusText: response.statusMessage, headers }));
      });
      req.on('error', (error: Error) => {
        done();
        reject(error);
      });
      req.end();
    })) as typeof fetch;
}

/** Why a request was aborted, as an Error (an AbortSignal's reason may be any value). */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The request was aborted.', 'AbortError');
}
