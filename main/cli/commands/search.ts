import { SEARCH_KINDS, type SearchHit, type SearchKind } from '../../../common/api/methods/search.ts';
import type { ClaimCard, ClaimsBoard } from '../../../common/api/methods/connections.ts';
import { call } from '../../api/dispatch.ts';
import { parseId, UsageError, type Command } from '../command.ts';

function parseKinds(values: unknown): SearchKind[] | undefined {
  const kinds = (values as string[] | undefined) ?? [];
  for (const kind of kinds) {
    if (!(SEARCH_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${SEARCH_KINDS.join(', ')}, not "${kind}".`);
  }
  return kinds.length ? (kinds as SearchKind[]) : undefined;
}

function parseDay(value: unknown, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${option} must be a date like 2025-10-20.`);
  return value;
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

function clip(text: string, width: number): string {
  const line = flat(text);
  return line.length <= width ? line : `${line.slice(0, width - 1)}…`;
}

/** A snippet for a terminal: matched words between « ». */
function snippetLine(hit: SearchHit): string {
  return hit.snippet.map((s) => (s.match ? `«${s.text}»` : s.text)).join('');
}

function describeHit(hit: SearchHit): string {
  const where = [hit.outlet, hit.publishedAt?.slice(0, 10)].filter(Boolean).join(', ');
  const head =
    hit.kind === 'article'
      ? `article ${hit.articleId}`
      : hit.kind === 'note'
        ? `notebook page ${hit.noteId}`
        : `${hit.kind} #${hit.annotationId} in article ${hit.articleId}${hit.entity ? ` -> ${hit.entity.name}` : ''}`;
  return `${head}  ${clip(hit.title, 70)}${where ? `  (${where})` : ''}${hit.offset !== null ? `  @${hit.offset}` : ''}\n    ${snippetLine(hit)}`;
}

export const searchCommand: Command = {
  name: 'search',
  usage: 'search QUERY [--kind K]... [--actor NAME] [--source NAME] [--outlet NAME] [--from DATE] [--to DATE] [--author NAME] [--limit N] [--offset N] [--rank-all] [--json]',
  summary: `Full-text search of articles, highlights and notebook pages: words, "phrases", prefix*, AND/OR/NOT, ( ). --kind: ${SEARCH_KINDS.join(', ')}.`,
  options: {
    kind: { type: 'string', multiple: true },
    actor: { type: 'string' },
    source: { type: 'string' },
    outlet: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    author: { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
    'rank-all': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  positionals: true,
  async run(context, { values, positionals }) {
    const query = positionals.join(' ').trim();
    if (!query) throw new UsageError('QUERY is missing: the words to search for.');
    const limit = values.limit === undefined ? 20 : parseId(values.limit as string, '--limit');
    if (limit > 200) throw new UsageError('--limit is at most 200.');
    const offset = values.offset === undefined ? 0 : Number(values.offset);
    if (!Number.isSafeInteger(offset) || offset < 0) throw new UsageError('--offset must be a whole number, 0 or more.');
    const { dispatch } = context.open();
    const page = await call(dispatch, 'search.query', {
      query,
      kinds: parseKinds(values.kind),
      actor: values.actor === undefined ? undefined : { name: values.actor as string },
      source: values.source === undefined ? undefined : { name: values.source as string },
      outlet: values.outlet as string | undefined,
      from: parseDay(values.from, '--from'),
      to: parseDay(values.to, '--to'),
      author: values.author as string | undefined,
      limit,
      offset,
      rankAll: values['rank-all'] === true,
    });
    if (values.json) {
      context.json(page);
      return 0;
    }
    if (page.total === 0) {
      context.out(`No results for ${page.understood}.`);
      return 0;
    }
    const last = page.offset + page.hits.length;
    context.out(`${page.total} ${page.total === 1 ? 'result' : 'results'} for ${page.understood}${page.total > page.hits.length ? ` (${page.offset + 1}-${last})` : ''}`);
    if (page.rankedWithin !== null) {
      context.out(`Too many to rank quickly: the best of the ${page.rankedWithin} most recently added matches of each kind (--rank-all ranks every one).`);
    }
    for (const hit of page.hits) context.out(describeHit(hit));
    return 0;
  },
};

function describeClaim(c: ClaimCard): string {
  const date = c.publishedAt?.slice(0, 10) ?? 'undated';
  const who = c.claimants.length ? `  claimant: ${c.claimants.map((e) => e.name).join(', ')}` : '';
  return `#${c.annotationId}  ${date}  ${c.outlet ?? 'no outlet'}  article ${c.articleId}  "${clip(c.quote, 80)}"${who}`;
}

export const claimsCommand: Command = {
  name: 'claims',
  usage: 'claims [--author NAME] [--json]',
  summary:
    'The claims board: claims grouped as the same claim with their independent outlets and earliest report, claims in no group, and contradictions. --author: only the claims one member made (with the groups and contradictions holding them).',
  options: { author: { type: 'string' }, json: { type: 'boolean' } },
  async run(context, { values }) {
    const { dispatch } = context.open();
    const PAGE = 5_000;
    let board: ClaimsBoard | null = null;
    for (let offset = 0; ; offset += PAGE) {
      const page = await call(dispatch, 'claims.board', { ungroupedOffset: offset, ungroupedLimit: PAGE, author: values.author as string | undefined });
      if (board) board.ungrouped.push(...page.ungrouped);
      else board = page;
      if (page.ungrouped.length < PAGE) break;
    }
    if (values.json) {
      context.json(board);
      return 0;
    }
    const { groups, ungrouped, contradictions } = board;
    if (groups.length === 0 && ungrouped.length === 0) {
      context.out(values.author === undefined ? 'No claims yet.' : `No claims by ${values.author as string}.`);
      return 0;
    }
    for (const g of groups) {
      const reports = `${g.independentReports} independent ${g.independentReports === 1 ? 'report' : 'reports'}`;
      context.out(`Same claim ${g.label ? `"${clip(g.label, 60)}" ` : ''}(group ${g.groupId}): ${reports}${g.outlets.length ? ` (${g.outlets.join(', ')})` : ''}`);
      g.claims.forEach((c, i) => context.out(`  ${i === 0 ? 'earliest ' : '         '}${describeClaim(c)}`));
    }
    if (ungrouped.length) {
      context.out(`Claims in no group (${ungrouped.length}):`);
      for (const c of ungrouped) context.out(`  ${describeClaim(c)}`);
    }
    if (contradictions.length) {
      context.out(`Contradictions (${contradictions.length}):`);
      for (const p of contradictions) context.out(`  #${p.a.annotationId} "${clip(p.a.quote, 50)}"  contradicts  #${p.b.annotationId} "${clip(p.b.quote, 50)}"`);
    }
    return 0;
  },
};
