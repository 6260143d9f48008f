// MHTML (a browser's "Save page as… Webpage, single file"): a MIME multipart/related
// message whose HTML part is the page and whose other parts are its resources. The page
// becomes an article; its evidence is the whole .mhtml as saved (page and resources);
// its address the snapshot's location and its retrieval time the date the browser wrote.
// Hand-written rather than a MIME library: only the top-level parts and two transfer
// encodings (quoted-printable, base64) are needed, and no library here is kept for it.
import type { ImportOutcome } from '../../../common/api/methods/import.ts';
import { storeArticle } from '../articles.ts';
import { convertFile } from '../import/convert.ts';
import { importFailed } from '../import/failure.ts';
import { prepareCandidate } from '../import/prepare.ts';
import type { Library } from '../library.ts';
import { runExchangeImport, type ExchangeOptions } from './session.ts';

interface Part {
  headers: Map<string, string>;
  body: Uint8Array;
}

/** Header fields of a MIME header block (folded lines unfolded, names lower-cased). */
function headersOf(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function param(value: string | undefined, name: string): string | null {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value ?? '');
  return m ? (m[1] ?? m[2] ?? null) : null;
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

function decodeBody(body: string, encoding: string): Uint8Array {
  switch (encoding.toLowerCase()) {
    case 'quoted-printable':
      return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    default:
      return Buffer.from(body, 'latin1');
  }
}

/** The top-level headers and parts of an MHTML file, or null when it is not one. */
export function parseMhtml(bytes: Uint8Array): { headers: Map<string, string>; parts: Part[] } | null {
  const text = latin1(bytes);
  const headEnd = text.search(/\r?\n\r?\n/);
  if (headEnd < 0) return null;
  const headers = headersOf(text.slice(0, headEnd));
  const type = headers.get('content-type') ?? '';
  const boundary = param(type, 'boundary');
  if (!/^multipart\/related/i.test(type) || !boundary) return null;
  const parts: Part[] = [];
  const chunks = text.slice(headEnd).split(`--${boundary}`);
  // chunks[0] is the preamble; the last one starts with "--" (the closing delimiter).
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    const body = chunk.replace(/^\r?\n/, '');
    const end = body.search(/\r?\n\r?\n/);
    if (end < 0) continue;
    const partHeaders = headersOf(body.slice(0, end));
    const content = body.slice(end).replace(/^\r?\n\r?\n/, '').replace(/\r?\n$/, '');
    parts.push({ headers: partHeaders, body: decodeBody(content, partHeaders.get('content-transfer-encoding') ?? '7bit') });
  }
  return { headers, parts };
}

export async function importMhtml(library: Library, bytes: Uint8Array, label: string, options: ExchangeOptions = {}): Promise<ImportOutcome> {
  return runExchangeImport(
    library,
    label,
    bytes,
    options,
    async (steps) => {
      const parsed = parseMhtml(bytes);
      if (!parsed) throw importFailed(label, 'is not an MHTML web archive (a multipart/related message)');
      const page = parsed.parts.find((p) => /^\s*(text\/html|application\/xhtml\+xml)/i.test(p.headers.get('content-type') ?? ''));
      if (!page) throw importFailed(label, 'has no HTML page in it');
      // One page: its conversion is the one step a cancel can come before.
      const [candidate] = await steps.each([page], 'page', async (part) => {
        const converted = await convertFile(part.body, 'page.html');
        const address = part.headers.get('content-location') ?? parsed.headers.get('snapshot-content-location') ?? null;
        converted.metadata.url ??= address && /^https?:\/\//i.test(address) ? address : null;
        // The evidence is the archive as the browser saved it, page and resources together.
        converted.original = { bytes, type: 'multipart/related', name: label };
        return prepareCandidate(converted);
      });
      const date = new Date(parsed.headers.get('date') ?? '');
      return { candidate: candidate!, resources: parsed.parts.length - 1, captured: Number.isNaN(date.getTime()) ? null : date.toISOString() };
    },
    (session, { candidate, resources, captured }) => {
      const stored = storeArticle(session.library, candidate, captured ?? undefined);
      const articleId = stored.duplicateOf ?? stored.id;
      session.report({
        item: `page ${candidate.metadata.url ?? candidate.metadata.title}`,
        kind: 'article',
        status: stored.duplicateOf === null ? 'imported' : 'duplicate',
        articleId,
        reason: `Saved ${captured ?? 'at an unknown time'}; its ${resources} resource${resources === 1 ? '' : 's'} kept in the original.`,
      });
      return { articleId, title: candidate.metadata.title };
    },
  );
}
