// Export files: names derived from titles made safe on every platform, and writes that
// either complete or leave nothing behind (temporary file in the same folder, fsync,
// then a rename or, when overwriting is not allowed, a hard link that fails if the
// name was taken meanwhile).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../common/api/errors.ts';
import { fsyncPath } from '../../db/backup/files.ts';

const RESERVED_WINDOWS_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const MAX_BASE_LENGTH = 100;

/**
 * A file name for `title` with extension `ext`: no path separators or characters
 * Windows refuses, no control or bidirectional-override characters (which can disguise
 * an extension), no leading dots, no trailing dots or spaces, not a reserved Windows
 * device name, and at most 100 characters before the extension.
 */
export function safeFileName(title: string, ext: string): string {
  const cleanExt = ext.replace(/^\.+/, '').replace(/[^A-Za-z0-9]/g, '').slice(0, 10);
  let base = title
    .normalize('NFC')
    // Controls (C0, DEL, C1), bidi controls, zero-width and BOM, line/paragraph separators.
    .replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g, ' ')
    .replace(/[<>:"/\\|?*]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+/, '');
  // Shorten by code points, never splitting a surrogate pair.
  const chars = Array.from(base);
  if (chars.length > MAX_BASE_LENGTH) base = chars.slice(0, MAX_BASE_LENGTH).join('');
  base = base.replace(/[.\s]+$/, '');
  if (!base) base = 'Casefile export';
  if (RESERVED_WINDOWS_NAMES.test(base.split('.')[0]!.trim())) base = `_${base}`;
  return cleanExt ? `${base}.${cleanExt}` : base;
}

function describeFsError(error: unknown, file: string): AppError {
  const code = (error as { code?: string }).code;
  const folder = path.dirname(file);
  switch (code) {
    case 'ENOENT':
      return new AppError('EXPORT_FAILED', `The folder ${folder} does not exist.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError('EXPORT_FAILED', `Casefile may not write to ${folder}.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('EXPORT_FAILED', `The disk holding ${folder} is full; nothing was written.`);
    case 'EISDIR':
      return new AppError('EXPORT_FAILED', `${file} is a folder, not a file.`);
    case 'ENOTDIR':
      return new AppError('EXPORT_FAILED', `${folder} is not a folder.`);
    default:
      return new AppError('EXPORT_FAILED', `${file} could not be written.`);
  }
}

/** Refuses an existing file unless `force`; checked before the work starts so nobody waits for a refusal. */
export function assertWritable(file: string, force: boolean): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') {
      if (!fs.existsSync(path.dirname(file))) throw new AppError('EXPORT_FAILED', `The folder ${path.dirname(file)} does not exist.`);
      return;
    }
    throw describeFsError(error, file);
  }
  if (stat.isDirectory()) throw new AppError('EXPORT_FAILED', `${file} is a folder, not a file.`);
  if (!force) throw new AppError('CONFLICT', `${file} already exists; it was left as it is. Choose another name, or overwrite it (--force).`);
}

/** Writes `data` to `file` atomically: readers see the old file or the whole new one, never a part. */
export function writeFileAtomic(file: string, data: Uint8Array | string, options: { force: boolean }): void {
  const target = path.resolve(file);
  assertWritable(target, options.force);
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target).slice(0, 60)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(temp, 'wx', 0o644);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    if (options.force) {
      fs.renameSync(temp, target);
    } else {
      try {
        // link() fails if the name exists: no overwrite even if the file appeared meanwhile.
        fs.linkSync(temp, target);
        fs.unlinkSync(temp);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'EEXIST') throw new AppError('CONFLICT', `${target} already exists; it was left as it is. Choose another name, or overwrite it (--force).`);
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
        // File systems without hard links (FAT, some network shares): check, then rename.
        if (fs.existsSync(target)) throw new AppError('CONFLICT', `${target} already exists; it was left as it is. Choose another name, or overwrite it (--force).`);
        fs.renameSync(temp, target);
      }
    }
    fsyncPath(dir);
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    if (error instanceof AppError) throw error;
    throw describeFsError(error, target);
  }
}

