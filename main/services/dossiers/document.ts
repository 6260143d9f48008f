// The one HTML document of a dossier, printed to PDF and saved as standalone HTML:
// cover; contents; each article with its provenance, its text with numbered highlights
// and its notes; notebook pages; then the claims table, the actor index and the source
// list. Self-contained (inline CSS, no scripts, nothing fetched: a CSP says so too),
// and every piece of library text goes through escapeHtml.
//
// Building happens in two steps so a PDF can be printed twice without redoing the
// expensive part: renderParts() draws the sections once; assembleDocument() puts them
// together with the contents, the second time with the page numbers the first print
// revealed (Chromium has no target-counter(); see pdf.ts).
import { ANNOTATION_KINDS, CREDIBILITY_GRADES, RELIABILITY_GRADES, type AnnotationKind } from '../../../common/api/methods/annotations.ts';
import { textField, type SerializedNode } from '../../../common/text/document.ts';
import { renderBodyHtml, type BodyMark } from './body.ts';
import { escapeHtml, safeHref } from './escape.ts';
import { ANCHOR_LABELS, formatBytes, formatDate, KIND_LABELS, plural, sourceTypeText } from './labels.ts';
import type { ExportArticle, ExportEntity, ExportHighlight, ExportModel, ExportNote } from './model.ts';
import { throwIfCancelled, yieldToEventLoop } from '../cancel.ts';
import { dossierCss, frontPagesCss } from './styles.ts';

interface ContentsEntry {
  /** The section's element id: the contents links to it, and the PDF names it as a destination. */
  anchor: string;
  title: string;
  /** "1", "2"... for articles; empty for pages and back matter. */
  label: string;
  meta: string;
  back: boolean;
  dir: 'ltr' | 'rtl' | 'auto';
}

export interface DocumentParts {
  title: string;
  css: string;
  cover: string;
  sections: string[];
  contents: ContentsEntry[];
}

export interface AssembleOptions {
  medium: 'print' | 'screen';
  /** Page of each contents entry, by anchor. Without it (the body's print) the numbers are placeholders of the same width. */
  pageNumbers?: ReadonlyMap<string, number> | null;
  /**
   * Only the front pages (cover and contents), for the print that numbers the contents:
   * `pageCount` is the whole document's, written into the page footers as a literal
   * since this print alone cannot count the pages after it.
   */
  front?: { pageCount: number } | null;
}

export const CONTENTS_ANCHOR = 'contents';
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const e = escapeHtml;
/** Titles on one line: headings keep their spaces (see the stylesheet), so runs of whitespace would show. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function ref(h: ExportHighlight): string {
  return `<a class="ref-link" href="#h${h.number}">[${h.number}]</a>`;
}

/** "Art. 1: [2], [5]; Art. 3: [14]": highlights grouped by article, in number order. */
function refsByArticle(highlights: readonly ExportHighlight[]): string {
  const groups = new Map<number, ExportHighlight[]>();
  for (const h of [...highlights].sort((a, b) => a.number - b.number)) {
    const list = groups.get(h.articleNumber);
    if (list) list.push(h);
    else groups.set(h.articleNumber, [h]);
  }
  return [...groups.entries()].map(([article, list]) => `Art.&nbsp;${article}:&nbsp;${list.map(ref).join(', ')}`).join('; ');
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

function kindCounts(highlights: readonly ExportHighlight[]): Record<AnnotationKind, number> {
  const counts: Record<AnnotationKind, number> = { claim: 0, actor: 0, source: 0, highlight: 0 };
  for (const h of highlights) counts[h.annotation.kind] += 1;
  return counts;
}

function countsText(highlights: readonly ExportHighlight[]): string {
  const counts = kindCounts(highlights);
  const parts = ANNOTATION_KINDS.filter((k) => counts[k] > 0).map((k) => plural(counts[k], KIND_LABELS[k].toLowerCase()));
  return parts.length ? parts.join(', ') : 'no highlights';
}

function filterText(model: ExportModel): string {
  const all = ANNOTATION_KINDS.every((k) => model.filter.kinds.includes(k));
  const kinds = all ? 'All kinds' : model.filter.kinds.length ? model.filter.kinds.map((k) => `${KIND_LABELS[k]}s`).join(', ') : 'None';
  return model.filterTagNames.length ? `${kinds}, tagged ${model.filterTagNames.map((t) => `“${t}”`).join(' or ')}` : kinds;
}

// ---- cover -------------------------------------------------------------------------

function renderCover(model: ExportModel): string {
  const notes = model.sections.filter((s) => s.type === 'note').length;
  const scope = [plural(model.articles.length, 'article'), notes ? plural(notes, 'notebook page') : null, plural(model.highlights.length, 'highlight')]
    .filter(Boolean)
    .join(' · ');
  const facts: [string, string][] = [];
  if (model.author) facts.push(['Prepared by', e(model.author)]);
  facts.push(['Date', e(formatDate(model.date))]);
  facts.push(['Contains', e(scope)]);
  if (model.highlights.length) facts.push(['Highlights', e(countsText(model.highlights))]);
  facts.push(['Highlights shown', e(filterText(model))]);
  const handling = model.handling ? `<div class="cover-handling">${e(model.handling.toUpperCase())}</div>` : '<div></div>';
  return `<header class="cover">
  ${handling}
  <div class="cover-main">
    <p class="cover-kicker">Casefile dossier</p>
    <p class="cover-title" dir="auto">${e(model.title)}</p>
    ${model.name && model.name !== model.title ? `<p class="cover-subtitle" dir="auto">${e(model.name)}</p>` : ''}
    <hr class="cover-rule">
    <table class="cover-facts">${facts.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('')}</table>
  </div>
  <div class="cover-foot">
    <p>Every quote is numbered [1], [2]… and traceable to its article: each article opens with its provenance (outlet, byline, dates, address, when it was retrieved, and the SHA-256 of its text and of the original file).</p>
    <p>Generated by Casefile on ${e(formatDate(model.generatedAt, true))} from library <span class="mono">${e(model.libraryId)}</span>.</p>
    ${model.handling ? `<p><strong style="color:#9b1c1c">${e(model.handling)}</strong></p>` : ''}
  </div>
</header>`;
}

// ---- articles ----------------------------------------------------------------------

function provenance(section: ExportArticle): string {
  const a = section.article;
  const rows: [string, string][] = [];
  rows.push(['Outlet', a.outlet ? `<bdi>${e(a.outlet)}</bdi>` : '<span class="muted">Unknown</span>']);
  if (a.byline) rows.push(['Byline', `<bdi>${e(a.byline)}</bdi>`]);
  rows.push(['Published', a.publishedAt ? e(formatDate(a.publishedAt, true)) : '<span class="muted">Unknown</span>']);
  const href = safeHref(a.url);
  if (a.url) rows.push(['Address', href ? `<a class="mono" href="${e(href)}">${e(a.url)}</a>` : `<span class="mono">${e(a.url)}</span>`]);
  rows.push(['Retrieved', e(formatDate(a.retrievedAt, true))]);
  if (a.language) rows.push(['Language', `${e(a.language)}${a.direction === 'rtl' ? ' (right to left)' : ''}`]);
  rows.push(['Text SHA-256', `<span class="mono">${e(a.textSha256)}</span>`]);
  if (a.original) {
    rows.push(['Original file', `<bdi>${e(a.original.name ?? '(pasted text)')}</bdi> · ${e(a.original.type)} · ${e(formatBytes(a.original.size))}`]);
    rows.push(['Original SHA-256', `<span class="mono">${e(a.original.sha256)}</span>`]);
  }
  // Wire copies: every other place this text was published, each with its own evidence.
  for (const other of a.appearances.slice(1)) {
    const where = [other.outlet ? `<bdi>${e(other.outlet)}</bdi>` : '<span class="muted">Unknown outlet</span>'];
    const link = safeHref(other.url);
    if (other.url) where.push(link ? `<a class="mono" href="${e(link)}">${e(other.url)}</a>` : `<span class="mono">${e(other.url)}</span>`);
    where.push(`retrieved ${e(formatDate(other.retrievedAt, true))}`);
    if (other.original) where.push(`original SHA-256 <span class="mono">${e(other.original.sha256)}</span>`);
    rows.push(['Also carried by', where.join(' · ')]);
  }
  const confirmed = a.sameStory.filter((s) => s.status === 'confirmed');
  if (confirmed.length) rows.push(['Same story as', confirmed.map((s) => `<bdi>${e(s.title)}</bdi>${s.outlet ? ` (${e(s.outlet)})` : ''}`).join('; ')]);
  rows.push(['Highlights', section.highlights.length ? `${e(countsText(section.highlights))} (${refRange(section.highlights)})` : 'none shown']);
  rows.push(['Library record', `article ${a.id}`]);
  return `<dl class="provenance" dir="ltr">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function refRange(highlights: readonly ExportHighlight[]): string {
  const first = highlights[0]!.number;
  const last = highlights[highlights.length - 1]!.number;
  return first === last ? `[${first}]` : `[${first}]–[${last}]`;
}

function entityName(ref: { name: string; reliability?: string | null }, withGrade = false): string {
  return `<bdi>${e(ref.name)}</bdi>${withGrade && ref.reliability ? ` (${e(ref.reliability)})` : ''}`;
}

/** The per-article list of highlights: kind, what it names, tags, position problems, and the note. */
function highlightNotes(section: ExportArticle, unplaced: ReadonlySet<number>): string {
  if (section.highlights.length === 0) return '';
  const items = section.highlights.map((h) => {
    const a = h.annotation;
    const bits: string[] = [`<span class="kind ink-${a.kind}">${KIND_LABELS[a.kind]}</span>`];
    if (a.entity) bits.push(entityName(a.entity, a.entity.kind === 'source'));
    if (a.claim) {
      if (a.claim.claimants.length) bits.push(`claimant: ${a.claim.claimants.map((c) => entityName(c)).join(', ')}`);
      if (a.claim.sources.length) bits.push(`source: ${a.claim.sources.map((s) => entityName(s, true)).join(', ')}`);
      if (a.claim.credibility) bits.push(`credibility ${a.claim.credibility}`);
      if (a.claim.sameClaims.length) bits.push(`corroborated by ${plural(a.claim.corroboration, 'independent report')}`);
    }
    if (a.tags.length) bits.push(`tags: ${a.tags.map((t) => `<bdi>${e(t.name)}</bdi>`).join(', ')}`);
    if (a.anchorStatus !== 'exact') bits.push(`<span class="status">${e(ANCHOR_LABELS[a.anchorStatus])}</span>`);
    if (h.by) bits.push(`highlighted by <bdi>${e(h.by)}</bdi>`);
    const placedHere = !unplaced.has(h.number);
    const quote = placedHere ? '' : `<span class="note-text quote" dir="auto">“${e(a.quote.exact)}”</span>`;
    const note = a.note.trim() ? `<span class="note-text" dir="auto">${e(a.note.trim())}</span>` : '';
    return `<li${placedHere ? '' : ` id="h${h.number}"`}><span class="n ink-${a.kind}">[${h.number}]</span><span>${bits.join(' · ')}${quote}${note}</span></li>`;
  });
  // Not a heading: it would add a bookmark under every article.
  return `<aside class="notes" dir="ltr"><p class="notes-title">Highlights and notes</p><ol>${items.join('')}</ol></aside>`;
}

function renderArticle(section: ExportArticle): string {
  const a = section.article;
  const marks: BodyMark[] = section.highlights
    .filter((h) => h.annotation.anchorStatus !== 'orphan')
    .map((h) => ({ number: h.number, anchor: `h${h.number}`, kind: h.annotation.kind, start: h.annotation.start, end: h.annotation.end }));
  const body = renderBodyHtml(a.body, marks, { headingOffset: 1 });
  const unplaced = new Set([...body.unplaced, ...section.highlights.filter((h) => h.annotation.anchorStatus === 'orphan').map((h) => h.number)]);
  const dek = [a.outlet, a.byline, a.publishedAt ? formatDate(a.publishedAt) : null].filter((x): x is string => !!x);
  const lang = a.language ? ` lang="${e(a.language)}"` : '';
  return `<section class="section article" id="${section.anchor}">
  <div class="article-head" dir="ltr">
    <p class="kicker">Article ${section.number}</p>
    <h1 dir="auto"${lang}>${e(oneLine(a.title))}</h1>
    ${dek.length ? `<p class="dek">${dek.map((d) => `<bdi>${e(d)}</bdi>`).join(' · ')}</p>` : ''}
  </div>
  ${provenance(section)}
  <div class="article-body" dir="${a.direction}"${lang}>${body.html}</div>
  ${highlightNotes(section, unplaced)}
</section>`;
}

// ---- notebook pages ----------------------------------------------------------------

function renderNote(section: ExportNote, model: ExportModel): string {
  const quote = (node: SerializedNode): string => {
    const id = Number(node.annotationId);
    const h = model.byAnnotationId.get(id);
    const text = h ? h.annotation.quote.exact : textField(node, 'quote');
    const article = h ? model.articles[h.articleNumber - 1]?.article : null;
    const title = article?.title ?? textField(node, 'articleTitle');
    const cite = [title ? `<cite>${e(title)}</cite>` : null, article?.outlet ? e(article.outlet) : null, article?.publishedAt ? e(formatDate(article.publishedAt)) : null]
      .filter(Boolean)
      .join(', ');
    return `<blockquote class="quoted"><p dir="auto">“${e(text)}”</p><footer>— ${cite || 'a highlight'}${h ? ` ${ref(h)}` : ' (not in this dossier)'}</footer></blockquote>`;
  };
  const body = renderBodyHtml(section.note.body, [], { headingOffset: 1, renderAnnotationQuote: quote });
  return `<section class="section note" id="${section.anchor}">
  <p class="kicker">Notebook page</p>
  <h1 dir="auto">${e(oneLine(section.note.title))}</h1>
  <p class="dek">Last edited ${e(formatDate(section.note.updatedAt, true))}</p>
  <div class="page-body">${body.html}</div>
</section>`;
}

// ---- back matter -------------------------------------------------------------------

function corroborationCell(h: ExportHighlight, model: ExportModel): string {
  const claim = h.annotation.claim!;
  if (claim.sameClaims.length === 0) return '<span class="muted">None recorded</span>';
  const items = claim.sameClaims.map((other) => {
    const inDossier = model.byAnnotationId.get(other.annotationId);
    const where = [other.outlet, other.publishedAt ? formatDate(other.publishedAt) : null].filter(Boolean).join(', ');
    return inDossier
      ? `<li>${ref(inDossier)} Art.&nbsp;${inDossier.articleNumber}${where ? ` · ${e(where)}` : ''}</li>`
      : `<li>“${e(shorten(other.articleTitle, 60))}”${where ? ` · ${e(where)}` : ''} <span class="muted">(not in this dossier)</span></li>`;
  });
  return `<span class="grade">${claim.corroboration}</span><span class="small">${claim.corroboration === 1 ? 'independent report' : 'independent reports'}</span><ul>${items.join('')}</ul>`;
}

function renderClaims(model: ExportModel): string {
  const rows = model.claims.map((h) => {
    const c = h.annotation.claim!;
    const sources = c.sources;
    const reliabilities = sources.filter((s) => s.reliability);
    return `<tr>
      <td>${ref(h)}<span class="small">Art.&nbsp;${h.articleNumber}</span></td>
      <td class="claim-text" dir="auto">“${e(shorten(h.annotation.quote.exact, 600))}”</td>
      <td>${c.claimants.length ? c.claimants.map((x) => entityName(x)).join('<br>') : '<span class="muted">—</span>'}</td>
      <td>${sources.length ? sources.map((x) => entityName(x)).join('<br>') : '<span class="muted">—</span>'}</td>
      <td>${reliabilities.length ? reliabilities.map((s) => `<span class="grade">${e(s.reliability!)}</span><span class="small">${e(RELIABILITY_GRADES[s.reliability!])}</span>`).join('') : `<span class="muted">${sources.length ? 'Not graded' : '—'}</span>`}</td>
      <td>${c.credibility ? `<span class="grade">${c.credibility}</span><span class="small">${e(CREDIBILITY_GRADES[c.credibility])}</span>` : '<span class="muted">Not graded</span>'}</td>
      <td>${corroborationCell(h, model)}</td>
    </tr>`;
  });
  return `<section class="section back" id="claims">
  <h1>Claims</h1>
  <p class="intro">${plural(model.claims.length, 'claim')} in the order they appear. Reliability grades the source (A–F), credibility grades the claim (1–6), on the Admiralty scale. Corroboration counts independent outlets reporting the same claim.</p>
  <table class="data claims">
    <colgroup><col style="width:8%"><col style="width:31%"><col style="width:12%"><col style="width:13%"><col style="width:11%"><col style="width:10%"><col style="width:15%"></colgroup>
    <thead><tr><th>No.</th><th>Claim</th><th>Claimant</th><th>Source</th><th>Source reliability</th><th>Credibility</th><th>Corroborating reports</th></tr></thead>
    <tbody>${rows.join('')}</tbody>
  </table>
</section>`;
}

function renderActors(model: ExportModel): string {
  const entries = model.actors.map((actor) => {
    const lines: string[] = [];
    if (actor.aliases.length) lines.push(`<span class="line aliases">also ${actor.aliases.map((x) => `<bdi>${e(x)}</bdi>`).join('; ')}</span>`);
    if (actor.description.trim()) lines.push(`<span class="line">${e(actor.description.trim())}</span>`);
    if (actor.mentions.length) lines.push(`<span class="line"><span class="label">Mentioned:</span> ${refsByArticle(actor.mentions)}</span>`);
    if (actor.claims.length) lines.push(`<span class="line"><span class="label">Claims made:</span> ${refsByArticle(actor.claims)}</span>`);
    return `<div class="entry"><span class="name" dir="auto">${e(actor.name)}</span>${lines.join('')}</div>`;
  });
  return `<section class="section back" id="actors">
  <h1>Actor index</h1>
  <p class="intro">${plural(model.actors.length, 'actor')} named or quoted in this dossier, with their aliases and where they appear (article and highlight numbers).</p>
  <div class="index">${entries.join('')}</div>
</section>`;
}

function renderSources(model: ExportModel): string {
  const rows = model.sources.map((source: ExportEntity) => {
    const cited = [...source.mentions, ...source.claims];
    return `<tr>
      <td><strong dir="auto">${e(source.name)}</strong>${source.aliases.length ? `<span class="small">also ${source.aliases.map((x) => `<bdi>${e(x)}</bdi>`).join('; ')}</span>` : ''}${source.description.trim() ? `<span class="small">${e(source.description.trim())}</span>` : ''}</td>
      <td>${e(sourceTypeText(source.sourceType)) || '<span class="muted">—</span>'}</td>
      <td>${source.reliability ? `<span class="grade">${e(source.reliability)}</span><span class="small">${e(RELIABILITY_GRADES[source.reliability])}</span>` : '<span class="muted">Not graded</span>'}</td>
      <td>${cited.length ? refsByArticle(cited) : '<span class="muted">—</span>'}</td>
    </tr>`;
  });
  return `<section class="section back" id="sources">
  <h1>Sources</h1>
  <p class="intro">${plural(model.sources.length, 'source')} cited in this dossier. Reliability on the Admiralty scale: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged.</p>
  <table class="data sources">
    <colgroup><col style="width:34%"><col style="width:18%"><col style="width:18%"><col style="width:30%"></colgroup>
    <thead><tr><th>Source</th><th>Type</th><th>Reliability</th><th>Cited in</th></tr></thead>
    <tbody>${rows.join('')}</tbody>
  </table>
</section>`;
}

// ---- contents ----------------------------------------------------------------------

function legend(model: ExportModel): string {
  const counts = kindCounts(model.highlights);
  const kinds = ANNOTATION_KINDS.filter((k) => model.filter.kinds.includes(k))
    .map((k) => `<span><span class="swatch hl-${k}"></span>${KIND_LABELS[k]} <span class="muted">(${counts[k]})</span></span>`)
    .join('');
  const grades = (title: string, entries: [string, string][]) =>
    `<div><p class="legend-sub">${title}</p><dl>${entries.map(([k, v]) => `<dt>${k}</dt><dd>${e(v)}</dd>`).join('')}</dl></div>`;
  return `<div class="legend">
  <p class="legend-title">Reading this dossier</p>
  <div class="legend-kinds">${kinds}</div>
  <p>Highlights are coloured by kind and numbered [1], [2]… through the whole dossier; the number follows the highlighted passage. Each article ends with its highlights and the analyst’s notes under the same numbers.</p>
  <div class="legend-grid">
    ${grades('Source reliability', Object.entries(RELIABILITY_GRADES))}
    ${grades('Claim credibility', Object.entries(CREDIBILITY_GRADES))}
  </div>
</div>`;
}

function renderContents(parts: DocumentParts, model: ExportModel, options: AssembleOptions): string {
  const print = options.medium === 'print';
  const digits = String(Math.max(99, parts.sections.length * 20)).length;
  const items = parts.contents.map((entry) => {
    const page = options.pageNumbers?.get(entry.anchor);
    // Placeholders as wide as the final numbers, so the front pages printed with the
    // numbers paginate like the body's print. Shown, not hidden: the two prints must paint
    // the same elements so that their tagged content matches (see pdf.ts).
    const pageText = page !== undefined ? String(page) : '0'.repeat(digits);
    return `<li class="${entry.back ? 'toc-back' : 'toc-entry'}">
      <span class="toc-num">${e(entry.label)}</span>
      <span class="toc-text"><a href="#${entry.anchor}"><span class="toc-title" dir="${entry.dir}">${e(oneLine(entry.title))}</span></a>${entry.meta ? `<span class="toc-meta">${entry.meta}</span>` : ''}</span>
      ${print ? `<span class="toc-fill"></span><span class="toc-page">${pageText}</span>` : ''}
    </li>`;
  });
  return `<nav class="contents" id="${CONTENTS_ANCHOR}" aria-label="Contents">
  <h1>Contents</h1>
  <ol class="toc">${items.join('')}</ol>
  ${legend(model)}
</nav>`;
}

// ---- putting it together -----------------------------------------------------------

export interface RenderOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Draws every section once (the expensive part), yielding between articles so a cancel gets through. */
export async function renderParts(model: ExportModel, options: RenderOptions = {}): Promise<DocumentParts> {
  const sections: string[] = [];
  const contents: ContentsEntry[] = [];
  let done = 0;
  for (const section of model.sections) {
    await yieldToEventLoop(options.signal);
    if (section.type === 'article') {
      const a = section.article;
      sections.push(renderArticle(section));
      const meta = [a.outlet, a.publishedAt ? formatDate(a.publishedAt) : null].filter((x): x is string => !!x).map((x) => `<bdi>${e(x)}</bdi>`);
      if (section.highlights.length) meta.push(e(plural(section.highlights.length, 'highlight')));
      contents.push({ anchor: section.anchor, title: a.title, label: String(section.number), meta: meta.join(' · '), back: false, dir: 'auto' });
    } else {
      sections.push(renderNote(section, model));
      contents.push({ anchor: section.anchor, title: section.note.title, label: '', meta: 'Notebook page', back: false, dir: 'auto' });
    }
    done += 1;
    options.onProgress?.(done, model.sections.length);
  }
  throwIfCancelled(options.signal);
  if (model.claims.length) {
    sections.push(renderClaims(model));
    contents.push({ anchor: 'claims', title: 'Claims', label: '', meta: e(plural(model.claims.length, 'claim')), back: true, dir: 'ltr' });
  }
  if (model.actors.length) {
    sections.push(renderActors(model));
    contents.push({ anchor: 'actors', title: 'Actor index', label: '', meta: e(plural(model.actors.length, 'actor')), back: true, dir: 'ltr' });
  }
  if (model.sources.length) {
    sections.push(renderSources(model));
    contents.push({ anchor: 'sources', title: 'Sources', label: '', meta: e(plural(model.sources.length, 'source')), back: true, dir: 'ltr' });
  }
  const title = model.title || model.name;
  return {
    title,
    css: dossierCss({ runningTitle: shorten(title, 90), handling: model.handling }),
    cover: renderCover(model),
    sections,
    contents,
  };
}

export function assembleDocument(parts: DocumentParts, model: ExportModel, options: AssembleOptions): string {
  const meta = [
    `<meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="generator" content="Casefile">`,
    model.author ? `<meta name="author" content="${e(model.author)}">` : '',
    `<meta name="date" content="${e(model.date)}">`,
  ].filter(Boolean);
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
${meta.join('\n')}
<title>${e(parts.title)}</title>
<style>${parts.css}${options.front ? frontPagesCss(options.front.pageCount) : ''}</style>
</head>
<body>
${parts.cover}
${renderContents(parts, model, options)}
${options.front ? '' : `<main>\n${parts.sections.join('\n')}\n</main>`}
</body>
</html>
`;
}

/** The whole document in one go (standalone HTML, tests). */
export async function buildDocument(model: ExportModel, options: AssembleOptions & RenderOptions): Promise<string> {
  return assembleDocument(await renderParts(model, options), model, options);
}

