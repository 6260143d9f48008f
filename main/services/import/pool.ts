// A small pool of conversion workers. Conversion (jsdom, Readability, pdf.js) is pure
// CPU work; storing stays on the thread that owns the database.
//
// Each worker is given a few jobs ahead (as many as make about BACKLOG_MS of its recent
// work), so it keeps converting while the main thread is busy committing a batch and
// cannot hand it the next job; the rest wait here, where a cancel drops them at once.
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import type { PreparedCandidate } from './types.ts';

export type ConversionJob =
  | { id: number; kind: 'path'; path: string; name: string }
  | { id: number; kind: 'bytes'; bytes: Uint8Array; name: string }
  | { id: number; kind: 'paste'; content: string; format: 'text' | 'html' };

/** A worker's answer: the converted article prepared for storing, or why not; `ms` is the time the worker spent on it. */
export type ConversionReply =
  | { id: number; ok: true; candidate: PreparedCandidate; ms?: number }
  | { id: number; ok: false; reason: string; ms?: number };

/** A job before the pool numbers it. */
export type JobInput = ConversionJob extends infer J ? (J extends ConversionJob ? Omit<J, 'id'> : never) : never;

const CANCELLED = 'The import was cancelled.';

/** How much work (by recent averages) each worker holds ahead: more than committing a batch takes. */
const BACKLOG_MS = 400;
/** Jobs held ahead by one worker, at most (a plain text file converts in under a millisecond). */
const MAX_AHEAD = 128;
/** The guess for a kind of file not seen yet. */
const FIRST_GUESS_MS = 50;

/**
 * The worker script: beside this file when running from sources (Node strips the
 * types). The bundled app names its own built worker (import-worker.js beside its main
 * bundle) at start-up, since bundling moves this file into a chunk.
 */
let workerScript: URL = new URL('./worker.ts', import.meta.url);

export function setConversionWorkerScript(url: URL): void {
  workerScript = url;
}

function workerUrl(): URL {
  return workerScript;
}

interface Queued {
  job: ConversionJob;
  signal: AbortSignal | undefined;
}

interface Posted extends Queued {
  /** What the job was expected to take when it was posted (ms). */
  estimate: number;
}

interface Slot {
  worker: Worker;
  /** Jobs posted to the worker and not answered yet, oldest first: it does them in order, so the first is the one in hand. */
  jobs: Posted[];
  /** The sum of their estimates. */
  aheadMs: number;
}

/** Jobs of one kind take alike: a text file, an HTML page, a PDF, a paste. */
function kindOf(job: ConversionJob): string {
  if (job.kind === 'paste') return `paste ${job.format}`;
  const dot = job.name.lastIndexOf('.');
  return dot >= 0 ? job.name.slice(dot).toLowerCase() : '';
}

export class ConversionPool {
  readonly #slots: Slot[] = [];
  #queue: Queued[] = [];
  readonly #pending = new Map<number, (reply: ConversionReply) => void>();
  /** Signals already watched: one listener each, however many jobs they cover. */
  readonly #watched = new WeakSet<AbortSignal>();
  /** Recent milliseconds per job of each kind, and over all kinds (moving averages). */
  readonly #averageMs = new Map<string, number>();
  #recentMs = FIRST_GUESS_MS;
  #nextId = 1;
  #closed = false;

  constructor(size = Math.max(1, Math.min(4, os.availableParallelism()))) {
    for (let i = 0; i < size; i += 1) this.#slots.push(this.#spawn());
  }

  /** How many jobs the workers hold at most for the work seen lately: a caller keeping more in flight only queues them here. */
  get capacity(): number {
    return this.#slots.length * Math.max(1, Math.min(MAX_AHEAD, Math.floor(BACKLOG_MS / this.#recentMs)));
  }

  #spawn(): Slot {
    const slot: Slot = { worker: new Worker(workerUrl()), jobs: [], aheadMs: 0 };
    slot.worker.on('message', (reply: ConversionReply) => {
      const index = slot.jobs.findIndex((posted) => posted.job.id === reply.id);
      if (index >= 0) {
        const [posted] = slot.jobs.splice(index, 1);
        slot.aheadMs = slot.jobs.length === 0 ? 0 : slot.aheadMs - posted!.estimate;
        if (typeof reply.ms === 'number' && Number.isFinite(reply.ms)) this.#learn(kindOf(posted!.job), reply.ms);
      }
      // An idle worker does not keep the process alive; a busy one does until its files are done.
      if (slot.jobs.length === 0) slot.worker.unref();
      this.#settle(reply);
      this.#pump();
    });
    // A worker that crashes (a converter bug, memory) fails only its current file.
    slot.worker.on('error', () => undefined);
    slot.worker.on('exit', () => {
      if (this.#closed) return;
      const [current, ...waiting] = slot.jobs.splice(0);
      if (current) this.#settle({ id: current.job.id, ok: false, reason: 'could not be converted (the converter stopped)' });
      // The jobs it had not started go to the new worker, ahead of the others.
      this.#queue.unshift(...waiting.map(({ job, signal }) => ({ job, signal })));
      const index = this.#slots.indexOf(slot);
      if (index >= 0) this.#slots[index] = this.#spawn();
      this.#pump();
    });
    slot.worker.unref();
    return slot;
  }

  #learn(kind: string, ms: number): void {
    const clamped = Math.max(0.05, ms);
    const before = this.#averageMs.get(kind);
    this.#averageMs.set(kind, before === undefined ? clamped : before * 0.8 + clamped * 0.2);
    this.#recentMs = this.#recentMs * 0.8 + clamped * 0.2;
  }

  #settle(reply: ConversionReply): void {
    this.#pending.get(reply.id)?.(reply);
    this.#pending.delete(reply.id);
  }

  /**
   * Converts a file, bytes or a paste in a worker. With a signal, a job still waiting
   * here when it aborts is answered at once as cancelled; one a worker holds is finished.
   */
  convert(input: JobInput, options: { signal?: AbortSignal } = {}): Promise<ConversionReply> {
    const job = { ...input, id: this.#nextId++ } as ConversionJob;
    const { signal } = options;
    if (this.#closed || signal?.aborted) return Promise.resolve({ id: job.id, ok: false, reason: CANCELLED });
    if (signal && !this.#watched.has(signal)) {
      this.#watched.add(signal);
      signal.addEventListener('abort', () => this.#dropCancelled(), { once: true });
    }
    return new Promise((resolve) => {
      this.#pending.set(job.id, resolve);
      this.#queue.push({ job, signal });
      this.#pump();
    });
  }

  #dropCancelled(): void {
    const dropped = this.#queue.filter((q) => q.signal?.aborted);
    if (dropped.length === 0) return;
    this.#queue = this.#queue.filter((q) => !q.signal?.aborted);
    for (const { job } of dropped) this.#settle({ id: job.id, ok: false, reason: CANCELLED });
  }

  /** Hands waiting jobs to the least loaded workers, each up to about BACKLOG_MS of work. */
  #pump(): void {
    while (this.#queue.length > 0) {
      let slot: Slot | null = null;
      for (const candidate of this.#slots) {
        const full = candidate.jobs.length > 0 && (candidate.aheadMs >= BACKLOG_MS || candidate.jobs.length >= MAX_AHEAD);
        if (!full && (!slot || candidate.aheadMs < slot.aheadMs)) slot = candidate;
      }
      if (!slot) return;
      const next = this.#queue.shift()!;
      if (next.signal?.aborted) {
        this.#settle({ id: next.job.id, ok: false, reason: CANCELLED });
        continue;
      }
      const estimate = this.#averageMs.get(kindOf(next.job)) ?? FIRST_GUESS_MS;
      slot.jobs.push({ ...next, estimate });
      slot.aheadMs += estimate;
      slot.worker.ref();
      // Bytes are copied, not transferred: a job a crashed worker held is posted again.
      slot.worker.postMessage(next.job);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const { job } of this.#queue.splice(0)) this.#settle({ id: job.id, ok: false, reason: CANCELLED });
    await Promise.all(this.#slots.map(({ worker }) => worker.terminate()));
    for (const id of [...this.#pending.keys()]) this.#settle({ id, ok: false, reason: CANCELLED });
  }
}
