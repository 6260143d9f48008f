// A small pool of conversion workers. Conversion (jsdom, Readability, pdf.js) is pure
// CPU work; storing stays on the thread that owns the database.
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import type { ImportCandidate } from './types.ts';

export type ConversionJob =
  | { id: number; kind: 'path'; path: string; name: string }
  | { id: number; kind: 'bytes'; bytes: Uint8Array; name: string }
  | { id: number; kind: 'paste'; content: string; format: 'text' | 'html' };

export type ConversionReply = { id: number; ok: true; candidate: ImportCandidate } | { id: number; ok: false; reason: string };

/** A job before the pool numbers it. */
export type JobInput = ConversionJob extends infer J ? (J extends ConversionJob ? Omit<J, 'id'> : never) : never;

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

interface Slot {
  worker: Worker;
  /** The job the worker is converting, if any. */
  jobId: number | null;
}

export class ConversionPool {
  readonly #slots: Slot[] = [];
  readonly #queue: ConversionJob[] = [];
  readonly #pending = new Map<number, (reply: ConversionReply) => void>();
  #nextId = 1;
  #closed = false;

  constructor(size = Math.max(1, Math.min(4, os.availableParallelism()))) {
    for (let i = 0; i < size; i += 1) this.#slots.push(this.#spawn());
  }

  #spawn(): Slot {
    const slot: Slot = { worker: new Worker(workerUrl()), jobId: null };
    slot.worker.on('message', (reply: ConversionReply) => {
      slot.jobId = null;
      slot.worker.unref();
      this.#settle(reply);
      this.#pump();
    });
    // A worker that crashes (a converter bug, memory) fails only its current file.
    slot.worker.on('error', () => undefined);
    slot.worker.on('exit', () => {
      if (this.#closed) return;
      if (slot.jobId !== null) this.#settle({ id: slot.jobId, ok: false, reason: 'could not be converted (the converter stopped)' });
      const index = this.#slots.indexOf(slot);
      if (index >= 0) this.#slots[index] = this.#spawn();
      this.#pump();
    });
    slot.worker.unref();
    return slot;
  }

  #settle(reply: ConversionReply): void {
    this.#pending.get(reply.id)?.(reply);
    this.#pending.delete(reply.id);
  }

  convert(input: JobInput): Promise<ConversionReply> {
    const job = { ...input, id: this.#nextId++ } as ConversionJob;
    if (this.#closed) return Promise.resolve({ id: job.id, ok: false, reason: 'The import was cancelled.' });
    return new Promise((resolve) => {
      this.#pending.set(job.id, resolve);
      this.#queue.push(job);
      this.#pump();
    });
  }

  #pump(): void {
    for (const slot of this.#slots) {
      if (slot.jobId !== null) continue;
      const job = this.#queue.shift();
      if (!job) return;
      slot.jobId = job.id;
      // A busy worker keeps the process alive until its file is done; an idle one does not.
      slot.worker.ref();
      const transfer = job.kind === 'bytes' ? [job.bytes.buffer as ArrayBuffer] : [];
      slot.worker.postMessage(job, transfer);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) this.#settle({ id: job.id, ok: false, reason: 'The import was cancelled.' });
    await Promise.all(this.#slots.map(({ worker }) => worker.terminate()));
    for (const id of [...this.#pending.keys()]) this.#settle({ id, ok: false, reason: 'The import was cancelled.' });
  }
}
