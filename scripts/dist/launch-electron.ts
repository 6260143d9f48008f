// Launches the Electron binary for `npm start` and tells "it ran" from "it could not start".
//
// The probe in electron-binary.ts runs the binary with ELECTRON_RUN_AS_NODE, which never
// starts Chromium's sandbox, so it passes on machines where the real launch dies at once:
// on Ubuntu 23.10+ and 24.04, AppArmor restricts unprivileged user namespaces and Chromium
// aborts with "The SUID sandbox helper binary was found, but is not configured correctly",
// then SIGTRAP (electron/electron#42510, #41066). A death by such a signal within the first
// seconds is "cannot start" here, and the caller falls back to browser mode.
import { spawn } from 'node:child_process';

export type LaunchOutcome = { started: true; code: number } | { started: false; reason: string };

export interface LaunchOptions {
  binary: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** A crash within this many milliseconds of launch is "could not start". */
  earlyMs?: number;
  /** Where Electron's error output goes (it is also scanned for the sandbox message). */
  stderr?: NodeJS.WritableStream;
}

/** Signals a process dies of when it crashes (not the ones a user or a terminal sends). */
const CRASH_SIGNALS = new Set(['SIGTRAP', 'SIGABRT', 'SIGSEGV', 'SIGILL', 'SIGBUS', 'SIGFPE', 'SIGSYS']);
/** What Chromium prints when its sandbox cannot start (user namespaces blocked, no SUID helper). */
const SANDBOX_FAILURE = /SUID sandbox helper binary|No usable sandbox|setuid sandbox|Failed to move to new namespace|zygote_host_impl_linux/i;

export const EARLY_MS = 10_000;

/** Why the binary could not start, for the one line the caller prints. */
export function cannotStartReason(signal: string, stderr: string): string {
  if (SANDBOX_FAILURE.test(stderr)) {
    return `Electron stopped at start (${signal}): Chromium's sandbox is blocked here, as on Ubuntu 23.10 and later where AppArmor restricts user namespaces (README.md, "Linux: AppArmor" says what to do)`;
  }
  return `Electron stopped at start (${signal})`;
}

export function launchElectron(options: LaunchOptions): Promise<LaunchOutcome> {
  const errors = options.stderr ?? process.stderr;
  const earlyMs = options.earlyMs ?? EARLY_MS;
  const started = Date.now();
  const child = spawn(options.binary, options.args, { cwd: options.cwd, env: options.env, stdio: ['inherit', 'inherit', 'pipe'] });
  // Kept only for the first seconds: enough to recognise a sandbox failure.
  let early = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors.write(chunk);
    if (Date.now() - started < earlyMs && early.length < 65_536) early += chunk.toString('utf8');
  });
  // Ctrl-C reaches the child through the terminal: wait for it to stop. A kill aimed at this script alone is passed on.
  const ignoreInterrupt = (): void => {};
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const forwarders = (['SIGTERM', 'SIGHUP'] as const).map((signal) => [signal, forward(signal)] as const);
  process.on('SIGINT', ignoreInterrupt);
  for (const [signal, handler] of forwarders) process.on(signal, handler);
  return new Promise((resolve) => {
    const done = (outcome: LaunchOutcome): void => {
      process.off('SIGINT', ignoreInterrupt);
      for (const [signal, handler] of forwarders) process.off(signal, handler);
      resolve(outcome);
    };
    child.on('error', (error: NodeJS.ErrnoException) => done({ started: false, reason: `Electron could not be run (${error.code ?? error.message})` }));
    child.on('close', (code, signal) => {
      if (signal && CRASH_SIGNALS.has(signal) && Date.now() - started < earlyMs) {
        done({ started: false, reason: cannotStartReason(signal, early) });
      } else {
        done({ started: true, code: code ?? (signal ? 1 : 0) });
      }
    });
  });
}
