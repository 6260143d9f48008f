// The entry points of import conversion: a file's bytes or pasted content in, an
// ImportCandidate out (metadata, Lexical body, original bytes). Pure: no database, no
// network, no files read beyond the bytes given.
import { AppError } from '../../../common/api/errors.ts';
import type { ImportCandidate, OriginalFile } from './types.ts';
import { checkImportSize, decodeText, sniffHtmlCharset } from './decode.ts';
import { displayName, importFailed } from './failure.ts';
import { convertPlainText } from './text.ts';
import { fitTitle } from './title.ts';

// The heavy converters (jsdom, Readability, pdf.js, mammoth) load on first use, so a
// worker that only ever sees text files starts in a fraction of the time.
const html = () => import('./html.ts');
const markdown = () => import('./markdown.ts');
const pdf = () => import('./pdf.ts');
const docx = () => import('./docx.ts');

export const SUPPORTED_EXTENSIONS = ['.html', '.htm', '.txt', '.md', '.pdf', '.docx'] as const;

export type SupportedExtension = (typeof SUPPORTED_EXTENSIONS)[number];

const MIME_TYPES: Record<SupportedExtension, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const SUPPORTED_LIST = '.html, .htm, .txt, .md, .pdf and .docx';

/** The lower-cased extension of a file name (".html"), or "" when it has none. */
export function extensionOf(fileName: string): string {
  const base = displayName(fileName);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

export function isSupportedFile(fileName: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(extensionOf(fileName));
}

export async function convertFile(bytes: Uint8Array, fileName: string): Promise<ImportCandidate> {
  const name = displayName(fileName);
  const ext = extensionOf(name);
  if (!isSupportedFile(name)) {
    const what = ext ? `"${ext}" files are` : 'files without an extension are';
    throw new AppError('IMPORT_FAILED', `${name}: ${what} not supported; Casefile imports ${SUPPORTED_LIST}.`);
  }
  checkImportSize(bytes, name);
  const original: OriginalFile = { bytes, type: MIME_TYPES[ext as SupportedExtension], name };
  try {
    switch (ext as SupportedExtension) {
      case '.html':
      case '.htm':
        return withFittedTitle((await html()).convertHtml(readText(bytes, original, sniffHtmlCharset(bytes)), original));
      case '.txt':
        return withFittedTitle(convertPlainText(readText(bytes, original), original));
      case '.md':
        return withFittedTitle(await (await markdown()).convertMarkdown(readText(bytes, original), original));
      case '.pdf':
        return withFittedTitle(await (await pdf()).convertPdf(bytes, original));
      case '.docx':
        return withFittedTitle(await (await docx()).convertDocx(bytes, original));
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Anything unexpected still reaches the user as a sentence naming the file.
    throw importFailed(name, 'could not be converted; the file may be damaged');
  }
}

/** The text of a text-like file; the encoding it was read in goes with the original bytes. */
function readText(bytes: Uint8Array, original: OriginalFile, declaredCharset: string | null = null): string {
  const { text, encoding } = decodeText(bytes, original.name, { declaredCharset });
  original.encoding = encoding;
  return text;
}

/** Text pasted into the app: plain text, or the HTML a browser puts on the clipboard. */
export async function convertPaste(content: string, kind: 'text' | 'html'): Promise<ImportCandidate> {
  const bytes = new TextEncoder().encode(content);
  if (content.trim().length === 0) throw importFailed(null, 'is empty');
  checkImportSize(bytes, null);
  const original: OriginalFile = { bytes, type: kind === 'html' ? 'text/html' : 'text/plain', name: null };
  try {
    return withFittedTitle(kind === 'html' ? (await html()).convertHtmlPaste(content, original) : convertPlainText(content, original));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw importFailed(null, 'could not be converted');
  }
}

/** Whatever a converter made of the title, it is stored within the API's limit. */
function withFittedTitle(candidate: ImportCandidate): ImportCandidate {
  candidate.metadata.title = fitTitle(candidate.metadata.title);
  return candidate;
}
