import { describe, expect, it } from 'vitest';
import type { HistoryState } from '../../../common/api/methods/history.ts';
import { UndoHistory, type HistoryClient } from './undo.ts';

/** Main's undo list, standing in for history.* : steps are labels; each call takes a while. */
function fakeMain(steps: string[]) {
  const undo = [...steps];
  const redo: string[] = [];
  const calls: string[] = [];
  const state = (): HistoryState => ({ undoLabel: undo.at(-1) ?? null, redoLabel: redo.at(-1) ?? null, undoCount: undo.length, redoCount: redo.length });
  const client = {
    async call(method: string) {
      calls.push(method);
      await new Promise((r) => setTimeout(r, 5));
      if (method === 'history.state') return state();
      const [from, to] = method === 'history.undo' ? [undo, redo] : [redo, undo];
      const label = from.pop();
      if (label === 'conflict') throw new Error('HISTORY_CONFLICT');
      if (label) to.push(label);
      return { done: label ? { label, changeSet: 'gid' } : null, state: state() };
    },
  } as HistoryClient;
  return { client, calls };
}

describe('undo history (the labels; the steps live in main)', () => {
  it('runs three quick Ctrl+Z one after another, in order, and shows the next labels', async () => {
    const main = fakeMain(['Highlight “a”', 'Tag “a” with Talks', 'Edit the note on “a”']);
    const history = new UndoHistory(main.client);
    await history.refresh();
    expect(history.state()).toEqual({ undoLabel: 'Edit the note on “a”', redoLabel: null, busy: false });
    const states: boolean[] = [];
    history.subscribe((s) => states.push(s.busy));
    const done = await Promise.all([history.undo(), history.undo(), history.undo()]);
    expect(done).toEqual(['Edit the note on “a”', 'Tag “a” with Talks', 'Highlight “a”']);
    expect(history.state()).toEqual({ undoLabel: null, redoLabel: 'Highlight “a”', busy: false });
    expect(states.at(-1)).toBe(false);
    expect(await history.undo()).toBeNull();
    expect(await history.redo()).toBe('Highlight “a”');
  });

  it('reports a refused step and shows what comes next', async () => {
    const main = fakeMain(['Highlight “a”', 'conflict']);
    const history = new UndoHistory(main.client);
    await history.refresh();
    await expect(history.undo()).rejects.toThrow('HISTORY_CONFLICT');
    expect(history.state().undoLabel).toBe('Highlight “a”');
    expect(await history.undo()).toBe('Highlight “a”');
  });
});
