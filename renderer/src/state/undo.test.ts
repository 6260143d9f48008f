import { describe, expect, it } from 'vitest';
import { UndoHistory, type UndoableAction } from './undo.ts';

/** A counter the actions change, standing in for the library. */
function counterActions() {
  let value = 0;
  const log: string[] = [];
  const add = (n: number, label = `add ${n}`, coalesce?: string): UndoableAction => {
    value += n;
    return {
      label,
      coalesce,
      undo: async () => {
        value -= n;
        log.push(`undo ${label}`);
      },
      redo: async () => {
        value += n;
        log.push(`redo ${label}`);
      },
    };
  };
  return { add, value: () => value, log };
}

describe('undo history', () => {
  it('undoes and redoes in order, and a new action clears what could be redone', async () => {
    const history = new UndoHistory();
    const c = counterActions();
    history.record(c.add(1));
    history.record(c.add(2));
    history.record(c.add(3));
    expect(c.value()).toBe(6);
    expect((await history.undo())?.label).toBe('add 3');
    expect((await history.undo())?.label).toBe('add 2');
    expect(c.value()).toBe(1);
    expect(history.state()).toMatchObject({ undoLabel: 'add 1', redoLabel: 'add 2' });
    expect((await history.redo())?.label).toBe('add 2');
    expect(c.value()).toBe(3);
    history.record(c.add(10));
    expect(history.state().redoLabel).toBeNull();
    expect(await history.redo()).toBeNull();
    expect(c.value()).toBe(13);
  });

  it('is bounded: the oldest actions fall off', async () => {
    const history = new UndoHistory(100);
    const c = counterActions();
    for (let i = 1; i <= 150; i++) history.record(c.add(1, `add #${i}`));
    expect(history.size.undo).toBe(100);
    let undone = 0;
    while (await history.undo()) undone++;
    expect(undone).toBe(100);
    // The first fifty stay done: they can no longer be undone.
    expect(c.value()).toBe(50);
    expect(c.log.at(-1)).toBe('undo add #51');
  });

  it('runs undo and redo one at a time even when called without waiting', async () => {
    const history = new UndoHistory();
    let running = 0;
    let overlapped = false;
    const order: string[] = [];
    const slow = (name: string): UndoableAction => ({
      label: name,
      undo: async () => {
        running++;
        if (running > 1) overlapped = true;
        await new Promise((r) => setTimeout(r, 5));
        order.push(`undo ${name}`);
        running--;
      },
      redo: async () => {
        order.push(`redo ${name}`);
      },
    });
    history.record(slow('a'));
    history.record(slow('b'));
    history.record(slow('c'));
    const results = await Promise.all([history.undo(), history.undo(), history.redo(), history.undo()]);
    expect(results.map((r) => r?.label)).toEqual(['c', 'b', 'b', 'b']);
    expect(order).toEqual(['undo c', 'undo b', 'redo b', 'undo b']);
    expect(overlapped).toBe(false);
    expect(history.state().busy).toBe(false);
  });

  it('drops an action whose undo failed, and reports the failure', async () => {
    const history = new UndoHistory();
    history.record({ label: 'ok', undo: async () => undefined, redo: async () => undefined });
    history.record({
      label: 'broken',
      undo: async () => {
        throw new Error('the highlight was deleted elsewhere');
      },
      redo: async () => undefined,
    });
    await expect(history.undo()).rejects.toThrow('deleted elsewhere');
    expect(history.state()).toMatchObject({ undoLabel: 'ok', redoLabel: null });
  });

  it('folds consecutive edits with the same key (a note typed in several saves) into one step', async () => {
    const history = new UndoHistory();
    const c = counterActions();
    history.record(c.add(100, 'create'));
    history.record(c.add(1, 'note', 'note:7:1'));
    history.record(c.add(2, 'note', 'note:7:1'));
    history.record(c.add(3, 'note', 'note:7:1'));
    expect(history.size.undo).toBe(2);
    await history.undo();
    // Back to before the first save of the run: only the first step's inverse runs...
    expect(c.log).toEqual(['undo note']);
    // ...which for a note edit restores the note as it was before the run.
    await history.redo();
    expect(c.log).toEqual(['undo note', 'redo note']);
    // A different key starts a new step.
    history.record(c.add(1, 'note', 'note:7:2'));
    expect(history.size.undo).toBe(3);
  });

  it('tells subscribers what can be undone and redone', async () => {
    const history = new UndoHistory();
    const seen: (string | null)[] = [];
    const off = history.subscribe((s) => seen.push(s.undoLabel));
    const c = counterActions();
    history.record(c.add(1, 'one'));
    await history.undo();
    off();
    history.record(c.add(2, 'two'));
    expect(seen).toContain('one');
    expect(seen.at(-1)).toBeNull();
  });
});
