// A conversion worker: reads a file (or takes bytes), converts it and prepares it for
// storing (canonical text, hashes, body JSON) off the main thread, so the app stays
// responsive while a folder of thousands imports and the main thread only writes.
// Jobs arrive ahead of time (the pool keeps a few queued here, so converting goes on
// while the main thread commits a batch) and are done one at a time, in order.
import { parentPort } from 'node:worker_threads';
import fs from 'node:fs';
import os from 'node:os';
import { AppError } from '../../../common/api/errors.ts';
import { convertFile, convertPaste } from './convert.ts';
import { WORKER_NICE, WORKER_READY, type ConversionJob, type ConversionReply } from './pool.ts';
import { prepareCandidate } from './prepare.ts';
import type { PreparedCandidate } from './types.ts';

/**
 * On Linux a nice value belongs to the thread that sets it (and the threads it starts:
 * none, as it reads files synchronously), so this worker yields to the main thread and
 * nothing else changes. On macOS and Windows the same call would lower the whole app, so
 * it is not made there.
 */
function yieldToMainThread(): void {
  if (process.platform !== 'linux') return;
  try {
    // Relative to the thread that started it (19 is the lowest priority there is).
    os.setPriority(Math.min(19, os.getPriority() + WORKER_NICE));
  } catch {
    // A sandbox may refuse: converting at the usual priority is still correct.
  }
}

async function run(job: ConversionJob): Promise<ConversionReply> {
  const started = performance.now();
  try {
    let candidate;
    if (job.kind === 'paste') {
      candidate = await convertPaste(job.content, job.format);
    } else {
      const bytes = job.kind === 'path' ? readFile(job.path, job.name) : job.bytes;
      candidate = await convertFile(bytes, job.name);
    }
    return { id: job.id, ok: true, candidate: prepareCandidate(candidate), ms: performance.now() - started };
  } catch (error) {
    const detail = error instanceof AppError ? (error.detail ?? error.message) : `${job.kind === 'paste' ? 'The pasted content' : job.name} could not be converted.`;
    return { id: job.id, ok: false, reason: detail, ms: performance.now() - started };
  }
}

/**
 * Read synchronously: this thread does one job at a time anyway, and fs.promises.readFile
 * costs ten times as much per small file (0.16 ms against 0.014 ms: four trips through
 * libuv's thread pool), a tenth of a text import's time.
 */
function readFile(path: string, name: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : code === 'ENOENT' ? 'no longer exists' : code === 'EISDIR' ? 'is a folder' : 'cannot be read';
    throw new AppError('IMPORT_FAILED', `${name} ${why}.`);
  }
}

/** The candidate's buffers, moved to the main thread rather than copied (each once: small Buffers share a pool). */
function transferable(candidate: PreparedCandidate): ArrayBuffer[] {
  const views = [candidate.original.bytes, candidate.original.stored, candidate.storedBody];
  const whole = views.filter((v) => v.byteOffset === 0 && v.byteLength === v.buffer.byteLength).map((v) => v.buffer as ArrayBuffer);
  return [...new Set(whole)];
}

const queue: ConversionJob[] = [];
let running = false;

async function drain(): Promise<void> {
  running = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    const reply = await run(job);
    const transfer = reply.ok ? transferable(reply.candidate) : [];
    parentPort!.postMessage(reply, transfer);
  }
  running = false;
}

yieldToMainThread();
parentPort!.on('message', (job: ConversionJob) => {
  queue.push(job);
  if (!running) void drain();
});

// Everything above has loaded: the pool now counts this worker as started (a worker that
// dies before this line could not start, and is not retried forever).
parentPort!.postMessage(WORKER_READY);
