// `casefile history`: the library's change log (who, when, what, field by field), and
// `casefile config`: the name change sets are signed with.
import type { HistoryEntry, HistoryField } from '../../../common/api/methods/history.ts';
import { call } from '../../api/dispatch.ts';
import { parseId, UsageError, type Command } from '../command.ts';

function shown(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function fieldLine(field: HistoryField, op: string): string {
  if (op === 'insert') return `${field.name}: ${shown(field.after)}`;
  if (op === 'delete') return `${field.name}: ${shown(field.before)}`;
  return `${field.name}: ${shown(field.before)} → ${shown(field.after)}`;
}

export function historyLines(entry: HistoryEntry): string[] {
  const lines = [`${entry.at}  ${entry.author}  ${entry.label}  (${entry.origin})`];
  for (const change of entry.changes) {
    lines.push(`    ${change.op} ${change.table} ${change.gid}`);
    for (const field of change.fields) lines.push(`        ${fieldLine(field, change.op)}`);
  }
  return lines;
}

export const historyCommand: Command = {
  name: 'history',
  usage: 'history [--article ID | --annotation ID] [--author NAME] [--limit N] [--json]',
  summary: 'The change log, newest first: who changed what, when, field by field (of one article or highlight, or the whole library).',
  options: { article: { type: 'string' }, annotation: { type: 'string' }, author: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  async run(context, { values }) {
    if (values.article !== undefined && values.annotation !== undefined) throw new UsageError('Give --article or --annotation, not both.');
    const limit = values.limit === undefined ? 100 : parseId(values.limit as string, '--limit');
    const { dispatch } = context.open();
    const entries = await call(dispatch, 'history.list', {
      ...(values.article !== undefined ? { articleId: parseId(values.article as string, '--article') } : {}),
      ...(values.annotation !== undefined ? { annotationId: parseId(values.annotation as string, '--annotation') } : {}),
      ...(values.author !== undefined ? { author: values.author as string } : {}),
      limit: Math.min(limit, 1000),
    });
    if (values.json) {
      context.json(entries);
      return 0;
    }
    if (entries.length === 0) context.out('No changes recorded.');
    for (const entry of entries) for (const line of historyLines(entry)) context.out(line);
    return 0;
  },
};

export const configCommand: Command = {
  name: 'config',
  usage: 'config get author | config set author NAME',
  summary: 'The name your changes are signed with in this library (default: your OS account name).',
  options: {},
  positionals: true,
  async run(context, { positionals }) {
    const [verb, key, ...rest] = positionals;
    if (key !== 'author') throw new UsageError(key === undefined ? 'Name the setting: author.' : `There is no setting "${key}"; the one setting is author.`);
    const { dispatch } = context.open();
    if (verb === 'get') {
      const settings = await call(dispatch, 'library.settings', {});
      context.out(settings.authorIsDefault ? `${settings.author} (your OS account name; set one with casefile config set author NAME)` : settings.author);
      return 0;
    }
    if (verb === 'set') {
      const name = rest.join(' ').trim();
      if (!name) throw new UsageError('Give the name: casefile config set author NAME.');
      const settings = await call(dispatch, 'library.setAuthor', { author: name });
      context.out(`Changes in ${context.libraryPath} are now signed “${settings.author}”.`);
      return 0;
    }
    throw new UsageError(verb === undefined ? 'Say get or set.' : `"${verb}" is not get or set.`);
  },
};
