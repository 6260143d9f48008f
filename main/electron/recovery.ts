// When the window cannot show the app: its preload failed, its renderer process died, or its
// page did not load. Each is logged on main's stderr (the only trace a user can send us) and
// answered with a recovery dialog naming what failed, with Reload and Quit, instead of a
// blank or frozen window.
import { app, dialog, type BrowserWindow } from 'electron';

export interface WindowFailure {
  /** One line for the log and the dialog. */
  what: string;
  detail: string;
}

export function watchWindowHealth(window: BrowserWindow, log: (line: string, error?: unknown) => void = (line, error) => console.error(`[casefile] ${line}`, ...(error === undefined ? [] : [error]))): void {
  const contents = window.webContents;
  let asking = false;
  const recover = (failure: WindowFailure): void => {
    if (asking || window.isDestroyed()) return;
    asking = true;
    void dialog
      .showMessageBox(window, {
        type: 'error',
        title: 'Casefile',
        message: failure.what,
        detail: `${failure.detail}\n\nYour library is saved. Reload the window, or quit and reopen Casefile.`,
        buttons: ['Reload', 'Quit'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      })
      .then(({ response }) => {
        asking = false;
        if (response === 0 && !window.isDestroyed()) contents.reload();
        else app.quit();
      });
  };

  contents.on('preload-error', (_event, preloadPath: string, error: Error) => {
    log(`the window's preload script failed (${preloadPath}):`, error);
    recover({ what: 'Casefile could not connect its window to your library', detail: `The preload script failed: ${error?.message ?? String(error)}` });
  });
  contents.on('render-process-gone', (_event, details: { reason: string; exitCode: number }) => {
    log(`the window's renderer process is gone (${details.reason}, exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit') return;
    recover({ what: 'The Casefile window stopped', detail: `Its renderer process ended (${details.reason}, exit code ${details.exitCode}).` });
  });
  contents.on('did-fail-load', (_event, errorCode: number, errorDescription: string, validatedURL: string, isMainFrame: boolean) => {
    if (!isMainFrame || errorCode === -3 /* ERR_ABORTED: a navigation replaced it */) return;
    log(`the window could not load ${validatedURL} (${errorDescription}, ${errorCode})`);
    recover({ what: 'Casefile could not load its window', detail: `${validatedURL}: ${errorDescription} (${errorCode}).` });
  });
}
