// What the command line asks the app to open. No 'electron' here, so it is unit-tested.
//
// Three ways a library is named on a command line:
//   casefile /path/to/Notes.casefile     file association (Windows, Linux) or a terminal:
//                                        an existing library, never created
//   casefile --library PATH              like the CLI and browser mode: created with the
//                                        sample articles when it does not exist yet
//   (nothing)                            the last library, else the default one
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIBRARY_EXTENSION } from '../db/open.ts';

export interface LibraryRequest {
  path: string;
  /** Create the library when the file does not exist. */
  create: boolean;
  /** Fill a library created by this request with the sample articles (default false). */
  seed?: boolean;
}

/** The value of `--name VALUE` or `--name=VALUE`, or null. */
export function optionValue(argv: readonly string[], name: string): string | null {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === undefined) continue;
    if (arg === name) {
      const next = argv[i + 1];
      return next !== undefined && !next.startsWith('-') ? next : null;
    }
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1) || null;
  }
  return null;
}

/**
 * The library named on a command line, resolved against `cwd` (the second instance's
 * working directory when it comes from another launch). Flags, and the values of the
 * flags we know take one, are skipped, so Chromium's own switches never count.
 */
export function libraryRequestFromArgv(argv: readonly string[], cwd: string): LibraryRequest | null {
  const explicit = optionValue(argv, '--library');
  if (explicit) return { path: path.resolve(cwd, explicit), create: true, seed: true };
  const takesValue = new Set(['--library', '--user-data-dir']);
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === undefined) continue;
    if (arg.startsWith('-')) {
      if (takesValue.has(arg)) i += 1;
      continue;
    }
    const file = fileArgument(arg);
    if (file?.toLowerCase().endsWith(LIBRARY_EXTENSION)) return { path: path.resolve(cwd, file), create: false };
  }
  return null;
}

/**
 * A path as given, or the path of a `file:` URL: electron-builder's Linux desktop entry
 * passes `%U`, and some file managers then hand over `file:///home/ana/My%20Notes.casefile`
 * instead of the path. Percent-encoding is decoded; a URL naming another host, another
 * scheme, or not parseable names no file (null).
 */
function fileArgument(arg: string): string | null {
  if (!/^file:/i.test(arg)) return /^[a-z][a-z0-9+.-]+:\/\//i.test(arg) ? null : arg;
  try {
    return fileURLToPath(arg);
  } catch {
    return null;
  }
}

/** The request passed between instances through requestSingleInstanceLock's additionalData. */
export function parseLibraryRequest(value: unknown): LibraryRequest | null {
  if (typeof value !== 'object' || value === null) return null;
  const { path: file, create, seed } = value as { path?: unknown; create?: unknown; seed?: unknown };
  if (typeof file !== 'string' || !path.isAbsolute(file) || typeof create !== 'boolean') return null;
  return { path: file, create, seed: seed === true };
}
