import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { errorMessages } from '../../common/api/errors.ts';
import { LIBRARY_OPENED } from '../../common/api/events.ts';
import { createDispatcher } from '../api/dispatch.ts';
import { tempDir, tempLibrary } from '../testing/temp.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(options: { maxBodyBytes?: number } = {}): Promise<RunningServer> {
  const library = tempLibrary();
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Casefile</title>');
  fs.writeFileSync(path.join(path.dirname(staticDir), 'secret.txt'), 'outside the static folder');
  server = await startServer({ dispatch: createDispatcher(() => ({ library })), events: () => library.events, staticDir, port: 0, ...options });
  return server;
}

const MiB = 1024 * 1024;

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * POSTs `body` over a bare socket, so that both the framing (chunked unless `length` is
 * declared) and the close are seen as they are: node:http stops uploading once it has a
 * whole answer, and on loopback both it and fetch read an answer that arrived just before
 * a reset, which would hide a server closing on a sender still sending. Writes
 * 1 MiB at a time with backpressure; with `holdForAnswer`, only the first MiB goes out
 * until the answer's head arrives (within 5 s). Fails on EPIPE or ECONNRESET, even after
 * a readable answer.
 */
function rawPost(s: RunningServer, body: Buffer, options: { length?: boolean; holdForAnswer?: boolean } = {}): Promise<RawAnswer> {
  const { port } = new URL(s.url);
  const head = [
    'POST /api/invoke HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    `Authorization: Bearer ${s.token}`,
    'Content-Type: application/json',
    options.length ? `Content-Length: ${body.length}` : 'Transfer-Encoding: chunked',
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    const received: Buffer[] = [];
    let answered: () => void = () => undefined;
    const answerHead = new Promise<void>((resolveHead, rejectHead) => {
      answered = resolveHead;
      if (options.holdForAnswer) setTimeout(() => rejectHead(new Error('no answer before the body was sent')), 5_000).unref();
    });
    answerHead.catch(reject);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      if (Buffer.concat(received).includes('\r\n\r\n')) answered();
    });
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(received).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      let rest = text.slice(split + 4);
      if (headers['transfer-encoding'] === 'chunked') {
        let body = '';
        for (let size = parseInt(rest, 16); size > 0; size = parseInt(rest, 16)) {
          const start = rest.indexOf('\r\n') + 2;
          body += rest.slice(start, start + size);
          rest = rest.slice(start + size + 2);
        }
        rest = body;
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest });
    });
    const write = (data: Buffer | string): Promise<unknown> | undefined => (socket.write(data) ? undefined : new Promise((r) => socket.once('drain', r)));
    void (async () => {
      await write(head);
      for (let at = 0; at < body.length; at += MiB) {
        if (options.holdForAnswer && at === MiB) await answerHead;
        const piece = body.subarray(at, at + MiB);
        if (!options.length) await write(`${piece.length.toString(16)}\r\n`);
        await write(piece);
        if (!options.length) await write('\r\n');
      }
      if (!options.length) await write('0\r\n\r\n');
    })().catch(reject);
  });
}

/** An import.paste request of about `bytes` bytes. */
function pasteOf(bytes: number): Buffer {
  return Buffer.from(JSON.stringify({ method: 'import.paste', input: { content: `Oversized paste\n\n${'border talks '.repeat(bytes / 13)}`, format: 'text' } }));
}

const tooLarge = { ok: false, error: { code: 'INVALID_INPUT', message: errorMessages.INVALID_INPUT, detail: 'The request is larger than the 1 MB limit.' } };

async function articleTotal(s: RunningServer): Promise<number> {
  const result = (await (await invoke(s, { method: 'articles.list', input: {} })).json()) as { value: { total: number } };
  return result.value.total;
}

function invoke(s: RunningServer, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${s.url}api/invoke`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('browser mode server', () => {
  it('listens on 127.0.0.1 only and answers API calls that carry the token', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(s.appUrl).toBe(`${s.url}#token=${s.token}`);
    const response = await invoke(s, { method: 'articles.list', input: {} });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { total: 2 } });
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    const s = await start();
    const missing = await fetch(`${s.url}api/invoke`, { method: 'POST', body: JSON.stringify({ method: 'articles.list', input: {} }) });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const wrong = await invoke(s, { method: 'articles.list', input: {} }, { Authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
  });

  it('refuses requests from a foreign Origin or Host, even with the token', async () => {
    const s = await start();
    expect((await invoke(s, { method: 'articles.list' }, { Origin: 'http://evil.example' })).status).toBe(403);
    // fetch will not let us forge Host; node:http will.
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = http.request(`${s.url}api/invoke`, { method: 'POST', headers: { Host: 'rebound.example:80', Authorization: `Bearer ${s.token}` } }, (res) => resolve(res.statusCode ?? 0));
      req.end('{"method":"articles.list"}');
    });
    expect(status).toBe(403);
  });

  it('answers bad requests with closed error codes', async () => {
    const s = await start();
    expect(await (await invoke(s, 'not json')).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await (await invoke(s, { method: 'fs.readFile', input: { path: '/etc/passwd' } })).json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('answers a body declared over the limit with a 413 before reading it, and still lets the client finish sending', async () => {
    const s = await start({ maxBodyBytes: MiB });
    const body = pasteOf(6 * MiB);
    // Held after the first MiB until the answer arrives: it can only come from the header.
    const answer = await rawPost(s, body, { length: true, holdForAnswer: true });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toEqual(tooLarge);
    expect(await articleTotal(s)).toBe(2);
  });

  it('answers a chunked body that grows past the limit with a 413 instead of resetting the connection', async () => {
    const s = await start({ maxBodyBytes: MiB });
    const answer = await rawPost(s, pasteOf(6 * MiB));
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toEqual(tooLarge);
    expect(await articleTotal(s)).toBe(2);
  });

  it('refuses an over-limit body sent with fetch in a way fetch can read', async () => {
    const s = await start({ maxBodyBytes: MiB });
    const response = await invoke(s, pasteOf(6 * MiB).toString('utf8'));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(tooLarge);
    expect(await articleTotal(s)).toBe(2);
  });

  it('drops the connection of a sender going on far past the limit, and keeps serving others', async () => {
    const s = await start({ maxBodyBytes: 64 * 1024 });
    await expect(rawPost(s, pasteOf(4 * MiB))).rejects.toThrow(/ECONNRESET|EPIPE/);
    expect(await articleTotal(s)).toBe(2);
  });

  it('accepts a body of exactly the limit', async () => {
    const s = await start({ maxBodyBytes: MiB });
    const call = JSON.stringify({ method: 'articles.list', input: {} });
    const answer = await rawPost(s, Buffer.from(call + ' '.repeat(MiB - call.length)), { length: true });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { total: 2 } });
  });

  it('serves the app with the Content Security Policy and never files outside its folder', async () => {
    const s = await start();
    const page = await fetch(s.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const probe of ['..%2fsecret.txt', '%2e%2e/secret.txt', '..%5csecret.txt']) {
      const response = await fetch(`${s.url}${probe}`);
      expect(await response.text()).not.toContain('outside the static folder');
    }
  });

  it('streams library events to a client holding the token', async () => {
    const library = tempLibrary();
    const staticDir = tempDir();
    server = await startServer({ dispatch: createDispatcher(() => ({ library })), events: () => library.events, staticDir, port: 0 });
    const controller = new AbortController();
    const response = await fetch(`${server.url}api/events`, { headers: { Authorization: `Bearer ${server.token}` }, signal: controller.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read(); // the ": connected" comment
    library.events.emit('library.changed', LIBRARY_OPENED);
    const { value } = await reader.read();
    expect(value).toContain('"event":"library.changed"');
    controller.abort();
  });
});
