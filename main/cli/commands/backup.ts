// `casefile backup [--out FILE] [--list]` and `casefile restore BACKUP [--force]`: a
// verified snapshot of the library, the list of its backups, and going back to one.
// restore never opens the library through the usual path (it may be the damaged one).
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../common/api/errors.ts';
import { backupBase } from '../../db/backup/compressed.ts';
import { backupsDir, listBackups, manualBackupPath } from '../../db/backup/files.ts';
import { restoreBackup } from '../../db/backup/restore.ts';
import { writeBackup } from '../../db/backup/write.ts';
import { UsageError, type Command } from '../command.ts';

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup [--out FILE] [--list] [--json]',
  summary: `Write a checked snapshot of the library (default: into "<name>.backups/" beside it); --list shows its backups.`,
  options: { out: { type: 'string' }, list: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(context, { values }) {
    if (values.list) {
      if (values.out) throw new UsageError('--list and --out do not go together.');
      // A backup built on another needs that one to restore: say which.
      const backups = listBackups(context.libraryPath).map((b) => ({ ...b, builtOn: backupBase(b.path) }));
      if (values.json) {
        context.json(backups.map((b) => ({ ...b, madeAt: b.madeAt.toISOString() })));
      } else if (backups.length === 0) {
        context.out(`No backups of ${context.libraryPath} yet (they go in ${backupsDir(context.libraryPath)}).`);
      } else {
        for (const b of backups) {
          context.out(`${b.madeAt.toISOString().slice(0, 19).replace('T', ' ')}  ${b.kind.padEnd(9)}  ${megabytes(b.size).padStart(9)}  ${b.path}${b.builtOn ? `  (changes since ${b.builtOn})` : ''}`);
        }
      }
      return 0;
    }
    const out = typeof values.out === 'string' ? path.resolve(values.out) : null;
    if (out && path.resolve(out) === path.resolve(context.libraryPath)) throw new UsageError('--out must name a new file, not the library itself.');
    if (out && fs.existsSync(out)) throw new AppError('CONFLICT', `${out} already exists; a backup never overwrites a file. Name a new file.`);
    const { library } = context.open();
    const result = writeBackup(library.db, out ?? manualBackupPath(library.path));
    if (values.json) context.json({ library: library.path, ...result, integrity: 'ok' });
    else context.out(`Backed up ${library.path} to ${result.path} (${result.articleCount} articles, ${result.annotationCount} highlights, ${megabytes(result.size)}; integrity check ok).`);
    return 0;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore BACKUP [--library PATH] [--force] [--json]',
  summary: 'Replace the library with a backup (checked first); the current library is kept as "<name>.before-restore-<time>.casefile".',
  options: { force: { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: true,
  async run(context, { values, positionals }) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'Name the backup file to restore.' : 'Name one backup file.');
    const result = restoreBackup(positionals[0]!, context.libraryPath, { force: values.force === true });
    if (values.json) {
      context.json(result);
    } else {
      context.out(`Restored ${result.library} from ${result.backup} (${result.articleCount} articles, ${result.annotationCount} highlights; integrity check ok).`);
      context.out(result.movedAside ? `The library that was there is kept as ${result.movedAside}.` : 'There was no library there before.');
    }
    return 0;
  },
};
