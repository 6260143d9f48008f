// Stopping long work when the user cancels: exports and imports check their signal between
// pieces of work, and yield so that the cancel (an IPC call, an HTTP request, Ctrl+C) can
// arrive at all while they run.
import { AppError } from '../../common/api/errors.ts';

/** CANCELLED once `signal` is aborted; `detail` says what the cancel left behind (an export writes no file). */
export function throwIfCancelled(signal: AbortSignal | undefined, detail = 'The export was cancelled; no file was written.'): void {
  if (signal?.aborted) throw new AppError('CANCELLED', detail);
}

/** Lets other requests (a cancel, progress events) through between pieces of work. */
export async function yieldToEventLoop(signal: AbortSignal | undefined, detail?: string): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  throwIfCancelled(signal, detail);
}
