import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, devServerOrigin, externalLinkTarget, isAllowedRequest, isAppUrl, isTrustedPageUrl } from './trust.ts';

describe('trust rules', () => {
  it('recognises only the app origin as the app', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://casefile/assets/index.js')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('app://user@casefile/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('https://casefile/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('accepts a dev server only on a loopback host', () => {
    expect(devServerOrigin('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(devServerOrigin('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin('https://evil.example:5173')).toBeNull();
    expect(devServerOrigin('file:///tmp/index.html')).toBeNull();
    expect(devServerOrigin(undefined)).toBeNull();
    expect(devServerOrigin('')).toBeNull();
  });

  it('trusts pages of the app origin, and of the dev server only when there is one', () => {
    const dev = 'http://localhost:5173';
    expect(isTrustedPageUrl('app://casefile/index.html', null)).toBe(true);
    expect(isTrustedPageUrl('http://localhost:5173/', null)).toBe(false);
    expect(isTrustedPageUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedPageUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedPageUrl('https://example.com/', dev)).toBe(false);
    expect(isTrustedPageUrl('about:blank', dev)).toBe(false);
    expect(isTrustedPageUrl('data:text/html,<p>x</p>', dev)).toBe(false);
  });

  it('hands only plain http(s) links to the browser', () => {
    expect(externalLinkTarget('https://example.com/a?b=c#d')).toBe('https://example.com/a?b=c#d');
    expect(externalLinkTarget('http://example.com')).toBe('http://example.com/');
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'smb://host/share', 'app://casefile/', 'ms-msdt:/id', 'https://bank.example@evil.example/', 'nonsense']) {
      expect(externalLinkTarget(url), url).toBeNull();
    }
  });

  it('lets the session reach the app and internal schemes, never the network', () => {
    expect(isAllowedRequest('app://casefile/assets/x.js', null)).toBe(true);
    expect(isAllowedRequest('app://elsewhere/x.js', null)).toBe(false);
    expect(isAllowedRequest('data:image/png;base64,AAAA', null)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/x.html', null)).toBe(true);
    expect(isAllowedRequest('https://example.com/pixel.gif', null)).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:5173/', null)).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd', null)).toBe(false);
    expect(isAllowedRequest('wss://example.com/', null)).toBe(false);
    expect(isAllowedRequest('ftp://example.com/', null)).toBe(false);
    const dev = 'http://localhost:5173';
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:9999/', dev)).toBe(false);
    expect(isAllowedRequest('https://example.com/', dev)).toBe(false);
  });
});
