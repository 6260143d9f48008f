// The app's own small settings file (userData/settings.json): which library was open
// last. Written atomically (temp file, fsync, rename) so a crash mid-write leaves the
// previous file, never a torn one. A missing or unreadable file means defaults.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

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
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, SETTINGS_FILE);
  const temp = path.join(dir, `.${SETTINGS_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const data = `${JSON.stringify({ version: 1, lastLibrary: settings.lastLibrary }, null, 2)}\n`;
  try {
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
