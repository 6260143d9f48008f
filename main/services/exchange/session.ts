// One import of a file from another tool (a REFI-QDA project, a Hypothesis export) runs
// in two parts. Reading comes first and writes nothing: the file is parsed and each item
// made ready (converted, hashed, anchored), one at a time, with progress after each and
// the event loop let through between them, so a cancel can arrive, and does no harm.
// Writing comes second: everything goes through the services the app uses, with inputs
// held to the API's own limits, in one synchronous transaction, so a file that fails
// halfway leaves the library as it was. A cancel cannot land inside that transaction (it
// never yields), which is why the costly work is done while reading. The services' change
// events are held back and one is sent at the end.
import { AppError } from '../../../common/api/errors.ts';
import { contract, type MethodName, type ParsedInput } from '../../../common/api/contract.ts';
import { describeWithinFile, type ImportItemOutcome, type ImportOutcome, type WithinFile } from '../../../common/api/methods/import.ts';
import { throwIfCancelled, yieldToEventLoop } from '../cancel.ts';
import { displayName } from '../import/failure.ts';
import { EventBus } from '../events.ts';
import { mutate } from '../../db/mutation.ts';
import { sha256Hex } from '../../db/sha256.ts';
import type { WriteDb } from '../../db/handles.ts';
import { quoted } from '../../../common/text/quote.ts';
import { findTag } from '../../db/repositories/tags.ts';
import type { Library } from '../library.ts';
import { createTag } from '../tags.ts';

/** An item that cannot be imported: the reason is reported, the rest of the file goes on. */
export class SkipItem extends Error {}

/** A file that is not what its extension suggested (a .json that is not annotations): skipped, not failed. */
export class SkipFile extends Error {}

export class ExchangeImport {
  /** The library with its events held back: one change event is sent when the file is done. */
  readonly library: Library;
  readonly items: ImportItemOutcome[] = [];
  readonly #tags = new Map<string, number>();
  #writer: WriteDb | null = null;

  constructor(library: Library) {
    this.library = { ...library, events: new EventBus() };
  }

  /** The write handle of the file's one change set (only while runExchangeImport runs its body). */
  get writer(): WriteDb {
    if (!this.#writer) throw new Error('An exchange import writes only inside runExchangeImport.');
    return this.#writer;
  }

  set writer(db: WriteDb | null) {
    this.#writer = db;
  }

  report(item: ImportItemOutcome): void {
    this.items.push(item);
  }

  /** `value` checked against a method's input schema, as if a user had sent it; SkipItem naming the field when it does not fit. */
  input<M extends MethodName>(method: M, value: unknown): ParsedInput<M> {
    const parsed = contract[method].input.safeParse(value);
    if (parsed.success) return parsed.data as ParsedInput<M>;
    const issue = parsed.error.issues[0]!;
    throw new SkipItem(`${issue.path.join('.') || 'value'}: ${issue.message}`);
  }

  /**
   * The tag at `path` (outermost first), reusing tags already in the library with the same
   * name under the same parent, and creating the missing ones. Names are cut to the API's
   * 100 characters.
   */
  tag(path: readonly string[], color: string | null = null): number {
    let parentId: number | null = null;
    path.forEach((raw, depth) => {
      const name = raw.trim().slice(0, 100).trim() || 'Untitled code';
      const key = `${parentId ?? 0}\u0000${name.toLowerCase()}`;
      let id = this.#tags.get(key);
      if (id === undefined) {
        id = findTag(this.library.db, parentId, name);
        const item = `code “${path.slice(0, depth + 1).join(' › ')}”`;
        if (id !== undefined) this.report({ item, kind: 'tag', status: 'duplicate', reason: `Already tag ${id}.` });
        else {
          const last = depth === path.length - 1;
          id = createTag(this.library, this.input('tags.create', { name, parentId, color: last && color && /^#[0-9a-f]{6}$/i.test(color) ? color : null })).id;
          this.report({ item, kind: 'tag', status: 'imported' });
        }
        this.#tags.set(key, id);
      }
      parentId = id;
    });
    return parentId!;
  }
}

/** Text for a one-line report: whitespace collapsed, cut with an ellipsis. */
export function short(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}


export interface ExchangeOptions {
  /** Where the file is on disk, when it came from there (a Zotero export's attachments are found beside it). */
  filePath?: string;
  /** Aborted by the user: the file's import stops before it writes anything. */
  signal?: AbortSignal;
  /** Told before the first item and after each one is read. */
  onProgress?: (within: WithinFile) => void;
}

/** Steps through a file's items while it is read: progress after each, the cancel checked before each. */
export class ItemSteps {
  readonly #label: string;
  readonly #options: ExchangeOptions;

  constructor(label: string, options: ExchangeOptions) {
    this.#label = label;
    this.#options = options;
  }

  /** `fn` on each item in turn; CANCELLED (naming where) when the signal is aborted between two. */
  async each<T, R>(items: readonly T[], unit: string, fn: (item: T, index: number) => R | Promise<R>): Promise<R[]> {
    const out: R[] = [];
    const total = items.length;
    this.#options.onProgress?.({ unit, done: 0, total });
    for (let i = 0; i < total; i += 1) {
      // Between two items: a cancel or a progress event sent meanwhile gets through here.
      await yieldToEventLoop(this.#options.signal, this.cancelledDetail(describeWithinFile({ unit, done: i + 1, total })));
      out.push(await fn(items[i]!, i));
      this.#options.onProgress?.({ unit, done: i + 1, total });
    }
    return out;
  }

  /** What the user is told when the import of this file is cancelled (`where`: "at source 121 of 480"). */
  cancelledDetail(where?: string): string {
    return `The import of ${displayName(this.#label)} was cancelled${where ? ` at ${where}` : ''}; nothing from it was written.`;
  }
}

/** The outcome of a file whose import ended with `error`: failed, cancelled or skipped; anything else is a bug, thrown on. */
function endedOutcome(error: unknown, label: string, digest: string): ImportOutcome {
  if (error instanceof AppError) return { file: label, status: error.code === 'CANCELLED' ? 'cancelled' : 'failed', reason: error.detail ?? error.message, sha256: digest };
  if (error instanceof SkipFile) return { file: label, status: 'skipped', reason: error.message, sha256: digest };
  throw error;
}

/**
 * Runs one file's import: `read` (asynchronous, writes nothing, steps through the items
 * with `steps.each`), then `write` in one transaction. An AppError (a hostile or
 * malformed file, a cancel) ends the file with nothing written and becomes its outcome;
 * anything else is a bug and propagates (after the rollback, when writing).
 */
export async function runExchangeImport<P>(
  library: Library,
  label: string,
  bytes: Uint8Array,
  options: ExchangeOptions,
  read: (steps: ItemSteps) => P | Promise<P>,
  write: (session: ExchangeImport, prepared: P) => { articleId?: number; title?: string },
): Promise<ImportOutcome> {
  const digest = sha256Hex(bytes);
  const steps = new ItemSteps(label, options);
  let prepared: P;
  try {
    prepared = await read(steps);
    // The last item may have been in reading when the cancel came: still nothing is written.
    throwIfCancelled(options.signal, steps.cancelledDetail());
  } catch (error) {
    return endedOutcome(error, label, digest);
  }
  const session = new ExchangeImport(library);
  let result: { articleId?: number; title?: string };
  try {
    // One change set for the whole file: its articles, highlights, tags and notes undo together.
    result = mutate(library.db, { label: `Import ${quoted(label, 60)}`, origin: 'import' }, (db) => {
      session.writer = db;
      try {
        return write(session, prepared);
      } finally {
        session.writer = null;
      }
    }).result;
  } catch (error) {
    return endedOutcome(error, label, digest);
  }
  const imported = session.items.filter((i) => i.status === 'imported').length;
  const duplicates = session.items.filter((i) => i.status === 'duplicate').length;
  const status = imported > 0 ? 'imported' : duplicates > 0 ? 'duplicate' : 'skipped';
  return {
    file: label,
    status,
    ...result,
    ...(status === 'skipped' ? { reason: `${label}: nothing in it could be imported (see each item).` } : {}),
    items: session.items,
    sha256: digest,
  };
}
