// `npm run web -- [--library PATH] [--port N]`: browser mode. Opens (or creates, with
// the sample articles) a library, serves the app and its API on 127.0.0.1, and prints
// the address to open, token included.
import { parseArgs } from 'node:util';
import { describeError, AppError } from '../../common/api/errors.ts';
import { createDispatcher } from '../api/dispatch.ts';
import { nodeHost } from '../services/host.ts';
import { closeLibrary, openLibrarySession } from '../services/library.ts';
import { resolveLibraryPath } from '../services/paths.ts';
import { buildRendererIfStale, rendererOutDir } from './renderer-build.ts';
import { startServer } from './server.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { library: { type: 'string' }, port: { type: 'string' }, token: { type: 'string' } },
    strict: true,
  });
  const port = values.port === undefined ? 5180 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}".`);

  await buildRendererIfStale((line) => process.stderr.write(`${line}\n`));
  // Browser mode's capabilities: a system Chromium prints PDFs; there are no native dialogs
  // (an export downloads instead of being saved through one).
  const host = nodeHost();
  const library = openLibrarySession(resolveLibraryPath(values.library), { create: true, host });
  const dispatch = createDispatcher(() => ({ library, host }));
  const server = await startServer({ dispatch, events: () => library.events, staticDir: rendererOutDir, port, token: values.token });

  process.stdout.write(`Casefile is running in browser mode on ${library.path}\n${server.appUrl}\n`);
  const stop = (): void => {
    void server.close().then(() => {
      closeLibrary(library);
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  const line = error instanceof AppError ? describeError(error.toApiError()) : error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? (error as Error).message : `Casefile could not start: ${(error as Error).message}`;
  process.stderr.write(`casefile web: ${line}\n`);
  process.exit(1);
});
