// Electron checklist item 20 ("do not expose Electron APIs to untrusted web content"),
// shown under Node: the preload script, run against a recording stand-in for 'electron',
// exposes exactly `casefile` = { invoke, on }; invoke sends only the method and the input
// on the one channel; on() accepts only the contract's event names and hands listeners the
// payload alone, never the IpcRendererEvent (which carries the sender and ports).
// e2e/electron.spec.ts shows the same from inside a real window where Electron can run.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type CasefileBridge } from '../../common/api/bridge.ts';

const recorded = vi.hoisted(() => ({
  exposed: [] as [string, unknown][],
  invoked: [] as unknown[][],
  listeners: new Map<string, (event: unknown, message: unknown) => void>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => recorded.exposed.push([name, api]) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      recorded.invoked.push(args);
      return Promise.resolve({ ok: true, value: 'answer' });
    },
    on: (channel: string, listener: (event: unknown, message: unknown) => void) => recorded.listeners.set(channel, listener),
  },
}));

let bridge: CasefileBridge;

beforeAll(async () => {
  await import('../../preload/index.ts');
  bridge = recorded.exposed[0]![1] as CasefileBridge;
});

describe('the preload bridge', () => {
  it('exposes one object, casefile, with invoke and on and nothing else', () => {
    expect(recorded.exposed.map(([name]) => name)).toEqual(['casefile']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
    // Only the event channel is listened to.
    expect([...recorded.listeners.keys()]).toEqual([IPC_EVENT_CHANNEL]);
  });

  it('invoke sends the method and the input on the one channel, nothing more', async () => {
    await expect(bridge.invoke('library.info', { a: 1 })).resolves.toEqual({ ok: true, value: 'answer' });
    expect(recorded.invoked).toEqual([[IPC_INVOKE_CHANNEL, 'library.info', { a: 1 }]]);
  });

  it('on accepts only the contract events and passes listeners the payload alone', () => {
    expect(() => bridge.on('shell.openExternal', () => undefined)).toThrow(TypeError);
    expect(() => bridge.on('library.changed', 'not a function' as never)).toThrow(TypeError);
    const heard: unknown[][] = [];
    const off = bridge.on('library.changed', (...args: unknown[]) => heard.push(args));
    const deliver = recorded.listeners.get(IPC_EVENT_CHANNEL)!;
    const ipcEvent = { sender: { send() {} }, ports: [], senderFrame: {} };
    deliver(ipcEvent, { event: 'library.changed', payload: { reason: 'articles-imported' } });
    deliver(ipcEvent, { event: 'not.an.event', payload: 'ignored' });
    deliver(ipcEvent, null);
    expect(heard).toEqual([[{ reason: 'articles-imported' }]]);
    off();
    deliver(ipcEvent, { event: 'library.changed', payload: { reason: 'again' } });
    expect(heard).toHaveLength(1);
  });
});
