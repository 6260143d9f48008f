// The application menu. File commands that open or create libraries ask main for a
// dialog; the renderer only hears that the library changed.
import { Menu, app, type MenuItemConstructorOptions } from 'electron';
import { exportDossierMenuItem, importMenuItems, type CommandContext } from './commands.ts';

export interface MenuActions {
  newLibrary(): void;
  openLibrary(): void;
  about(): void;
  readme(): void;
  /** File > Team > Join…: the page opens its Team dialog. */
  team(): void;
  /** What the import commands work on. */
  commands: CommandContext;
}

export function buildApplicationMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const developer = !app.isPackaged;
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { id: 'file.new-library', label: 'New Library…', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.newLibrary() },
        { id: 'file.open-library', label: 'Open Library…', accelerator: 'CmdOrCtrl+O', click: () => actions.openLibrary() },
        { type: 'separator' },
        ...importMenuItems(actions.commands),
        exportDossierMenuItem(actions.commands),
        { type: 'separator' },
        { label: 'Team', submenu: [{ id: 'file.team-join', label: 'Join…', click: () => actions.team() }] },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        // Reload and the developer tools only in development: a reload in the packaged app
        // would throw away what is being typed, and the tools are for us, not for readers.
        ...(developer ? [{ role: 'reload' as const }, { role: 'forceReload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { id: 'help.readme', label: 'Casefile README', click: () => actions.readme() },
        { type: 'separator' },
        { id: 'help.about', label: 'About Casefile', click: () => actions.about() },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
