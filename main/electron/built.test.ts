// The BUILT app, checked without an Electron binary: the preload bundle run in a Node `vm`
// where only 'electron' can be required (as in a sandboxed renderer), and the main bundle
// (out/main/index.cjs) loaded under Node with a strict stand-in for 'electron' that records
// the order of calls and refuses pre-ready-only calls after 'ready' (and the reverse).
// What this cannot show: that Electron itself loads these files from app.asar and runs them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type CasefileBridge } from '../../common/api/bridge.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// Built into a folder of its own (inside the project, so the bundles find node_modules), not
// out/: other tests serve out/renderer while this one runs.
let app: string;
let out: string;
beforeAll(() => {
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  app = fs.mkdtempSync(path.join(root, '.tmp', 'built-app-'));
  out = path.join(app, 'out');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', out], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
}, 120_000);
afterAll(() => fs.rmSync(app, { recursive: true, force: true }));

describe('the built preload (out/preload/index.cjs) in a sandbox-like vm', () => {
  function runPreload() {
    const exposed = new Map<string, unknown>();
    const invoked: unknown[][] = [];
    const ipcListeners = new Map<string, (event: unknown, message: unknown) => void>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, value: 'answer' });
        },
        on: (channel: string, listener: (event: unknown, message: unknown) => void) => ipcListeners.set(channel, listener),
      },
    };
    const required: string[] = [];
    const sandboxRequire = (id: string): unknown => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require "${id}"`);
    };
    const code = fs.readFileSync(path.join(out, 'preload', 'index.cjs'), 'utf8');
    // A sandboxed preload is a classic script with a CommonJS-like wrapper: no import, no Node.
    const context = vm.createContext({ require: sandboxRequire, module: { exports: {} }, exports: {}, console });
    new vm.Script(code, { filename: 'out/preload/index.cjs' }).runInContext(context);
    return { exposed, invoked, ipcListeners, required };
  }

  it('requires only electron, and exposes exactly window.casefile with invoke and on', () => {
    const { exposed, required } = runPreload();
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['casefile']);
    const bridge = exposed.get('casefile') as CasefileBridge;
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('passes calls to the invoke channel and events from the event channel, refusing unknown events', async () => {
    const { exposed, invoked, ipcListeners } = runPreload();
    const bridge = exposed.get('casefile') as CasefileBridge;
    await expect(bridge.invoke('library.info', {})).resolves.toEqual({ ok: true, value: 'answer' });
    expect(invoked).toEqual([[IPC_INVOKE_CHANNEL, 'library.info', {}]]);
    const heard: unknown[] = [];
    const off = bridge.on('library.changed', (payload) => heard.push(payload));
    ipcListeners.get(IPC_EVENT_CHANNEL)!({ sender: 'hidden' }, { event: 'library.changed', payload: { reason: 'import' } });
    ipcListeners.get(IPC_EVENT_CHANNEL)!({}, { event: 'not.an.event', payload: 1 });
    off();
    ipcListeners.get(IPC_EVENT_CHANNEL)!({}, { event: 'library.changed', payload: { reason: 'again' } });
    expect(heard).toEqual([{ reason: 'import' }]);
    expect(() => bridge.on('nope', () => {})).toThrow(/Casefile has no event named "nope"/);
  });
});

describe('the built main (out/main/index.cjs) under a strict stand-in for electron', () => {
  it('makes the pre-ready calls before ready, the rest after, opens the library and the window, and watches it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-built-main-'));
    try {
      const library = path.join(dir, 'Built.casefile');
      const run = spawnSync(
        process.execPath,
        ['--import', path.join(root, 'main', 'electron', 'testing', 'built-main-entry.ts'), path.join(out, 'main', 'index.cjs'), '--library', library, `--user-data-dir=${path.join(dir, 'userData')}`],
        { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, CASEFILE_TEST_DIR: dir, CASEFILE_TEST_APP_PATH: app, CASEFILE_SEEDS_DIR: path.join(root, 'seeds') } },
      );
      const line = run.stdout.split('\n').find((l) => l.startsWith('CASEFILE_REPORT '));
      if (!line) throw new Error(`no report (exit ${run.status}).\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
      const report = JSON.parse(line.slice('CASEFILE_REPORT '.length));
      expect(report.violations).toEqual([]);
      const calls: string[] = report.calls;
      const at = (call: string) => calls.indexOf(call);
      for (const call of ['app.setPath userData', 'protocol.registerSchemesAsPrivileged', 'app.enableSandbox', 'app.requestSingleInstanceLock']) {
        expect(at(`before ready: ${call}`), call).toBeGreaterThanOrEqual(0);
      }
      expect(at('before ready: app.setPath userData')).toBeLessThan(at('before ready: app.requestSingleInstanceLock'));
      for (const call of ['session.defaultSession', 'ipcMain.handle', 'Menu.setApplicationMenu', 'new BrowserWindow']) {
        expect(at(`after ready: ${call}`), call).toBeGreaterThan(at('ready'));
      }
      expect(report.window).toEqual({ url: 'app://casefile/index.html', preload: path.join(out, 'preload', 'index.cjs'), sandbox: true });
      expect(report.ipcChannels).toEqual([IPC_INVOKE_CHANNEL]);
      expect(report.protocolSchemes).toEqual(['app']);
      expect(fs.existsSync(library)).toBe(true);
      // The health watch is wired in the bundle: a failed preload is logged and answered with a dialog.
      expect(report.errors.some((e: string) => e.includes('preload script failed'))).toBe(true);
      expect(report.messageBoxes).toContain('Casefile could not connect its window to your library');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
