// Fetching an article from a URL, only when the user asks for it: http and https only,
// a time limit, a size limit and a bounded number of redirects. What comes back is
// converted like a file and keeps the URL as its source.
import { AppError } from '../../../common/api/errors.ts';
import { MAX_IMPORT_BYTES } from './decode.ts';

export const URL_TIMEOUT_MS = 20_000;
export const MAX_REDIRECTS = 5;

const EXTENSION_BY_TYPE: Record<string, string> = {
  'text/html': '.html',
  'application/xhtml+xml': '.html',
  'text/plain': '.txt',
  'text/markdown': '.md',
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
};

function parseHttpUrl(raw: string, what = 'The address'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('IMPORT_FAILED', `${what} "${raw.slice(0, 200)}" is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('IMPORT_FAILED', `${what} uses ${url.protocol.replace(':', '')}; Casefile fetches only http and https addresses.`);
  }
  if (url.username || url.password) throw new AppError('IMPORT_FAILED', `${what} contains a user name or password; remove them and try again.`);
  return url;
}

export interface FetchedDocument {
  bytes: Uint8Array;
  /** A file name with the extension the content type calls for. */
  name: string;
  /** The address the content finally came from. */
  finalUrl: string;
}

export async function fetchDocument(raw: string, options: { timeoutMs?: number; fetchImpl?: typeof fetch } = {}): Promise<FetchedDocument> {
  let url = parseHttpUrl(raw);
  const signal = AbortSignal.timeout(options.timeoutMs ?? URL_TIMEOUT_MS);
  const doFetch = options.fetchImpl ?? fetch;
  try {
    for (let redirects = 0; ; redirects += 1) {
      const response = await doFetch(url, {
        redirect: 'manual',
        signal,
        headers: { Accept: 'text/html,application/xhtml+xml,application/pdf,text/plain;q=0.8,*/*;q=0.5', 'User-Agent': 'Casefile (offline research notebook)' },
      });
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        if (redirects >= MAX_REDIRECTS) throw new AppError('IMPORT_FAILED', `${raw} redirected more than ${MAX_REDIRECTS} times.`);
        url = parseHttpUrl(new URL(response.headers.get('location')!, url).href, 'The redirect');
        continue;
      }
      if (!response.ok) throw new AppError('IMPORT_FAILED', `${url.href} answered ${response.status} ${response.statusText}.`);
      const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const extension = EXTENSION_BY_TYPE[type];
      if (!extension) throw new AppError('IMPORT_FAILED', `${url.href} sent ${type || 'content of no declared type'}, which Casefile does not import.`);
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > MAX_IMPORT_BYTES) throw new AppError('IMPORT_FAILED', `${url.href} is larger than the 50 MB import limit.`);
      const bytes = await readLimited(response, url.href);
      const stem = (url.pathname.split('/').filter(Boolean).pop() ?? url.hostname).replace(/\.[a-z0-9]{1,5}$/i, '') || url.hostname;
      return { bytes, name: `${stem}${extension}`, finalUrl: url.href };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') {
      throw new AppError('IMPORT_FAILED', `${raw} did not answer within ${Math.round((options.timeoutMs ?? URL_TIMEOUT_MS) / 1000)} seconds.`);
    }
    throw new AppError('IMPORT_FAILED', `${raw} could not be reached (no network, or the address is wrong).`);
  }
}

async function readLimited(response: Response, label: string): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_IMPORT_BYTES) {
      await reader.cancel();
      throw new AppError('IMPORT_FAILED', `${label} is larger than the 50 MB import limit.`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
