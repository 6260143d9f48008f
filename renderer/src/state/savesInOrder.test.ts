import { describe, expect, it } from 'vitest';
import { createSaveQueue } from './savesInOrder.ts';

/** A save whose answer arrives only when the test says so. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('createSaveQueue', () => {
  it('starts a save only after the one before it has finished, so the last change is the one that stays', async () => {
    const enqueue = createSaveQueue();
    const started: string[] = [];
    const first = deferred<string>();
    const a = enqueue(() => (started.push('A'), first.promise));
    const b = enqueue(async () => (started.push('B'), 'B'));
    await Promise.resolve();
    expect(started).toEqual(['A']);
    first.resolve('A');
    expect(await a).toBe('A');
    expect(await b).toBe('B');
    expect(started).toEqual(['A', 'B']);
  });

  it('a failed save reports its error and does not stop the next one', async () => {
    const enqueue = createSaveQueue();
    const failing = enqueue(() => Promise.reject(new Error('disk full')));
    const next = enqueue(async () => 'saved');
    await expect(failing).rejects.toThrow('disk full');
    expect(await next).toBe('saved');
  });
});
