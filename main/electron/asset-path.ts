// Maps an app://casefile/ request to a file of the built renderer, refusing anything
// that would leave its folder. No 'electron' here, so the refusals are unit-tested.
import nodePath from 'node:path';
import { APP_HOST, APP_SCHEME } from './trust.ts';

export type AssetResolution = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

type PathModule = typeof nodePath.posix;

/**
 * `pathModule` exists for the tests (win32 rules checked on Linux); the app uses the
 * platform's own.
 */
export function resolveAssetPath(root: string, requestUrl: string, pathModule: PathModule = nodePath): AssetResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404 };

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  // A backslash or a drive colon only means something on Windows, where it would let a
  // decoded path name another folder or drive; a NUL byte truncates paths in native code.
  if (/[\\:\0]/.test(pathname)) return { ok: false, status: 403 };
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';

  const base = pathModule.resolve(root);
  const file = pathModule.resolve(base, `.${pathname}`);
  const relative = pathModule.relative(base, file);
  if (relative === '' || relative.startsWith('..') || pathModule.isAbsolute(relative)) return { ok: false, status: 403 };
  return { ok: true, file };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a renderer file; unknown kinds are served as opaque bytes (with nosniff). */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[nodePath.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
