// Word documents: mammoth turns the .docx into HTML, which then goes through the same
// sanitizer and Lexical walker as any HTML (without Readability: the whole document is
// the article).
import mammoth from 'mammoth';
import { canonicalText, documentOf } from '../../../common/text/document.ts';
import type { ImportCandidate, OriginalFile } from './types.ts';
import { importFailed } from './failure.ts';
import { blocksFromHtml } from './html.ts';
import { guessScript } from './language.ts';
import { cleanByline, cleanText, cleanTitle, decodeEntities } from './metadata.ts';
import { datelineOutlet } from './text.ts';
import { headlineFrom, looksLikeTitle, titleFromFileName } from './title.ts';
import { isZip, readZipEntry } from './zip.ts';

/** Title and author from docProps/core.xml, which mammoth does not read. */
function coreProperties(bytes: Uint8Array): { title: string | null; creator: string | null } {
  const xml = readZipEntry(bytes, 'docProps/core.xml');
  if (!xml) return { title: null, creator: null };
  const text = new TextDecoder().decode(xml);
  const field = (tag: string, clean: (value: string) => string | null): string | null => {
    const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(text);
    return match ? clean(decodeEntities(match[1]!)) : null;
  };
  return { title: field('dc:title', cleanTitle), creator: field('dc:creator', cleanText) };
}

export async function convertDocx(bytes: Uint8Array, original: OriginalFile): Promise<ImportCandidate> {
  const name = original.name;
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    // The OLE container: a .doc renamed to .docx, or a .docx that Word encrypted with a password.
    throw importFailed(name, 'is an old-format Word document (.doc) or is password-protected; save it as an unprotected .docx and import it again');
  }
  if (!isZip(bytes)) throw importFailed(name, 'is not a Word document (.docx); the file is damaged or of another type');

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      // Images become placeholders, so reading their bytes into data: URLs would be wasted work.
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
  } catch {
    throw importFailed(name, 'could not be read as a Word document (.docx); it may be damaged');
  }

  const blocks = blocksFromHtml(html);
  const text = canonicalText(documentOf(blocks));
  if (text.trim().length === 0) throw importFailed(name, 'has no text in it');

  // Title: the document's first heading, else the title in its properties (often stale,
  // left over from a template, so second), else a short first line, else the first sentence.
  const core = coreProperties(bytes);
  const first = blocks[0];
  const firstRaw = first ? canonicalText(documentOf([first])) : null;
  const firstText = cleanTitle(firstRaw);
  const heading = blocks.slice(0, 3).find((b) => b.type === 'heading');
  const headingTitle = heading ? cleanTitle(canonicalText(documentOf([heading]))) : null;
  const lineTitle = first?.type === 'paragraph' && blocks.length > 1 && firstText && looksLikeTitle(firstText) ? firstText : null;
  const title = headingTitle ?? core.title ?? lineTitle ?? (headlineFrom(text) || titleFromFileName(name));
  // The first block is not body text when it is the title itself (whole: a block too long
  // for a title keeps its place in the body, the title holding only its beginning).
  const firstWhole = firstText !== null && firstText === cleanText(firstRaw, Number.POSITIVE_INFINITY);
  const body = firstWhole && firstText === title && (first === heading || firstText === lineTitle) ? blocks.slice(1) : blocks;
  const firstParagraph = body.find((b) => b.type === 'paragraph');
  const { direction, language } = guessScript(text);
  return {
    metadata: {
      title,
      byline: cleanByline(core.creator),
      outlet: firstParagraph ? datelineOutlet(canonicalText(documentOf([firstParagraph]))) : null,
      url: null,
      publishedAt: null,
      language,
      direction,
    },
    body: documentOf(body.length > 0 ? body : blocks, direction),
    original,
  };
}
