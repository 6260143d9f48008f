// Small files the app replaces whole (its settings, the kept team passwords): written to a
// new temporary file beside the target, synced, renamed over it, and the folder synced. A
// crash leaves the old file or the whole new one, never a torn one; and the file has the
// mode asked for, because the temporary is always created here (a mode given to an open
// applies only when the open creates the file).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fsyncPath } from '../db/backup/files.ts';

export function replaceFile(file: string, data: string | Uint8Array, mode: number): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', mode);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fsyncPath(dir);
}
