// Browser mode as a child process, for the end-to-end tests and the benchmarks: the same
// command a user runs (`node main/server/web.ts`), on a library of the caller's choosing,
// resolved once it has printed the address to open. Not used by the app itself.
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const APP_URL = /http:\/\/127\.0\.0\.1:\d+\/#token=([A-Za-z0-9_-]+)/;
/** Long enough for a stale renderer to be rebuilt before the server starts. */
const DEFAULT_TIMEOUT_MS = 60_000;
/** After SIGTERM, how long browser mode gets to close its library before it is killed. */
const STOP_GRACE_MS = 10_000;

export interface BrowserModeOptions {
  library: string;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** More command-line flags for web.ts, after --library and --port. */
  args?: string[];
  timeoutMs?: number;
}

export interface BrowserMode {
  /** The address browser mode printed, token in the fragment. */
  appUrl: string;
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  token: string;
  pid: number;
  /** Everything browser mode has printed so far, stdout and stderr interleaved. */
  output(): string;
  /** SIGTERM, then waits for it to exit; resolves at once if it already has. */
  stop(): Promise<void>;
}

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const child = spawn(process.execPath, ['main/server/web.ts', '--library', options.library, '--port', String(options.port ?? 0), ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const alive = (): boolean => child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  const stop = async (): Promise<void> => {
    if (alive()) {
      child.kill('SIGTERM');
      // A server that ignores SIGTERM must not hang the test or bench run that started it.
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
  };

  // Both pipes are read for the child's whole life: one left full would block its writes.
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });

  const appUrl = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      child.stdout.off('data', look);
      child.off('close', exitedEarly);
      return true;
    };
    const failure = (reason: string): Error =>
      new Error(`browser mode ${reason} (node main/server/web.ts --library ${options.library}).\nIts stderr:\n${stderr.trim() || '(empty)'}`);
    const fail = (reason: string): void => {
      if (settle()) reject(failure(reason));
    };
    const look = (): void => {
      const match = APP_URL.exec(output);
      if (match && settle()) resolve(match[0]);
    };
    // 'close' rather than 'exit': by then stderr has been read to its end.
    const exitedEarly = (code: number | null, signal: NodeJS.Signals | null): void => fail(`exited (${signal ?? `code ${code}`}) before printing its address`);
    // Stopped before the caller hears of it, so that a failed start leaves no server behind.
    const timer = setTimeout(() => {
      if (settle()) void stop().then(() => reject(failure(`printed no address within ${timeoutMs / 1000} s`)));
    }, timeoutMs);
    child.stdout.on('data', look);
    child.once('close', exitedEarly);
    child.on('error', (error) => fail(`could not be started or stopped: ${error.message}`));
  });

  const url = new URL(appUrl);
  return {
    appUrl,
    origin: url.origin,
    token: APP_URL.exec(appUrl)![1]!,
    pid: child.pid!,
    output: () => output,
    stop,
  };
}

/**
 * Calls the API of the browser mode at `appUrl` (its token is in the fragment), as the
 * tests' and the bench's setup do; throws naming the method and the error it got.
 */
export async function invokeBrowserMode<T = unknown>(appUrl: string, method: string, input: unknown): Promise<T> {
  const url = new URL(appUrl);
  const token = APP_URL.exec(appUrl)?.[1] ?? '';
  const response = await fetch(`${url.origin}/api/invoke`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ method, input }),
  });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}
