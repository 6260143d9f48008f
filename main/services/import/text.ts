// Plain-text articles (files, pastes, the seed library): paragraphs, a title line, an
// "OUTLET:" dateline, and the boilerplate scrapers leave behind removed. Conservative
// by design: a line is dropped only when it is unmistakably page furniture.
import { documentFromParagraphs } from '../../../common/text/document.ts';
import type { ImportCandidate } from './types.ts';
import { normalizeDate } from './dates.ts';
import { importFailed } from './failure.ts';
import { guessScript } from './language.ts';
import { headlineFrom, looksLikeTitle } from './title.ts';

// Lines that are page furniture wherever they appear.
const FURNITURE: RegExp[] = [
  /^leave a (reply|comment)$/i,
  /^your email address will not be published\.?(\s*required fields are marked \*)?$/i,
  /^required fields are marked \*$/i,
  /^back to top( button)?$/i,
  /^skip to (main )?content$/i,
  /^share (this|this (article|story|post)|on (facebook|twitter|x|whatsapp|linkedin|telegram|email|reddit|pinterest))\s*:?$/i,
  /^click to (share|print|email) .{0,60}\(opens in new window\)$/i,
  /^related (posts|articles|stories|news)\s*:?$/i,
  /^(comments?|\d+ comments?)\s*:?$/i,
  /^like this:$/i,
  /^like loading\.\.\.$/i,
  /^save my name, email, and website in this browser for the next time I comment\.$/i,
  /^post comment$/i,
  /^tags?:\s*[^.!?]{1,200}$/i,
  /^advertisement$/i,
];

// Lines that are furniture only in the trailing run at the end of the text (share buttons, form fields).
const TRAILING_FURNITURE: RegExp[] = [
  /^(share|tweet|facebook|twitter|x|whatsapp|linkedin|telegram|e-?mail|print|reddit|pinterest|tumblr|pocket|messenger|copy link|more)$/i,
  /^(name|email|website|comment)\s*\*?$/i,
  /^(filed under|categories|posted in)\s*:?[^.!?]{0,200}$/i,
  /^(previous|next) (post|article)$/i,
  /^(read more|continue reading)$/i,
];

const DATELINE_STOPWORDS = new Set([
  'update', 'updated', 'note', "editor's note", 'editor’s note', 'analysis', 'opinion', 'exclusive', 'breaking',
  'breaking news', 'watch', 'video', 'photos', 'live', 'read', 'correction', 'disclaimer', 'warning', 'source',
  'sources', 'q', 'a', 'question', 'answer', 'summary', 'background', 'context', 'explainer', 'also read', 'see also',
]);

/** A category breadcrumb scraped with its spaces lost ("AfghanistanAnalysisEconomyPolitics") or "Home › World › Asia". */
export function isBreadcrumb(line: string): boolean {
  if (line.length > 300 || /[.!?]$/.test(line)) return false;
  if (/^home\s*[›»>/|]/i.test(line)) return true;
  const joins = (line.match(/\p{Ll}\p{Lu}/gu) ?? []).length;
  const spaces = (line.match(/\s/g) ?? []).length;
  return joins >= 3 && joins > spaces;
}

/** The outlet a dateline names: "DID Press: Relations…" or "KABUL (Reuters) - …". */
export function datelineOutlet(paragraph: string): string | null {
  const agency = /^[\p{Lu}][\p{Lu} .,'’-]{1,40}\(([\p{Lu}][\p{L}&.'’ -]{1,30})\)\s*[-–—]\s/u.exec(paragraph);
  if (agency) return agency[1]!.trim();
  const named = /^([\p{Lu}\d][\p{L}\p{N}&.'’-]*(?: (?:[\p{Lu}\d&][\p{L}\p{N}&.'’-]*)){0,4}):\s+\S/u.exec(paragraph);
  if (!named) return null;
  const outlet = named[1]!.trim();
  // "ISLAMABAD: ..." is a city dateline (Dawn, The News); agencies in capitals are short (AFP, APP, IRNA).
  const isCity = /^\p{Lu}{5,}$/u.test(outlet);
  return outlet.length <= 40 && !isCity && !DATELINE_STOPWORDS.has(outlet.toLowerCase()) ? outlet : null;
}

/** Paragraphs of a text file: blank-line separated blocks (hard-wrapped lines rejoined), else one per line. */
export function splitParagraphs(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  const blocks: string[][] = [[]];
  for (const line of lines) {
    if (line.length === 0) {
      if (blocks[blocks.length - 1]!.length > 0) blocks.push([]);
    } else {
      blocks[blocks.length - 1]!.push(line);
    }
  }
  return blocks.filter((b) => b.length > 0).flatMap((b) => (isHardWrapped(b) ? [b.join(' ')] : b));
}

/** Lines cut at a fixed width (every line but the last long, none a list item) belong to one paragraph. */
function isHardWrapped(block: string[]): boolean {
  if (block.length < 2) return false;
  return block.every((line, i) => {
    if (/^([-*•]|\d+[.)])\s/.test(line)) return false;
    return line.length <= 100 && (i === block.length - 1 || line.length >= 40);
  });
}

function isFurniture(line: string, patterns: RegExp[]): boolean {
  return patterns.some((re) => re.test(line));
}

/** A whole paragraph that is page furniture wherever it stands ("Leave a Reply", "Share this:", "Advertisement"). */
export function isFurnitureLine(line: string): boolean {
  return isFurniture(line.trim(), FURNITURE);
}

/** Removes breadcrumbs before the title, furniture lines anywhere and the share/comment run at the end. */
export function withoutBoilerplate(paragraphs: string[]): string[] {
  let start = 0;
  while (start < Math.min(paragraphs.length - 1, 3) && (isBreadcrumb(paragraphs[start]!) || isFurniture(paragraphs[start]!, FURNITURE))) start++;
  const kept = paragraphs.slice(start).filter((p) => !isFurniture(p, FURNITURE));
  let end = kept.length;
  while (end > 1 && isFurniture(kept[end - 1]!, TRAILING_FURNITURE)) end--;
  return kept.slice(0, end);
}

const BYLINE = /^by\s+([\p{L}][\p{L}.'’ -]{1,60}(?:(?:,| and| &) [\p{L}][\p{L}.'’ -]{1,60}){0,3})$/iu;
const DATE_LINE = /^(?:(?:published|posted|date)(?: on)?\s*:?\s*)?(.{6,60})$/i;

export function convertPlainText(text: string, original: ImportCandidate['original']): ImportCandidate {
  const paragraphs = withoutBoilerplate(splitParagraphs(text));
  if (paragraphs.length === 0) throw importFailed(original.name, 'has no text in it');

  const first = paragraphs[0]!;
  const hasTitle = paragraphs.length > 1 && looksLikeTitle(first);
  const title = hasTitle ? first : headlineFrom(first);
  const body = hasTitle ? paragraphs.slice(1) : paragraphs;

  // A byline or a date on its own line right under the title is metadata, not prose.
  let byline: string | null = null;
  let publishedAt: string | null = null;
  if (hasTitle) {
    for (let i = 0; i < 2 && body.length > 1; i++) {
      const line = body[0]!;
      const by: RegExpExecArray | null = byline === null ? BYLINE.exec(line) : null;
      const date: string | null = publishedAt === null ? normalizeDate(DATE_LINE.exec(line)?.[1]) : null;
      if (by) byline = by[1]!.trim();
      else if (date) publishedAt = date;
      else break;
      body.shift();
    }
  }

  const { direction, language } = guessScript(body.join('\n'));
  return {
    metadata: {
      title,
      byline,
      outlet: datelineOutlet(body[0] ?? ''),
      url: null,
      publishedAt,
      language,
      direction,
    },
    body: documentFromParagraphs(body, direction),
    original,
  };
}
