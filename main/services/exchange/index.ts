// Files from other tools that carry more than one article's text: REFI-QDA projects
// (.qdpx), Hypothesis annotation exports (.json) and web archives (.warc, .warc.gz, .wacz, .mhtml). The import pipeline hands them here
// whole, after the ordinary files of the same run are stored (so annotations can find
// the pages imported beside them), and each becomes one outcome with its items.
import fs from 'node:fs';
import type { ImportOutcome } from '../../../common/api/methods/import.ts';
import { extensionOf } from '../import/convert.ts';
import { displayName, importFailed } from '../import/failure.ts';
import type { Library } from '../library.ts';
import { importHypothesis, MAX_HYPOTHESIS_BYTES } from './hypothesis.ts';
import { importMhtml } from './mhtml.ts';
import { MAX_IMPORT_BYTES } from '../import/decode.ts';
import { importQdpx, MAX_QDPX_BYTES } from './qdpx-import.ts';
import { importWacz, importWarc, MAX_WARC_BYTES } from './warc.ts';

const IMPORTERS: Record<string, { maxBytes: number; run: (library: Library, bytes: Uint8Array, label: string) => ImportOutcome | Promise<ImportOutcome> }> = {
  '.qdpx': { maxBytes: MAX_QDPX_BYTES, run: importQdpx },
  '.json': { maxBytes: MAX_HYPOTHESIS_BYTES, run: importHypothesis },
  '.warc': { maxBytes: MAX_WARC_BYTES, run: importWarc },
  '.warc.gz': { maxBytes: MAX_WARC_BYTES, run: importWarc },
  '.wacz': { maxBytes: MAX_WARC_BYTES, run: importWacz },
  '.mhtml': { maxBytes: MAX_IMPORT_BYTES, run: importMhtml },
  '.mht': { maxBytes: MAX_IMPORT_BYTES, run: importMhtml },
};

export const EXCHANGE_EXTENSIONS = Object.keys(IMPORTERS);

/** The format's extension, two parts for compressed archives (".warc.gz"). */
function formatOf(fileName: string): string {
  return /\.warc\.gz$/i.test(fileName) ? '.warc.gz' : extensionOf(fileName);
}

export function isExchangeFile(fileName: string): boolean {
  return Object.hasOwn(IMPORTERS, formatOf(fileName));
}

/** Reads a file from disk within its format's size limit. */
export async function readExchangeFile(file: string): Promise<Uint8Array> {
  const importer = IMPORTERS[formatOf(file)]!;
  let size: number;
  try {
    size = (await fs.promises.stat(file)).size;
  } catch {
    throw importFailed(file, 'cannot be read');
  }
  if (size > importer.maxBytes) throw importFailed(file, `is larger than the ${importer.maxBytes / 1024 / 1024} MB limit for this kind of file`);
  try {
    return new Uint8Array(await fs.promises.readFile(file));
  } catch {
    throw importFailed(file, 'cannot be read');
  }
}

export async function importExchangeFile(library: Library, bytes: Uint8Array, label: string): Promise<ImportOutcome> {
  const importer = IMPORTERS[formatOf(label)];
  if (!importer) return { file: label, status: 'skipped', reason: `${displayName(label)} is not a supported file type.` };
  return importer.run(library, bytes, label);
}
