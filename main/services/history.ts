// Undo and redo in main, and the History of records. Each window (and each CLI session)
// has its own undo list of up to 100 steps: the change sets it recorded, in order. A step
// is undone by reverting its change set(s) in one transaction, which is recorded too
// (origin 'undo'), and redone by reverting that undo (origin 'redo').
import { AppError } from '../../common/api/errors.ts';
import type { ParsedInput } from '../../common/api/contract.ts';
import type { HistoryAuthor, HistoryEntry, HistoryState, HistoryStepResult } from '../../common/api/methods/history.ts';
import type { LibrarySettings } from '../../common/api/methods/library.ts';
import type { Db } from '../db/open.ts';
import { libraryAuthor, libraryDevice, mutate, setLibraryAuthor, type Caller, type ChangeSetSummary, type RecordedMeta } from '../db/mutation.ts';
import { readHistory, readHistoryAuthors, revertChangeSets, type HistoryTable } from '../db/repositories/changes.ts';
import { readSetting } from '../db/repositories/library.ts';
import type { Library } from './library.ts';

export const UNDO_LIMIT = 100;

interface Step {
  label: string;
  /** The change sets to revert, oldest first (several when keystrokes coalesced). */
  gids: string[];
  coalesce?: string;
}

interface Stacks {
  undo: Step[];
  redo: Step[];
}

/** One window's (or CLI session's) history: what it may undo and redo, per library. */
export class HistorySession implements Caller {
  readonly origin: 'window' | 'cli';
  readonly limit: number;
  readonly #stacks = new WeakMap<Db, Stacks>();

  constructor(origin: 'window' | 'cli', limit = UNDO_LIMIT) {
    this.origin = origin;
    this.limit = limit;
  }

  stacks(db: Db): Stacks {
    let stacks = this.#stacks.get(db);
    if (!stacks) this.#stacks.set(db, (stacks = { undo: [], redo: [] }));
    return stacks;
  }

  recorded(db: Db, changeSet: ChangeSetSummary, meta: RecordedMeta): void {
    // Imports are not a step of the undo list; undo and redo move steps themselves.
    if (meta.origin !== 'window' && meta.origin !== 'cli') return;
    const stacks = this.stacks(db);
    const top = stacks.undo.at(-1);
    if (meta.coalesce !== undefined && top?.coalesce === meta.coalesce && stacks.redo.length === 0) {
      top.gids.push(changeSet.gid);
      top.label = changeSet.label;
      return;
    }
    stacks.undo.push({ label: changeSet.label, gids: [changeSet.gid], coalesce: meta.coalesce });
    if (stacks.undo.length > this.limit) stacks.undo.splice(0, stacks.undo.length - this.limit);
    stacks.redo = [];
  }

  state(db: Db): HistoryState {
    const { undo, redo } = this.stacks(db);
    return { undoLabel: undo.at(-1)?.label ?? null, redoLabel: redo.at(-1)?.label ?? null, undoCount: undo.length, redoCount: redo.length };
  }
}

function step(library: Library, session: HistorySession, direction: 'undo' | 'redo'): HistoryStepResult {
  const stacks = session.stacks(library.db);
  const from = direction === 'undo' ? stacks.undo : stacks.redo;
  const to = direction === 'undo' ? stacks.redo : stacks.undo;
  const next = from.pop();
  if (!next) return { done: null, state: session.state(library.db) };
  let changeSet: ChangeSetSummary | null;
  try {
    ({ changeSet } = mutate(
      library.db,
      { label: `${direction === 'undo' ? 'Undo' : 'Redo'}: ${next.label}`, origin: direction, reverts: next.gids.at(-1)! },
      (db) => revertChangeSets(db, next.gids),
    ));
  } catch (error) {
    // A refused step leaves the list: it can never apply, and the steps before it still can.
    if (error instanceof AppError && error.code === 'HISTORY_CONFLICT') throw new AppError('HISTORY_CONFLICT', `Cannot ${direction} “${next.label}”: ${error.detail}`);
    from.push(next);
    throw error;
  }
  if (changeSet) {
    to.push({ label: next.label, gids: [changeSet.gid] });
    if (to.length > session.limit) to.splice(0, to.length - session.limit);
  }
  return { done: changeSet ? { label: next.label, changeSet: changeSet.gid } : null, state: session.state(library.db) };
}

export function undo(library: Library, session: HistorySession): HistoryStepResult {
  return step(library, session, 'undo');
}

export function redo(library: Library, session: HistorySession): HistoryStepResult {
  return step(library, session, 'redo');
}

const RECORDS: [keyof ParsedInput<'history.list'>, HistoryTable][] = [
  ['articleId', 'article'],
  ['annotationId', 'annotation'],
  ['entityId', 'entity'],
  ['noteId', 'note'],
  ['dossierId', 'dossier'],
  ['tagId', 'tag'],
];

export function listHistory(library: Library, input: ParsedInput<'history.list'>): HistoryEntry[] {
  const named = RECORDS.find(([field]) => input[field] !== undefined);
  const record = named ? { table: named[1], id: input[named[0]] as number } : null;
  return readHistory(library.db, record, input.limit, input.author ?? null);
}

export function listHistoryAuthors(library: Library): HistoryAuthor[] {
  return readHistoryAuthors(library.db);
}

export function librarySettings(library: Library): LibrarySettings {
  const stored = readSetting(library.db, 'author');
  return { author: libraryAuthor(library.db), authorIsDefault: stored === undefined, device: libraryDevice(library.db) };
}

export function setAuthor(library: Library, author: string): LibrarySettings {
  setLibraryAuthor(library.db, author.trim());
  return librarySettings(library);
}
