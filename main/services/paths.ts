// Where Casefile keeps its own library when none is named. Mirrors Electron's
// app.getPath('userData') for the product name "Casefile", so the CLI and the app
// open the same library without the CLI importing Electron.
import os from 'node:os';
import path from 'node:path';

export function userDataDir(): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Casefile');
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Casefile');
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Casefile');
  }
}

export function defaultLibraryPath(): string {
  return path.join(userDataDir(), 'Library.casefile');
}

/** The library a command works on: --library, then CASEFILE_LIBRARY, then the app's own. */
export function resolveLibraryPath(explicit?: string | null): string {
  return path.resolve(explicit || process.env.CASEFILE_LIBRARY || defaultLibraryPath());
}
