// Casefile's Electron main process: lifecycle only. Everything that owns data lives in
// main/services behind main/api's dispatch; this folder wires it to windows, menus,
// dialogs and IPC, and is the only code that imports 'electron'.
import { app, session, Menu, net, safeStorage, type BrowserWindow } from 'electron';
import path from 'node:path';
import { createDispatcher } from '../api/dispatch.ts';
import { SOURCE_BACKUP_WORKER } from '../services/daily-backup.ts';
import { SOURCE_CONVERSION_WORKER } from '../services/import/pool.ts';
import { SOURCE_READER_WORKER } from '../db/readers.ts';
import type { HostServices } from '../services/host.ts';
import { fileSecretStore, type SecretStore } from '../services/secrets.ts';
import { defaultLibraryPath } from '../services/paths.ts';
import { LIBRARY_EXTENSION } from '../db/open.ts';
import type { Library } from '../services/library.ts';
import { libraryRequestFromArgv, optionValue, parseLibraryRequest, type LibraryRequest } from './argv.ts';
import { chooseSaveFile, confirmAndOpenExternal, createLibraryUi, openReadme, showAbout } from './dialogs.ts';
import { chromiumFetch } from './net-fetch.ts';
import { electronPdfPrinter } from './print.ts';
import { hardenAllContents, hardenSession } from './hardening.ts';
import { bindIpc, sendEvent } from './ipc.ts';
import { LibraryManager } from './library-manager.ts';
import { buildApplicationMenu } from './menu.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { watchWindowHealth } from './recovery.ts';
import { devServerOrigin } from './trust.ts';
import { createMainWindow } from './window.ts';

// The dev server is honoured only when running from sources: a packaged app ignores the
// variable, so nothing in the environment can make it load another page.
const devOrigin = app.isPackaged ? null : devServerOrigin(process.env.ELECTRON_RENDERER_URL);
const devServerUrl = devOrigin ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;

// Before anything reads userData (settings, the single-instance lock, the default library):
// tests and side-by-side profiles run with their own folder.
const userDataArg = optionValue(process.argv, '--user-data-dir');
if (userDataArg) app.setPath('userData', path.resolve(userDataArg));

// In the package the sample articles are a resource beside app.asar (electron-builder.yml).
if (app.isPackaged) process.env.CASEFILE_SEEDS_DIR = path.join(process.resourcesPath, 'seeds');

// Built, the import and daily-backup workers load the workers bundled beside this file
// (electron.vite.config.ts); from sources they run worker.ts and backup-worker.ts themselves.
const built = !import.meta.url.endsWith('.ts');

registerAppScheme();
app.enableSandbox();

let manager: LibraryManager | null = null;
let mainWindow: BrowserWindow | null = null;
/** A library handed over before the first one is open (macOS open-file, a second launch). */
let pendingRequest: LibraryRequest | null = libraryRequestFromArgv(process.argv.slice(1), process.cwd());

function requestLibrary(request: LibraryRequest): void {
  if (manager?.current) {
    void manager.switchTo(request).then(() => focusMainWindow());
  } else {
    pendingRequest = request;
  }
}

// macOS delivers double-clicked files (and files dropped on the Dock icon) this way, often before 'ready'.
app.on('open-file', (event, file) => {
  event.preventDefault();
  requestLibrary({ path: file, create: false });
});

if (!app.requestSingleInstanceLock({ ...(pendingRequest ?? {}) })) {
  // Another Casefile is running: it receives our command line (second-instance) and focuses.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    focusMainWindow();
    // additionalData carries the request as parsed by the new instance; argv is the fallback
    // (Windows may reorder and extend it).
    const request = parseLibraryRequest(additionalData) ?? libraryRequestFromArgv(argv.slice(1), workingDirectory);
    if (request) requestLibrary(request);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => manager?.close());
  start().catch((error: unknown) => {
    console.error('[casefile] could not start:', error);
    app.exit(1);
  });
}

/**
 * Passwords kept with the system's keychain, or none: on Linux without a keyring safeStorage
 * falls back to a key written into Chromium ('basic_text'), which is not safe keeping.
 */
function keychainSecrets(file: string): SecretStore | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return fileSecretStore(file, safeStorage);
}

async function start(): Promise<void> {
  await app.whenReady();
  // The app folder (the project in development, app.asar when packaged) holds out/.
  const rendererRoot = path.join(app.getAppPath(), 'out', 'renderer');
  const preloadPath = path.join(app.getAppPath(), 'out', 'preload', 'index.cjs');

  hardenSession(session.defaultSession, devOrigin);
  hardenAllContents();
  serveRenderer(session.defaultSession, rendererRoot);

  // What the app does for the services (main/services/host.ts): reached through the handler context.
  const userData = app.getPath('userData');
  const host: HostServices = {
    openPdfPrinter: electronPdfPrinter,
    conversionWorker: built ? new URL('./import-worker.cjs', import.meta.url) : SOURCE_CONVERSION_WORKER,
    backupWorker: built ? new URL('./backup-worker.cjs', import.meta.url) : SOURCE_BACKUP_WORKER,
    readerWorker: built ? new URL('./reader-worker.cjs', import.meta.url) : SOURCE_READER_WORKER,
    chooseSaveFile: (name) => chooseSaveFile(mainWindow, name),
    fetch: chromiumFetch((options) => net.request(options)),
    secrets: keychainSecrets(path.join(userData, 'team-passwords.json')),
  };
  manager = new LibraryManager({
    host,
    settingsDir: userData,
    // Same file name as the CLI's default (main/services/paths.ts), in this app's userData.
    defaultLibraryPath: path.join(userData, path.basename(defaultLibraryPath())),
    ui: createLibraryUi(() => mainWindow),
    forward: (event, payload) => sendEvent(mainWindow, devOrigin, event, payload),
    onOpened: (library) => showLibrary(library),
  });
  bindIpc({ dispatch: createDispatcher(manager.context), window: () => mainWindow, devOrigin });

  const libraries = manager;
  Menu.setApplicationMenu(
    buildApplicationMenu({
      newLibrary: () => void libraries.createWithDialog(),
      openLibrary: () => void libraries.openWithDialog(),
      about: () => void showAbout(mainWindow),
      readme: () => void openReadme(mainWindow),
      team: () => sendEvent(mainWindow, devOrigin, 'app.team', {}),
      commands: { window: () => mainWindow, library: () => libraries.current, host, showView: (view) => sendEvent(mainWindow, devOrigin, 'app.navigate', { view }) },
    }),
  );

  const request = pendingRequest;
  pendingRequest = null;
  const library = await manager.startup(request);
  if (!library) {
    app.quit();
    return;
  }
  openMainWindow(preloadPath);
  // Handed over while the first library was opening: open it now.
  if (pendingRequest) requestLibrary(pendingRequest);
  pendingRequest = null;

  app.on('activate', () => {
    if (!mainWindow) openMainWindow(preloadPath);
  });
}

function openMainWindow(preloadPath: string): void {
  const window = createMainWindow({
    preloadPath,
    devServerUrl,
    devTools: !app.isPackaged,
    ...(process.platform === 'linux' && !app.isPackaged ? { iconPath: path.join(app.getAppPath(), 'build', 'icons', '512x512.png') } : {}),
    onExternalLink: (url) => void confirmAndOpenExternal(url, mainWindow),
  });
  watchWindowHealth(window);
  // The title names the open library; the page's own <title> must not replace it.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
  if (manager?.current) showLibrary(manager.current);
}

function showLibrary(library: Library): void {
  app.addRecentDocument(library.path);
  if (!mainWindow || mainWindow.isDestroyed()) return;
  mainWindow.setTitle(`${path.basename(library.path, LIBRARY_EXTENSION)} — Casefile`);
  if (process.platform === 'darwin') mainWindow.setRepresentedFilename(library.path);
}

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}
