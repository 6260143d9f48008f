// @vitest-environment node
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/temp.ts';
import { ConversionPool, setConversionWorkerScript, type ConversionReply } from './pool.ts';

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
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(tempDirRoot(), 'casefile-pool-'));
  fs.writeFileSync(path.join(dir, 'fake-worker.mjs'), FAKE_WORKER);
  setConversionWorkerScript(pathToFileURL(path.join(dir, 'fake-worker.mjs')));
});
afterAll(() => {
  setConversionWorkerScript(new URL('./worker.ts', import.meta.url));
  fs.rmSync(dir, { recursive: true, force: true });
});

function tempDirRoot(): string {
  // tempDir() is cleaned after each test; this folder has to last the whole file.
  return path.dirname(tempDir());
}

const job = (name: string) => ({ kind: 'path' as const, path: `/nowhere/${name}`, name });
const titleOf = (reply: ConversionReply): string => (reply.ok ? reply.candidate.metadata.title : `failed: ${reply.reason}`);

describe('the conversion pool', () => {
  it('spreads jobs over its workers', async () => {
    const pool = new ConversionPool(2);
    try {
      const replies = await Promise.all(['a.txt', 'b.txt'].map((name) => pool.convert(job(name))));
      const threads = new Set(replies.map((r) => titleOf(r).split(' ')[1]));
      expect(threads.size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('fails only the file a crashed worker had in hand; the files it held go to a new worker', async () => {
    const pool = new ConversionPool(1);
    try {
      // One worker holds all four (they are queued in it before the crash).
      const replies = await Promise.all(['a.txt', 'crash.txt', 'c.txt', 'd.txt'].map((name) => pool.convert(job(name))));
      expect(replies.map((r) => r.ok)).toEqual([true, false, true, true]);
      expect(replies[1]).toMatchObject({ ok: false, reason: 'could not be converted (the converter stopped)' });
      const [first, , third, fourth] = replies.map((r) => titleOf(r).split(' ')[1]);
      expect(third).toBe(fourth);
      expect(third).not.toBe(first);
    } finally {
      await pool.close();
    }
  });

  it('keeps work queued ahead in its workers, and a cancel answers the jobs still waiting at once', async () => {
    const pool = new ConversionPool(1);
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
    const pool = new ConversionPool(1);
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
