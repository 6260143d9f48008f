// Which URLs the app trusts. Kept free of 'electron' so every rule here runs under
// Node in the unit tests: the Electron-only files only wire these answers into events.

/** The privileged scheme the built renderer is served from (never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'casefile';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for a URL of the app's own origin (app://casefile/...). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  // Node's URL reports origin "null" for non-special schemes, so compare the parts.
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * The origin of the electron-vite dev server, or null. Only http(s) on a loopback host
 * is accepted: a development setting must never make the app trust a remote site.
 */
export function devServerOrigin(devServerUrl: string | null | undefined): string | null {
  if (!devServerUrl) return null;
  const parsed = parse(devServerUrl);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  if (!['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) return null;
  return parsed.origin;
}

/** True when a page at this URL may talk to the API: the app origin, or the dev server's. */
export function isTrustedPageUrl(url: string, devOrigin: string | null): boolean {
  if (isAppUrl(url)) return true;
  if (devOrigin === null) return false;
  const parsed = parse(url);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === devOrigin;
}

/** The URL to hand to the operating system's browser, or null when it must not be opened. */
export function externalLinkTarget(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  // Credentials in a link are a phishing trick (https://bank.com@evil.example/); refuse them.
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/**
 * Whether the session may make a request at all. Network schemes and file: are refused
 * unless they are the dev server (and its HMR socket); the app's own scheme and the
 * browser's internal schemes pass. This is the "no remote content" rule, enforced below
 * the page, so it holds even if the CSP were wrong.
 */
export function isAllowedRequest(url: string, devOrigin: string | null): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  switch (parsed.protocol) {
    case `${APP_SCHEME}:`:
      return isAppUrl(url);
    case 'data:':
    case 'blob:':
    case 'devtools:':
    case 'chrome:':
    case 'chrome-extension:':
      return true;
    case 'http:':
    case 'https:':
      return devOrigin !== null && parsed.origin === devOrigin;
    case 'ws:':
    case 'wss:': {
      if (devOrigin === null) return false;
      const dev = new URL(devOrigin);
      return parsed.host === dev.host;
    }
    default:
      return false;
  }
}
