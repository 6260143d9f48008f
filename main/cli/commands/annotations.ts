import { ANNOTATION_KINDS, type Annotation, type AnnotationKind } from '../../../common/api/methods/annotations.ts';
import { call } from '../../api/dispatch.ts';
import { parseId, UsageError, type Command } from '../command.ts';

function parseKind(value: unknown): AnnotationKind {
  if (typeof value !== 'string' || !(ANNOTATION_KINDS as readonly string[]).includes(value)) {
    throw new UsageError(`--kind must be one of ${ANNOTATION_KINDS.join(', ')}${value === undefined ? '' : `, not ${JSON.stringify(value)}`}.`);
  }
  return value as AnnotationKind;
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

/** One line describing a highlight: what it is, what it names, and where it stands. */
export function describeAnnotation(a: Annotation): string {
  const parts = [`#${a.id}`, `article ${a.articleId}`, a.kind, `[${a.anchorStatus}]`, `"${clip(a.quote.exact, 70)}"`];
  if (a.entity) parts.push(`-> ${a.entity.name}${a.entity.reliability ? ` (${a.entity.reliability})` : ''}`);
  if (a.claim) {
    if (a.claim.claimants.length) parts.push(`claimant: ${a.claim.claimants.map((e) => e.name).join(', ')}`);
    if (a.claim.sources.length) parts.push(`source: ${a.claim.sources.map((e) => `${e.name}${e.reliability ? ` (${e.reliability})` : ''}`).join(', ')}`);
    if (a.claim.credibility) parts.push(`credibility ${a.claim.credibility}`);
    if (a.claim.sameClaims.length) parts.push(`corroborated by ${a.claim.corroboration}`);
  }
  if (a.tags.length) parts.push(`tags: ${a.tags.map((t) => t.name).join(', ')}`);
  if (a.note) parts.push(`note: ${clip(a.note, 60)}`);
  return parts.join('  ');
}

export const annotateCommand: Command = {
  name: 'annotate',
  usage: 'annotate ARTICLE_ID --kind claim|actor|source|highlight --quote TEXT [--occurrence N] [--note TEXT] [--actor NAME]... [--source NAME]... [--credibility 1-6] [--json]',
  summary: 'Highlight a quote in an article. For an actor or source highlight, --actor/--source names the record (default: the quote); for a claim they are its claimants and sources.',
  options: {
    kind: { type: 'string' },
    quote: { type: 'string' },
    occurrence: { type: 'string' },
    note: { type: 'string' },
    actor: { type: 'string', multiple: true },
    source: { type: 'string', multiple: true },
    credibility: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: true,
  async run(context, { values, positionals }) {
    const articleId = parseId(positionals[0], 'The article ID');
    const kind = parseKind(values.kind);
    const quote = values.quote as string | undefined;
    if (!quote?.trim()) throw new UsageError('--quote is required: the exact text to highlight.');
    const occurrence = values.occurrence === undefined ? undefined : parseId(values.occurrence as string, '--occurrence');
    const actors = (values.actor as string[] | undefined) ?? [];
    const sources = (values.source as string[] | undefined) ?? [];
    let credibility: 1 | 2 | 3 | 4 | 5 | 6 | undefined;
    if (values.credibility !== undefined) {
      const grade = Number(values.credibility);
      if (![1, 2, 3, 4, 5, 6].includes(grade)) throw new UsageError('--credibility must be a grade from 1 to 6.');
      if (kind !== 'claim') throw new UsageError('--credibility applies to claims only.');
      credibility = grade as 1 | 2 | 3 | 4 | 5 | 6;
    }
    if (kind === 'actor' && sources.length) throw new UsageError('An actor highlight names an actor: use --actor, not --source.');
    if (kind === 'source' && actors.length) throw new UsageError('A source highlight names a source: use --source, not --actor.');
    if ((kind === 'actor' && actors.length > 1) || (kind === 'source' && sources.length > 1)) throw new UsageError(`An ${kind} highlight names one ${kind}.`);
    if (kind === 'highlight' && (actors.length || sources.length)) throw new UsageError('A plain highlight names no actor or source.');

    const { dispatch } = context.open();
    const entityName = kind === 'actor' ? (actors[0] ?? quote) : kind === 'source' ? (sources[0] ?? quote) : undefined;
    const annotation = await call(dispatch, 'annotations.create', {
      articleId,
      kind,
      target: { quote, occurrence },
      note: values.note as string | undefined,
      entity: entityName === undefined ? undefined : { name: entityName },
      claimants: kind === 'claim' && actors.length ? actors.map((name) => ({ name })) : undefined,
      sources: kind === 'claim' && sources.length ? sources.map((name) => ({ name })) : undefined,
      credibility,
    });
    if (values.json) context.json(annotation);
    else context.out(`Saved ${describeAnnotation(annotation)}`);
    return 0;
  },
};

export const annotationsCommand: Command = {
  name: 'annotations',
  usage: 'annotations [--article ID] [--kind K] [--json]',
  summary: 'List highlights with their kind, anchor status, and what they name.',
  options: { article: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean' } },
  async run(context, { values }) {
    const articleId = values.article === undefined ? undefined : parseId(values.article as string, '--article');
    const kind = values.kind === undefined ? undefined : parseKind(values.kind);
    const { dispatch } = context.open();
    const all: Annotation[] = [];
    const PAGE = 5_000;
    for (let offset = 0; ; offset += PAGE) {
      const page = await call(dispatch, 'annotations.list', { articleId, kind, offset, limit: PAGE });
      all.push(...page);
      if (page.length < PAGE) break;
    }
    if (values.json) context.json(all);
    else if (all.length === 0) context.out('No highlights.');
    else for (const a of all) context.out(describeAnnotation(a));
    return 0;
  },
};

export const actorsCommand: Command = {
  name: 'actors',
  usage: 'actors [--json]',
  summary: 'List actors with their aliases, mentions and claims.',
  options: { json: { type: 'boolean' } },
  async run(context, { values }) {
    const { dispatch } = context.open();
    const actors = await call(dispatch, 'entities.list', { kind: 'actor', limit: 5_000 });
    if (values.json) {
      context.json(actors);
      return 0;
    }
    if (actors.length === 0) {
      context.out('No actors yet.');
      return 0;
    }
    context.out(`${'ID'.padStart(4)}  ${'MENTIONS'.padEnd(8)}  ${'CLAIMS'.padEnd(6)}  NAME (ALIASES)`);
    for (const a of actors) {
      context.out(`${String(a.id).padStart(4)}  ${String(a.mentionCount).padEnd(8)}  ${String(a.claimCount).padEnd(6)}  ${a.name}${a.aliases.length ? ` (${a.aliases.join('; ')})` : ''}`);
    }
    return 0;
  },
};
