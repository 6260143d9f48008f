// A bounded undo/redo history of annotation actions. Each entry knows how to undo and
// redo itself through the API; the history only orders them. Undo and redo run one at a
// time, in the order they were asked for, so pressing Ctrl+Z three times undoes three
// actions even when the API is slow.

export interface UndoableAction {
  /** What the user did, as the Undo button's tooltip says it: "Tag “Munir” as actor". */
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /**
   * Actions with the same key recorded one after another fold into one (the keystrokes
   * of one note edit, saved as the user types, undo together).
   */
  coalesce?: string;
}

export interface UndoState {
  undoLabel: string | null;
  redoLabel: string | null;
  busy: boolean;
}

export const DEFAULT_UNDO_LIMIT = 100;

export class UndoHistory {
  readonly limit: number;
  private past: UndoableAction[] = [];
  private future: UndoableAction[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private listeners = new Set<(state: UndoState) => void>();

  constructor(limit = DEFAULT_UNDO_LIMIT) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('An undo history holds at least one action.');
    this.limit = limit;
  }

  /** Records an action the user has just done: it can be undone, and nothing is left to redo. */
  record(action: UndoableAction): void {
    const top = this.past.at(-1);
    if (action.coalesce !== undefined && top?.coalesce === action.coalesce && this.future.length === 0) {
      // Undo goes back to before the first of the run; redo forward to after the last.
      this.past[this.past.length - 1] = { label: action.label, coalesce: action.coalesce, undo: top.undo, redo: action.redo };
      this.emit();
      return;
    }
    this.past.push(action);
    // The oldest actions fall off the end: a bounded history, not an unbounded log.
    if (this.past.length > this.limit) this.past.splice(0, this.past.length - this.limit);
    this.future = [];
    this.emit();
  }

  state(): UndoState {
    return {
      undoLabel: this.past.at(-1)?.label ?? null,
      redoLabel: this.future.at(-1)?.label ?? null,
      busy: this.pending > 0,
    };
  }

  get size(): { undo: number; redo: number } {
    return { undo: this.past.length, redo: this.future.length };
  }

  /** Undoes the latest action. Resolves to it, or null when there was nothing to undo. */
  undo(): Promise<UndoableAction | null> {
    return this.run(this.past, this.future, (action) => action.undo());
  }

  /** Redoes the latest undone action. Resolves to it, or null when there was nothing to redo. */
  redo(): Promise<UndoableAction | null> {
    return this.run(this.future, this.past, (action) => action.redo());
  }

  clear(): void {
    this.past = [];
    this.future = [];
    this.emit();
  }

  subscribe(listener: (state: UndoState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private run(from: UndoableAction[], to: UndoableAction[], step: (action: UndoableAction) => Promise<void>): Promise<UndoableAction | null> {
    this.pending += 1;
    this.emit();
    const result = this.queue.then(async () => {
      const action = from.pop();
      if (!action) return null;
      try {
        await step(action);
      } catch (error) {
        // A step that failed (the highlight was changed elsewhere, say) is dropped rather
        // than retried for ever; the caller reports the error.
        this.emit();
        throw error;
      }
      to.push(action);
      if (to.length > this.limit) to.splice(0, to.length - this.limit);
      return action;
    });
    const settle = () => {
      this.pending -= 1;
      this.emit();
    };
    this.queue = result.then(settle, settle);
    return result;
  }

  private emit(): void {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }
}
