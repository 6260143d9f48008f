// What a CLI command is: a name, its usage, and a run function over an open library.
import type { Dispatch } from '../api/dispatch.ts';
import type { HostServices } from '../services/host.ts';
import type { Library } from '../services/library.ts';

export interface CommandContext {
  libraryPath: string;
  /** What this CLI can do for the services (its PDF printer, the backup worker): the same object its dispatcher's handlers get. */
  host: HostServices;
  /** Opens the library (created with the seed articles only by `init`). */
  open(): { library: Library; dispatch: Dispatch };
  out(line: string): void;
  json(value: unknown): void;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Options of this command for node:util parseArgs (the global --library is added for every command). */
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;
  /** Whether positional arguments are allowed. */
  positionals?: boolean;
  run(context: CommandContext, args: { values: Record<string, unknown>; positionals: string[] }): Promise<number>;
}

/** A usage mistake: reported with the command's usage line, exit code 2. */
export class UsageError extends Error {}

export function parseId(value: string | undefined, what = 'ID'): number {
  const id = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(id) || id < 1) {
    throw new UsageError(value === undefined ? `${what} is missing.` : `${what} must be a positive whole number, not "${value}".`);
  }
  return id;
}
