// The built renderer is served from app://casefile/ (a standard, secure scheme), not
// file://: pages get a real origin, so the CSP's 'self' means the app and nothing on
// disk; every response carries the CSP and security headers browser mode sends too.
import { protocol, type Session } from 'electron';
import fs from 'node:fs/promises';
import { SECURITY_HEADERS } from '../security.ts';
import { contentTypeFor, resolveAssetPath } from './asset-path.ts';
import { APP_SCHEME } from './trust.ts';

/**
 * Must run before the app is ready. standard: a real origin (app://casefile) and relative
 * URLs; secure: a secure context; supportFetchAPI and corsEnabled: Vite's module scripts
 * (<script type="module" crossorigin>) are fetched in CORS mode. Responses carry no
 * Access-Control-Allow-Origin, so no other origin may read them. Deliberately without
 * bypassCSP, allowServiceWorkers or stream.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

export function serveRenderer(session: Session, rendererRoot: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405);
    const resolved = resolveAssetPath(rendererRoot, request.url);
    if (!resolved.ok) return refusal(resolved.status);
    let body: Buffer;
    try {
      body = await fs.readFile(resolved.file);
    } catch {
      return refusal(404);
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(resolved.file), 'Cache-Control': 'no-cache' },
    });
  });
}

function refusal(status: number): Response {
  return new Response(null, { status, headers: { ...SECURITY_HEADERS } });
}
