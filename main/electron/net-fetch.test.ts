// URL import over Electron's net, with a stand-in ClientRequest playing the server: the same
// limits as Node's path (http/https hops only, at most 5 redirects, 50 MB, a time limit), and
// the handler using the host's fetch when the app injects one.
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { call, createDispatcher } from '../api/dispatch.ts';
import { fetchDocument } from '../services/import/url.ts';
import { tempLibrary } from '../testing/temp.ts';
import { chromiumFetch, URL_IMPORT_PARTITION } from './net-fetch.ts';
import { nodeHost } from '../services/host.ts';
import { FakeClientRequest } from './testing/fake-electron.ts';

type Route = { redirect: string } | { status?: number; type: string; body: string; length?: number } | 'silent';

function fakeNet(routes: Record<string, Route>) {
  const requests: FakeClientRequest[] = [];
  const request = (options: object) => {
    const req = new FakeClientRequest(options as Record<string, unknown>);
    requests.push(req);
    queueMicrotask(() => {
      const route = routes[String(req.options.url)];
      if (!route) return void req.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED'));
      if (route === 'silent') return;
      if ('redirect' in route) return void req.emit('redirect', 302, 'GET', route.redirect, {});
      const body = Readable.from([Buffer.from(route.body)]);
      const headers: Record<string, string> = { 'content-type': route.type };
      if (route.length !== undefined) headers['content-length'] = String(route.length);
      req.emit('response', Object.assign(body, { statusCode: route.status ?? 200, statusMessage: 'OK', headers }));
    });
    return req as never;
  };
  return { fetch: chromiumFetch(request), requests };
}

const ARTICLE = '<html><head><title>Talks resume in Doha</title></head><body><article><h1>Talks resume in Doha</h1><p>Delegations from Kabul and Islamabad met in Doha on Monday and agreed to meet again next week.</p></article></body></html>';

describe('URL import over Electron net', () => {
  it('follows redirects itself, hop by hop, in the in-memory import session, without cookies', async () => {
    const net = fakeNet({ 'https://a.example/old': { redirect: 'https://a.example/story' }, 'https://a.example/story': { type: 'text/html', body: ARTICLE } });
    const fetched = await fetchDocument('https://a.example/old', { fetchImpl: net.fetch });
    expect(fetched).toMatchObject({ name: 'story.html', finalUrl: 'https://a.example/story' });
    expect(new TextDecoder().decode(fetched.bytes)).toBe(ARTICLE);
    expect(net.requests.map((r) => r.options)).toEqual([
      expect.objectContaining({ url: 'https://a.example/old', partition: URL_IMPORT_PARTITION, redirect: 'manual', credentials: 'omit', useSessionCookies: false }),
      expect.objectContaining({ url: 'https://a.example/story' }),
    ]);
    expect(net.requests[0]!.aborted).toBe(true);
    expect(net.requests[1]!.headers['user-agent']).toBe('Casefile (offline research notebook)');
  });

  it('keeps the limits: no redirect to another scheme, at most 5 redirects, 50 MB, a time limit', async () => {
    const loop = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`https://l.example/${i}`, { redirect: `https://l.example/${i + 1}` }]));
    const net = fakeNet({
      ...loop,
      'https://a.example/to-file': { redirect: 'file:///etc/passwd' },
      'https://a.example/huge': { type: 'application/pdf', body: '%PDF', length: 60 * 1024 * 1024 },
      'https://a.example/slow': 'silent',
    });
    await expect(fetchDocument('https://a.example/to-file', { fetchImpl: net.fetch })).rejects.toMatchObject({ detail: expect.stringContaining('only http and https') });
    await expect(fetchDocument('https://l.example/0', { fetchImpl: net.fetch })).rejects.toMatchObject({ detail: expect.stringContaining('redirected more than 5 times') });
    await expect(fetchDocument('https://a.example/huge', { fetchImpl: net.fetch })).rejects.toMatchObject({ detail: expect.stringContaining('50 MB') });
    await expect(fetchDocument('https://a.example/slow', { fetchImpl: net.fetch, timeoutMs: 100 })).rejects.toMatchObject({ detail: expect.stringContaining('did not answer within') });
    expect(net.requests.at(-1)!.aborted).toBe(true);
    await expect(fetchDocument('https://nowhere.example/', { fetchImpl: net.fetch })).rejects.toMatchObject({ detail: expect.stringContaining('could not be reached') });
  });

  it('import.url uses the fetch the host injects (the app), and Node\'s otherwise', async () => {
    const library = tempLibrary();
    const net = fakeNet({ 'https://a.example/story': { type: 'text/html', body: ARTICLE } });
    const host = nodeHost({ chooseSaveFile: async () => null, fetch: net.fetch });
    const outcome = await call(createDispatcher(() => ({ library, host })), 'import.url', { url: 'https://a.example/story' });
    expect(outcome).toMatchObject({ status: 'imported', title: 'Talks resume in Doha' });
    expect(net.requests).toHaveLength(1);
    const article = library.db.prepare('SELECT url FROM article WHERE id = ?').get(outcome.articleId) as { url: string } | undefined;
    expect(article?.url ?? null).toBe('https://a.example/story');
  });
});
