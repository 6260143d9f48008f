// The Electron shell's wiring, run under Node against a recording stand-in for 'electron'
// (testing/fake-electron.ts). What this shows: main/electron asks Electron for the right
// things (web preferences, handlers, menu, protocol, IPC checks, library switching) and
// answers the events it receives correctly. What it cannot show: that Electron enforces
// them; that needs a real binary (e2e/electron.spec.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../common/api/bridge.ts';
import { CONTENT_SECURITY_POLICY } from '../security.ts';
import { openLibrarySession, closeLibrary } from '../services/library.ts';
import { readSettings } from './settings.ts';
import { LIBRARY_OPENED } from '../../common/api/events.ts';
import { createFakeElectron, type FakeElectron } from './testing/fake-electron.ts';

const holder = vi.hoisted(() => ({ fake: null as unknown as { electron: Record<string, unknown> } }));
// The mock registry outlives vi.resetModules, so the module reads the current stand-in on each access.
vi.mock('electron', () => {
  const names = ['app', 'BrowserWindow', 'Menu', 'protocol', 'session', 'ipcMain', 'dialog', 'shell', 'net', 'safeStorage'];
  return new Proxy({}, {
    get: (_target, name) => holder.fake.electron[name as string],
    has: (_target, name) => names.includes(name as string),
    ownKeys: () => names,
    getOwnPropertyDescriptor: (_target, name) => (names.includes(name as string) ? { enumerable: true, configurable: true, get: () => holder.fake.electron[name as string] } : undefined),
  });
});

let fake: FakeElectron;
let dir: string;
let appPath: string;
let userData: string;
let libraryPath: string;
const savedArgv = process.argv;

async function launch(extraArgs: string[] = [], options: { refuseLock?: boolean; packaged?: boolean; prepare?: (f: FakeElectron) => void } = {}): Promise<void> {
  fake = createFakeElectron();
  holder.fake = fake;
  fake.electron.app.isPackaged = options.packaged ?? false;
  options.prepare?.(fake);
  fake.setAppPath(appPath);
  fake.setPath('userData', path.join(dir, 'default-userData'));
  fake.setPath('documents', dir);
  if (options.refuseLock) fake.refuseLock();
  process.argv = [process.execPath, appPath, ...extraArgs];
  vi.resetModules();
  await import('./main.ts');
}

async function launchWithWindow(): Promise<void> {
  await launch(['--library', libraryPath, `--user-data-dir=${userData}`]);
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
}

function window() {
  const w = fake.windows[0];
  if (!w) throw new Error('no window');
  return w;
}

async function invoke(event: Record<string, unknown>, method: unknown, input: unknown): Promise<unknown> {
  const handler = fake.ipcHandlers.get(IPC_INVOKE_CHANNEL);
  if (!handler) throw new Error('no IPC handler');
  return handler(event, method, input);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-shell-'));
  appPath = path.join(dir, 'app');
  userData = path.join(dir, 'userData');
  libraryPath = path.join(dir, 'Research.casefile');
  fs.mkdirSync(path.join(appPath, 'out', 'renderer', 'assets'), { recursive: true });
  fs.mkdirSync(path.join(appPath, 'out', 'preload'), { recursive: true });
  fs.writeFileSync(path.join(appPath, 'out', 'renderer', 'index.html'), '<!doctype html><title>Casefile</title><script type="module" src="./assets/app.js"></script>');
  fs.writeFileSync(path.join(appPath, 'out', 'renderer', 'assets', 'app.js'), 'export {};');
  fs.writeFileSync(path.join(appPath, 'out', 'preload', 'index.cjs'), '');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer folder');
  delete process.env.ELECTRON_RENDERER_URL;
});

afterEach(() => {
  // Quitting closes the open library (will-quit), as in the app.
  fake?.electron.app.emit('will-quit');
  process.argv = savedArgv;
  delete process.env.CASEFILE_SEEDS_DIR;
  delete (process as { resourcesPath?: string }).resourcesPath;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Electron shell (against a stand-in for electron)', () => {
  it('sets up before ready: privileged app: scheme, sandbox for all renderers, user-data folder, single-instance lock', async () => {
    await launchWithWindow();
    expect(fake.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
    const order = fake.log;
    expect(order.indexOf('setPath userData')).toBeLessThan(order.indexOf('requestSingleInstanceLock'));
    expect(order.indexOf('registerSchemesAsPrivileged')).toBeLessThan(order.indexOf('whenReady'));
    expect(order.indexOf('enableSandbox')).toBeLessThan(order.indexOf('whenReady'));
    expect(fake.state.lockData).toEqual({ path: libraryPath, create: true, seed: true });
  });

  it('opens the library named on the command line, with the samples, and remembers it', async () => {
    await launchWithWindow();
    const trusted = { sender: window().webContents, senderFrame: window().webContents.mainFrame };
    await expect(invoke(trusted, 'library.info', {})).resolves.toMatchObject({ ok: true, value: { path: libraryPath, articleCount: 2 } });
    expect(readSettings(userData).lastLibrary).toBe(libraryPath);
    expect(window().title).toBe('Research — Casefile');
    expect(fake.state.recentDocuments).toContain(libraryPath);
  });

  it('imports a URL through Electron\'s network stack (system proxy and certificates), not Node\'s fetch', async () => {
    await launchWithWindow();
    fake.answerNetRequests((request) => {
      const body = Readable.from([Buffer.from('<html><head><title>Talks resume in Doha</title></head><body><article><h1>Talks resume in Doha</h1><p>Delegations from Kabul and Islamabad met in Doha on Monday and agreed to meet again next week.</p></article></body></html>')]);
      Object.assign(body, { statusCode: 200, statusMessage: 'OK', headers: { 'content-type': 'text/html; charset=utf-8' } });
      request.emit('response', body);
    });
    const trusted = { sender: window().webContents, senderFrame: window().webContents.mainFrame };
    const result = await invoke(trusted, 'import.url', { url: 'https://news.example/doha-talks' });
    expect(result).toMatchObject({ ok: true, value: { status: 'imported', title: 'Talks resume in Doha' } });
    expect(fake.netRequests).toHaveLength(1);
    expect(fake.netRequests[0]!.options).toMatchObject({ url: 'https://news.example/doha-talks', partition: 'casefile-url-import', redirect: 'manual' });
  });

  it('logs a failed preload or a dead renderer, and offers Reload or Quit instead of a blank window', async () => {
    await launchWithWindow();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const contents = window().webContents;
      fake.messageBoxAnswers.push(0);
      contents.fire('preload-error', {}, '/app/out/preload/index.cjs', new Error("Cannot find module 'electron/renderer'"));
      await vi.waitFor(() => expect(contents.reloads).toBe(1));
      expect(errors).toHaveBeenCalledWith(expect.stringContaining("preload script failed (/app/out/preload/index.cjs)"), expect.any(Error));
      expect(fake.messageBoxes.at(-1)).toMatchObject({ type: 'error', message: 'Casefile could not connect its window to your library', detail: expect.stringContaining("Cannot find module 'electron/renderer'"), buttons: ['Reload', 'Quit'] });

      fake.messageBoxAnswers.push(1);
      contents.fire('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      await vi.waitFor(() => expect(fake.state.quitCalls).toBe(1));
      expect(errors).toHaveBeenCalledWith(expect.stringContaining('renderer process is gone (crashed, exit code 139)'));
      expect(fake.messageBoxes.at(-1)).toMatchObject({ message: 'The Casefile window stopped' });

      const boxes = fake.messageBoxes.length;
      contents.fire('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://casefile/index.html', true);
      await vi.waitFor(() => expect(fake.messageBoxes.length).toBe(boxes + 1));
      expect(fake.messageBoxes.at(-1)).toMatchObject({ message: 'Casefile could not load its window', detail: expect.stringContaining('app://casefile/index.html: ERR_FILE_NOT_FOUND') });
    } finally {
      errors.mockRestore();
    }
  });

  it('creates the window isolated, sandboxed, without Node, loading app://casefile', async () => {
    await launchWithWindow();
    const prefs = window().options.webPreferences;
    expect(prefs).toMatchObject({
      preload: path.join(appPath, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(window().loadedUrl).toBe('app://casefile/index.html');
  });

  it('refuses navigation, redirects, webviews and new windows; offers http(s) links to the browser after asking', async () => {
    await launchWithWindow();
    const contents = window().webContents;
    expect(contents.fire('will-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(contents.fire('will-redirect', { url: 'https://example.com/' })).toBe(true);
    expect(contents.fire('will-attach-webview', {}, {}, {})).toBe(true);
    expect(contents.fire('will-frame-navigate', { url: 'https://example.com/', isMainFrame: false })).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.messageBoxes).toEqual([]);

    // An http(s) link: denied as a window, then the user is asked; "Cancel" opens nothing.
    fake.messageBoxAnswers.push(1);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/report' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(fake.messageBoxes).toHaveLength(1));
    expect(fake.messageBoxes[0]).toMatchObject({ message: 'Open this link in your web browser?', detail: 'https://example.com/report' });
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.openedExternally).toEqual([]);

    // Same through a click on a plain link (will-navigate); "Open in Browser" hands it over.
    fake.messageBoxAnswers.push(0);
    expect(contents.fire('will-navigate', { url: 'http://example.org/a' })).toBe(true);
    await vi.waitFor(() => expect(fake.openedExternally).toEqual(['http://example.org/a']));
  });

  it('denies every permission and every request to the network', async () => {
    await launchWithWindow();
    const { session } = fake;
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      session.permissionRequestHandler?.(window().webContents, permission, (ok: boolean) => granted.push(ok));
      expect(session.permissionCheckHandler?.(window().webContents, permission, 'app://casefile')).toBe(false);
    }
    expect(granted).toEqual([false, false, false, false, false]);
    expect(session.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      session.beforeRequest?.({ url }, (response: { cancel: boolean }) => (cancel = response.cancel));
      return cancel;
    };
    expect(decide('app://casefile/assets/app.js')).toBe(false);
    expect(decide('https://tracker.example/pixel.gif')).toBe(true);
    expect(decide('http://127.0.0.1:5180/api')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    let downloadPrevented = false;
    session.events.emit('will-download', { preventDefault: () => (downloadPrevented = true) });
    expect(downloadPrevented).toBe(true);
  });

  it('serves the renderer over app:// with the CSP and security headers, and nothing outside it', async () => {
    await launchWithWindow();
    const handle = fake.protocolHandlers.get('app');
    if (!handle) throw new Error('no app: handler');
    const index: Response = await handle(new Request('app://casefile/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>Casefile</title>');
    const script: Response = await handle(new Request('app://casefile/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await handle(new Request('app://casefile/..%2f..%2fsecret.txt'))).status).toBe(403);
    expect((await handle(new Request('app://casefile/assets/..%2f..%2f..%2fsecret.txt'))).status).toBe(403);
    expect((await handle(new Request('app://casefile/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://casefile/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const refused: Response = await handle(new Request('app://casefile/..%2fsecret.txt'));
    expect(refused.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves IPC calls only from the main frame of its window showing the app', async () => {
    await launchWithWindow();
    const contents = window().webContents;
    const main = contents.mainFrame;
    const unauthorized = { ok: false, error: { code: 'UNAUTHORIZED' } };
    await expect(invoke({ sender: contents, senderFrame: main }, 'library.info', {})).resolves.toMatchObject({ ok: true });
    await expect(invoke({ sender: contents, senderFrame: null }, 'library.info', {})).resolves.toMatchObject(unauthorized);
    await expect(invoke({ sender: contents, senderFrame: { ...main, parent: main, routingId: 7 } }, 'library.info', {})).resolves.toMatchObject(unauthorized);
    await expect(invoke({ sender: contents, senderFrame: { ...main, routingId: 2 } }, 'library.info', {})).resolves.toMatchObject(unauthorized);
    await expect(invoke({ sender: {}, senderFrame: main }, 'library.info', {})).resolves.toMatchObject(unauthorized);
    main.url = 'https://evil.example/';
    await expect(invoke({ sender: contents, senderFrame: main }, 'library.info', {})).resolves.toMatchObject(unauthorized);
    main.url = 'app://casefile/index.html';
    // From the trusted frame, the contract still applies.
    await expect(invoke({ sender: contents, senderFrame: main }, 'fs.readFile', { path: '/etc/passwd' })).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    await expect(invoke({ sender: contents, senderFrame: main }, 'library.info', { extra: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('has the menu: File (New, Open, Import Files, Import Folder, Export Dossier, Team > Join…, Quit), Edit, View, Help (README, About)', async () => {
    await launchWithWindow();
    const menu = fake.menuTemplate as { label?: string; role?: string; submenu?: { id?: string; label?: string; role?: string; enabled?: boolean; type?: string }[] }[];
    const file = menu.find((m) => m.label === '&File');
    const items = (file?.submenu ?? []).filter((i) => i.type !== 'separator');
    expect(items.map((i) => i.label ?? i.role)).toEqual(['New Library…', 'Open Library…', 'Import Files…', 'Import Folder…', 'Export Dossier…', 'Team', process.platform === 'darwin' ? 'close' : 'quit']);
    expect(items.find((i) => i.id === 'file.import')?.enabled).not.toBe(false);
    expect(items.find((i) => i.id === 'file.export-dossier')?.enabled).not.toBe(false);
    const team = items.find((i) => i.label === 'Team') as { submenu?: { id?: string; label?: string }[] } | undefined;
    expect(team?.submenu?.map((i) => i.label)).toEqual(['Join…']);
    expect(menu.some((m) => m.role === 'editMenu')).toBe(true);
    expect(menu.some((m) => m.label === '&View')).toBe(true);
    const help = menu.find((m) => m.role === 'help');
    expect(help?.submenu?.map((i) => i.id).filter(Boolean)).toEqual(['help.readme', 'help.about']);
  });

  it('File > Import Folder… imports what the dialog chose and reports progress to the renderer', async () => {
    const folder = path.join(dir, 'articles');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'wire.txt'), 'Border reopens\n\nThe Torkham crossing reopened on Friday after talks.\n');
    fs.writeFileSync(path.join(folder, 'empty.txt'), '');
    await launchWithWindow();
    const menu = fake.menuTemplate as { label?: string; submenu?: { id?: string; click?: () => void }[] }[];
    fake.openDialogAnswers.push(folder);
    menu.find((m) => m.label === '&File')?.submenu?.find((i) => i.id === 'file.import-folder')?.click?.();
    const finished = () => window().webContents.sent.find((m) => (m.message as { event: string }).event === 'import.finished');
    await vi.waitFor(() => expect(finished()).toBeDefined(), { timeout: 20_000 });
    expect((finished()!.message as { payload: unknown }).payload).toMatchObject({ summary: { imported: 1, failed: 1 }, problems: [{ status: 'failed', reason: 'empty.txt is empty.' }] });
    const trusted = { sender: window().webContents, senderFrame: window().webContents.mainFrame };
    const list = await invoke(trusted, 'articles.list', {});
    expect(JSON.stringify(list)).toContain('Border reopens');
  });

  it('File > Open Library… switches libraries through a dialog and tells the renderer', async () => {
    const other = path.join(dir, 'Other.casefile');
    closeLibrary(openLibrarySession(other, { create: true, seed: false }));
    await launchWithWindow();
    const menu = fake.menuTemplate as { label?: string; submenu?: { id?: string; click?: () => void }[] }[];
    const open = menu.find((m) => m.label === '&File')?.submenu?.find((i) => i.id === 'file.open-library');
    fake.openDialogAnswers.push(other);
    open?.click?.();
    await vi.waitFor(() => expect(readSettings(userData).lastLibrary).toBe(other));
    expect(window().webContents.sent).toEqual([{ channel: IPC_EVENT_CHANNEL, message: { event: 'library.changed', payload: LIBRARY_OPENED } }]);
    const trusted = { sender: window().webContents, senderFrame: window().webContents.mainFrame };
    await expect(invoke(trusted, 'library.info', {})).resolves.toMatchObject({ ok: true, value: { path: other, articleCount: 0 } });
    expect(window().title).toBe('Other — Casefile');
  });

  it('a second launch with a .casefile focuses this window and opens that library; a refused one is explained', async () => {
    const other = path.join(dir, 'Second.casefile');
    closeLibrary(openLibrarySession(other, { create: true, seed: false }));
    fs.writeFileSync(path.join(dir, 'Broken.casefile'), 'not a database');
    await launchWithWindow();
    window().shown = false;
    fake.electron.app.emit('second-instance', {}, ['casefile', 'Second.casefile'], dir, {});
    await vi.waitFor(() => expect(readSettings(userData).lastLibrary).toBe(other));
    expect(window().shown).toBe(true);

    fake.electron.app.emit('second-instance', {}, ['casefile'], dir, { path: path.join(dir, 'Broken.casefile'), create: false });
    await vi.waitFor(() => expect(fake.messageBoxes).toHaveLength(1));
    expect(fake.messageBoxes[0]).toMatchObject({ type: 'error', message: 'That file is not a Casefile library.' });
    expect(String(fake.messageBoxes[0]?.detail)).not.toMatch(/\n\s+at /);
    expect(readSettings(userData).lastLibrary).toBe(other);
  });

  it('macOS open-file before ready is the library to start with', async () => {
    const other = path.join(dir, 'FromFinder.casefile');
    closeLibrary(openLibrarySession(other, { create: true, seed: false }));
    let release = () => {};
    await launch([`--user-data-dir=${userData}`], { prepare: (f) => (release = f.holdReady()) });
    // Finder hands the file over before the app is ready.
    let prevented = false;
    fake.electron.app.emit('open-file', { preventDefault: () => (prevented = true) }, other);
    expect(fake.windows).toHaveLength(0);
    release();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(readSettings(userData).lastLibrary).toBe(other));
  });

  it('quits at once when another Casefile holds the lock', async () => {
    await launch([`--user-data-dir=${userData}`], { refuseLock: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.state.quitCalls).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
  });

  it('ignores ELECTRON_RENDERER_URL unless it is a loopback dev server, and never when packaged', async () => {
    process.env.ELECTRON_RENDERER_URL = 'https://evil.example/';
    await launchWithWindow();
    expect(window().loadedUrl).toBe('app://casefile/index.html');
    fake.electron.app.emit('will-quit');
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
    await launchWithWindow();
    expect(window().loadedUrl).toBe('http://localhost:5173/');
    delete process.env.ELECTRON_RENDERER_URL;
  });

  it('packaged: first start creates the default library from the seeds shipped as resources; no dev server, dev tools or reload', async () => {
    const resources = path.join(dir, 'resources');
    fs.mkdirSync(path.join(resources, 'seeds'), { recursive: true });
    const repoSeeds = path.resolve(import.meta.dirname, '..', '..', 'seeds');
    const manifest = JSON.parse(fs.readFileSync(path.join(repoSeeds, 'seeds.json'), 'utf8')) as { articles: { file: string }[] };
    const first = manifest.articles[0]!;
    fs.copyFileSync(path.join(repoSeeds, first.file), path.join(resources, 'seeds', first.file));
    fs.writeFileSync(path.join(resources, 'seeds', 'seeds.json'), JSON.stringify({ articles: [first] }));
    (process as { resourcesPath?: string }).resourcesPath = resources;
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';

    await launch([`--user-data-dir=${userData}`], { packaged: true });
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    expect(window().loadedUrl).toBe('app://casefile/index.html');
    expect(window().options.webPreferences.devTools).toBe(false);
    const trusted = { sender: window().webContents, senderFrame: window().webContents.mainFrame };
    // One article: the packaged seeds (resources/seeds), not the project's two.
    await expect(invoke(trusted, 'library.info', {})).resolves.toMatchObject({ ok: true, value: { path: path.join(userData, 'Library.casefile'), articleCount: 1 } });
    const view = (fake.menuTemplate as { label?: string; submenu?: { role?: string }[] }[]).find((m) => m.label === '&View');
    expect(view?.submenu?.map((i) => i.role)).not.toContain('reload');
    expect(view?.submenu?.map((i) => i.role)).not.toContain('toggleDevTools');
    delete process.env.ELECTRON_RENDERER_URL;

    // A later start reopens it (and does not seed it again).
    fake.electron.app.emit('will-quit');
    await launch([`--user-data-dir=${userData}`], { packaged: true });
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const again = { sender: window().webContents, senderFrame: window().webContents.mainFrame };
    await expect(invoke(again, 'library.info', {})).resolves.toMatchObject({ ok: true, value: { articleCount: 1 } });
  });

  it('a last library that cannot be opened: the error message and a way out (here: create a new one)', async () => {
    const broken = path.join(dir, 'Broken.casefile');
    fs.writeFileSync(broken, 'not a database');
    fs.mkdirSync(userData, { recursive: true });
    fs.writeFileSync(path.join(userData, 'settings.json'), JSON.stringify({ lastLibrary: broken }));
    const fresh = path.join(dir, 'Fresh');
    // The recovery question comes before any window: answer "Create New Library…", then name it.
    await launch([`--user-data-dir=${userData}`], {
      prepare: (f) => {
        f.messageBoxAnswers.push(1);
        f.saveDialogAnswers.push(fresh);
      },
    });
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    expect(fake.messageBoxes).toHaveLength(1);
    expect(fake.messageBoxes[0]).toMatchObject({ type: 'error', message: 'That file is not a Casefile library.', detail: expect.stringContaining('Broken.casefile') });
    expect(fake.messageBoxes[0]?.buttons).toEqual(['Open Another Library…', 'Create New Library…', 'Open My Casefile Library', 'Quit']);
    expect(fs.readFileSync(broken, 'utf8')).toBe('not a database');
    const trusted = { sender: window().webContents, senderFrame: window().webContents.mainFrame };
    await expect(invoke(trusted, 'library.info', {})).resolves.toMatchObject({ ok: true, value: { path: `${fresh}.casefile`, articleCount: 0 } });
    expect(readSettings(userData).lastLibrary).toBe(`${fresh}.casefile`);
  });

  it('"Quit" in that question quits without a window', async () => {
    fs.mkdirSync(userData, { recursive: true });
    fs.writeFileSync(path.join(userData, 'settings.json'), JSON.stringify({ lastLibrary: path.join(dir, 'Gone.casefile') }));
    await launch([`--user-data-dir=${userData}`], { prepare: (f) => f.messageBoxAnswers.push(3) });
    await vi.waitFor(() => expect(fake.state.quitCalls).toBe(1));
    expect(fake.messageBoxes[0]).toMatchObject({ message: 'There is no library at that path.' });
    expect(fake.windows).toHaveLength(0);
  });
});
