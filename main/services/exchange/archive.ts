// Reading zip containers from other tools (.qdpx, later .wacz) without trusting them:
// every entry name is checked for path traversal, and inflated sizes are capped per
// entry and in total before anything is inflated, so a zip bomb fails with a sentence
// naming the file instead of exhausting memory. Nothing is ever written to disk.
import { unzipSync } from 'fflate';
import { importFailed } from '../import/failure.ts';
import { isZip } from '../import/zip.ts';

export interface ArchiveLimits {
  /** Largest inflated entry. */
  entryBytes: number;
  /** Largest sum of inflated entries. */
  totalBytes: number;
  entries: number;
}

export const ARCHIVE_LIMITS: ArchiveLimits = { entryBytes: 50 * 1024 * 1024, totalBytes: 200 * 1024 * 1024, entries: 10_000 };

/** A name that could escape a folder it were unpacked into, or is not a plain relative path. */
export function isUnsafeEntryName(name: string): boolean {
  if (name.length === 0 || name.includes('\0') || name.includes('\\')) return true;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return true;
  return name.split('/').some((part) => part === '..');
}

/**
 * The entries of a zip archive, inflated within the limits. Throws IMPORT_FAILED naming
 * `fileName` for a file that is not a zip, an unsafe entry name, or sizes over the limits.
 */
export function readArchive(bytes: Uint8Array, fileName: string, limits: ArchiveLimits = ARCHIVE_LIMITS): Map<string, Uint8Array> {
  if (!isZip(bytes)) throw importFailed(fileName, 'is not a zip archive');
  let count = 0;
  let total = 0;
  let refusal: string | null = null;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter(file) {
        if (refusal) return false;
        count += 1;
        total += file.originalSize;
        if (isUnsafeEntryName(file.name)) refusal = `contains an entry with an unsafe path ("${file.name.slice(0, 120)}"); nothing was imported`;
        else if (count > limits.entries) refusal = `has more than ${limits.entries.toLocaleString('en')} entries; nothing was imported`;
        else if (file.originalSize > limits.entryBytes) refusal = `has an entry that inflates to more than ${limits.entryBytes / 1024 / 1024} MB ("${file.name.slice(0, 120)}"); nothing was imported`;
        else if (total > limits.totalBytes) refusal = `inflates to more than ${limits.totalBytes / 1024 / 1024} MB in total; nothing was imported`;
        return refusal === null && !file.name.endsWith('/');
      },
    });
  } catch {
    throw importFailed(fileName, 'is a damaged zip archive');
  }
  if (refusal) throw importFailed(fileName, refusal);
  return new Map(Object.entries(entries));
}
