import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../api/dispatch.ts';
import { tempDir, tempLibrary } from '../testing/temp.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(): Promise<RunningServer> {
  const library = tempLibrary();
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Casefile</title>');
  fs.writeFileSync(path.join(path.dirname(staticDir), 'secret.txt'), 'outside the static folder');
  server = await startServer({ dispatch: createDispatcher(() => ({ library })), events: () => library.events, staticDir, port: 0 });
  return server;
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
    library.events.emit('library.changed', { reason: 'test' });
    const { value } = await reader.read();
    expect(value).toContain('"event":"library.changed"');
    controller.abort();
  });
});
