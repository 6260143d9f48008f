// Importing into a library: files and folders (recursively), uploaded bytes, pasted
// content and URLs. Conversion runs in worker threads; storing runs here in batched
// transactions where each article is its own savepoint, so a bad file never leaves a
// half-imported article and never undoes its neighbours.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../common/api/errors.ts';
import type { ImportOutcome, ImportProgress, ImportSummary } from '../../../common/api/methods/import.ts';
import { storeArticle } from '../articles.ts';
import type { Library } from '../library.ts';
import { isSupportedFile } from './convert.ts';
import { ConversionPool, type JobInput } from './pool.ts';
import type { ImportCandidate } from './types.ts';

export type ImportInput =
  | { kind: 'path'; path: string; label: string }
  | { kind: 'bytes'; bytes: Uint8Array; name: string }
  | { kind: 'paste'; content: string; format: 'text' | 'html' }
  | { kind: 'candidate'; candidate: ImportCandidate; label: string };

export interface ImportOptions {
  pool?: ConversionPool;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Called with each outcome as soon as its batch is committed. */
  onOutcome?: (outcome: ImportOutcome) => void;
  /** Articles per transaction; each is still atomic on its own. */
  batchSize?: number;
}

const BATCH_MAX_ARTICLES = 200;

let pool: ConversionPool | null = null;
/** One pool per process: starting workers (jsdom, pdf.js) costs more than a small import. */
export function sharedPool(): ConversionPool {
  pool ??= new ConversionPool();
  return pool;
}
const BATCH_MAX_MS = 250;

/** Files under the given paths: folders are walked recursively; hidden files are left out. */
export function collectInputs(paths: readonly string[]): { inputs: ImportInput[]; outcomes: ImportOutcome[] } {
  const inputs: ImportInput[] = [];
  const outcomes: ImportOutcome[] = [];
  const walk = (dir: string, label: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      outcomes.push({ file: label, status: 'failed', reason: `${label} cannot be read.` });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      const entryLabel = path.join(label, entry.name);
      if (entry.isDirectory()) walk(full, entryLabel);
      else if (entry.isFile()) {
        if (isSupportedFile(entry.name)) inputs.push({ kind: 'path', path: full, label: entryLabel });
        else outcomes.push({ file: entryLabel, status: 'skipped', reason: `${entry.name} is not a supported file type.` });
      }
    }
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      outcomes.push({ file: given, status: 'failed', reason: `${given} does not exist.` });
      continue;
    }
    if (stat.isDirectory()) walk(given, given);
    else inputs.push({ kind: 'path', path: given, label: given });
  }
  return { inputs, outcomes };
}

function labelOf(input: ImportInput): string {
  switch (input.kind) {
    case 'path':
    case 'candidate':
      return input.label;
    case 'bytes':
      return input.name;
    case 'paste':
      return 'Pasted text';
  }
}

function jobOf(input: Exclude<ImportInput, { kind: 'candidate' }>): JobInput {
  switch (input.kind) {
    case 'path':
      return { kind: 'path', path: input.path, name: path.basename(input.path) };
    case 'bytes':
      return { kind: 'bytes', bytes: input.bytes, name: input.name };
    case 'paste':
      return { kind: 'paste', content: input.content, format: input.format };
  }
}

export function summarize(outcomes: readonly ImportOutcome[]): ImportSummary {
  const summary: ImportSummary = { total: outcomes.length, imported: 0, duplicates: 0, failed: 0, skipped: 0, cancelled: 0 };
  for (const o of outcomes) {
    if (o.status === 'imported') summary.imported += 1;
    else if (o.status === 'duplicate') summary.duplicates += 1;
    else if (o.status === 'failed') summary.failed += 1;
    else if (o.status === 'skipped') summary.skipped += 1;
    else summary.cancelled += 1;
  }
  return summary;
}

export async function importInputs(library: Library, inputs: readonly ImportInput[], options: ImportOptions = {}): Promise<ImportOutcome[]> {
  const converter = options.pool ?? (inputs.some((i) => i.kind !== 'candidate') ? sharedPool() : null);
  const outcomes: ImportOutcome[] = [];
  const total = inputs.length;
  const batchLimit = options.batchSize ?? BATCH_MAX_ARTICLES;
  let batch: { label: string; candidate: ImportCandidate }[] = [];
  let batchStarted = Date.now();
  let anyImported = false;

  const report = (outcome: ImportOutcome): void => {
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  };
  const progress = (current: string | null): void => options.onProgress?.({ ...summarize(outcomes), done: outcomes.length, total, current });

  const flush = (): void => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    const results: ImportOutcome[] = [];
    library.db.transaction(() => {
      for (const { label, candidate } of pending) {
        try {
          const stored = storeArticle(library, candidate);
          const title = candidate.metadata.title;
          results.push(
            stored.duplicateOf !== null
              ? { file: label, status: 'duplicate', articleId: stored.duplicateOf, title }
              : { file: label, status: 'imported', articleId: stored.id, title, versionOf: stored.versionOf },
          );
        } catch (error) {
          const reason = error instanceof AppError ? (error.detail ?? error.message) : `${label} could not be stored.`;
          results.push({ file: label, status: 'failed', reason });
          if (!(error instanceof AppError) && !isSqliteConstraint(error)) throw error;
        }
      }
    })();
    for (const r of results) {
      if (r.status === 'imported') anyImported = true;
      report(r);
    }
    progress(null);
    batchStarted = Date.now();
  };

  try {
    // A bounded window of conversions in flight keeps memory flat for huge folders.
    const window = Math.max(4, (converter ? 2 : 1) * 4);
    let next = 0;
    const inFlight = new Set<Promise<void>>();
    const failure: { failed: boolean; error?: unknown } = { failed: false };
    const startOne = (input: ImportInput): void => {
      const label = labelOf(input);
      const task = (async () => {
        if (input.kind === 'candidate') {
          batch.push({ label, candidate: input.candidate });
        } else if (options.signal?.aborted) {
          report({ file: label, status: 'cancelled', reason: 'The import was cancelled.' });
        } else {
          const reply = await converter!.convert(jobOf(input));
          if (reply.ok) batch.push({ label, candidate: reply.candidate });
          else report({ file: label, status: options.signal?.aborted ? 'cancelled' : 'failed', reason: reply.reason });
        }
        if (batch.length >= batchLimit || Date.now() - batchStarted >= BATCH_MAX_MS) flush();
      })();
      inFlight.add(task);
      // A failed batch save (a full disk) surfaces once, after the await below, never as
      // an unhandled rejection that would end the process.
      void task.catch((error: unknown) => {
        if (!failure.failed) Object.assign(failure, { failed: true, error });
      }).finally(() => inFlight.delete(task));
    };
    while (next < inputs.length) {
      if (options.signal?.aborted) {
        for (; next < inputs.length; next += 1) report({ file: labelOf(inputs[next]!), status: 'cancelled', reason: 'The import was cancelled.' });
        break;
      }
      while (inFlight.size < window && next < inputs.length) startOne(inputs[next++]!);
      await Promise.race(inFlight);
      if (failure.failed) throw failure.error;
      progress(null);
    }
    await Promise.allSettled(inFlight);
    if (failure.failed) throw failure.error;
    flush();
  } finally {
    if (anyImported) library.events.emit('library.changed', { reason: 'articles-imported' });
  }
  return outcomes;
}

function isSqliteConstraint(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('SQLITE_CONSTRAINT');
}
