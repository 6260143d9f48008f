// Uploading files chosen in the page (browser mode, and Electron's file inputs) in
// batches: small enough that each request stays well under the API's size limit and
// the page stays responsive, with progress after each batch and cancel between them.
import type { ImportOutcome } from '../../../common/api/methods/import.ts';
import { MAX_UPLOAD_FILES } from '../../../common/api/methods/import.ts';

/** Bytes of file content per request (base64 adds a third). */
export const BATCH_BYTES = 8 * 1024 * 1024;
/** Files larger than this are refused before upload, as import would refuse them. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface UploadFile {
  /** The name shown to the user: the path inside a chosen folder, or the file name. */
  name: string;
  size: number;
  bytes(): Promise<ArrayBuffer>;
}

/** Splits files into batches of at most BATCH_BYTES and MAX_UPLOAD_FILES (a big file goes alone). */
export function planBatches<F extends { size: number }>(files: readonly F[], maxBytes = BATCH_BYTES, maxFiles = MAX_UPLOAD_FILES): F[][] {
  const batches: F[][] = [];
  let current: F[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (bytes + file.size > maxBytes || current.length >= maxFiles)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  // Chunks keep String.fromCharCode's argument list within engine limits.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export interface UploadCallbacks {
  send(files: { name: string; data: string }[]): Promise<ImportOutcome[]>;
  onOutcomes(outcomes: ImportOutcome[]): void;
  cancelled(): boolean;
}

/** Uploads every file, batch by batch; files too large are reported without being sent. */
export async function uploadAll(files: readonly UploadFile[], callbacks: UploadCallbacks): Promise<void> {
  const tooLarge = files.filter((f) => f.size > MAX_FILE_BYTES);
  if (tooLarge.length) callbacks.onOutcomes(tooLarge.map((f) => ({ file: f.name, status: 'failed', reason: `${f.name} is larger than the 50 MB import limit.` })));
  for (const batch of planBatches(files.filter((f) => f.size <= MAX_FILE_BYTES))) {
    if (callbacks.cancelled()) {
      callbacks.onOutcomes(batch.map((f) => ({ file: f.name, status: 'cancelled', reason: 'The import was cancelled.' })));
      continue;
    }
    const payload = await Promise.all(batch.map(async (f) => ({ name: f.name, data: toBase64(await f.bytes()) })));
    try {
      callbacks.onOutcomes(await callbacks.send(payload));
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'The upload failed.';
      callbacks.onOutcomes(batch.map((f) => ({ file: f.name, status: 'failed', reason })));
    }
  }
}
