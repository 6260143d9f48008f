// Browser mode's binding: the same dispatch over HTTP on 127.0.0.1, plus the built
// renderer as static files. Every API request must carry the per-run token, and
// requests naming a foreign Host or Origin are refused (DNS rebinding, other sites).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { apiError } from '../../common/api/errors.ts';
import { fail, type Result } from '../../common/api/result.ts';
import { EVENT_NAMES } from '../../common/api/contract.ts';
import type { Dispatch } from '../api/dispatch.ts';
import type { EventBus } from '../services/events.ts';
import { SECURITY_HEADERS } from '../security.ts';

export const API_INVOKE_PATH = '/api/invoke';
export const API_EVENTS_PATH = '/api/events';
/** Large enough for a 50 MB paste encoded as JSON. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/**
 * How much of an over-limit body (as a multiple of the limit) is read and thrown away so
 * that its sender can read the refusal. Past that the connection is dropped rather than
 * read on until the request timeout.
 */
const DRAIN_FACTOR = 16;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export interface ServerOptions {
  dispatch: Dispatch;
  /** The event bus of the library in use (looked up per stream, since the library can change). */
  events: () => EventBus;
  staticDir: string;
  port?: number;
  /** Fixed token for tests; random per run otherwise. */
  token?: string;
  /** Smaller in tests, so that the over-limit answer can be exercised without 64 MB bodies. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  /** The address to open: the URL with the token in its fragment (never sent over the wire). */
  appUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}


export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const staticRoot = path.resolve(options.staticDir);
  let port = options.port ?? 0;
  const streams = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, fail(apiError('INTERNAL')));
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isOwnHost(req.headers.host, port) || !isOwnOrigin(req.headers.origin, port) || req.headers['sec-fetch-site'] === 'cross-site') {
      return sendJson(res, 403, fail(apiError('UNAUTHORIZED')));
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      if (!hasToken(req, token)) return sendJson(res, 401, fail(apiError('UNAUTHORIZED')));
      if (url.pathname === API_INVOKE_PATH && req.method === 'POST') return invoke(req, res);
      if (url.pathname === API_EVENTS_PATH && req.method === 'GET') return openEventStream(res);
      return sendJson(res, 404, fail(apiError('UNKNOWN_METHOD')));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    return serveStatic(url.pathname, res);
  }

  async function invoke(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let text: string;
    try {
      text = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) return refuseTooLarge(req, res, maxBodyBytes);
      throw error;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(res, 400, fail(apiError('INVALID_INPUT', 'The request body is not JSON.')));
    }
    const { method, input } = (typeof body === 'object' && body !== null ? body : {}) as { method?: unknown; input?: unknown };
    const result = await options.dispatch(method, input);
    sendJson(res, 200, result);
  }

  function openEventStream(res: http.ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const bus = options.events();
    const unsubscribe = EVENT_NAMES.map((event) =>
      bus.on(event, (payload) => res.write(`data: ${JSON.stringify({ event, payload })}\n\n`)),
    );
    res.on('close', () => {
      streams.delete(res);
      for (const off of unsubscribe) off();
    });
  }

  function serveStatic(pathname: string, res: http.ServerResponse): void {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      return sendText(res, 400, 'Bad path');
    }
    if (relative === '/' || !path.extname(relative)) relative = '/index.html';
    const file = path.resolve(staticRoot, '.' + path.posix.normalize(relative));
    if (!file.startsWith(staticRoot + path.sep)) return sendText(res, 404, 'Not found');
    fs.readFile(file, (error, data) => {
      if (error) return sendText(res, 404, 'Not found');
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      });
      res.end(data);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    appUrl: `${url}#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function isOwnOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function hasToken(req: http.IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

class BodyTooLarge extends Error {}

/**
 * The body as text, or BodyTooLarge as soon as it is known to pass `limit`: at once when
 * Content-Length says so, else when the count passes it (chunked bodies). Whatever is
 * still unread is left on the wire for refuseTooLarge to drain.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        chunks = [];
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * 413 with the closed INVALID_INPUT code. The answer goes out at once, but the socket is
 * closed only after the rest of the body has been read and discarded: closing it with
 * unread bytes makes the kernel send a TCP reset, and a client still uploading (fetch,
 * Chromium) then reports ECONNRESET instead of reading the answer.
 */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse, limit: number): void {
  const body = JSON.stringify(fail(apiError('INVALID_INPUT', `The request is larger than the ${formatBytes(limit)} limit.`)));
  res.writeHead(413, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
  });
  res.write(body);
  const finish = (): void => {
    if (!res.writableEnded) res.end();
  };
  if (req.complete) return finish();
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > limit * DRAIN_FACTOR) req.socket.destroy();
  });
  req.once('end', finish);
  req.once('close', finish);
  req.resume();
}

function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? `${mb} MB` : `${bytes.toLocaleString('en')} bytes`;
}

function sendJson(res: http.ServerResponse, status: number, result: Result<unknown>): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(result));
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
