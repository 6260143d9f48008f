// Markdown: the dossier as quotes with citations (article, outlet, date, highlight
// number, address), then the claims table, the actor index and the sources. Library
// text is escaped so it always reads as text, whatever Markdown renderer opens it.
import { ANNOTATION_KINDS } from '../../../common/api/methods/annotations.ts';
import { canonicalText, documentOf, textField } from '../../../common/text/document.ts';
import { cleanText } from './escape.ts';
import { ANCHOR_LABELS, credibilityText, formatDate, KIND_LABELS, plural, reliabilityText, sourceTypeText } from './labels.ts';
import type { ExportArticle, ExportHighlight, ExportModel, ExportNote } from './model.ts';

/** Backslash-escapes Markdown's inline punctuation (so raw HTML and links stay text) and entity-like sequences. */
export function mdText(text: string): string {
  return cleanText(text)
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;');
}

/** One line of text that must not start a block (list item, heading, quote, rule). */
function mdLine(text: string): string {
  return mdText(text).replace(/^(\s*)([-+=#]|\d+[.)])/, (_m, space: string, marker: string) => `${space}${marker.replace(/([-+=#.)])$/, '\\$1')}`);
}

/** Text on one line: newlines become spaces (table cells, list items). */
function mdFlat(text: string): string {
  return mdText(text.replace(/\s+/g, ' ').trim());
}

function mdUrl(url: string | null): string {
  if (!url) return '';
  return /^https?:\/\/[^\s<>]+$/i.test(url) ? `<${url}>` : mdFlat(url);
}

function blockquote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() ? `> ${mdLine(line)}` : '>'))
    .join('\n');
}

function citation(h: ExportHighlight, section: ExportArticle): string {
  const a = section.article;
  const parts = [`*${mdFlat(a.title)}*`];
  if (a.outlet) parts.push(mdFlat(a.outlet));
  if (a.publishedAt) parts.push(formatDate(a.publishedAt));
  if (a.url) parts.push(mdUrl(a.url));
  return `— **[${h.number}] ${KIND_LABELS[h.annotation.kind]}**, ${parts.join(', ')}`;
}

function details(h: ExportHighlight, model: ExportModel): string[] {
  const a = h.annotation;
  const lines: string[] = [];
  if (a.entity) lines.push(`${a.entity.kind === 'actor' ? 'Actor' : 'Source'}: ${mdFlat(a.entity.name)}${a.entity.reliability ? ` (${reliabilityText(a.entity.reliability)})` : ''}`);
  if (a.claim) {
    const c = a.claim;
    if (c.claimants.length) lines.push(`Claimant: ${c.claimants.map((x) => mdFlat(x.name)).join(', ')}`);
    if (c.sources.length) lines.push(`Source: ${c.sources.map((x) => `${mdFlat(x.name)}${x.reliability ? ` (${reliabilityText(x.reliability)})` : ''}`).join(', ')}`);
    if (c.credibility) lines.push(`Credibility: ${credibilityText(c.credibility)}`);
    if (c.sameClaims.length) {
      const others = c.sameClaims.map((o) => {
        const inDossier = model.byAnnotationId.get(o.annotationId);
        return inDossier ? `[\\[${inDossier.number}\\]](#${o.annotationGid})` : `*${mdFlat(o.articleTitle)}*${o.outlet ? ` (${mdFlat(o.outlet)})` : ''}`;
      });
      lines.push(`Corroborated by ${plural(c.corroboration, 'independent report')}: ${others.join('; ')}`);
    }
  }
  if (a.tags.length) lines.push(`Tags: ${a.tags.map((t) => mdFlat(t.name)).join(', ')}`);
  if (a.anchorStatus !== 'exact') lines.push(`Position: ${ANCHOR_LABELS[a.anchorStatus]}`);
  if (h.by) lines.push(`Highlighted by: ${mdFlat(h.by)}`);
  if (a.note.trim()) lines.push(`Note: ${mdFlat(a.note)}`);
  return lines;
}

function articleSection(section: ExportArticle, model: ExportModel): string {
  const a = section.article;
  const out: string[] = [`## ${section.number}. ${mdFlat(a.title)}`, ''];
  const dek = [a.outlet, a.byline, a.publishedAt ? `published ${formatDate(a.publishedAt, true)}` : null].filter((x): x is string => !!x);
  if (dek.length) out.push(`*${dek.map(mdFlat).join(' · ')}*  `);
  if (a.url) out.push(`${mdUrl(a.url)}  `);
  out.push(`Retrieved ${formatDate(a.retrievedAt, true)} · text SHA-256 \`${a.textSha256}\`${a.original ? ` · original ${mdFlat(a.original.name ?? 'pasted text')} SHA-256 \`${a.original.sha256}\`` : ''}`, '');
  // Wire copies: every other place this text was published, each with its own evidence.
  for (const other of a.appearances.slice(1)) {
    const where = [mdFlat(other.outlet ?? 'Unknown outlet'), mdUrl(other.url), `retrieved ${formatDate(other.retrievedAt, true)}`, other.original ? `original SHA-256 \`${other.original.sha256}\`` : ''];
    out.push(`Also carried by ${where.filter(Boolean).join(' · ')}`, '');
  }
  if (section.highlights.length === 0) out.push('*No highlights shown from this article.*', '');
  for (const h of section.highlights) {
    // An anchor named by the highlight's global id: links to it hold in every copy of the
    // dossier and every library it came from. Two trailing spaces: a hard line break.
    out.push(`<a id="${h.annotation.gid}"></a>`, '', blockquote(h.annotation.quote.exact), '>', `> ${citation(h, section)}  `);
    for (const line of details(h, model)) out.push(`> ${line}  `);
    out.push('');
  }
  return out.join('\n');
}

function noteSection(section: ExportNote, model: ExportModel): string {
  const out: string[] = [`## Notebook page: ${mdFlat(section.note.title)}`, '', `*Last edited ${formatDate(section.note.updatedAt, true)}*`, ''];
  for (const block of section.note.body.root.children) {
    if (block.type === 'annotation-quote') {
      const h = model.byAnnotationId.get(Number(block.annotationId));
      const article = h ? model.articles[h.articleNumber - 1] : undefined;
      out.push(blockquote(h ? h.annotation.quote.exact : textField(block, 'quote')), '>');
      out.push(h && article ? `> ${citation(h, article)}` : `> — *${mdFlat(textField(block, 'articleTitle', 'a highlight'))}* (not in this dossier)`, '');
      continue;
    }
    const text = canonicalText(documentOf([block]));
    if (!text.trim()) continue;
    const prefix = block.type === 'heading' ? '### ' : '';
    out.push(
      text
        .split('\n\n')
        .map((p) => prefix + p.split('\n').map(mdLine).join('  \n'))
        .join('\n\n'),
      '',
    );
  }
  return out.join('\n');
}

function cell(text: string): string {
  return mdFlat(text) || '—';
}

export function renderMarkdown(model: ExportModel): string {
  const out: string[] = [`# ${mdFlat(model.title)}`, ''];
  if (model.handling) out.push(`**${mdFlat(model.handling.toUpperCase())}**`, '');
  const facts = ['Casefile dossier', model.author ? `prepared by ${mdFlat(model.author)}` : null, formatDate(model.date)].filter(Boolean);
  out.push(`*${facts.join(' · ')}*`, '');
  const counts = ANNOTATION_KINDS.map((k) => [k, model.highlights.filter((h) => h.annotation.kind === k).length] as const).filter(([, n]) => n > 0);
  out.push(
    `${plural(model.articles.length, 'article')}, ${plural(model.highlights.length, 'highlight')}${counts.length ? ` (${counts.map(([k, n]) => plural(n, KIND_LABELS[k].toLowerCase())).join(', ')})` : ''}. Highlights are numbered [1], [2]… through the dossier.`,
    '',
  );
  out.push('## Contents', '');
  for (const s of model.sections) out.push(s.type === 'article' ? `- Article ${s.number}: ${mdFlat(s.article.title)}` : `- Notebook page: ${mdFlat(s.note.title)}`);
  out.push('');
  for (const s of model.sections) out.push(s.type === 'article' ? articleSection(s, model) : noteSection(s, model));

  if (model.claims.length) {
    out.push('## Claims', '', '| No. | Claim | Claimant | Source | Source reliability | Credibility | Corroborating reports |', '|---|---|---|---|---|---|---|');
    for (const h of model.claims) {
      const c = h.annotation.claim!;
      out.push(
        `| [${h.number}] | ${cell(h.annotation.quote.exact)} | ${cell(c.claimants.map((x) => x.name).join(', '))} | ${cell(c.sources.map((x) => x.name).join(', '))} | ${cell(c.sources.filter((s) => s.reliability).map((s) => reliabilityText(s.reliability)).join('; '))} | ${cell(credibilityText(c.credibility))} | ${c.corroboration} |`,
      );
    }
    out.push('');
  }
  const refs = (list: readonly ExportHighlight[]) => [...new Set(list.map((h) => h.number))].sort((a, b) => a - b).map((n) => `[${n}]`).join(', ');
  if (model.actors.length) {
    out.push('## Actor index', '');
    for (const actor of model.actors) {
      const bits = [`**${mdFlat(actor.name)}**`];
      if (actor.aliases.length) bits.push(`also ${actor.aliases.map(mdFlat).join('; ')}`);
      if (actor.mentions.length) bits.push(`mentioned ${refs(actor.mentions)}`);
      if (actor.claims.length) bits.push(`claims ${refs(actor.claims)}`);
      out.push(`- ${bits.join(' — ')}`);
    }
    out.push('');
  }
  if (model.sources.length) {
    out.push('## Sources', '');
    for (const source of model.sources) {
      const bits = [`**${mdFlat(source.name)}**`];
      if (source.sourceType) bits.push(sourceTypeText(source.sourceType));
      bits.push(source.reliability ? `reliability ${reliabilityText(source.reliability)}` : 'reliability not graded');
      const cited = [...source.mentions, ...source.claims];
      if (cited.length) bits.push(`cited ${refs(cited)}`);
      out.push(`- ${bits.join(' — ')}`);
    }
    out.push('');
  }
  out.push('---', '', `*Generated by Casefile on ${formatDate(model.generatedAt, true)} from library ${model.libraryId}.*`, '');
  return out.join('\n');
}
