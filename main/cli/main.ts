// `casefile [--library PATH] COMMAND ...`: the library's services from a terminal,
// through the same dispatch as the app. Failures print one line on stderr and exit
// non-zero (1 for failures, 2 for usage mistakes).
import { parseArgs } from 'node:util';
import { AppError, describeError } from '../../common/api/errors.ts';
import { createDispatcher } from '../api/dispatch.ts';
import { nodeHost, type HostServices } from '../services/host.ts';
import { closeLibrary, openLibrarySession, type Library } from '../services/library.ts';
import { resolveLibraryPath } from '../services/paths.ts';
import { UsageError, type Command, type CommandContext } from './command.ts';
import { commands } from './commands/index.ts';

const GLOBAL_OPTIONS = { library: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** Help fits an 80-column terminal: each command's usage, then what it does, indented. */
const HELP_WIDTH = 80;

/**
 * Words (of a usage: its top-level parts, so "[--article ID]..." stays whole) laid out
 * greedily in lines of at most HELP_WIDTH, the first indented by `indent`, the rest by `hanging`.
 */
function wrap(words: string[], indent: string, hanging = indent): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const lead = lines.length === 0 ? indent : hanging;
    if (line && lead.length + line.length + 1 + word.length > HELP_WIDTH) {
      lines.push(lead + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push((lines.length === 0 ? indent : hanging) + line);
  return lines;
}

/** Splits a usage line at the spaces outside brackets and parentheses. */
function usageParts(usage: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let part = '';
  for (const char of usage) {
    if (char === '[' || char === '(') depth += 1;
    if (char === ']' || char === ')') depth -= 1;
    if (char === ' ' && depth === 0) {
      parts.push(part);
      part = '';
    } else part += char;
  }
  return [...parts, part].filter(Boolean);
}

function helpText(): string {
  return [
    'Usage: casefile [--library PATH] COMMAND [options]',
    '',
    'Commands:',
    ...commands.flatMap((c) => [...wrap(usageParts(c.usage), '  ', '    '), ...wrap(c.summary.split(' '), '      '), '']),
    ...wrap("The library is --library PATH, else $CASEFILE_LIBRARY, else the Casefile app's own library.".split(' '), ''),
  ].join('\n');
}

/** The CLI's host from the sources: plain Node, without search readers (HostServices.readerWorker). */
const sourcesHost = (): HostServices => nodeHost({ readerWorker: undefined });

/** Runs one command. `host`: what this CLI can do (its printer, its backup worker); the built bundle names its own (bundled.ts). */
export async function main(argv: string[], host: HostServices = sourcesHost()): Promise<number> {
  let library: Library | null = null;
  stopQuietlyWhenOutputCloses(() => {
    if (library) closeLibrary(library);
  });
  const commandIndex = argv.findIndex((arg, i) => !arg.startsWith('-') && argv[i - 1] !== '--library');
  const name = commandIndex >= 0 ? argv[commandIndex] : undefined;
  if (name === undefined || name === 'help' || argv.includes('--help') || argv.includes('-h')) {
    const command = commands.find((c) => c.name === argv.find((a) => commands.some((c2) => c2.name === a)));
    process.stdout.write(`${command && name !== 'help' ? `Usage: casefile ${command.usage}\n${command.summary}` : helpText()}\n`);
    return name === undefined && !argv.includes('--help') && !argv.includes('-h') ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) return reportUsage(`unknown command "${name}". Run "casefile help" for the list.`);

  try {
    const { values, positionals } = parseArgs({
      args: argv.filter((_, i) => i !== commandIndex),
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: command.positionals ?? false,
      strict: true,
    });
    const libraryPath = resolveLibraryPath(values.library);
    const context: CommandContext = {
      libraryPath,
      host,
      open() {
        // No daily backup from a command: it would run in a worker that SQLite cannot stop
        // half way, so a command of a second would wait for it at exit. The app and browser
        // mode make the daily backup; `casefile backup` makes one on demand.
        library ??= openLibrarySession(libraryPath, { create: false, dailyBackup: false, host });
        const opened = library;
        return { library: opened, dispatch: createDispatcher(() => ({ library: opened, host }), { origin: 'cli' }) };
      },
      out: (line) => process.stdout.write(`${line}\n`),
      json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    };
    return await command.run(context, { values, positionals });
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return reportUsage(`${(error as Error).message} Usage: casefile ${command.usage}`);
    }
    if (error instanceof AppError) {
      process.stderr.write(`casefile: ${describeError(error.toApiError())}\n`);
      return 1;
    }
    process.stderr.write(`casefile: ${command.name} failed unexpectedly: ${(error as Error).message}\n`);
    return 1;
  } finally {
    if (library) closeLibrary(library);
  }
}

/**
 * When the reader of the output goes away (`casefile show 5 | head`), the command stops
 * there with exit code 0, as git and ripgrep do: Node ignores SIGPIPE, so without this
 * the next write ends in an unhandled EPIPE stack trace. Writes and transactions are
 * synchronous, so the error arrives between them: the library is closed whole.
 */
function stopQuietlyWhenOutputCloses(closeOpenLibrary: () => void): void {
  const onError = (error: NodeJS.ErrnoException): void => {
    if (error.code !== 'EPIPE') throw error;
    closeOpenLibrary();
    process.exit(0);
  };
  process.stdout.on('error', onError);
  process.stderr.on('error', onError);
}

function reportUsage(message: string): number {
  process.stderr.write(`casefile: ${message}\n`);
  return 2;
}

export type { Command };
