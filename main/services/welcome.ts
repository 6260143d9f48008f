// The first-start welcome: three steps on highlighting and tagging, shown in a library
// that starts with the sample articles until the user closes it. The flag lives in the
// library (library_meta), not in app settings, so browser mode, the desktop app and a
// library copied to another laptop agree on it. A library created empty (no samples to
// try the steps on) does not show it; the help sheet can bring it back anywhere.
import type { Db } from '../db/open.ts';

export function setWelcomeShown(db: Db, shown: boolean): boolean {
  db.prepare("INSERT INTO library_meta (key, value) VALUES ('welcome', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
    shown ? 'shown' : 'closed',
  );
  return shown;
}

export function isWelcomeShown(db: Db): boolean {
  return db.prepare("SELECT value FROM library_meta WHERE key = 'welcome'").pluck().get() === 'shown';
}
