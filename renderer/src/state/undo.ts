// What the window shows of undo and redo: the labels of the next steps and whether one is
// running. The steps themselves live in main (history.undo / history.redo): one recorded
// change set per step, undone in one transaction, refused with HISTORY_CONFLICT when what
// it changed has changed since. Undo and redo requests run one at a time, in the order they
// were asked for, so pressing Ctrl+Z three times undoes three steps.
import type { HistoryState, HistoryStepResult } from '../../../common/api/methods/history.ts';

export interface UndoState {
  undoLabel: string | null;
  redoLabel: string | null;
  busy: boolean;
}

/** The part of the API client the history needs (a fake in tests). */
export interface HistoryClient {
  call(method: 'history.undo' | 'history.redo', input: Record<string, never>): Promise<HistoryStepResult>;
  call(method: 'history.state', input: Record<string, never>): Promise<HistoryState>;
}

export class UndoHistory {
  private readonly client: HistoryClient;
  private labels: HistoryState = { undoLabel: null, redoLabel: null, undoCount: 0, redoCount: 0 };
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private listeners = new Set<(state: UndoState) => void>();

  constructor(client: HistoryClient) {
    this.client = client;
  }

  state(): UndoState {
    return { undoLabel: this.labels.undoLabel, redoLabel: this.labels.redoLabel, busy: this.pending > 0 };
  }

  /** Reads the labels again (after this window changed something, or another library opened). */
  refresh(): Promise<void> {
    return this.client.call('history.state', {}).then((labels) => {
      this.labels = labels;
      this.emit();
    });
  }

  /** Undoes the latest step. Resolves to its label, or null when there was nothing to undo. */
  undo(): Promise<string | null> {
    return this.run('history.undo');
  }

  /** Redoes the latest undone step. Resolves to its label, or null when there was nothing to redo. */
  redo(): Promise<string | null> {
    return this.run('history.redo');
  }

  subscribe(listener: (state: UndoState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private run(method: 'history.undo' | 'history.redo'): Promise<string | null> {
    this.pending += 1;
    this.emit();
    const result = this.queue.then(async () => {
      try {
        const step = await this.client.call(method, {});
        this.labels = step.state;
        return step.done?.label ?? null;
      } catch (error) {
        // A refused step leaves main's list; show what is next.
        await this.refresh().catch(() => undefined);
        throw error;
      }
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
