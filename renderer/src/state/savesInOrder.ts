// Saves made from one control run one after another, in the order the user made them.
// Two quick arrow keys on a select start two saves; run side by side, the second can reach main
// (or its re-read come back) before the first, and the view settles on the older value while
// the select shows the newer one. Chained, the last change the user made is the one that stays.
import { useRef } from 'react';

export type SaveQueue = <T>(save: () => Promise<T>) => Promise<T>;

/** A queue that starts each save when the one before it has finished, whether it worked or not. */
export function createSaveQueue(): SaveQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return (save) => {
    const run = tail.then(save, save);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** One save queue for the life of a component. */
export function useSavesInOrder(): SaveQueue {
  const queue = useRef<SaveQueue | null>(null);
  queue.current ??= createSaveQueue();
  return queue.current;
}
