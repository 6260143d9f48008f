// A small pool of conversion workers. Conversion (jsdom, Readability, pdf.js) is pure
// CPU work; storing stays on the thread that owns the database.
//
// Each worker is given a few jobs ahead (as many as make about BACKLOG_MS of its recent
// work), so it keeps converting while the main thread is busy committing a batch and
// cannot hand it the next job; the rest wait here, where a cancel drops them at once.
//
// One file must never take the pool down: each worker runs with a heap limit and each
// file it holds with a watchdog, so a file that balloons or hangs a converter fails alone
// (with the reason) and the worker is replaced. A worker that cannot even start (a broken
// build, a missing dependency) is logged and retried a few times with back-off; then every
// waiting job fails with the worker's own error instead of "the converter stopped".
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

/** What a worker posts once its script (and everything it imports) has loaded. */
export const WORKER_READY = { ready: true } as const;

/**
 * How much less CPU a converting thread asks for than the main thread (nice values above
 * the main thread's). Importing a folder of text files keeps the workers and the main
 * thread busy, and the main thread (which stores every article, and answers the windows)
 * is the slowest: at equal priority, three busy threads on two cores left it about two
 * thirds of one (text import 790-802 articles/s; 830-902/s at nice 10-19). A worker alone
 * on an idle machine still gets a whole core: priority only counts when threads compete.
 */
export const WORKER_NICE = 10;

/** A job before the pool numbers it. */
export type JobInput = ConversionJob extends infer J ? (J extends ConversionJob ? Omit<J, 'id'> : never) : never;

const CANCELLED = 'The import was cancelled.';

/** How much work (by recent averages) each worker holds ahead: more than committing a batch takes. */
const BACKLOG_MS = 400;
/** Jobs held ahead by one worker, at most (a plain text file converts in under a millisecond). */
const MAX_AHEAD = 128;
/** The guess for a kind of file not seen yet. */
const FIRST_GUESS_MS = 50;

export interface PoolOptions {
  /** Workers (default: the cores, 1 to 4). */
  size?: number;
  /** Heap limit of each worker (MB): a file needing more fails alone. */
  memoryLimitMb?: number;
  /** How long one file may hold a worker before it is stopped (ms). */
  watchdogMs?: number;
  /** The first pause before restarting a worker that could not start (ms); it doubles each time. */
  restartDelayMs?: number;
  /** Consecutive failed starts after which the pool gives up and fails its jobs with the error. */
  maxFailedStarts?: number;
  /** The worker's script (default: SOURCE_CONVERSION_WORKER). */
  workerScript?: URL;
  /** Where worker failures are reported (default console.error). */
  log?: (message: string, error?: unknown) => void;
}

/**
 * A 50 MB PDF or DOCX (the import limit) converts in a few hundred MB of heap; four workers
 * at this limit still fit a laptop's memory.
 */
export const WORKER_MEMORY_LIMIT_MB = 1536;
/** Minutes, not seconds: a large scanned PDF can take a while; a hung converter never ends. */
export const FILE_WATCHDOG_MS = 3 * 60_000;
const RESTART_DELAY_MS = 500;
const MAX_FAILED_STARTS = 5;

/**
 * The worker script: beside this file when running from sources (Node strips the
 * types). The bundled app names its own built worker (import-worker.cjs beside its main
 * bundle) at start-up, since bundling moves this file into a chunk.
 */
/** The conversion worker run from sources; a built host names its bundled copy (HostServices.conversionWorker). */
export const SOURCE_CONVERSION_WORKER = new URL('./worker.ts', import.meta.url);

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
  /** The worker's script has loaded (it said WORKER_READY). */
  online: boolean;
  /** Why the worker stopped, when the pool knows (its error, the watchdog). */
  failure: string | null;
  /** Stops the worker when the file in hand takes longer than the watchdog allows. */
  watchdog: NodeJS.Timeout | null;
}

/** Jobs of one kind take alike: a text file, an HTML page, a PDF, a paste. */
function kindOf(job: ConversionJob): string {
  if (job.kind === 'paste') return `paste ${job.format}`;
  const dot = job.name.lastIndexOf('.');
  return dot >= 0 ? job.name.slice(dot).toLowerCase() : '';
}

/** A worker's error as one line for the user: what went wrong, not a stack. */
function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 300);
}

export class ConversionPool {
  readonly #slots: Slot[] = [];
  readonly #size: number;
  readonly #workerScript: URL;
  readonly #memoryLimitMb: number;
  readonly #watchdogMs: number;
  readonly #restartDelayMs: number;
  readonly #maxFailedStarts: number;
  readonly #log: (message: string, error?: unknown) => void;
  /** Workers that failed to start in a row; back-off grows with it, and at the limit the pool gives up. */
  #failedStarts = 0;
  readonly #restartTimers = new Set<NodeJS.Timeout>();
  /** Set when workers cannot start at all: every job fails with this, at once. */
  #broken: string | null = null;
  #started = 0;
  #queue: Queued[] = [];
  readonly #pending = new Map<number, (reply: ConversionReply) => void>();
  /** Signals already watched: one listener each, however many jobs they cover. */
  readonly #watched = new WeakSet<AbortSignal>();
  /** Recent milliseconds per job of each kind, and over all kinds (moving averages). */
  readonly #averageMs = new Map<string, number>();
  #recentMs = FIRST_GUESS_MS;
  #nextId = 1;
  #closed = false;

  constructor(options: PoolOptions | number = {}) {
    const settings = typeof options === 'number' ? { size: options } : options;
    this.#size = settings.size ?? Math.max(1, Math.min(4, os.availableParallelism()));
    this.#workerScript = settings.workerScript ?? SOURCE_CONVERSION_WORKER;
    this.#memoryLimitMb = settings.memoryLimitMb ?? WORKER_MEMORY_LIMIT_MB;
    this.#watchdogMs = settings.watchdogMs ?? FILE_WATCHDOG_MS;
    this.#restartDelayMs = settings.restartDelayMs ?? RESTART_DELAY_MS;
    this.#maxFailedStarts = settings.maxFailedStarts ?? MAX_FAILED_STARTS;
    this.#log = settings.log ?? ((message, error) => console.error(`[casefile] ${message}`, ...(error === undefined ? [] : [error])));
    for (let i = 0; i < this.#size; i += 1) this.#slots.push(this.#spawn());
  }

  /** How many jobs the workers hold at most for the work seen lately: a caller keeping more in flight only queues them here. */
  get capacity(): number {
    return this.#size * Math.max(1, Math.min(MAX_AHEAD, Math.floor(BACKLOG_MS / this.#recentMs)));
  }

  /** Workers started so far, replacements included. */
  get workersStarted(): number {
    return this.#started;
  }

  #spawn(): Slot {
    this.#started += 1;
    const slot: Slot = {
      worker: new Worker(this.#workerScript, { resourceLimits: { maxOldGenerationSizeMb: this.#memoryLimitMb } }),
      jobs: [],
      aheadMs: 0,
      online: false,
      failure: null,
      watchdog: null,
    };
    slot.worker.on('message', (reply: ConversionReply | typeof WORKER_READY) => {
      if ('ready' in reply) {
        slot.online = true;
        this.#failedStarts = 0;
        // The watchdog times converting, not loading the converter.
        this.#watch(slot);
        return;
      }
      const index = slot.jobs.findIndex((posted) => posted.job.id === reply.id);
      if (index >= 0) {
        const [posted] = slot.jobs.splice(index, 1);
        slot.aheadMs = slot.jobs.length === 0 ? 0 : slot.aheadMs - posted!.estimate;
        if (typeof reply.ms === 'number' && Number.isFinite(reply.ms)) this.#learn(kindOf(posted!.job), reply.ms);
      }
      this.#watch(slot);
      // An idle worker does not keep the process alive; a busy one does until its files are done.
      if (slot.jobs.length === 0) slot.worker.unref();
      this.#settle(reply);
      this.#pump();
    });
    slot.worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        slot.failure = `needed more than ${this.#memoryLimitMb} MB of memory to convert`;
      } else {
        slot.failure ??= errorLine(error);
        this.#log(slot.online ? 'an import worker failed:' : 'an import worker could not start:', error);
      }
    });
    slot.worker.on('exit', () => this.#replace(slot));
    slot.worker.unref();
    return slot;
  }

  /** Restarts the watchdog for the file the worker has in hand now (the oldest it holds). */
  #watch(slot: Slot): void {
    if (slot.watchdog) clearTimeout(slot.watchdog);
    slot.watchdog = null;
    const current = slot.jobs[0];
    if (!current) return;
    slot.watchdog = setTimeout(() => {
      slot.failure = `took longer than ${formatDuration(this.#watchdogMs)} to convert and was stopped`;
      void slot.worker.terminate();
    }, this.#watchdogMs);
    slot.watchdog.unref();
  }

  /** A worker stopped: fail the file it had in hand (with the reason), hand back the rest, and start another. */
  #replace(slot: Slot): void {
    if (slot.watchdog) clearTimeout(slot.watchdog);
    if (this.#closed) return;
    const index = this.#slots.indexOf(slot);
    if (index >= 0) this.#slots.splice(index, 1);
    const held = slot.jobs.splice(0);
    if (!slot.online) {
      // It never started: none of its jobs was in hand, and the next worker will likely fail the same way.
      this.#failedStarts += 1;
      this.#queue.unshift(...held.map(({ job, signal }) => ({ job, signal })));
      const why = slot.failure ?? 'it stopped while starting';
      if (this.#failedStarts >= this.#maxFailedStarts) {
        this.#giveUp(`The converter could not start (${why}).`);
        return;
      }
      const delay = this.#restartDelayMs * 2 ** (this.#failedStarts - 1);
      const timer = setTimeout(() => {
        this.#restartTimers.delete(timer);
        if (this.#closed || this.#broken) return;
        this.#slots.push(this.#spawn());
        this.#pump();
      }, delay);
      timer.unref();
      this.#restartTimers.add(timer);
      return;
    }
    const [current, ...waiting] = held;
    if (current) {
      const name = current.job.kind === 'paste' ? 'The pasted content' : current.job.name;
      this.#settle({ id: current.job.id, ok: false, reason: `${name} could not be converted (the converter ${slot.failure ?? 'stopped'}).` });
    }
    // The jobs it had not started go to the new worker, ahead of the others.
    this.#queue.unshift(...waiting.map(({ job, signal }) => ({ job, signal })));
    this.#slots.push(this.#spawn());
    this.#pump();
  }

  /** Workers cannot start: every job waiting, and every job asked for from now on, fails with the reason. */
  #giveUp(reason: string): void {
    this.#broken = reason;
    this.#log(`import workers stopped restarting after ${this.#failedStarts} failed starts: ${reason}`);
    for (const { job } of this.#queue.splice(0)) this.#settle({ id: job.id, ok: false, reason });
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
    const job = { ...input, id: this.#nextId++ };
    const { signal } = options;
    if (this.#closed || signal?.aborted) return Promise.resolve({ id: job.id, ok: false, reason: CANCELLED });
    if (this.#broken) return Promise.resolve({ id: job.id, ok: false, reason: this.#broken });
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
      if (slot.jobs.length === 1 && slot.online) this.#watch(slot);
      slot.worker.ref();
      // Bytes are copied, not transferred: a job a crashed worker held is posted again.
      slot.worker.postMessage(next.job);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#restartTimers) clearTimeout(timer);
    for (const slot of this.#slots) if (slot.watchdog) clearTimeout(slot.watchdog);
    for (const { job } of this.#queue.splice(0)) this.#settle({ id: job.id, ok: false, reason: CANCELLED });
    await Promise.all(this.#slots.map(({ worker }) => worker.terminate()));
    for (const id of [...this.#pending.keys()]) this.#settle({ id, ok: false, reason: CANCELLED });
  }
}

function formatDuration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}
