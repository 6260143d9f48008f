// The main window. Every web preference that matters for security is spelled out,
// even where it is Electron's default, so a reviewer (and Electronegativity) sees it.
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './trust.ts';

export interface MainWindowOptions {
  preloadPath: string;
  /** The electron-vite dev server in development; null loads app://casefile/. */
  devServerUrl: string | null;
  /** Window icon for Linux (macOS and Windows take it from the app bundle). */
  iconPath?: string;
  devTools: boolean;
  onExternalLink: (url: string) => void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Casefile',
    backgroundColor: '#f7f6f2',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // macOS checks spelling natively; elsewhere Chromium would download dictionaries
      // from Google's servers, and Casefile makes no network requests.
      spellcheck: process.platform === 'darwin',
      devTools: options.devTools,
    },
  });

  const contents = window.webContents;
  // Also set for every WebContents in hardening.ts; repeated here so the window is safe on its own.
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    options.onExternalLink(event.url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    options.onExternalLink(url);
    return { action: 'deny' };
  });

  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.devServerUrl ?? APP_ENTRY_URL);
  return window;
}
