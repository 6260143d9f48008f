// Runs the force layout off the main thread, reporting progress, so the map stays
// responsive while hundreds of actors settle.
import { createLayout, layoutResult, stepLayout, type LayoutInput } from './layout.ts';

export type LayoutMessage = { type: 'progress'; done: number } | { type: 'done'; result: ReturnType<typeof layoutResult> };

self.onmessage = (event: MessageEvent<LayoutInput>) => {
  const state = createLayout(event.data);
  while (!stepLayout(state, 20)) {
    self.postMessage({ type: 'progress', done: state.iteration / state.iterations } satisfies LayoutMessage);
  }
  self.postMessage({ type: 'done', result: layoutResult(state) } satisfies LayoutMessage);
};
