// Menu commands that belong to features still to come. Each stays in the menu, disabled,
// so the menu has its final shape; the feature's issue replaces the item with a working one.
import type { MenuItemConstructorOptions } from 'electron';

/** File > Import…: wired by issue 4 (import articles: a file dialog in main, then the import service). */
export function importMenuItem(): MenuItemConstructorOptions {
  return { id: 'file.import', label: 'Import…', accelerator: 'CmdOrCtrl+I', enabled: false };
}

/** File > Export Dossier…: wired by issue 5 (dossiers: a save dialog in main, then printToPDF). */
export function exportDossierMenuItem(): MenuItemConstructorOptions {
  return { id: 'file.export-dossier', label: 'Export Dossier…', accelerator: 'CmdOrCtrl+E', enabled: false };
}
