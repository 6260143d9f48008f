// Which library the app has open, and how it changes: at start (last library, else the
// default one created with the sample articles), from the File menu, from a file the
// operating system hands over. The questions it asks the user go through `LibraryUi`
// (Electron dialogs in the app, scripted answers in the tests), so this file does not
// import 'electron' and its behaviour is tested under Node.
import path from 'node:path';
import { AppError, errorMessages } from '../../common/api/errors.ts';
import type { EventMap, EventName } from '../../common/api/contract.ts';
import { closeLibrary, openLibrarySession, type Library } from '../services/library.ts';
import { listBackups, restoreLoss, type BackupFile } from '../db/backup/files.ts';
import { restoreBackup } from '../db/backup/restore.ts';
import type { DispatchContext } from '../api/dispatch.ts';
import type { HostServices } from '../services/host.ts';
import { LIBRARY_EXTENSION } from '../db/open.ts';
import { EVENT_NAMES, LIBRARY_OPENED } from '../../common/api/events.ts';
import { readSettings, writeSettings } from './settings.ts';
import type { LibraryRequest } from './argv.ts';

/** A message for a dialog: the fixed text of the error code and Casefile's own detail. */
export interface UserMessage {
  message: string;
  detail: string;
}

export type RecoveryChoice = 'restore' | 'open' | 'create' | 'default' | 'quit';

export interface RecoveryOffer {
  /** The library that failed was not the app's own: offer to open that one instead. */
  offerDefault: boolean;
  /** A backup of the failed library that 'restore' would put back; null when none is worth offering. */
  backup: BackupFile | null;
  /** With a backup: what restoring it would lose, in a sentence the dialog shows beside the button. */
  backupLoss: string | null;
}

export interface LibraryUi {
  showError(problem: UserMessage): Promise<void>;
  /** Asked when the library to start with cannot be opened. */
  chooseRecovery(problem: UserMessage, offer: RecoveryOffer): Promise<RecoveryChoice>;
  /** An existing library chosen by the user, or null when cancelled. */
  chooseLibraryToOpen(): Promise<string | null>;
  /** Where a new library goes, or null when cancelled. */
  chooseNewLibraryPath(): Promise<string | null>;
}

export interface LibraryManagerOptions {
  /** userData: where settings.json lives. */
  settingsDir: string;
  /** The app's own library, created with the sample articles when missing. */
  defaultLibraryPath: string;
  ui: LibraryUi;
  /** Sends a library event to the window (IPC); called for every event of the open library. */
  forward: <E extends EventName>(event: E, payload: EventMap[E]) => void;
  /** Called after the open library changed (window title, recent documents). */
  onOpened?: (library: Library) => void;
  /** Where unexpected failures are logged (never shown to the user). */
  log?: (message: string, error: unknown) => void;
  /** The app's capabilities (printer, dialogs, backup worker): given to every handler call and to each library opened. */
  host: HostServices;
}

/** The text a user sees for a failure to open a library: never an exception's own message or stack. */
export function describeOpenError(error: unknown): UserMessage {
  if (error instanceof AppError) {
    return { message: errorMessages[error.code], detail: error.detail ?? '' };
  }
  return { message: 'Casefile could not open that library.', detail: errorMessages.INTERNAL };
}

export class LibraryManager {
  readonly #options: LibraryManagerOptions;
  #current: Library | null = null;
  #unsubscribe: (() => void)[] = [];

  constructor(options: LibraryManagerOptions) {
    this.#options = options;
  }

  get current(): Library | null {
    return this.#current;
  }

  /** The dispatcher's context. With no library open a call fails as LIBRARY_NOT_FOUND, never as a crash. */
  context = (): DispatchContext => {
    if (!this.#current) throw new AppError('LIBRARY_NOT_FOUND', 'No library is open.');
    return { library: this.#current, host: this.#options.host };
  };

  /**
   * Opens the library to start with. Returns it, or null when the user chose to quit.
   * The order: the library asked for (command line, file association), the last one
   * opened, the default one (created with the sample articles on first start).
   */
  async startup(requested: LibraryRequest | null): Promise<Library | null> {
    const { defaultLibraryPath } = this.#options;
    const last = readSettings(this.#options.settingsDir).lastLibrary;
    const ownLibrary: LibraryRequest = { path: defaultLibraryPath, create: true, seed: true };
    // The last library is reopened, never recreated: if it is gone the user is asked. The
    // default library is the exception, recreated with the samples like on a first start.
    let target: LibraryRequest = requested ?? (last && !this.#isDefault(last) ? { path: last, create: false } : ownLibrary);

    // Backups already tried in this start: one that failed its check is not offered again.
    const triedBackups = new Set<string>();
    for (;;) {
      let problem: UserMessage;
      let backup: BackupFile | null = null;
      try {
        return this.#activate(this.#open(target));
      } catch (error) {
        problem = this.#problem(error);
        if (error instanceof AppError && RESTORABLE.has(error.code)) backup = this.#newestBackup(target.path, triedBackups);
      }
      // Ask until a library opens or the user quits: the app has nothing to show without one.
      let next: LibraryRequest | null = null;
      while (next === null) {
        const backupLoss = backup ? restoreLoss(backup) : null;
        const choice = await this.#options.ui.chooseRecovery(problem, { offerDefault: !this.#isDefault(target.path), backup, backupLoss });
        if (choice === 'quit') return null;
        if (choice === 'restore' && backup) {
          triedBackups.add(backup.path);
          if (await this.#restore(backup, target.path)) next = { path: target.path, create: false };
          else backup = this.#newestBackup(target.path, triedBackups);
        } else if (choice === 'default') next = ownLibrary;
        else if (choice === 'open') next = await this.#ask(() => this.#options.ui.chooseLibraryToOpen(), false);
        else if (choice === 'create') next = await this.#ask(() => this.#options.ui.chooseNewLibraryPath(), true);
      }
      target = next;
    }
  }

  /**
   * Makes another library the open one. The new one is opened first: if it is refused the
   * user hears why and the current library stays open. Returns true when it switched.
   */
  async switchTo(request: LibraryRequest): Promise<boolean> {
    const current = this.#current;
    if (current && path.resolve(request.path) === current.path) return true;
    let library: Library;
    try {
      library = this.#open(request);
    } catch (error) {
      await this.#options.ui.showError(this.#problem(error));
      return false;
    }
    this.#activate(library);
    library.events.emit('library.changed', LIBRARY_OPENED);
    return true;
  }

  /** File > Open Library… */
  async openWithDialog(): Promise<boolean> {
    const chosen = await this.#options.ui.chooseLibraryToOpen();
    return chosen ? this.switchTo({ path: chosen, create: false }) : false;
  }

  /** File > New Library… : an empty library (the sample articles are for the first start only). */
  async createWithDialog(): Promise<boolean> {
    const chosen = await this.#options.ui.chooseNewLibraryPath();
    return chosen ? this.switchTo({ path: withLibraryExtension(chosen), create: true, seed: false }) : false;
  }

  /** Closes the open library (on quit): checkpoints the WAL and releases the file. */
  close(): void {
    this.#detach();
    if (this.#current) closeLibrary(this.#current);
    this.#current = null;
  }

  /**
   * Puts the backup in place of the library that failed (restoreBackup keeps the damaged
   * file aside, never deletes it). False, after telling the user why, when it could not.
   */
  async #restore(backup: BackupFile, libraryPath: string): Promise<boolean> {
    try {
      restoreBackup(backup.path, path.resolve(libraryPath));
      return true;
    } catch (error) {
      await this.#options.ui.showError(this.#problem(error));
      return false;
    }
  }

  #newestBackup(libraryPath: string, tried: Set<string>): BackupFile | null {
    try {
      return listBackups(path.resolve(libraryPath)).find((b) => !tried.has(b.path)) ?? null;
    } catch (error) {
      this.#log('could not list backups', error);
      return null;
    }
  }

  #open(request: LibraryRequest): Library {
    return openLibrarySession(path.resolve(request.path), { create: request.create, seed: request.seed ?? false, host: this.#options.host });
  }

  async #ask(choose: () => Promise<string | null>, create: boolean): Promise<LibraryRequest | null> {
    const chosen = await choose();
    if (!chosen) return null;
    return create ? { path: withLibraryExtension(chosen), create: true, seed: false } : { path: chosen, create: false };
  }

  #activate(library: Library): Library {
    const previous = this.#current;
    this.#detach();
    if (previous && previous !== library) closeLibrary(previous);
    this.#current = library;
    for (const name of EVENT_NAMES) {
      this.#unsubscribe.push(library.events.on(name, (payload) => this.#options.forward(name, payload)));
    }
    try {
      writeSettings(this.#options.settingsDir, { lastLibrary: library.path });
    } catch (error) {
      // Not remembering the last library costs a click next time; it must not stop this one.
      this.#log('could not write settings', error);
    }
    this.#options.onOpened?.(library);
    return library;
  }

  #detach(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
  }

  #isDefault(file: string): boolean {
    return path.resolve(file) === path.resolve(this.#options.defaultLibraryPath);
  }

  #problem(error: unknown): UserMessage {
    if (!(error instanceof AppError)) this.#log('could not open a library', error);
    return describeOpenError(error);
  }

  #log(message: string, error: unknown): void {
    (this.#options.log ?? ((m, e) => console.error(`[casefile] ${m}:`, e)))(message, error);
  }
}

/**
 * Failures a backup can mend: the library is damaged or gone. Not a newer version (the
 * backup would lose newer work), a lock or a read-only place (the file itself is fine).
 */
const RESTORABLE = new Set(['LIBRARY_CORRUPT', 'NOT_A_LIBRARY', 'LIBRARY_NOT_FOUND']);

/** "Notes" → "Notes.casefile"; a name that already ends in .casefile is kept. */
export function withLibraryExtension(file: string): string {
  return file.toLowerCase().endsWith(LIBRARY_EXTENSION) ? file : `${file}${LIBRARY_EXTENSION}`;
}
