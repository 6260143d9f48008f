// The dialogs the shell shows. The renderer never names a file path: every path main
// opens comes from one of these dialogs, the command line or the operating system.
import { app, dialog, shell, type BrowserWindow, type MessageBoxOptions } from 'electron';
import path from 'node:path';
import type { LibraryUi, RecoveryChoice, RecoveryOffer, UserMessage } from './library-manager.ts';
import { externalLinkTarget } from './trust.ts';

const LIBRARY_FILTERS = [{ name: 'Casefile library', extensions: ['casefile'] }];

async function messageBox(parent: BrowserWindow | null, options: MessageBoxOptions): Promise<number> {
  const result = parent && !parent.isDestroyed() ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return result.response;
}

/** When a backup was made, in the user's own locale and time zone ("22 Nov 2026, 09:14"). */
function backupDate(madeAt: Date): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(madeAt);
}

export function createLibraryUi(parent: () => BrowserWindow | null): LibraryUi {
  return {
    async showError(problem: UserMessage) {
      await messageBox(parent(), { type: 'error', title: 'Casefile', message: problem.message, detail: problem.detail, buttons: ['OK'] });
    },

    async chooseRecovery(problem: UserMessage, { offerDefault, backup, backupLoss }: RecoveryOffer): Promise<RecoveryChoice> {
      const choices: { label: string; choice: RecoveryChoice }[] = [
        ...(backup ? [{ label: `Restore Backup of ${backupDate(backup.madeAt)}`, choice: 'restore' as const }] : []),
        { label: 'Open Another Library…', choice: 'open' },
        { label: 'Create New Library…', choice: 'create' },
        ...(offerDefault ? [{ label: 'Open My Casefile Library', choice: 'default' as const }] : []),
        { label: 'Quit', choice: 'quit' },
      ];
      const response = await messageBox(parent(), {
        type: 'error',
        title: 'Casefile',
        message: problem.message,
        // A restore is never offered as if it were free: the dialog says what it would lose.
        detail: backupLoss ? `${problem.detail}\n\n${backupLoss}` : problem.detail,
        buttons: choices.map((c) => c.label),
        defaultId: 0,
        cancelId: choices.length - 1,
        noLink: true,
      });
      return choices[response]?.choice ?? 'quit';
    },

    async chooseLibraryToOpen() {
      const window = parent();
      const options = { title: 'Open Library', properties: ['openFile' as const], filters: LIBRARY_FILTERS };
      const result = window && !window.isDestroyed() ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },

    async chooseNewLibraryPath() {
      const window = parent();
      const options = {
        title: 'New Library',
        buttonLabel: 'Create',
        defaultPath: path.join(app.getPath('documents'), 'Research.casefile'),
        filters: LIBRARY_FILTERS,
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const result = window && !window.isDestroyed() ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      // An existing file picked here is opened as it is (or refused), never overwritten:
      // openLibrarySession only creates a file that is missing or empty.
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

let confirming = false;

/**
 * A link the page wanted to follow: http(s) only, and only after the user agrees, in the
 * operating system's browser. Anything else (file:, javascript:, custom schemes) is dropped.
 */
export async function confirmAndOpenExternal(url: string, parent: BrowserWindow | null): Promise<void> {
  const target = externalLinkTarget(url);
  // One question at a time: a page cannot queue up a stack of dialogs.
  if (!target || confirming) return;
  confirming = true;
  try {
    const response = await messageBox(parent, {
      type: 'question',
      title: 'Open Link',
      message: 'Open this link in your web browser?',
      detail: target,
      buttons: ['Open in Browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    if (response === 0) await shell.openExternal(target);
  } finally {
    confirming = false;
  }
}

export async function showAbout(parent: BrowserWindow | null): Promise<void> {
  await messageBox(parent, {
    type: 'info',
    title: 'About Casefile',
    message: `Casefile ${app.getVersion()}`,
    detail:
      'An offline research notebook: import articles, highlight claims, actors and sources, ' +
      'link them, and export annotated dossiers.\n\n' +
      `Electron ${process.versions.electron ?? ''} · Chromium ${process.versions.chrome ?? ''} · Node ${process.versions.node}`,
    buttons: ['OK'],
  });
}

/** The README shipped with the app (a resource when packaged), opened in the user's own viewer. */
export async function openReadme(parent: BrowserWindow | null): Promise<void> {
  const file = app.isPackaged ? path.join(process.resourcesPath, 'README.md') : path.join(app.getAppPath(), 'README.md');
  const failure = await shell.openPath(file);
  if (failure) {
    await messageBox(parent, { type: 'warning', title: 'Casefile', message: 'The README could not be opened.', detail: file, buttons: ['OK'] });
  }
}

/** Where to save an export: the system's save dialog, which confirms replacing a file. */
export async function chooseSaveFile(parent: BrowserWindow | null, suggestedName: string): Promise<string | null> {
  const options = { title: 'Export', defaultPath: path.join(app.getPath('documents'), suggestedName), properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const] };
  const result = parent && !parent.isDestroyed() ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}
