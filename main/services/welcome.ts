// The first-start welcome: three steps on highlighting and tagging, shown in a library
// that starts with the sample articles until the user closes it. The flag lives in the
// library (library_meta), not in app settings, so browser mode, the desktop app and a
// library copied to another laptop agree on it. A library created empty (no samples to
// try the steps on) does not show it; the help sheet can bring it back anywhere.
import type { Db } from '../db/open.ts';
import { readSetting, writeSetting } from '../db/repositories/library.ts';

export function setWelcomeShown(db: Db, shown: boolean): boolean {
  writeSetting(db, 'welcome', shown ? 'shown' : 'closed');
  return shown;
}

export function isWelcomeShown(db: Db): boolean {
  return readSetting(db, 'welcome') === 'shown';
}
