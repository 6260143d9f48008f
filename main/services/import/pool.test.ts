// @vitest-environment node
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tempLibrary } from '../../testing/temp.ts';
import { checkLibrary } from '../library.ts';
import { collectInputs, importInputs } from './importer.ts';
import { ConversionPool, WORKER_NICE, type ConversionReply, type PoolOptions } from './pool.ts';

// A stand-in worker with the real one's protocol: jobs queue up and are done one at a
// time, in order; "crash.txt" ends the worker, "slow.txt" takes longer.
const FAKE_WORKER = `
import { parentPort, threadId } from 'node:worker_threads';
const queue = [];
let busy = false;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function drain() {
  busy = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    if (job.name === 'crash.txt') process.exit(1);
    const ms = job.name === 'slow.txt' ? 200 : 15;
    await sleep(ms);
    parentPort.postMessage({ id: job.id, ok: true, ms, candidate: { metadata: { title: job.name + ' ' + threadId } } });
  }
  busy = false;
}
parentPort.on('message', (job) => { queue.push(job); if (!busy) void drain(); });
parentPort.postMessage({ ready: true });
`;

let dir: string;
let fakeWorker: URL;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(tempDirRoot(), 'casefile-pool-'));
  fs.writeFileSync(path.join(dir, 'fake-worker.mjs'), FAKE_WORKER);
  fakeWorker = pathToFileURL(path.join(dir, 'fake-worker.mjs'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A pool of the fake worker (or the given one). */
function fakePool(options: PoolOptions = {}): ConversionPool {
  return new ConversionPool({ workerScript: fakeWorker, ...options });
}

function tempDirRoot(): string {
  // tempDir() is cleaned after each test; this folder has to last the whole file.
  return path.dirname(tempDir());
}

const job = (name: string) => ({ kind: 'path' as const, path: `/nowhere/${name}`, name });
const titleOf = (reply: ConversionReply): string => (reply.ok ? reply.candidate.metadata.title : `failed: ${reply.reason}`);

describe('the conversion pool', () => {
  it('spreads jobs over its workers', async () => {
    const pool = fakePool({ size: 2 });
    try {
      const replies = await Promise.all(['a.txt', 'b.txt'].map((name) => pool.convert(job(name))));
      const threads = new Set(replies.map((r) => titleOf(r).split(' ')[1]));
      expect(threads.size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('fails only the file a crashed worker had in hand; the files it held go to a new worker', async () => {
    const pool = fakePool({ size: 1 });
    try {
      // One worker holds all four (they are queued in it before the crash).
      const replies = await Promise.all(['a.txt', 'crash.txt', 'c.txt', 'd.txt'].map((name) => pool.convert(job(name))));
      expect(replies.map((r) => r.ok)).toEqual([true, false, true, true]);
      expect(replies[1]).toMatchObject({ ok: false, reason: 'crash.txt could not be converted (the converter stopped).' });
      const [first, , third, fourth] = replies.map((r) => titleOf(r).split(' ')[1]);
      expect(third).toBe(fourth);
      expect(third).not.toBe(first);
    } finally {
      await pool.close();
    }
  });

  it('keeps work queued ahead in its workers, and a cancel answers the jobs still waiting at once', async () => {
    const pool = fakePool({ size: 1 });
    try {
      const controller = new AbortController();
      const pending = Array.from({ length: 60 }, (_, i) => pool.convert(job(`f${i}.txt`), { signal: controller.signal }));
      await pending[0];
      controller.abort();
      const replies = await Promise.all(pending);
      const done = replies.filter((r) => r.ok).length;
      const cancelled = replies.filter((r) => !r.ok && r.reason === 'The import was cancelled.').length;
      expect(done + cancelled).toBe(60);
      // The worker was given more than one job ahead and finished those; the rest never waited for it.
      expect(done).toBeGreaterThan(1);
      expect(cancelled).toBeGreaterThan(20);
      // Jobs converted, in order: the first ones.
      expect(replies.slice(0, done).every((r) => r.ok)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('holds fewer jobs ahead when recent jobs took long', async () => {
    const pool = fakePool({ size: 1 });
    try {
      // A slow job first, then quick ones.
      await pool.convert(job('slow.txt'));
      const fast = pool.capacity;
      expect(fast).toBeGreaterThanOrEqual(1);
      await Promise.all(Array.from({ length: 30 }, (_, i) => pool.convert(job(`quick${i}.txt`))));
      expect(pool.capacity).toBeGreaterThan(fast);
    } finally {
      await pool.close();
    }
  });
});

/** The nice value of each thread of this process, by thread id (Linux: /proc). */
function threadNiceness(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // After "pid (name) ", the fields from the state on: nice is the 19th of /proc's stat, the 17th here.
    nice.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return nice;
}

describe.runIf(process.platform === 'linux')('the real conversion workers', () => {
  it('convert at a lower priority than the main thread, which stores what they convert', async () => {
    const before = new Set(threadNiceness().keys());
    const pool = new ConversionPool({ size: 2 });
    try {
      const file = path.join(tempDir(), 'note.txt');
      fs.writeFileSync(file, 'A title\n\nA paragraph of the article.\n');
      // Two files at once: both workers have started and converted one.
      const replies = await Promise.all([pool.convert({ kind: 'path', path: file, name: 'a.txt' }), pool.convert({ kind: 'path', path: file, name: 'b.txt' })]);
      expect(replies.map((r) => r.ok)).toEqual([true, true]);
      const after = threadNiceness();
      const started = [...after].filter(([tid]) => !before.has(tid));
      const main = after.get(process.pid)!;
      expect(started.filter(([, nice]) => nice === Math.min(19, main + WORKER_NICE))).toHaveLength(2);
      expect(main).toBeLessThan(19);
    } finally {
      await pool.close();
    }
  });
});

// The real converter in a worker with the real one's protocol (jobs done one at a time, in
// order), except that hang.txt never finishes converting and balloon.txt takes all the memory
// it can, as a converter stuck on a hostile file would.
const HOSTILE_WORKER = `
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { convertFile } from ${JSON.stringify(new URL('./convert.ts', import.meta.url).href)};
import { prepareCandidate } from ${JSON.stringify(new URL('./prepare.ts', import.meta.url).href)};
const queue = [];
let busy = false;
async function drain() {
  busy = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    if (job.name === 'hang.txt') for (;;) {}
    if (job.name === 'balloon.txt') { const held = []; for (;;) held.push(new Array(1e6).fill(job.id + Math.random())); }
    const candidate = prepareCandidate(await convertFile(new Uint8Array(fs.readFileSync(job.path)), job.name));
    parentPort.postMessage({ id: job.id, ok: true, candidate, ms: 1 });
  }
  busy = false;
}
parentPort.on('message', (job) => { queue.push(job); if (!busy) void drain(); });
parentPort.postMessage({ ready: true });
`;

// A worker whose script cannot load (as when a bundled dependency is missing from the package);
// it counts its starts in a file beside it.
const BROKEN_WORKER = `
import fs from 'node:fs';
fs.appendFileSync(new URL('./starts.log', import.meta.url), 'x');
throw new Error("Cannot find package 'jsdom' imported from import-worker.js");
`;

describe('a file that hangs or balloons a worker, and a worker that cannot start', () => {
  let hostileDir: string;
  beforeAll(() => {
    hostileDir = fs.mkdtempSync(path.join(tempDirRoot(), 'casefile-pool-hostile-'));
    fs.writeFileSync(path.join(hostileDir, 'hostile-worker.mjs'), HOSTILE_WORKER);
    fs.writeFileSync(path.join(hostileDir, 'broken-worker.mjs'), BROKEN_WORKER);
  });
  afterAll(() => {
    fs.rmSync(hostileDir, { recursive: true, force: true });
  });

  it('fails the hanging and the ballooning file alone, with the reason; the other files import and the library stays sound', async () => {
    const folder = tempDir();
    for (const name of ['first.txt', 'hang.txt', 'middle.txt', 'balloon.txt', 'last.txt']) {
      fs.writeFileSync(path.join(folder, name), `Report ${name}\n\nDelegations met in Doha about ${name} and agreed to meet again.\n`);
    }
    const library = tempLibrary();
    const count = () => library.db.prepare('SELECT count(*) FROM article').pluck().get() as number;
    const before = count();
    const logged: string[] = [];
    const pool = new ConversionPool({ workerScript: pathToFileURL(path.join(hostileDir, 'hostile-worker.mjs')), size: 1, watchdogMs: 1500, memoryLimitMb: 48, log: (m) => logged.push(m) });
    try {
      const { inputs } = collectInputs([folder]);
      const outcomes = await importInputs(library, inputs, { pool });
      const byFile = Object.fromEntries(outcomes.map((o) => [path.basename(o.file), o]));
      expect(byFile['hang.txt']).toMatchObject({ status: 'failed', reason: 'hang.txt could not be converted (the converter took longer than 2 s to convert and was stopped).' });
      expect(byFile['balloon.txt']).toMatchObject({ status: 'failed', reason: 'balloon.txt could not be converted (the converter needed more than 48 MB of memory to convert).' });
      for (const name of ['first.txt', 'middle.txt', 'last.txt']) expect(byFile[name], JSON.stringify(byFile[name])).toMatchObject({ status: 'imported' });
      expect(count()).toBe(before + 3);
      expect(checkLibrary(library).ok).toBe(true);
      // One worker at first, one replacement for each stopped file.
      expect(pool.workersStarted).toBe(3);
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('retries a worker that cannot start a bounded number of times, logs why, and fails the jobs with that reason', async () => {
    const logged: string[] = [];
    const pool = new ConversionPool({ workerScript: pathToFileURL(path.join(hostileDir, 'broken-worker.mjs')), size: 2, restartDelayMs: 20, maxFailedStarts: 4, log: (m, e) => logged.push(`${m} ${e instanceof Error ? e.message : ''}`) });
    try {
      const replies = await Promise.all(['a.txt', 'b.txt', 'c.txt'].map((name) => pool.convert(job(name))));
      const reason = "The converter could not start (Cannot find package 'jsdom' imported from import-worker.js).";
      expect(replies.map((r) => (r.ok ? 'ok' : r.reason))).toEqual([reason, reason, reason]);
      // Later jobs fail at once, and no worker is started for them.
      const started = pool.workersStarted;
      expect(await pool.convert(job('d.txt'))).toMatchObject({ ok: false, reason });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pool.workersStarted).toBe(started);
      expect(started).toBeLessThanOrEqual(2 + 4);
      expect(fs.readFileSync(path.join(hostileDir, 'starts.log'), 'utf8').length).toBe(started);
      expect(logged.some((line) => line.includes('could not start') && line.includes("Cannot find package 'jsdom'"))).toBe(true);
      expect(logged.some((line) => line.includes('stopped restarting'))).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
