// Web archives (WARC, .warc or .warc.gz, as written by Webrecorder, ArchiveWeb.page,
// wget or Heritrix, and WACZ, the zip of WARCs and indexes those tools package): each
// archived HTML page (a 200 response) becomes an article. Its
// evidence is the archived payload exactly as captured; its address is the record's
// target URL and its retrieval time the capture time; the archive's own payload digest
// is reported and kept in the original's name beside the archive's. Revisits, other
// media and failed responses are listed with the reason.
import { WARCParser } from 'warcio';
import { AppError } from '../../../common/api/errors.ts';
import type { ImportItemOutcome, ImportOutcome } from '../../../common/api/methods/import.ts';
import { storeArticle } from '../articles.ts';
import { convertFile } from '../import/convert.ts';
import { MAX_IMPORT_BYTES } from '../import/decode.ts';
import { importFailed } from '../import/failure.ts';
import { prepareCandidate } from '../import/prepare.ts';
import type { PreparedCandidate } from '../import/types.ts';
import type { Library } from '../library.ts';
import { readArchive } from './archive.ts';
import { runExchangeImport, short, type ExchangeOptions } from './session.ts';
import { MAX_WARC_BYTES } from './limits.ts';

/** An archived HTML page as the archive holds it, before conversion. */
interface Page {
  uri: string;
  /** The capture time the record states, if it does. */
  date: string | null;
  digest: string | null;
  payload: Uint8Array;
  /** The archive it is in (a WACZ holds several): its evidence is named by it. */
  source: string;
}

interface Capture {
  uri: string;
  date: string;
  digest: string | null;
  candidate: PreparedCandidate;
}

export async function importWarc(library: Library, bytes: Uint8Array, label: string, options: ExchangeOptions = {}): Promise<ImportOutcome> {
  return importWebArchive(library, bytes, label, options, async (pages, items) => readPages(bytes, label, pages, items));
}

/** A WACZ: every WARC under archive/ in the zip (read with the zip limits: no unsafe paths, no bombs). */
export async function importWacz(library: Library, bytes: Uint8Array, label: string, options: ExchangeOptions = {}): Promise<ImportOutcome> {
  return importWebArchive(library, bytes, label, options, async (pages, items) => {
    const entries = readArchive(bytes, label);
    const warcs = [...entries.keys()].filter((name) => /^archive\/[^/]+\.warc(\.gz)?$/i.test(name)).sort();
    if (!entries.has('datapackage.json') || warcs.length === 0) throw importFailed(label, 'is not a WACZ web archive (no datapackage.json, or no WARC under archive/)');
    for (const name of warcs) await readPages(entries.get(name)!, `${label} › ${name}`, pages, items);
  });
}

async function importWebArchive(
  library: Library,
  bytes: Uint8Array,
  label: string,
  options: ExchangeOptions,
  read: (pages: Page[], items: ImportItemOutcome[]) => Promise<void>,
): Promise<ImportOutcome> {
  return runExchangeImport(
    library,
    label,
    bytes,
    options,
    async (steps) => {
      const items: ImportItemOutcome[] = [];
      const pages: Page[] = [];
      // The records are read whole first (quick), so the pages, which take the time, are counted.
      await read(pages, items);
      const converted = await steps.each(pages, 'page', async (page): Promise<Capture | null> => {
        try {
          const candidate = await convertFile(page.payload, 'page.html');
          candidate.metadata.url ??= page.uri || null;
          candidate.original.name = `${page.source} › ${page.uri} (${page.date ?? 'no date'}${page.digest ? `, ${page.digest}` : ''})`.slice(0, 2_000);
          return { uri: page.uri, date: page.date ?? new Date().toISOString(), digest: page.digest, candidate: prepareCandidate(candidate) };
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          items.push({ item: `page ${short(page.uri, 200)}`, kind: 'article', status: 'skipped', reason: error.detail ?? error.message });
          return null;
        }
      });
      return { items, captures: converted.filter((c): c is Capture => c !== null) };
    },
    (session, { items, captures }) => {
      for (const item of items) session.report(item);
      let first: { articleId?: number; title?: string } = {};
      for (const capture of captures) {
        const stored = storeArticle(session.library, capture.candidate, new Date(capture.date).toISOString());
        const articleId = stored.duplicateOf ?? stored.id;
        session.report({
          item: `page ${capture.uri}`,
          kind: 'article',
          status: stored.duplicateOf === null ? 'imported' : 'duplicate',
          articleId,
          reason: `Captured ${capture.date}${capture.digest ? `; the archive's payload digest ${capture.digest}` : ''}.`,
        });
        if (first.articleId === undefined) first = { articleId, title: capture.candidate.metadata.title };
      }
      return first;
    },
  );
}

async function readPages(bytes: Uint8Array, label: string, pages: Page[], items: ImportItemOutcome[]): Promise<void> {
  const parser = new WARCParser(
    (async function* () {
      yield bytes;
    })(),
  );
  let records = 0;
  let inflated = 0;
  try {
    for await (const record of parser) {
      records += 1;
      // Every WARC record starts "WARC/1.x" and names its id and length; anything else is not one (or is cut short).
      if (!/^WARC\/1\.\d$/.test(record.warcHeaders.protocol ?? '') || !record.warcHeader('WARC-Record-ID') || record.warcHeader('Content-Length') === null) {
        throw importFailed(label, records === 1 ? 'is not a WARC web archive' : 'is a damaged WARC web archive (a record is cut short or malformed)');
      }
      const type = record.warcType;
      const uri = record.warcTargetURI ?? '';
      if (type === 'revisit') {
        items.push({ item: `revisit of ${uri}`, kind: 'article', status: 'skipped', reason: 'A revisit record: the archive says the page had not changed since an earlier capture.' });
        continue;
      }
      if (type !== 'response' && type !== 'resource') continue;
      const status = record.httpHeaders?.statusCode;
      const contentType = (type === 'resource' ? record.warcContentType : record.httpHeaders?.headers.get('Content-Type')) ?? '';
      if (type === 'response' && status !== 200) {
        items.push({ item: `response for ${uri}`, kind: 'article', status: 'skipped', reason: `HTTP status ${status ?? 'unknown'}: not a page.` });
        continue;
      }
      if (!/^\s*(text\/html|application\/xhtml\+xml)/i.test(contentType)) {
        items.push({ item: `capture of ${uri}`, kind: 'article', status: 'skipped', reason: `It is ${contentType.split(';')[0]?.trim() || 'of an unknown type'}, not a web page.` });
        continue;
      }
      const declared = Number(record.warcHeader('Content-Length') ?? 0);
      if (declared > MAX_IMPORT_BYTES) {
        items.push({ item: `page ${uri}`, kind: 'article', status: 'skipped', reason: 'Its record is larger than the 50 MB import limit.' });
        continue;
      }
      const payload = await record.readFully(true);
      inflated += payload.length;
      if (payload.length > MAX_IMPORT_BYTES || inflated > MAX_WARC_BYTES) throw importFailed(label, 'inflates past the size limit for web archives; nothing was imported');
      pages.push({ uri, date: record.warcDate ?? null, digest: record.warcPayloadDigest ?? null, payload, source: label });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw importFailed(label, records === 0 ? 'is not a WARC web archive' : 'is a damaged WARC web archive');
  }
  if (records === 0) throw importFailed(label, 'is not a WARC web archive');
}
