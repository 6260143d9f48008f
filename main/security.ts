// The Content Security Policy of every Casefile page, in Electron and in browser mode.
// Scripts and styles only from the app itself; no inline script, no eval, no network
// but the app's own origin; no frames, objects, forms or base-URL tricks. Images only
// from the app or data: URLs (imported images are never loaded: they are placeholders).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "worker-src 'self'",
  "manifest-src 'none'",
  "media-src 'none'",
].join('; ');

/** Headers sent with every page and asset of the app. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};
