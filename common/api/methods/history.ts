// Undo, redo and the History of records: every change is a recorded change set in the
// library (main/db/mutation.ts); undo and redo are applied in main, one step in one
// transaction, and refused with HISTORY_CONFLICT when what a step changed has changed since.
import { z } from 'zod';
import { Id, method, NoInput, shared } from '../define.ts';

export type ChangeOrigin = 'window' | 'cli' | 'import' | 'sync' | 'undo' | 'redo';

/** What this window (or CLI session) can undo and redo next, in the user's words. */
export interface HistoryState {
  undoLabel: string | null;
  redoLabel: string | null;
  undoCount: number;
  redoCount: number;
}

export interface HistoryStepResult {
  /** The step undone or redone (its label), or null when there was none. */
  done: { label: string; changeSet: string } | null;
  state: HistoryState;
}

export interface HistoryField {
  name: string;
  before: unknown;
  after: unknown;
}

export interface HistoryRowChange {
  /** The table the row lives in ("annotation", "annotation_tag", ...). */
  table: string;
  gid: string;
  op: 'insert' | 'update' | 'delete';
  fields: HistoryField[];
}

/** One recorded change set: who, when, where, what (in words and field by field). */
export interface HistoryEntry {
  gid: string;
  at: string;
  author: string;
  device: string;
  label: string;
  origin: ChangeOrigin;
  /** The change set this one undoes or redoes. */
  reverts: string | null;
  changes: HistoryRowChange[];
}

export interface HistoryAuthor {
  name: string;
  changes: number;
}

/** The record whose history to list; none: the whole library's, newest first. */
const HistoryOf = shared(() => z
  .object({
    articleId: Id().optional(),
    annotationId: Id().optional(),
    entityId: Id().optional(),
    noteId: Id().optional(),
    dossierId: Id().optional(),
    tagId: Id().optional(),
    /** Only change sets signed with this name (a teammate's, or yours). */
    author: z.string().trim().min(1).max(200).optional(),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict()
  .refine((v) => [v.articleId, v.annotationId, v.entityId, v.noteId, v.dossierId, v.tagId].filter((x) => x !== undefined).length <= 1, {
    message: 'name at most one record',
  }));

export const historyMethods = {
  'history.undo': method<HistoryStepResult>()(() => NoInput()),
  'history.redo': method<HistoryStepResult>()(() => NoInput()),
  'history.state': method<HistoryState>()(() => NoInput()),
  'history.list': method<HistoryEntry[]>()(() => HistoryOf()),
  /** Everyone who signed a change in this library, the most active first: the History's author filter. */
  'history.authors': method<HistoryAuthor[]>()(() => NoInput()),
};
