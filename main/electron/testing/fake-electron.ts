// A stand-in for the parts of the 'electron' module main/electron uses, for the shell test
// under Node (no Electron binary can run on our build machines). It records what the shell
// asks of Electron and lets the test play Electron's part (events, dialogs, IPC calls).
// It proves the wiring, not Electron's behaviour: what Electron does with these settings
// is only shown by e2e/electron.spec.ts, where a real binary runs.
import { EventEmitter } from 'node:events';

type Handler = (...args: any[]) => any;

export interface FakeFrame {
  url: string;
  processId: number;
  routingId: number;
  parent: FakeFrame | null;
  detached: boolean;
  isDestroyed(): boolean;
  send(channel: string, message: unknown): void;
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: Handler | null = null;
  readonly sent: { channel: string; message: unknown }[] = [];
  readonly mainFrame: FakeFrame;

  constructor(id: number) {
    super();
    const sent = this.sent;
    this.mainFrame = {
      url: '',
      processId: 100 + id,
      routingId: 1,
      parent: null,
      detached: false,
      isDestroyed: () => false,
      send: (channel, message) => sent.push({ channel, message }),
    };
  }

  reloads = 0;
  reload(): void {
    this.reloads += 1;
  }

  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }

  /** Emits an event the way Electron does: an Event object with preventDefault. Returns whether it was prevented. */
  fire(name: string, details: Record<string, unknown> = {}, ...rest: unknown[]): boolean {
    let prevented = false;
    const event = { ...details, preventDefault: () => (prevented = true) };
    this.emit(name, event, ...rest);
    return prevented;
  }
}

/** A stand-in for Electron's ClientRequest: records what was asked; the test plays the server. */
export class FakeClientRequest extends EventEmitter {
  readonly headers: Record<string, string> = {};
  aborted = false;
  ended = false;
  readonly options: Record<string, unknown>;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
  }
  setHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }
  abort(): void {
    this.aborted = true;
  }
  end(): void {
    this.ended = true;
  }
}

export function createFakeElectron() {
  const log: string[] = [];
  const windows: FakeBrowserWindow[] = [];
  const ipcHandlers = new Map<string, Handler>();
  const protocolHandlers = new Map<string, Handler>();
  const schemes: unknown[] = [];
  const messageBoxes: Record<string, unknown>[] = [];
  const messageBoxAnswers: number[] = [];
  const openDialogAnswers: (string | null)[] = [];
  const saveDialogAnswers: (string | null)[] = [];
  const openedExternally: string[] = [];
  const openedPaths: string[] = [];
  const netRequests: FakeClientRequest[] = [];
  /** Plays the server for each net.request (default: never answers). */
  let answerNetRequest: (request: FakeClientRequest) => void = () => {};
  const paths = new Map<string, string>();
  const session = {
    permissionRequestHandler: null as Handler | null,
    permissionCheckHandler: null as Handler | null,
    devicePermissionHandler: null as Handler | null,
    beforeRequest: null as Handler | null,
    events: new EventEmitter(),
  };
  let nextId = 1;
  let lockGranted = true;
  let appPath = '';
  let menuTemplate: unknown[] | null = null;
  let releaseReady: () => void = () => {};
  let ready: Promise<void> = Promise.resolve();
  const state = {
    lockData: undefined as unknown,
    sandboxEnabled: false,
    quitCalls: 0,
    exitCode: null as number | null,
    recentDocuments: [] as string[],
  };

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    getPath: (name: string) => {
      const value = paths.get(name);
      if (!value) throw new Error(`fake electron: no path ${name}`);
      return value;
    },
    setPath: (name: string, value: string) => {
      log.push(`setPath ${name}`);
      paths.set(name, value);
    },
    getAppPath: () => appPath,
    getVersion: () => '0.0.0-test',
    whenReady: () => {
      log.push('whenReady');
      return ready;
    },
    requestSingleInstanceLock: (data?: unknown) => {
      log.push('requestSingleInstanceLock');
      state.lockData = data;
      return lockGranted;
    },
    enableSandbox: () => {
      log.push('enableSandbox');
      state.sandboxEnabled = true;
    },
    quit: () => {
      state.quitCalls += 1;
    },
    exit: (code: number) => {
      state.exitCode = code;
    },
    addRecentDocument: (file: string) => state.recentDocuments.push(file),
  });

  class FakeBrowserWindow extends EventEmitter {
    readonly options: Record<string, any>;
    readonly webContents: FakeWebContents;
    loadedUrl: string | null = null;
    title = '';
    representedFilename = '';
    shown = false;

    constructor(options: Record<string, any>) {
      super();
      this.options = options;
      this.webContents = new FakeWebContents(nextId++);
      windows.push(this);
      // Electron announces every new WebContents while the window is being constructed.
      app.emit('web-contents-created', {}, this.webContents);
    }

    static getAllWindows(): FakeBrowserWindow[] {
      return windows;
    }

    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    restore = () => {};
    show = () => {
      this.shown = true;
    };
    focus = () => {};
    setTitle = (title: string) => {
      this.title = title;
    };
    setRepresentedFilename = (file: string) => {
      this.representedFilename = file;
    };
  }

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: (menu: { template: unknown[] }) => {
        menuTemplate = menu.template;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (list: unknown[]) => {
        log.push('registerSchemesAsPrivileged');
        schemes.push(...list);
      },
    },
    session: {
      defaultSession: {
        protocol: { handle: (scheme: string, handler: Handler) => protocolHandlers.set(scheme, handler) },
        setPermissionRequestHandler: (h: Handler) => (session.permissionRequestHandler = h),
        setPermissionCheckHandler: (h: Handler) => (session.permissionCheckHandler = h),
        setDevicePermissionHandler: (h: Handler) => (session.devicePermissionHandler = h),
        webRequest: { onBeforeRequest: (h: Handler) => (session.beforeRequest = h) },
        on: (name: string, h: Handler) => session.events.on(name, h),
      },
    },
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        if (ipcHandlers.has(channel)) throw new Error(`fake electron: a second handler for ${channel}`);
        ipcHandlers.set(channel, handler);
      },
    },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        const options = (args.length > 1 ? args[1] : args[0]) as Record<string, unknown>;
        messageBoxes.push(options);
        return { response: messageBoxAnswers.shift() ?? (options.cancelId as number | undefined) ?? 0, checkboxChecked: false };
      },
      showOpenDialog: async () => {
        const chosen = openDialogAnswers.shift() ?? null;
        return { canceled: chosen === null, filePaths: chosen ? [chosen] : [] };
      },
      showSaveDialog: async () => {
        const chosen = saveDialogAnswers.shift() ?? null;
        return { canceled: chosen === null, filePath: chosen ?? '' };
      },
    },
    net: {
      request: (options: Record<string, unknown>) => {
        const request = new FakeClientRequest(options);
        netRequests.push(request);
        queueMicrotask(() => answerNetRequest(request));
        return request;
      },
    },
    // The keychain: a reversible stand-in that is never the plain text.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (plain: string) => Buffer.from(plain).reverse(),
      decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString(),
    },
    shell: {
      openExternal: async (url: string) => {
        openedExternally.push(url);
      },
      openPath: async (file: string) => {
        openedPaths.push(file);
        return '';
      },
    },
  };

  return {
    electron,
    log,
    windows,
    ipcHandlers,
    protocolHandlers,
    schemes,
    session,
    state,
    messageBoxes,
    messageBoxAnswers,
    openDialogAnswers,
    saveDialogAnswers,
    openedExternally,
    openedPaths,
    netRequests,
    answerNetRequests(answer: (request: FakeClientRequest) => void) {
      answerNetRequest = answer;
    },
    get menuTemplate() {
      return menuTemplate;
    },
    setAppPath(value: string) {
      appPath = value;
    },
    setPath(name: string, value: string) {
      paths.set(name, value);
    },
    refuseLock() {
      lockGranted = false;
    },
    /** Keeps app.whenReady() pending until the returned function is called (events before 'ready'). */
    holdReady(): () => void {
      ready = new Promise((resolve) => (releaseReady = resolve));
      return () => releaseReady();
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
