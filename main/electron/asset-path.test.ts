import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAssetPath } from './asset-path.ts';

const root = '/app/out/renderer';

describe('resolveAssetPath', () => {
  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAssetPath(root, 'app://casefile/')).toEqual({ ok: true, file: '/app/out/renderer/index.html' });
    expect(resolveAssetPath(root, 'app://casefile/index.html')).toEqual({ ok: true, file: '/app/out/renderer/index.html' });
    expect(resolveAssetPath(root, 'app://casefile/assets/index-abc.js?v=1#x')).toEqual({ ok: true, file: '/app/out/renderer/assets/index-abc.js' });
    expect(resolveAssetPath(root, 'app://casefile/assets/a%20b.css')).toEqual({ ok: true, file: '/app/out/renderer/assets/a b.css' });
  });

  it('refuses every way out of the folder', () => {
    const attempts = [
      'app://casefile/../../../etc/passwd',
      'app://casefile/%2e%2e/%2e%2e/etc/passwd',
      'app://casefile/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://casefile/..%2f..%2fmain/index.js',
      'app://casefile/%2e%2e',
      'app://casefile/..%5c..%5cwindows',
      'app://casefile/C:/Windows/win.ini',
      'app://casefile/index.html%00.png',
    ];
    for (const url of attempts) {
      const result = resolveAssetPath(root, url);
      if (result.ok) expect(result.file.startsWith(`${root}/`), `${url} -> ${result.file}`).toBe(true);
      else expect([400, 403]).toContain(result.status);
    }
    // The URL parser already folds dot segments (even encoded ones) at the root...
    expect(resolveAssetPath(root, 'app://casefile/%2e%2e/%2e%2e/etc/passwd')).toEqual({ ok: true, file: '/app/out/renderer/etc/passwd' });
    // ...but an encoded slash survives it and is caught after decoding.
    expect(resolveAssetPath(root, 'app://casefile/..%2f..%2fmain/index.js')).toEqual({ ok: false, status: 403 });
    expect(resolveAssetPath(root, 'app://casefile/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd')).toEqual({ ok: false, status: 403 });
    expect(resolveAssetPath(root, 'app://casefile/index.html%00.png')).toEqual({ ok: false, status: 403 });
    expect(resolveAssetPath(root, 'app://casefile/%E0%A4%A')).toEqual({ ok: false, status: 400 });
  });

  it('applies the Windows path rules too', () => {
    const winRoot = 'C:\\Casefile\\resources\\app.asar\\out\\renderer';
    expect(resolveAssetPath(winRoot, 'app://casefile/assets/x.js', path.win32)).toEqual({ ok: true, file: `${winRoot}\\assets\\x.js` });
    expect(resolveAssetPath(winRoot, 'app://casefile/..%5C..%5Cwin.ini', path.win32)).toEqual({ ok: false, status: 403 });
    expect(resolveAssetPath(winRoot, 'app://casefile/..%2F..%2Fx', path.win32)).toEqual({ ok: false, status: 403 });
    expect(resolveAssetPath(winRoot, 'app://casefile/D:/x', path.win32)).toEqual({ ok: false, status: 403 });
  });

  it('serves only the app host', () => {
    expect(resolveAssetPath(root, 'app://other/index.html')).toEqual({ ok: false, status: 404 });
    expect(resolveAssetPath(root, 'file:///app/out/renderer/index.html')).toEqual({ ok: false, status: 404 });
    expect(resolveAssetPath(root, '::')).toEqual({ ok: false, status: 400 });
  });

  it('names content types', () => {
    expect(contentTypeFor('/a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/a/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/a/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/a/blob')).toBe('application/octet-stream');
  });
});
