// The app's own small settings file (userData/settings.json): which library was open
// last. Replaced whole (replace-file.ts): a crash mid-write leaves the previous file,
// never a torn one. A missing or unreadable file means defaults.
import fs from 'node:fs';
import path from 'node:path';
import { replaceFile } from '../services/replace-file.ts';

export const SETTINGS_FILE = 'settings.json';

export interface AppSettings {
  /** Absolute path of the library open when the app last switched libraries. */
  lastLibrary: string | null;
}

const DEFAULTS: AppSettings = { lastLibrary: null };

export function readSettings(dir: string): AppSettings {
  let raw: string;
  try {
    raw = fs.readFileSync(path.join(dir, SETTINGS_FILE), 'utf8');
  } catch {
    return { ...DEFAULTS };
  }
  try {
    const parsed = JSON.parse(raw) as { lastLibrary?: unknown };
    const last = parsed.lastLibrary;
    return { lastLibrary: typeof last === 'string' && path.isAbsolute(last) ? last : null };
  } catch {
    // A damaged settings file only loses the "last library" hint; the libraries are untouched.
    return { ...DEFAULTS };
  }
}

export function writeSettings(dir: string, settings: AppSettings): void {
  replaceFile(path.join(dir, SETTINGS_FILE), `${JSON.stringify({ version: 1, lastLibrary: settings.lastLibrary }, null, 2)}\n`, 0o600);
}
