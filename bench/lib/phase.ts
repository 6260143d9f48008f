// Each phase runs in its own Node process: its memory figures are its own (not the
// runner's corpus buffers), a crash loses one section instead of the whole report, and
// a cold start is a real cold start. The runner passes a JSON config as the only
// argument; the phase writes its JSON result to config.out.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from './stats.ts';

export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const projectRoot = path.resolve(benchDir, '..');

export interface PhaseConfig {
  out: string;
  [key: string]: unknown;
}

/** In a phase: reads the config, runs the body, writes its result (or the error) and exits. */
export function phaseMain<C extends PhaseConfig, R>(body: (config: C) => Promise<R>): void {
  const config = JSON.parse(process.argv[2] ?? '{}') as C;
  body(config).then(
    (result) => {
      fs.writeFileSync(config.out, JSON.stringify(result, null, 2));
      // Worker threads or a browser left behind must not keep a finished phase alive.
      process.exit(0);
    },
    (error: unknown) => {
      const e = error as Error;
      fs.writeFileSync(config.out, JSON.stringify({ error: `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`, stack: e?.stack ?? null }, null, 2));
      process.stderr.write(`${e?.stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}

export interface PhaseOutcome<R> {
  result: R | null;
  error: string | null;
  seconds: number;
}

/** In the runner: runs bench/phases/<name>.ts with `config`, streaming its log, and reads its result. */
export async function runPhase<R>(name: string, config: Record<string, unknown>, options: { nodeArgs?: string[]; timeoutMs?: number } = {}): Promise<PhaseOutcome<R>> {
  const out = path.join(os.tmpdir(), `casefile-bench-${process.pid}-${name}-${Date.now()}.json`);
  const started = performance.now();
  log(`phase ${name} ${JSON.stringify(config)}`);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(benchDir, 'phases', `${name}.ts`), JSON.stringify({ ...config, out })], {
    cwd: projectRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : null;
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c, signal) => resolve(signal ? -1 : c)));
  if (timer) clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  let parsed: (R & { error?: string }) | null = null;
  try {
    parsed = JSON.parse(fs.readFileSync(out, 'utf8')) as R & { error?: string };
    fs.rmSync(out, { force: true });
  } catch {
    parsed = null;
  }
  if (!parsed) return { result: null, error: code === -1 ? `phase ${name} was stopped after ${Math.round(seconds)} s (time limit)` : `phase ${name} exited with ${code} and no result`, seconds };
  if (parsed.error) return { result: null, error: parsed.error, seconds };
  log(`phase ${name} done in ${seconds.toFixed(1)} s`);
  return { result: parsed, error: null, seconds };
}
