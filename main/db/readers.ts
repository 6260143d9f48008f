// Read-only connections to a library in worker threads, for reads that split into parts
// run at once: a search ranks slices of the full-text index side by side
// (main/services/search/search.ts). WAL lets them read while the app writes. Each part
// runs in its own read transaction and reports the library's newest change set as it saw
// it, so the caller can tell when the parts saw different moments (a write landed between
// them) and read again on its own connection.
//
// Written here rather than with a pool package (piscina, workerpool): a reader keeps its
// connection open between jobs and jobs are plain SQL, so the pool is the class below; the
// conversion pool (main/services/import/pool.ts) needs watchdogs and heap limits these reads
// do not. Closing is not awaited (closeLibrary is synchronous, and checkpoints the log itself
// first: the readers' connections close a moment after the library's own). A reader is asked
// to close, after the statement it may be running, never terminated in the middle of one:
// terminating a worker during a better-sqlite3 call can abort the whole process
// (WiseLibs/better-sqlite3#1507; it happened here in a test).
import os from 'node:os';
import { Worker } from 'node:worker_threads';

/** What a reader is asked: one statement and its parameters. */
export interface ReadJob {
  id: number;
  sql: string;
  params: Record<string, string | number>;
}

/** Asks a reader to close its connection and end, once the statements before it are done. */
export const CLOSE_READER = { close: true } as const;

/** A reader asked to close that has not ended after this long is stopped. */
const CLOSE_TIMEOUT_MS = 10_000;

export type ReadReply =
  | { id: number; ok: true; rows: unknown[]; changeSet: number }
  | { id: number; ok: false; code: string | null; message: string };

export interface ReadResult<R> {
  rows: R[];
  /** The newest change set the read saw: parts that saw the same one read the same library. */
  changeSet: number;
}

/** The reader worker run from sources; a built host names its bundled copy (HostServices.readerWorker). */
export const SOURCE_READER_WORKER = new URL('./reader-worker.ts', import.meta.url);

/** An error a reader reported, with SQLite's code kept (a bad FTS5 expression is SQLITE_ERROR). */
export class ReadError extends Error {
  readonly code: string | null;
  constructor(message: string, code: string | null) {
    super(message);
    this.code = code;
  }
}

interface Reader {
  worker: Worker;
  pending: Map<number, { resolve: (reply: ReadReply) => void; reject: (error: Error) => void }>;
  /** Resolves once the worker has ended (it may never have started). */
  ended: Promise<void>;
}

/** Worth it only with a core for each part: on one core the parts would take turns. */
export function readersWorthIt(): boolean {
  return os.availableParallelism() >= 2;
}

export class Readers {
  readonly size: number;
  #readers: Reader[] = [];
  #nextId = 1;
  #broken: Error | null = null;
  #answered = 0;

  constructor(libraryPath: string, script: URL = SOURCE_READER_WORKER, size = Math.min(4, os.availableParallelism())) {
    this.size = Math.max(1, size);
    for (let i = 0; i < this.size; i += 1) {
      const worker = new Worker(script, { workerData: { libraryPath } });
      const reader: Reader = { worker, pending: new Map(), ended: new Promise((resolve) => worker.once('exit', () => resolve())) };
      reader.worker.on('message', (reply: ReadReply) => {
        reader.pending.get(reply.id)?.resolve(reply);
        reader.pending.delete(reply.id);
        if (reader.pending.size === 0) reader.worker.unref();
      });
      const fail = (error: Error): void => {
        this.#broken ??= error;
        for (const { reject } of reader.pending.values()) reject(error);
        reader.pending.clear();
      };
      reader.worker.on('error', fail);
      reader.worker.on('exit', (code) => fail(new Error(`A reader stopped (exit code ${code}).`)));
      // An idle reader never keeps a command from ending; one with work does (run refs it).
      reader.worker.unref();
      this.#readers.push(reader);
    }
  }

  /** Statements the readers have answered (a search that fell back to its own connection adds none). */
  get answered(): number {
    return this.#answered;
  }

  /** False once a reader has failed: the caller reads on its own connection instead. */
  get usable(): boolean {
    return this.#broken === null;
  }

  /** Runs one statement on the least busy reader. */
  run<R>(sql: string, params: Record<string, string | number>): Promise<ReadResult<R>> {
    if (this.#broken) return Promise.reject(this.#broken);
    const reader = this.#readers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.#nextId++;
    return new Promise<ReadReply>((resolve, reject) => {
      reader.pending.set(id, { resolve, reject });
      reader.worker.ref();
      reader.worker.postMessage({ id, sql, params } satisfies ReadJob);
    }).then((reply) => {
      this.#answered += 1;
      if (!reply.ok) throw new ReadError(reply.message, reply.code);
      return { rows: reply.rows as R[], changeSet: reply.changeSet };
    });
  }

  async close(): Promise<void> {
    this.#broken ??= new Error('The readers were closed.');
    await Promise.all(
      this.#readers.map(async (reader) => {
        reader.worker.postMessage(CLOSE_READER);
        const stop = setTimeout(() => void reader.worker.terminate(), CLOSE_TIMEOUT_MS);
        stop.unref();
        await reader.ended;
        clearTimeout(stop);
      }),
    );
  }
}
