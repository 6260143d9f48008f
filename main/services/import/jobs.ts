// What the app and the CLI call to import: uploads, pastes, URLs, and folder jobs that
// run in the background with progress events and can be cancelled.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../common/api/errors.ts';
import type { ImportOutcome, ImportProgress } from '../../../common/api/methods/import.ts';
import type { Library } from '../library.ts';
import { collectInputs, importInputs, summarize } from './importer.ts';
import type { ConversionPool } from './pool.ts';
import { fetchDocument } from './url.ts';

/** Imports that can be cancelled by id: folder jobs, and uploads the page gave an id. */
const jobs = new Map<string, AbortController>();

// Each takes the conversion pool of its host (sharedPool(host.conversionWorker)): the app
// converts with its bundled worker, the CLI with its own, browser mode with the sources.

/**
 * Imports files the page uploaded. With a `jobId` (made by the page) the upload is followed
 * like a job: progress events carry the id (inside a big file from another tool, item by
 * item), and import.cancel with it stops the import.
 */
export async function importUploadedFiles(library: Library, files: readonly { name: string; data: string }[], pool: ConversionPool, jobId?: string): Promise<ImportOutcome[]> {
  // Copy into fresh buffers: Buffer.from may share a pool, and a worker is sent the whole buffer.
  const inputs = files.map((f) => ({ kind: 'bytes' as const, name: f.name, bytes: new Uint8Array(Buffer.from(f.data, 'base64')) }));
  if (jobId === undefined) return importInputs(library, inputs, { pool });
  const controller = new AbortController();
  jobs.set(jobId, controller);
  try {
    return await importInputs(library, inputs, { pool, signal: controller.signal, onProgress: progressEvents(library, jobId) });
  } finally {
    jobs.delete(jobId);
  }
}

/** Sends a job's progress as events, at most ten a second (enough for a progress bar), the last one always; `walked`: outcomes counted before the import began. */
function progressEvents(library: Library, jobId: string, walked = 0): (progress: ImportProgress) => void {
  let last = 0;
  return (progress) => {
    const now = Date.now();
    if (now - last < 100 && progress.done < progress.total) return;
    last = now;
    library.events.emit('import.progress', { jobId, ...progress, total: progress.total + walked, done: progress.done + walked });
  };
}

export async function importPasted(library: Library, content: string, format: 'text' | 'html', pool: ConversionPool): Promise<ImportOutcome> {
  const [outcome] = await importInputs(library, [{ kind: 'paste', content, format }], { pool });
  return failIfFailed(outcome!);
}

export async function importFromUrl(library: Library, url: string, pool: ConversionPool, options: { fetchImpl?: typeof fetch; timeoutMs?: number } = {}): Promise<ImportOutcome> {
  const fetched = await fetchDocument(url, options);
  const reply = await pool.convert({ kind: 'bytes', bytes: fetched.bytes, name: fetched.name });
  if (!reply.ok) throw new AppError('IMPORT_FAILED', reply.reason);
  const candidate = reply.candidate;
  candidate.metadata.url ??= fetched.finalUrl;
  const [outcome] = await importInputs(library, [{ kind: 'candidate', candidate, label: fetched.finalUrl }]);
  return failIfFailed(outcome!);
}

/** A single import that failed is an error for the caller, with the reason as its detail. */
function failIfFailed(outcome: ImportOutcome): ImportOutcome {
  if (outcome.status === 'failed') throw new AppError('IMPORT_FAILED', outcome.reason);
  return outcome;
}

/** Starts importing files and folders chosen in a dialog; progress arrives as events. */
export function startImportJob(library: Library, paths: readonly string[], pool: ConversionPool): string {
  const jobId = randomUUID();
  const controller = new AbortController();
  jobs.set(jobId, controller);
  const { inputs, outcomes: walked } = collectInputs(paths);
  void importInputs(library, inputs, { pool, signal: controller.signal, onProgress: progressEvents(library, jobId, walked.length) })
    .then((outcomes) => {
      const all = [...walked, ...outcomes];
      // Files from other tools go with the problems: what became of their items is their report.
      const reported = all.filter((o) => o.status === 'failed' || o.status === 'skipped' || o.items !== undefined);
      library.events.emit('import.finished', { jobId, summary: summarize(all), problems: reported.slice(0, 1_000) });
    })
    .catch(() => {
      const all = [...walked, ...inputs.map((i) => ({ file: 'label' in i ? i.label : 'file', status: 'failed' as const, reason: 'The import stopped: the library could not be written.' }))];
      library.events.emit('import.finished', { jobId, summary: summarize(all), problems: all.slice(0, 1_000) });
    })
    .finally(() => jobs.delete(jobId));
  return jobId;
}

export function cancelImportJob(jobId: string): boolean {
  const job = jobs.get(jobId);
  job?.abort();
  return job !== undefined;
}
