// One import of a file from another tool (a REFI-QDA project, a Hypothesis export):
// everything it writes goes through the services the app uses, with inputs held to the
// API's own limits, in one transaction, so a file that fails halfway leaves the library
// as it was. The services' change events are held back and one is sent at the end.
import { createHash } from 'node:crypto';
import { AppError } from '../../../common/api/errors.ts';
import { contract, type MethodName, type ParsedInput } from '../../../common/api/contract.ts';
import type { ImportItemOutcome, ImportOutcome } from '../../../common/api/methods/import.ts';
import { EventBus } from '../events.ts';
import { mutate } from '../../db/mutation.ts';
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

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Runs one file's import in one transaction. An AppError (a hostile or malformed file)
 * rolls everything back and becomes the file's failed outcome; anything else is a bug
 * and propagates after the rollback.
 */
export function runExchangeImport(
  library: Library,
  label: string,
  bytes: Uint8Array,
  body: (session: ExchangeImport) => { articleId?: number; title?: string },
): ImportOutcome {
  const digest = sha256(bytes);
  const session = new ExchangeImport(library);
  let result: { articleId?: number; title?: string };
  try {
    // One change set for the whole file: its articles, highlights, tags and notes undo together.
    result = mutate(library.db, { label: `Import ${quoted(label, 60)}`, origin: 'import' }, (db) => {
      session.writer = db;
      try {
        return body(session);
      } finally {
        session.writer = null;
      }
    }).result;
  } catch (error) {
    if (error instanceof AppError) return { file: label, status: 'failed', reason: error.detail ?? error.message, sha256: digest };
    if (error instanceof SkipFile) return { file: label, status: 'skipped', reason: error.message, sha256: digest };
    throw error;
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
