// Session- and contents-wide rules that hold for every page the app could ever show,
// whatever the page itself does: no permissions, no webviews, no navigation, no new
// windows, no requests to the network. The main window adds its own handlers on top.
import { app, type Session, type WebContents } from 'electron';
import { isAllowedRequest } from './trust.ts';

export function hardenSession(session: Session, devOrigin: string | null): void {
  // Camera, microphone, notifications, clipboard-read, geolocation...: Casefile needs none.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Below the CSP: any request to http(s)/ws(s)/file or an unknown scheme is cancelled,
  // except the dev server in development.
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, devOrigin) });
  });
  // Casefile never downloads anything on a page's behalf.
  session.on('will-download', (event) => event.preventDefault());
}

/**
 * Applied to every WebContents created, including any the app did not mean to create.
 * Only refusals here; the main window adds the "open this link in your browser?" offer.
 */
export function hardenAllContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-frame-navigate', (event) => {
      // The main frame's own navigations are reported (and refused) by will-navigate.
      if (!event.isMainFrame) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
