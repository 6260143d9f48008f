// Dossiers from a terminal: create one, list them, and export one (or every article)
// to a file in any format.
import path from 'node:path';
import { EXPORT_FORMATS, type ExportFormat } from '../../../common/api/methods/dossiers.ts';
import { call } from '../../api/dispatch.ts';
import { formatBytes } from '../../services/dossiers/labels.ts';
import { parseId, UsageError, type Command } from '../command.ts';

export const dossierCommand: Command = {
  name: 'dossier',
  usage: 'dossier create --name NAME [--article ID]... [--all] [--tag ID] [--page ID]... [--title T] [--author A] [--date YYYY-MM-DD] [--handling TEXT] [--json]',
  summary: 'Create a dossier from articles (by id, all of them, or those with highlights tagged --tag) and notebook pages; prints its id.',
  options: {
    name: { type: 'string' },
    article: { type: 'string', multiple: true },
    page: { type: 'string', multiple: true },
    all: { type: 'boolean' },
    tag: { type: 'string' },
    title: { type: 'string' },
    author: { type: 'string' },
    date: { type: 'string' },
    handling: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: true,
  async run(context, { values, positionals }) {
    if (positionals[0] !== 'create' || positionals.length > 1) {
      throw new UsageError(positionals[0] === undefined ? 'Say what to do: "dossier create".' : `unknown dossier action "${positionals.slice(0, 2).join(' ')}"; the action is "create".`);
    }
    const name = (values.name as string | undefined)?.trim();
    if (!name) throw new UsageError('--name is required.');
    const articleIds = ((values.article as string[] | undefined) ?? []).map((v) => parseId(v, '--article'));
    const pageIds = ((values.page as string[] | undefined) ?? []).map((v) => parseId(v, '--page'));
    if (values.all && values.tag !== undefined) throw new UsageError('Choose --all or --tag, not both.');
    if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date as string)) throw new UsageError('--date must be a date like 2026-11-22.');
    const select = values.all ? { all: true as const } : values.tag !== undefined ? { tagId: parseId(values.tag as string, '--tag') } : undefined;
    if (!select && articleIds.length === 0 && pageIds.length === 0) throw new UsageError('Name what goes in the dossier: --article ID, --all, --tag ID or --page ID.');

    const { dispatch } = context.open();
    const dossier = await call(dispatch, 'dossiers.create', {
      name,
      title: values.title as string | undefined,
      author: values.author as string | undefined,
      date: values.date as string | undefined,
      handling: values.handling as string | undefined,
      items: [...articleIds.map((articleId) => ({ articleId })), ...pageIds.map((noteId) => ({ noteId }))],
      select,
    });
    if (values.json) context.json(dossier);
    else context.out(String(dossier.id));
    return 0;
  },
};

export const dossiersCommand: Command = {
  name: 'dossiers',
  usage: 'dossiers [--json]',
  summary: 'List the dossiers with their articles and notebook pages.',
  options: { json: { type: 'boolean' } },
  async run(context, { values }) {
    const { dispatch } = context.open();
    const dossiers = await call(dispatch, 'dossiers.list', {});
    if (values.json) {
      context.json(dossiers);
      return 0;
    }
    if (dossiers.length === 0) {
      context.out('No dossiers yet. Create one with "casefile dossier create --name NAME --all".');
      return 0;
    }
    context.out(`${'ID'.padStart(4)}  ${'ARTICLES'.padEnd(8)}  ${'PAGES'.padEnd(5)}  ${'UPDATED'.padEnd(10)}  NAME`);
    for (const d of dossiers) {
      context.out(`${String(d.id).padStart(4)}  ${String(d.articleCount).padEnd(8)}  ${String(d.noteCount).padEnd(5)}  ${d.updatedAt.slice(0, 10)}  ${d.name}${d.title && d.title !== d.name ? ` (${d.title})` : ''}`);
    }
    return 0;
  },
};

export const exportCommand: Command = {
  name: 'export',
  usage: `export (--dossier ID | --all) --format ${EXPORT_FORMATS.join('|')} --out FILE [--attribution] [--force]`,
  summary: 'Export a dossier, or every article with all its highlights, to a file (qdpx: the whole library unless --dossier). An existing file is kept unless --force.',
  options: { dossier: { type: 'string' }, all: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' }, attribution: { type: 'boolean' }, force: { type: 'boolean' } },
  async run(context, { values }) {
    const format = values.format as string | undefined;
    // A REFI-QDA project is the whole library unless a dossier is named.
    if (format === 'qdpx' && values.dossier === undefined) values.all = true;
    if ((values.dossier === undefined) === !values.all) throw new UsageError('Name what to export: --dossier ID or --all (one of them).');
    if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}${format === undefined ? '' : `, not "${format}"`}.`);
    }
    const out = (values.out as string | undefined)?.trim();
    if (!out) throw new UsageError('--out FILE is required: where to write the export.');
    const source = values.all ? { all: true as const } : { dossierId: parseId(values.dossier as string, '--dossier') };

    // The exporters load with this command, not with every command.
    const { exportToFile } = await import('../../services/dossiers/exports.ts');
    const { library } = context.open();
    const started = performance.now();
    const result = await exportToFile(library, { source, format: format as ExportFormat, attribution: values.attribution === true }, path.resolve(out), { force: values.force === true, openPdfPrinter: context.host.openPdfPrinter });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const pages = result.pageCount === null ? '' : `${result.pageCount} ${result.pageCount === 1 ? 'page' : 'pages'}, `;
    context.out(`Wrote ${result.path} (${pages}${formatBytes(result.bytes.byteLength)}) in ${seconds} s.`);
    return 0;
  },
};
