// Everything a hostile article could do to a page, recorded: script running (the
// __pwned binding, dialogs, console), requests to anywhere but the app, navigations,
// frames, popups, downloads, sockets, workers, CSP violations and page errors.
import type { BrowserContext, Page } from '@playwright/test';

export interface Observations {
  pwned: string[];
  dialogs: string[];
  console: string[];
  foreignRequests: string[];
  appRequestsWithoutToken: string[];
  navigations: string[];
  frames: string[];
  popups: string[];
  downloads: string[];
  websockets: string[];
  workers: string[];
  cspViolations: string[];
  pageErrors: string[];
}

export function emptyObservations(): Observations {
  return { pwned: [], dialogs: [], console: [], foreignRequests: [], appRequestsWithoutToken: [], navigations: [], frames: [], popups: [], downloads: [], websockets: [], workers: [], cspViolations: [], pageErrors: [] };
}

/** The app's own bundle probes for eval support (zod does, and CSP refuses it): the only violation allowed. */
function isAppEvalProbe(violation: { directive: string; blocked: string; source: string }, origin: string): boolean {
  return violation.directive.startsWith('script-src') && violation.blocked === 'eval' && violation.source.startsWith(`${origin}/assets/`);
}

/** Installs the watchers on a context before any page of it opens. */
export async function watchContext(context: BrowserContext, origin: string, seen: Observations): Promise<void> {
  // A binding exists in every frame of every page, whatever the CSP: payloads call it.
  await context.exposeBinding('__pwned', (_source, id: unknown) => {
    seen.pwned.push(String(id));
  });
  await context.exposeBinding('__casefileCspViolation', (_source, v: { directive: string; blocked: string; source: string; line: number }) => {
    if (!isAppEvalProbe(v, origin)) seen.cspViolations.push(`${v.directive} blocked ${v.blocked} (${v.source}:${v.line})`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __casefileCspViolation(v: unknown): void }).__casefileCspViolation({
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        line: event.lineNumber,
      });
    });
  });
  // Nothing leaves for another host: such requests are recorded and refused.
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = request.url();
    if (!url.startsWith(`${origin}/`)) {
      seen.foreignRequests.push(url);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin) return;
    // Payloads' relative URLs all live under /pwned/; the app never asks for them.
    if (url.pathname.startsWith('/pwned/')) seen.foreignRequests.push(request.url());
    // The app's own API calls carry the token; a page-made request (a form, an image) would not.
    if (url.pathname.startsWith('/api/') && !request.headers().authorization) seen.appRequestsWithoutToken.push(`${request.method()} ${request.url()}`);
  });
  context.on('page', (page) => {
    if (context.pages().length > 1) seen.popups.push(page.url());
  });
  context.on('serviceworker', (worker) => seen.workers.push(`service worker ${worker.url()}`));
}

export function watchPage(page: Page, origin: string, seen: Observations): void {
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' || /pwned|evil\.test/i.test(text)) seen.console.push(`${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => seen.pageErrors.push(error.message));
  page.on('popup', (popup) => seen.popups.push(popup.url()));
  page.on('download', (download) => seen.downloads.push(download.url()));
  page.on('websocket', (socket) => seen.websockets.push(socket.url()));
  page.on('worker', (worker) => {
    // The app's own workers come from its own assets; nothing else may start one.
    if (!worker.url().startsWith(`${origin}/assets/`)) seen.workers.push(worker.url());
  });
  page.on('frameattached', (frame) => seen.frames.push(frame.url() || '(new frame)'));
  page.on('framenavigated', (frame) => {
    const url = frame.url();
    if (frame !== page.mainFrame()) {
      seen.frames.push(url);
      return;
    }
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      // Not a URL at all: recorded below as a navigation away.
    }
    if (!parsed || parsed.origin !== origin || parsed.pathname !== '/') seen.navigations.push(url);
  });
}

/** Summary lines of everything that must not have happened (empty when the page held). */
export function breaches(seen: Observations): string[] {
  return Object.entries(seen).flatMap(([kind, items]: [string, string[]]) => items.slice(0, 20).map((item) => `${kind}: ${item}`));
}
