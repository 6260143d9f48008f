// The dossier's stylesheet: one sober, print-first design used by the PDF and the
// standalone HTML. System fonts only (Chromium embeds what it uses in the PDF); the
// stacks name the usual fonts of macOS, Windows and Linux before the generic family.
import { cssString } from './escape.ts';

export interface StyleOptions {
  /** The running header (already shortened). */
  runningTitle: string;
  handling: string;
}

/**
 * Fonts for Arabic-script text (Urdu, Persian, Pashto) named in every stack after the
 * Latin fonts: a quote or name in another script is then drawn in a font that has it,
 * rather than in whatever the system's generic family falls back to.
 */
const SCRIPT_FALLBACK = `'Noto Naskh Arabic', 'Noto Nastaliq Urdu', 'Geeza Pro', 'Segoe UI', 'Tahoma', 'DejaVu Sans'`;
const SANS = `'Segoe UI', 'Helvetica Neue', 'Helvetica', 'Noto Sans', 'DejaVu Sans', 'Liberation Sans', Arial, ${SCRIPT_FALLBACK}, sans-serif`;

const FONTS = `
  --serif: 'Charter', 'Iowan Old Style', 'Georgia', 'Noto Serif', 'DejaVu Serif', 'Liberation Serif', ${SCRIPT_FALLBACK}, serif;
  --sans: ${SANS};
  --mono: 'SFMono-Regular', 'Consolas', 'Noto Sans Mono', 'DejaVu Sans Mono', 'Liberation Mono', monospace;
  --rtl: 'Noto Naskh Arabic', 'Noto Nastaliq Urdu', 'Jameel Noori Nastaleeq', 'Geeza Pro', 'Segoe UI', 'Arial', 'DejaVu Sans', sans-serif;
`;

/** Highlight colours are translucent so overlapping highlights stay visible as a darker blend. */
const KINDS = `
  --claim: rgba(255, 190, 0, 0.36);   --claim-ink: #8a6100;
  --actor: rgba(47, 124, 193, 0.20);  --actor-ink: #23609a;
  --source: rgba(46, 140, 64, 0.22);  --source-ink: #2b7a3a;
  --highlight: rgba(154, 76, 179, 0.18); --highlight-ink: #7d3c94;
`;

/** "Page N of M" in the footer; M as a counter, or as a literal where the print cannot count it. */
function pageFooter(total: string): string {
  return `"Page " counter(page) " of " ${total}`;
}

/** For the print of the front pages alone (see pdf.ts): their footers count the whole document's pages. */
export function frontPagesCss(pageCount: number): string {
  return `\n@page { @bottom-right { content: ${pageFooter(`"${Math.trunc(pageCount)}"`)}; } }\n`;
}

export function dossierCss(options: StyleOptions): string {
  const title = cssString(options.runningTitle);
  const handling = options.handling ? cssString(options.handling.toUpperCase()) : 'none';
  return `
:root { ${FONTS} ${KINDS}
  --ink: #1c2330; --ink-soft: #4f5968; --ink-faint: #7c8594; --rule: #d9dde3; --panel: #f4f5f7; --accent: #24507a; --handling: #9b1c1c; }
@page {
  size: A4;
  margin: 24mm 20mm 22mm 20mm;
  @top-left { content: ${title}; font: 7.5pt ${SANS}; color: #6b7380; vertical-align: bottom; padding-bottom: 4mm; }
  @top-right { content: ${handling}; font: 600 7.5pt ${SANS}; letter-spacing: 0.06em; color: #9b1c1c; vertical-align: bottom; padding-bottom: 4mm; }
  @bottom-left { content: ${handling}; font: 600 7.5pt ${SANS}; letter-spacing: 0.06em; color: #9b1c1c; vertical-align: top; padding-top: 4mm; }
  @bottom-right { content: ${pageFooter('counter(pages)')}; font: 7.5pt ${SANS}; color: #6b7380; vertical-align: top; padding-top: 4mm; }
}
@page :first {
  @top-left { content: none; } @top-right { content: none; } @bottom-left { content: none; } @bottom-right { content: none; }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); font-family: var(--serif); font-size: 10.5pt; line-height: 1.5; text-rendering: optimizeLegibility; font-kerning: normal; }
a { color: inherit; text-decoration: none; }
h1, h2, h3, h4, h5, h6 { font-family: var(--sans); line-height: 1.25; break-after: avoid; page-break-after: avoid; }
/* Chromium builds bookmark titles from the laid-out lines and drops the space at a soft
   wrap ("TentativeRapprochement"); with preserved spaces the title stays whole. */
h1, h2, h3, h4, h5, h6 { white-space: pre-wrap; }
p { margin: 0 0 0.7em; orphans: 3; widows: 3; }
.mono { font-family: var(--mono); font-size: 0.92em; overflow-wrap: anywhere; word-break: break-all; }
.muted { color: var(--ink-soft); }

/* Cover */
.cover { height: 248mm; display: flex; flex-direction: column; justify-content: space-between; break-after: page; page-break-after: always; }
.cover-handling { align-self: flex-start; font: 700 9pt var(--sans); letter-spacing: 0.05em; color: var(--handling); border: 1.5pt solid var(--handling); padding: 2mm 4mm; }
.cover-main { margin-top: 38mm; }
.cover-kicker { font: 600 8.5pt var(--sans); letter-spacing: 0.08em; text-transform: uppercase; color: var(--accent); margin: 0 0 5mm; }
.cover-title { font-family: var(--serif); font-size: 28pt; line-height: 1.15; font-weight: 700; margin: 0 0 4mm; color: var(--ink); }
.cover-subtitle { font: 12pt var(--sans); color: var(--ink-soft); margin: 0 0 10mm; }
.cover-rule { border: 0; border-top: 2.5pt solid var(--accent); width: 28mm; margin: 0 0 9mm; }
.cover-facts { border-collapse: collapse; font: 9.5pt var(--sans); }
.cover-facts th { text-align: left; font-weight: 600; color: var(--ink-soft); padding: 1.4mm 8mm 1.4mm 0; vertical-align: top; white-space: nowrap; }
.cover-facts td { padding: 1.4mm 0; vertical-align: top; }
.cover-foot { font: 7.5pt/1.5 var(--sans); color: var(--ink-faint); border-top: 0.5pt solid var(--rule); padding-top: 3mm; }
.cover-foot p { margin: 0 0 1mm; }

/* Sections */
.section { break-before: page; page-break-before: always; }
.section > h1, .contents > h1 { font-size: 17pt; margin: 0 0 5mm; color: var(--ink); }
.kicker { font: 600 7.5pt var(--sans); letter-spacing: 0.07em; text-transform: uppercase; color: var(--accent); margin: 0 0 2mm; }
.intro { font: 9pt/1.5 var(--sans); color: var(--ink-soft); margin: -2mm 0 5mm; }

/* Contents */
.toc { list-style: none; margin: 0 0 8mm; padding: 0; font-family: var(--sans); font-size: 9.5pt; }
.toc li { display: flex; align-items: baseline; gap: 2mm; padding: 1.3mm 0; break-inside: avoid; }
.toc .toc-num { flex: none; width: 9mm; color: var(--accent); font-weight: 600; font-variant-numeric: tabular-nums; }
.toc .toc-text { flex: 0 1 auto; max-width: 128mm; }
.toc .toc-title { font-weight: 600; }
.toc .toc-meta { display: block; font-size: 8pt; color: var(--ink-soft); }
.toc .toc-fill { flex: 1 1 6mm; border-bottom: 0.7pt dotted #aab0b9; transform: translateY(-1mm); min-width: 6mm; }
.toc .toc-page { flex: none; width: 10mm; text-align: right; font-variant-numeric: tabular-nums; }
.toc .toc-back .toc-title { font-weight: 600; color: var(--accent); }
.legend { break-inside: avoid; border-top: 0.5pt solid var(--rule); padding-top: 4mm; font: 8.5pt/1.45 var(--sans); }
.legend-title { font-weight: 700; font-size: 9.5pt; margin: 0 0 2.5mm; }
.legend-kinds { display: flex; flex-wrap: wrap; gap: 2mm 6mm; margin: 0 0 3mm; }
.legend-kinds span { white-space: nowrap; }
.legend-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 8mm; margin-top: 3mm; }
.legend-grid .legend-sub { font-weight: 700; font-size: 8.5pt; margin: 0 0 1mm; }
.legend-grid dl { display: grid; grid-template-columns: 5mm 1fr; margin: 0; }
.legend-grid dt { font-weight: 700; }
.legend-grid dd { margin: 0; color: var(--ink-soft); }
.swatch { display: inline-block; width: 8mm; height: 3.2mm; border-radius: 1mm; vertical-align: -0.5mm; margin-right: 1.5mm; }

/* Highlights */
mark.hl { color: inherit; padding: 0.15em 0; border-radius: 1.5pt; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.hl-claim, .swatch.hl-claim { background: var(--claim); }
.hl-actor, .swatch.hl-actor { background: var(--actor); }
.hl-source, .swatch.hl-source { background: var(--source); }
.hl-highlight, .swatch.hl-highlight { background: var(--highlight); }
sup.ref { font: 600 6.5pt var(--sans); vertical-align: super; line-height: 0; margin: 0 0.5pt; white-space: nowrap; }
.ref-claim, .ink-claim { color: var(--claim-ink); }
.ref-actor, .ink-actor { color: var(--actor-ink); }
.ref-source, .ink-source { color: var(--source-ink); }
.ref-highlight, .ink-highlight { color: var(--highlight-ink); }
a.ref-link { color: var(--accent); }

/* Articles */
.article-head h1 { font-family: var(--serif); font-size: 18pt; line-height: 1.2; margin: 0 0 2mm; }
.dek { font: 9.5pt var(--sans); color: var(--ink-soft); margin: 0 0 5mm; }
.provenance { font: 7.8pt/1.4 var(--sans); background: var(--panel); border-left: 2pt solid var(--accent); padding: 3mm 4mm; margin: 0 0 7mm; break-inside: avoid; display: grid; grid-template-columns: 27mm 1fr; gap: 0.8mm 3mm; }
.provenance dt { color: var(--ink-soft); font-weight: 600; }
.provenance dd { margin: 0; overflow-wrap: anywhere; }
.article-body { font-size: 10.5pt; line-height: 1.55; }
.article-body h2, .article-body h3, .article-body h4, .article-body h5, .article-body h6 { font-size: 11.5pt; margin: 5mm 0 2mm; }
.article-body blockquote { margin: 0 0 0.8em; padding-inline-start: 4mm; border-inline-start: 1.5pt solid var(--rule); color: var(--ink-soft); }
.article-body ul, .article-body ol { margin: 0 0 0.8em; padding-inline-start: 6mm; }
.article-body li.nested { list-style: none; }
.article-body pre { font-family: var(--mono); font-size: 8.5pt; white-space: pre-wrap; }
.link-url { font: 7.5pt var(--mono); color: var(--ink-soft); overflow-wrap: anywhere; }
.image-ph { font: 8pt var(--sans); color: var(--ink-faint); border: 0.6pt dashed #b8bec7; border-radius: 2pt; padding: 0 1.5mm; }
[dir='rtl'] .article-body, .article-body[dir='rtl'] { font-family: var(--rtl); line-height: 1.9; }
.notes { margin-top: 7mm; border-top: 0.5pt solid var(--rule); padding-top: 3mm; font: 8pt/1.45 var(--sans); }
.notes .notes-title { font-weight: 700; font-size: 9pt; margin: 0 0 2mm; color: var(--ink-soft); text-transform: uppercase; letter-spacing: 0.05em; }
.notes ol { list-style: none; margin: 0; padding: 0; }
.notes li { display: grid; grid-template-columns: 10mm 1fr; margin: 0 0 1.6mm; break-inside: avoid; }
.notes .n { font-weight: 700; font-variant-numeric: tabular-nums; }
.notes .kind { font-weight: 600; }
.notes .note-text { display: block; font-family: var(--serif); font-size: 9pt; color: var(--ink); margin-top: 0.5mm; white-space: pre-wrap; }
.notes .status { color: var(--handling); }
.notes .quote { font-style: italic; }

/* Notebook pages */
.page-body { font-size: 10.5pt; line-height: 1.55; }
.quoted { margin: 0 0 4mm; padding: 2mm 4mm; border-inline-start: 2pt solid var(--accent); background: var(--panel); }
.quoted p { margin: 0 0 1mm; font-style: italic; }
.quoted footer { font: 8pt var(--sans); color: var(--ink-soft); }

/* Tables */
table.data { width: 100%; border-collapse: collapse; table-layout: fixed; font: 7.8pt/1.35 var(--sans); }
table.data thead { display: table-header-group; }
table.data th { text-align: left; font-weight: 700; color: var(--ink-soft); border-bottom: 1pt solid var(--ink); padding: 1.5mm 1.5mm; vertical-align: bottom; }
table.data td { border-bottom: 0.5pt solid var(--rule); padding: 1.8mm 1.5mm; vertical-align: top; overflow-wrap: anywhere; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
table.data .claim-text { font-family: var(--serif); font-size: 8.6pt; }
table.data .grade { font-weight: 700; font-size: 9pt; }
table.data .small { display: block; color: var(--ink-soft); font-size: 7pt; }
table.data ul { margin: 0.8mm 0 0; padding: 0; list-style: none; }
table.data li { margin: 0 0 0.8mm; }

/* Indexes */
.index { column-count: 2; column-gap: 9mm; font: 8.5pt/1.45 var(--sans); }
.index .entry { break-inside: avoid; margin: 0 0 3.5mm; }
.index .name { font-weight: 700; font-size: 9pt; }
.index .aliases { font-style: italic; color: var(--ink-soft); }
.index .line { display: block; }
.index .label { color: var(--ink-soft); }

@media screen {
  html { background: #e9ebee; }
  body { max-width: 210mm; margin: 0 auto; padding: 10mm 0; }
  .cover, .contents, .section { background: #fff; padding: 18mm 20mm; margin: 0 0 8mm; box-shadow: 0 1px 3px rgba(0,0,0,0.12); }
  .cover { height: auto; min-height: 240mm; }
  .toc .toc-fill, .toc .toc-page { display: none; }
}
`;
}
