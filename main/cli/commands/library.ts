import fs from 'node:fs';
import { AppError } from '../../../common/api/errors.ts';
import { call } from '../../api/dispatch.ts';
import { closeLibrary, libraryInfo, openLibrarySession } from '../../services/library.ts';
import type { Command } from '../command.ts';

export const initCommand: Command = {
  name: 'init',
  usage: 'init [--library PATH]',
  summary: 'Create a new library holding the sample articles.',
  options: {},
  async run(context) {
    if (fs.existsSync(context.libraryPath) && fs.statSync(context.libraryPath).size > 0) {
      throw new AppError('CONFLICT', `A library already exists at ${context.libraryPath}; it was left as it is.`);
    }
    const library = openLibrarySession(context.libraryPath, { create: true, host: context.host });
    const count = libraryInfo(library).articleCount;
    closeLibrary(library);
    context.out(`Created ${context.libraryPath} with ${count} sample articles.`);
    return 0;
  },
};

export const checkCommand: Command = {
  name: 'check',
  usage: 'check [--json]',
  summary: 'Check the library: SQLite integrity, full-text indexes, foreign keys, every original file against its SHA-256, schema version.',
  options: { json: { type: 'boolean' } },
  async run(context, { values }) {
    const { dispatch } = context.open();
    const check = await call(dispatch, 'library.check', {});
    if (values.json) {
      context.json({ library: context.libraryPath, ...check });
    } else if (check.ok) {
      context.out(`ok: ${context.libraryPath} (schema version ${check.schemaVersion}; integrity ok; full-text indexes ok; foreign keys ok; original files ok)`);
    } else {
      const problems = [
        check.integrity.join('; ') !== 'ok' ? `integrity: ${check.integrity.slice(0, 5).join('; ')}` : null,
        ...Object.entries(check.fullText).filter(([, v]) => v !== 'ok').map(([k, v]) => `${k}: ${v}`),
        check.foreignKeyViolations > 0 ? `${check.foreignKeyViolations} foreign key violations` : null,
        ...check.originals.map(
          (o) => `original file of article ${o.articleId} “${o.title}”${o.appearanceId === null ? '' : ` (appearance ${o.appearanceId})`}: ${o.problem}`,
        ),
      ].filter(Boolean);
      context.out(`NOT OK: ${context.libraryPath}: ${problems.join('; ')}`);
    }
    return check.ok ? 0 : 1;
  },
};
