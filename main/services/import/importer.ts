// Importing into a library: files and folders (recursively), uploaded bytes, pasted
// content and URLs. Conversion runs in worker threads; storing runs here in batched
// transactions where each article is its own savepoint, so a bad file never leaves a
// half-imported article and never undoes its neighbours.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../common/api/errors.ts';
import { countOutcome, emptyImportSummary, type ImportOutcome, type ImportProgress, type ImportSummary, type WithinFile } from '../../../common/api/methods/import.ts';
import { storeArticle, type StoredArticle } from '../articles.ts';
import type { Library } from '../library.ts';
import { isSupportedFile } from './convert.ts';
import { importExchangeFile, isExchangeFile, isZoteroExport, readExchangeFile } from '../exchange/index.ts';
import { ConversionPool, SOURCE_CONVERSION_WORKER, type JobInput } from './pool.ts';
import type { ImportCandidate, PreparedCandidate } from './types.ts';

export type ImportInput =
  | { kind: 'path'; path: string; label: string }
  | { kind: 'bytes'; bytes: Uint8Array; name: string }
  | { kind: 'paste'; content: string; format: 'text' | 'html' }
  | { kind: 'candidate'; candidate: ImportCandidate | PreparedCandidate; label: string };

export interface ImportOptions {
  pool?: ConversionPool;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Called with each outcome as soon as its batch is committed. */
  onOutcome?: (outcome: ImportOutcome) => void;
  /** Articles per transaction; each is still atomic on its own. */
  batchSize?: number;
}

// A batch is committed when it holds this many articles or this long after the last
// commit, whichever comes first: fewer, larger commits (each syncs the disk), while a
// batch stays short enough to keep the app responsive (conversion goes on meanwhile).
const BATCH_MAX_ARTICLES = 200;
const BATCH_MAX_MS = 1_000;

const pools = new Map<string, ConversionPool>();
/**
 * One pool per process (and worker script: the host names it): starting workers (jsdom,
 * pdf.js) costs more than a small import.
 */
export function sharedPool(workerScript: URL = SOURCE_CONVERSION_WORKER): ConversionPool {
  let pool = pools.get(workerScript.href);
  if (!pool) {
    pool = new ConversionPool({ workerScript });
    pools.set(workerScript.href, pool);
  }
  return pool;
}

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
    // A Zotero export's "files" folder holds its references' attachments: the export
    // imports them with their metadata, so they are not imported again as loose files.
    const zoteroFiles = entries.some((e) => e.isFile() && isZoteroExport(e.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      if (zoteroFiles && entry.isDirectory() && entry.name === 'files') continue;
      const full = path.join(dir, entry.name);
      const entryLabel = path.join(label, entry.name);
      if (entry.isDirectory()) walk(full, entryLabel);
      else if (entry.isFile()) {
        if (isSupportedFile(entry.name) || isExchangeFile(entry.name)) inputs.push({ kind: 'path', path: full, label: entryLabel });
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
  return outcomes.reduce((summary, o) => countOutcome(summary, o), emptyImportSummary());
}

/** What storing one article did, as the import reports it per file. */
export function storedOutcome(file: string, title: string, stored: StoredArticle): ImportOutcome {
  if (stored.duplicateOf !== null) return { file, status: 'duplicate', articleId: stored.duplicateOf, title };
  if (stored.appearanceOf !== null) return { file, status: 'appearance', articleId: stored.appearanceOf, title };
  return {
    file,
    status: 'imported',
    articleId: stored.id,
    title,
    versionOf: stored.versionOf,
    ...(stored.probablySameAs.length ? { probablySameAs: stored.probablySameAs.map((c) => ({ articleId: c.articleId, similarity: Math.round(c.similarity * 1000) / 1000 })) } : {}),
  };
}

const cancelled = (file: string): ImportOutcome => ({ file, status: 'cancelled', reason: 'The import was cancelled.' });

/** A file from another tool (a REFI-QDA project, a Hypothesis export): imported whole, not converted as one article. */
function isExchangeInput(input: ImportInput): input is Extract<ImportInput, { kind: 'path' | 'bytes' }> {
  return (input.kind === 'path' && isExchangeFile(input.path)) || (input.kind === 'bytes' && isExchangeFile(input.name));
}

export async function importInputs(library: Library, given: readonly ImportInput[], options: ImportOptions = {}): Promise<ImportOutcome[]> {
  // Exchange files come last, so annotations in them find the pages imported beside them.
  const inputs = given.filter((i) => !isExchangeInput(i));
  const exchange = given.filter(isExchangeInput);
  const converter = options.pool ?? (inputs.some((i) => i.kind !== 'candidate') ? sharedPool() : null);
  const { signal } = options;
  const outcomes: ImportOutcome[] = [];
  // Kept as outcomes come in: a progress event costs the same for the last file as for the first.
  let counts = emptyImportSummary();
  const total = given.length;
  const batchLimit = options.batchSize ?? BATCH_MAX_ARTICLES;
  let batch: { label: string; candidate: ImportCandidate | PreparedCandidate }[] = [];
  let batchStarted = Date.now();
  // Aborted by the caller's signal, or when a batch could not be saved: the conversions
  // still waiting for a worker are dropped, and nothing more is stored.
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) stop.abort();

  const report = (outcome: ImportOutcome): void => {
    outcomes.push(outcome);
    counts = countOutcome(counts, outcome);
    options.onOutcome?.(outcome);
  };
  const progress = (current: string | null, withinFile?: WithinFile): void =>
    options.onProgress?.({ ...counts, done: outcomes.length, total, current, ...(withinFile ? { withinFile } : {}) });

  const flush = (): void => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    const results: ImportOutcome[] = [];
    // One transaction per batch (one commit, one sync), one savepoint per article in it.
    library.db.transaction(() => {
      for (const { label, candidate } of pending) {
        try {
          const stored = storeArticle(library, candidate);
          const title = candidate.metadata.title;
          const { encoding } = candidate.original;
          results.push({ ...storedOutcome(label, title, stored), ...(encoding ? { encoding } : {}) });
        } catch (error) {
          const reason = error instanceof AppError ? (error.detail ?? error.message) : `${label} could not be stored.`;
          results.push({ file: label, status: 'failed', reason });
          if (!(error instanceof AppError) && !isSqliteConstraint(error)) throw error;
        }
      }
    })();
    for (const r of results) report(r);
    progress(null);
    batchStarted = Date.now();
  };

  const accept = (label: string, candidate: ImportCandidate | PreparedCandidate): void => {
    batch.push({ label, candidate });
    if (batch.length >= batchLimit || Date.now() - batchStarted >= BATCH_MAX_MS) flush();
  };

  /** One input from start to its place in a batch (or to its outcome when it has none). */
  const handle = async (input: ImportInput): Promise<void> => {
    const label = labelOf(input);
    if (input.kind === 'candidate') return accept(label, input.candidate);
    const reply = await converter!.convert(jobOf(input), { signal: stop.signal });
    if (stop.signal.aborted && !signal?.aborted) return; // the import failed; its error is what the caller gets
    // Converted after the cancel: not stored, like the files not reached.
    if (signal?.aborted) report(cancelled(label));
    else if (reply.ok) accept(label, reply.candidate);
    else report({ file: label, status: 'failed', reason: reply.reason });
  };

  try {
    // Conversions in flight are bounded (memory stays flat for huge folders) but enough
    // to keep every worker busy while this thread commits a batch.
    const window = (): number => Math.max(8, (converter?.capacity ?? 0) + 8);
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let active = 0;
      let settled = false;
      // The import ends once, with the first error (a batch that could not be saved: a
      // full disk), never with an unhandled rejection that would end the process.
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        stop.abort();
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      const pump = (): void => {
        if (settled) return;
        if (signal?.aborted) {
          for (; next < inputs.length; next += 1) report(cancelled(labelOf(inputs[next]!)));
        }
        for (const limit = window(); active < limit && next < inputs.length; ) {
          active += 1;
          handle(inputs[next++]!).then(
            () => {
              active -= 1;
              step();
            },
            (error: unknown) => {
              active -= 1;
              fail(error);
            },
          );
        }
        if (active === 0 && next >= inputs.length) {
          settled = true;
          resolve();
        }
      };
      const step = (): void => {
        if (settled) return;
        try {
          progress(null);
          pump();
        } catch (error) {
          fail(error);
        }
      };
      stop.signal.addEventListener('abort', step, { once: true });
      pump();
    });
    flush();
    for (const input of exchange) {
      const label = labelOf(input);
      if (signal?.aborted) {
        report(cancelled(label));
        continue;
      }
      progress(label);
      let outcome: ImportOutcome;
      try {
        const bytes = input.kind === 'path' ? await readExchangeFile(input.path) : input.bytes;
        // A file from another tool can hold hundreds of items: progress goes item by item, and a cancel stops it with nothing of it written.
        outcome = await importExchangeFile(library, bytes, label, {
          ...(input.kind === 'path' ? { filePath: input.path } : {}),
          signal,
          onProgress: (within) => progress(label, within),
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        outcome = { file: label, status: 'failed', reason: error.detail ?? error.message };
      }
      report(outcome);
      progress(null);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return outcomes;
}

function isSqliteConstraint(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('SQLITE_CONSTRAINT');
}
