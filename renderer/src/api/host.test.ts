// @vitest-environment jsdom
// Saving an export, the one thing the two hosts do differently: the desktop app lets main
// ask where (exports.save, the system's save dialog); browser mode gets the bytes
// (exports.render) and downloads them. A page picks its host by the preload bridge alone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CasefileBridge } from '../../../common/api/bridge.ts';
import type { RenderedExport, SavedExport } from '../../../common/api/methods/dossiers.ts';
import { fakeClient } from '../connections/test-helpers.tsx';
import { browserHost, chooseHost, desktopHost } from './host.ts';

const request = { exportId: 'e1', source: { dossierId: 7 }, format: 'md' } as const;
const rendered: RenderedExport = { fileName: 'Dossier.md', mimeType: 'text/markdown', base64: btoa('# Dossier\n'), byteLength: 10, pageCount: null };
const saved: SavedExport = { saved: true, fileName: 'Dossier.md', byteLength: 10, pageCount: null };
const bridge: CasefileBridge = { invoke: vi.fn(), on: vi.fn() };

const client = () => fakeClient({ 'exports.save': () => saved, 'exports.render': () => rendered });

// jsdom has no object URLs and cannot follow a download link: the links clicked are recorded.
let clicked: HTMLAnchorElement[] = [];
beforeEach(() => {
  clicked = [];
  URL.createObjectURL = vi.fn(() => 'blob:export');
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this);
  });
});
afterEach(() => vi.restoreAllMocks());

describe('saving an export', () => {
  it('in the desktop app, asks main to save it (its save dialog) and never fetches the bytes', async () => {
    const api = client();
    await expect(desktopHost(api).saveExport(request)).resolves.toEqual(saved);
    expect(api.calls).toEqual([{ method: 'exports.save', input: request }]);
  });

  it('in browser mode, renders the file and hands its bytes to the download', async () => {
    const api = client();
    const save = vi.fn();
    await expect(browserHost(api, save).saveExport(request)).resolves.toEqual(saved);
    expect(api.calls).toEqual([{ method: 'exports.render', input: request }]);
    const [bytes, fileName, mimeType] = save.mock.calls[0] as [Uint8Array, string, string];
    expect(new TextDecoder().decode(bytes)).toBe('# Dossier\n');
    expect([fileName, mimeType]).toEqual(['Dossier.md', 'text/markdown']);
  });

  it('in browser mode, downloads through a link named after the file', async () => {
    await browserHost(client()).saveExport(request);
    expect(clicked.map((a) => [a.download, a.href])).toEqual([['Dossier.md', 'blob:export']]);
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('is the desktop app when the page has the preload bridge, else browser mode', async () => {
    const inApp = client();
    await chooseHost(inApp, { casefile: bridge }).saveExport(request);
    expect(inApp.calls.map((c) => c.method)).toEqual(['exports.save']);
    const inBrowser = client();
    await chooseHost(inBrowser, {}).saveExport(request);
    expect(inBrowser.calls.map((c) => c.method)).toEqual(['exports.render']);
    expect(clicked).toHaveLength(1);
  });
});
