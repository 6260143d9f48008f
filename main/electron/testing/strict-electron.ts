// A stricter stand-in for 'electron', for loading the BUILT main bundle (out/main/index.cjs)
// under plain Node (testing/built-main-entry.ts maps the 'electron' import to it). On top of
// the recording fake (fake-electron.ts) it keeps the order of every call and refuses, as
// Electron does, what is only valid before 'ready' when called after it, and what is only
// valid after 'ready' when called before it.
import { createFakeElectron } from './fake-electron.ts';

/** Electron documents these as usable only before the app is ready. */
const BEFORE_READY_ONLY = new Set(['protocol.registerSchemesAsPrivileged', 'app.enableSandbox', 'app.disableHardwareAcceleration', 'app.setPath userData']);
/** And these only once it is. */
const AFTER_READY_ONLY = new Set(['new BrowserWindow', 'session.defaultSession', 'dialog.showMessageBox', 'dialog.showOpenDialog', 'dialog.showSaveDialog', 'net.request', 'Menu.setApplicationMenu', 'safeStorage.isEncryptionAvailable']);

export function createStrictElectron() {
  const fake = createFakeElectron();
  const calls: string[] = [];
  const violations: string[] = [];
  let ready = false;

  const check = (call: string): void => {
    calls.push(`${ready ? 'after' : 'before'} ready: ${call}`);
    let problem: string | null = null;
    if (ready && BEFORE_READY_ONLY.has(call)) problem = `${call} is only valid before the app is ready`;
    if (!ready && AFTER_READY_ONLY.has(call)) problem = `${call} is only valid once the app is ready`;
    if (problem) {
      violations.push(problem);
      throw new Error(problem);
    }
  };

  /** Wraps a module's functions (and listed getters) so every use is checked and recorded. */
  const watch = <T extends object>(name: string, target: T, keyOf: (member: string, args: unknown[]) => string = (member) => member): T =>
    new Proxy(target, {
      get(object, member, receiver) {
        const value = Reflect.get(object, member, receiver);
        if (typeof member !== 'string') return value;
        if (name === 'session' && member === 'defaultSession') {
          check('session.defaultSession');
          return value;
        }
        if (typeof value !== 'function' || member === 'emit' || member === 'on' || member === 'once' || member.startsWith('_')) return value;
        return (...args: unknown[]) => {
          check(`${name}.${keyOf(member, args)}`);
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });

  const electron = fake.electron;
  const app = watch('app', electron.app, (member, args) => (member === 'setPath' ? `setPath ${String(args[0])}` : member));
  Object.assign(app, {});
  const FakeWindow = electron.BrowserWindow;
  const BrowserWindow = new Proxy(FakeWindow, {
    construct(target, args) {
      check('new BrowserWindow');
      return Reflect.construct(target, args);
    },
  });
  const module = {
    app,
    BrowserWindow,
    Menu: watch('Menu', electron.Menu),
    protocol: watch('protocol', electron.protocol),
    session: watch('session', electron.session),
    ipcMain: watch('ipcMain', electron.ipcMain),
    dialog: watch('dialog', electron.dialog),
    shell: watch('shell', electron.shell),
    net: watch('net', electron.net),
    safeStorage: watch('safeStorage', electron.safeStorage),
  };

  return {
    fake,
    electron: module,
    calls,
    violations,
    /** Plays Electron's 'ready': whenReady() resolves and 'ready' is emitted. */
    makeReady(): void {
      ready = true;
      calls.push('ready');
      electron.app.emit('ready');
    },
    isReady: () => ready,
  };
}
