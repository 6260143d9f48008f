// Files from other tools that carry more than one article's text: REFI-QDA projects
// (.qdpx), Hypothesis annotation exports (.json), Zotero exports (.rdf, CSL .json, .bib,
// .ris, with their files folder) and web archives (.warc, .warc.gz, .wacz, .mhtml). The import pipeline hands them here
// whole, after the ordinary files of the same run are stored (so annotations can find
// the pages imported beside them), and each becomes one outcome with its items.
import fs from 'node:fs';
import type { ImportOutcome } from '../../../common/api/methods/import.ts';
import { extensionOf } from '../import/convert.ts';
import { displayName, importFailed } from '../import/failure.ts';
import type { Library } from '../library.ts';
import { MAX_IMPORT_BYTES } from '../import/decode.ts';
import { MAX_HYPOTHESIS_BYTES, MAX_QDPX_BYTES, MAX_WARC_BYTES, MAX_ZOTERO_BYTES } from './limits.ts';
import type { ExchangeOptions } from './session.ts';

type Run = (library: Library, bytes: Uint8Array, label: string, options: ExchangeOptions) => Promise<ImportOutcome>;

// Each format's module loads when a file of its kind arrives, not with every command: their
// parsers (citation-js, fast-xml-parser, warcio) would cost each `casefile` start ~0.15 s.
const hypothesis = () => import('./hypothesis.ts');
const mhtml = () => import('./mhtml.ts');
const qdpx = () => import('./qdpx-import.ts');
const warc = () => import('./warc.ts');
const zotero = () => import('./zotero.ts');

/** A .json is a Zotero CSL JSON export when it is a list of CSL items, else Hypothesis annotations (which says when it is neither). */
const importJson: Run = async (library, bytes, label, options) => {
  let data: unknown = null;
  try {
    data = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    // Not JSON at all: the Hypothesis importer names the file and the reason.
  }
  const { importZotero, isCslJson, readCslJson } = await zotero();
  if (isCslJson(data)) return importZotero(library, bytes, label, () => readCslJson(data), options);
  return (await hypothesis()).importHypothesis(library, bytes, label, options);
};

/** A Zotero export in one of its formats, read by that format's reader. */
const zoteroExport =
  (reader: 'readZoteroRdf' | 'readBibtex' | 'readRis'): Run =>
  async (library, bytes, label, options) => {
    const formats = await zotero();
    return formats.importZotero(library, bytes, label, formats[reader], options);
  };

const IMPORTERS: Record<string, { maxBytes: number; run: Run }> = {
  '.qdpx': { maxBytes: MAX_QDPX_BYTES, run: async (...args) => (await qdpx()).importQdpx(...args) },
  '.json': { maxBytes: Math.max(MAX_HYPOTHESIS_BYTES, MAX_ZOTERO_BYTES), run: importJson },
  '.rdf': { maxBytes: MAX_ZOTERO_BYTES, run: zoteroExport('readZoteroRdf') },
  '.bib': { maxBytes: MAX_ZOTERO_BYTES, run: zoteroExport('readBibtex') },
  '.ris': { maxBytes: MAX_ZOTERO_BYTES, run: zoteroExport('readRis') },
  '.warc': { maxBytes: MAX_WARC_BYTES, run: async (...args) => (await warc()).importWarc(...args) },
  '.warc.gz': { maxBytes: MAX_WARC_BYTES, run: async (...args) => (await warc()).importWarc(...args) },
  '.wacz': { maxBytes: MAX_WARC_BYTES, run: async (...args) => (await warc()).importWacz(...args) },
  '.mhtml': { maxBytes: MAX_IMPORT_BYTES, run: async (...args) => (await mhtml()).importMhtml(...args) },
  '.mht': { maxBytes: MAX_IMPORT_BYTES, run: async (...args) => (await mhtml()).importMhtml(...args) },
};

export const EXCHANGE_EXTENSIONS = Object.keys(IMPORTERS);

/** The format's extension, two parts for compressed archives (".warc.gz"). */
function formatOf(fileName: string): string {
  return /\.warc\.gz$/i.test(fileName) ? '.warc.gz' : extensionOf(fileName);
}

/** A Zotero export that "Export Files" writes beside a files/ folder (CSL JSON has no files). */
export function isZoteroExport(fileName: string): boolean {
  return ['.rdf', '.bib', '.ris'].includes(formatOf(fileName));
}

export function isExchangeFile(fileName: string): boolean {
  return Object.hasOwn(IMPORTERS, formatOf(fileName));
}

/** The one size check of a file from another tool, on disk (before it is read) or in hand. */
function assertWithinLimit(label: string, size: number): void {
  const { maxBytes } = IMPORTERS[formatOf(label)]!;
  if (size > maxBytes) throw importFailed(label, `is larger than the ${maxBytes / 1024 / 1024} MB limit for this kind of file`);
}

/** Reads a file from disk within its format's size limit. */
export async function readExchangeFile(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch {
    throw importFailed(file, 'cannot be read');
  }
  assertWithinLimit(file, size);
  try {
    return new Uint8Array(await fs.promises.readFile(file));
  } catch {
    throw importFailed(file, 'cannot be read');
  }
}

/** Imports one file from another tool, reporting item by item and stopping, with nothing written, when `options.signal` is aborted. */
export async function importExchangeFile(library: Library, bytes: Uint8Array, label: string, options: ExchangeOptions = {}): Promise<ImportOutcome> {
  const importer = IMPORTERS[formatOf(label)];
  if (!importer) return { file: label, status: 'skipped', reason: `${displayName(label)} is not a supported file type.` };
  assertWithinLimit(label, bytes.length);
  return importer.run(library, bytes, label, options);
}
