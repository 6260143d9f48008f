// File menu commands that work on the open library: importing files or a folder chosen
// in a dialog (the job reports progress to the renderer as events).
import { dialog, type BrowserWindow, type MenuItemConstructorOptions, type OpenDialogOptions } from 'electron';
import type { HostServices } from '../services/host.ts';
import { sharedPool } from '../services/import/importer.ts';
import { startImportJob } from '../services/import/jobs.ts';
import { SUPPORTED_EXTENSIONS } from '../services/import/convert.ts';
import type { Library } from '../services/library.ts';

export interface CommandContext {
  window(): BrowserWindow | null;
  library(): Library | null;
  /** The app's host services: the import converts with its bundled worker. */
  host: HostServices;
  /** Asks the page to show one of its views. */
  showView(view: string): void;
}

async function chooseAndImport(context: CommandContext, options: OpenDialogOptions): Promise<void> {
  const library = context.library();
  if (!library) return;
  const window = context.window();
  const result = window && !window.isDestroyed() ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  if (result.canceled || result.filePaths.length === 0) return;
  startImportJob(library, result.filePaths, sharedPool(context.host.conversionWorker));
}

/** File > Import Files… and Import Folder…: dialogs in main, then a background import job. */
export function importMenuItems(context: CommandContext): MenuItemConstructorOptions[] {
  return [
    {
      id: 'file.import',
      label: 'Import Files…',
      accelerator: 'CmdOrCtrl+I',
      click: () =>
        void chooseAndImport(context, {
          title: 'Import articles',
          properties: ['openFile', 'multiSelections'],
          filters: [{ name: 'Articles', extensions: SUPPORTED_EXTENSIONS.map((e) => e.slice(1)) }],
        }),
    },
    {
      id: 'file.import-folder',
      label: 'Import Folder…',
      accelerator: 'CmdOrCtrl+Shift+I',
      click: () => void chooseAndImport(context, { title: 'Import a folder of articles', properties: ['openDirectory'] }),
    },
  ];
}

/** File > Export Dossier…: opens the dossiers view, where a dossier is chosen and exported (exports.save asks where). */
export function exportDossierMenuItem(context: CommandContext): MenuItemConstructorOptions {
  return { id: 'file.export-dossier', label: 'Export Dossier…', accelerator: 'CmdOrCtrl+E', click: () => context.showView('dossiers') };
}
