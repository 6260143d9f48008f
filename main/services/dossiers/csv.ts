// CSV: one row per highlight with every field, for a spreadsheet or R. RFC 4180
// (comma, CRLF, fields quoted when they hold a comma, quote or line break), UTF-8
// with a byte-order mark so Excel reads Urdu correctly, and cells that a spreadsheet
// would run as a formula (= + - @, tab, CR) prefixed with a single quote.
import { CREDIBILITY_GRADES, RELIABILITY_GRADES } from '../../../common/api/methods/annotations.ts';
import type { ExportModel } from './model.ts';

export const CSV_COLUMNS = [
  'number',
  'annotation_id',
  // Global ids: the same in every library the highlight and article travel to.
  'annotation_gid',
  'article_number',
  'article_id',
  'article_gid',
  'article_title',
  'article_outlet',
  'article_url',
  'article_published',
  'kind',
  'quote_exact',
  'quote_prefix',
  'quote_suffix',
  'start',
  'end',
  'anchor_status',
  'entity_id',
  'entity_name',
  'claimants',
  'claimant_ids',
  'sources',
  'source_ids',
  'source_reliability',
  'credibility',
  'credibility_meaning',
  'corroboration',
  'claim_group_id',
  'same_claim_ids',
  'tags',
  'tag_ids',
  'note',
  'created_at',
  'updated_at',
] as const;

/** Cells a spreadsheet would evaluate. A leading quote makes them text in Excel, LibreOffice and Sheets. */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : guardFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const join = (values: readonly (string | number)[]) => values.join('; ');

export function renderCsv(model: ExportModel): string {
  const lines = [CSV_COLUMNS.join(',')];
  const articles = new Map(model.articles.map((a) => [a.number, a.article]));
  for (const h of model.highlights) {
    const a = h.annotation;
    const article = articles.get(h.articleNumber)!;
    const c = a.claim;
    const row: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
      number: h.number,
      annotation_id: a.id,
      annotation_gid: a.gid,
      article_number: h.articleNumber,
      article_id: article.id,
      article_gid: article.gid,
      article_title: article.title,
      article_outlet: article.outlet,
      article_url: article.url,
      article_published: article.publishedAt,
      kind: a.kind,
      quote_exact: a.quote.exact,
      quote_prefix: a.quote.prefix,
      quote_suffix: a.quote.suffix,
      start: a.start,
      end: a.end,
      anchor_status: a.anchorStatus,
      entity_id: a.entity?.id ?? null,
      entity_name: a.entity?.name ?? null,
      claimants: c ? join(c.claimants.map((x) => x.name)) : null,
      claimant_ids: c ? join(c.claimants.map((x) => x.id)) : null,
      sources: c ? join(c.sources.map((x) => x.name)) : null,
      source_ids: c ? join(c.sources.map((x) => x.id)) : null,
      // Claims carry their sources' grades; a source highlight carries its own.
      source_reliability: c
        ? join(c.sources.filter((s) => s.reliability).map((s) => `${s.reliability} (${RELIABILITY_GRADES[s.reliability!]})`))
        : a.entity?.reliability
          ? `${a.entity.reliability} (${RELIABILITY_GRADES[a.entity.reliability]})`
          : null,
      credibility: c?.credibility ?? null,
      credibility_meaning: c?.credibility ? CREDIBILITY_GRADES[c.credibility] : null,
      corroboration: c ? c.corroboration : null,
      claim_group_id: c?.groupId ?? null,
      same_claim_ids: c ? join(c.sameClaims.map((o) => o.annotationId)) : null,
      tags: join(a.tags.map((t) => t.name)),
      tag_ids: join(a.tags.map((t) => t.id)),
      note: a.note,
      created_at: a.createdAt,
      updated_at: a.updatedAt,
    };
    lines.push(CSV_COLUMNS.map((col) => csvField(row[col])).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
