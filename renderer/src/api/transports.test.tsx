// @vitest-environment jsdom
// Which way the page reaches main: the preload bridge in the app, HTTP in browser mode, and
// never HTTP under app: (the desktop page without its bridge says what failed instead).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from '../connections/test-helpers.tsx';
import type { CasefileBridge } from '../../../common/api/bridge.ts';
import { BRIDGE_MISSING, bridgeMissing, chooseTransport } from './transports.ts';
import { StartupFailure } from '../shell/StartupFailure.tsx';

const at = (protocol: string, casefile?: CasefileBridge) => ({ casefile, location: { protocol } as Location });

afterEach(() => vi.unstubAllGlobals());

describe('choosing the transport', () => {
  it('uses the preload bridge when there is one', () => {
    const bridge: CasefileBridge = { invoke: vi.fn(), on: vi.fn() };
    expect(chooseTransport(at('app:', bridge))).toBe(bridge);
    expect(bridgeMissing(at('app:', bridge))).toBe(false);
  });

  it('under app: without the bridge, fails every call with the cause and never tries HTTP', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    expect(bridgeMissing(at('app:'))).toBe(true);
    const transport = chooseTransport(at('app:'));
    await expect(transport.invoke('library.info', {})).resolves.toEqual({ ok: false, error: expect.objectContaining({ code: 'INTERNAL', detail: BRIDGE_MISSING }) });
    expect(transport.on('library.changed', () => {})).toBeTypeOf('function');
    expect(fetch).not.toHaveBeenCalled();
    expect(BRIDGE_MISSING).not.toContain('browser mode');
  });

  it('in browser mode (http:), talks HTTP', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { path: '/x' } })));
    vi.stubGlobal('fetch', fetch);
    expect(bridgeMissing(at('http:'))).toBe(false);
    await expect(chooseTransport(at('http:')).invoke('library.info', {})).resolves.toEqual({ ok: true, value: { path: '/x' } });
    expect(fetch).toHaveBeenCalledWith('/api/invoke', expect.anything());
  });

  it('shows what failed, as a page with a heading', () => {
    const { container } = render(<StartupFailure />);
    expect(container.querySelector('main[role="alert"] h1')?.textContent).toBe('Casefile could not start');
    expect(container.querySelector('main')?.textContent).toContain('preload script');
  });
});
