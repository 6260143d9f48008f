// PDFs: the text layer read with pdf.js (legacy build, in this thread, no fonts, no
// network), grouped into paragraphs by the gaps between lines, with a visible
// "[Page N]" paragraph before each page so a position in the text names its page;
// running heads and page numbers are left out (running-heads.ts).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { documentOf, paragraph, textNode, type SerializedNode } from '../../../common/text/document.ts';
import type { ImportCandidate, OriginalFile } from './types.ts';
import { importFailed } from './failure.ts';
import { guessScript } from './language.ts';
import { cleanByline, cleanTitle } from './metadata.ts';
import { withoutRunningHeads } from './running-heads.ts';
import { headlineFrom, looksLikeTitle, titleFromFileName } from './title.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsLoading: Promise<PdfJs> | null = null;

/** pdf.js is large: loaded on the first PDF, with its worker code run on this thread. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsLoading ??= (async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // With the worker module registered on globalThis, pdf.js runs it in-process instead
    // of importing it by a relative path that bundling would break.
    // @ts-expect-error pdfjs-dist publishes no types for its worker module.
    const worker: unknown = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return pdfjs;
  })();
  return pdfjsLoading;
}

/** Character maps for CJK fonts ship inside pdfjs-dist; without them such text would not extract. */
function cMapUrl(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
    return `${pathToFileURL(join(dirname(pkg), 'cmaps')).href}/`;
  } catch {
    return undefined;
  }
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  dir: string;
  hasEOL: boolean;
}

interface Line {
  text: string;
  y: number;
  size: number;
}

/** One page's text items as lines, in reading order. */
function linesOf(items: Item[]): Line[] {
  const lines: Item[][] = [];
  let current: Item[] = [];
  for (const item of items) {
    const last = current[current.length - 1];
    if (last && (last.hasEOL || Math.abs(item.y - last.y) > Math.max(item.size, last.size) * 0.5)) {
      lines.push(current);
      current = [];
    }
    if (item.str.length > 0 || current.length > 0) current.push(item);
  }
  if (current.length > 0) lines.push(current);

  return lines
    .map((parts) => {
      // Right-to-left lines are drawn left to right; reading order starts at the right edge.
      const rtl = parts.filter((p) => p.dir === 'rtl').length * 2 > parts.length;
      const ordered = rtl ? [...parts].sort((a, b) => b.x - a.x) : parts;
      let text = '';
      let prev: Item | null = null;
      for (const part of ordered) {
        if (prev) {
          const gap = rtl ? prev.x - (part.x + part.width) : part.x - (prev.x + prev.width);
          if (gap > Math.max(part.size, 1) * 0.15 && !/\s$/.test(text) && !/^\s/.test(part.str)) text += ' ';
        }
        text += part.str;
        prev = part;
      }
      const size = Math.max(...parts.map((p) => p.size));
      return { text: text.replace(/\s+/g, ' ').trim(), y: parts[0]!.y, size };
    })
    .filter((line) => line.text.length > 0);
}

/** Lines grouped into paragraphs: a gap wider than the usual line spacing, or a change of type size, starts a new one. */
function paragraphsOf(lines: Line[]): string[] {
  const gaps = lines.slice(1).map((line, i) => lines[i]!.y - line.y).filter((g) => g > 0).sort((a, b) => a - b);
  // The lower quartile is the body's line spacing even on a short page with several paragraph gaps.
  const usual = gaps.length > 0 ? gaps[Math.floor(gaps.length / 4)]! : 0;
  const paragraphs: string[][] = [];
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    const gap = prev ? prev.y - line.y : 0;
    const sizeChange = prev ? Math.abs(prev.size - line.size) > Math.max(prev.size, line.size) * 0.15 : false;
    const newParagraph = !prev || gap <= 0 || gap > Math.max(usual * 1.25, line.size * 1.1) + 0.5 || sizeChange;
    if (newParagraph) paragraphs.push([line.text]);
    else paragraphs[paragraphs.length - 1]!.push(line.text);
  });
  return paragraphs.map((p) =>
    p.reduce((acc, line) => {
      if (acc === '') return line;
      // A line-end hyphen is kept (it may be a real "well-known"), but no space is added after it.
      return /\p{L}-$/u.test(acc) && /^\p{Ll}/u.test(line) ? acc + line : `${acc} ${line}`;
    }, ''),
  );
}

/** A document title worth keeping: not a file name or a word processor's placeholder. */
function usableTitle(raw: unknown): string | null {
  const title = cleanTitle(typeof raw === 'string' ? raw.replace(/^Microsoft (?:Word|PowerPoint) - /, '') : null);
  if (!title || /\.(docx?|pdf|indd|rtf|odt|pages|txt|html?)$/i.test(title) || /^(untitled|title|document\d*)$/i.test(title)) return null;
  return title;
}

function failureReason(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? '';
  if (name === 'PasswordException') return 'is password-protected; remove the password and import it again';
  if (name === 'InvalidPDFException') return 'is not a valid PDF; the file is damaged or of another type';
  return 'could not be read as a PDF; the file may be damaged';
}

export async function convertPdf(bytes: Uint8Array, original: OriginalFile): Promise<ImportCandidate> {
  const name = original.name;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) throw importFailed(name, 'is not a PDF file; it does not start with a PDF header');

  const pdfjs = await loadPdfJs();
  // pdf.js takes ownership of the buffer it is given; the original bytes stay intact as evidence.
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    enableXfa: false,
    verbosity: 0,
    cMapUrl: cMapUrl(),
    cMapPacked: true,
  });
  const pages: Line[][] = [];
  let info: Record<string, unknown> = {};
  try {
    const doc = await task.promise;
    info = ((await doc.getMetadata().catch(() => null))?.info ?? {}) as Record<string, unknown>;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const raw of content.items) {
        if (!('str' in raw)) continue;
        const t = raw.transform as number[];
        items.push({ str: raw.str, x: t[4] ?? 0, y: t[5] ?? 0, width: raw.width, size: Math.hypot(t[2] ?? 0, t[3] ?? 0) || raw.height, dir: raw.dir, hasEOL: raw.hasEOL });
      }
      page.cleanup();
      pages.push(linesOf(items));
    }
  } catch (error) {
    throw importFailed(name, failureReason(error));
  } finally {
    await task.destroy().catch(() => undefined);
  }
  const blocks: SerializedNode[] = [];
  let firstLine: string | null = null;
  const texts: string[] = [];
  withoutRunningHeads(pages).forEach((lines, i) => {
    firstLine ??= lines[0]?.text ?? null;
    blocks.push(paragraph([textNode(`[Page ${i + 1}]`)]));
    for (const p of paragraphsOf(lines)) {
      texts.push(p);
      blocks.push(paragraph([textNode(p)]));
    }
  });
  if (texts.length === 0) throw importFailed(name, 'has no text layer (scanned PDF); Casefile does not do OCR');

  const { direction, language } = guessScript(texts.join('\n'));
  const first = firstLine ?? '';
  const title = usableTitle(info.Title) ?? (looksLikeTitle(first) ? first : headlineFrom(first));
  return {
    metadata: {
      title: title || titleFromFileName(name),
      byline: cleanByline(typeof info.Author === 'string' ? info.Author : null),
      outlet: null,
      url: null,
      publishedAt: null,
      language,
      direction,
    },
    body: documentOf(blocks, direction),
    original,
  };
}
