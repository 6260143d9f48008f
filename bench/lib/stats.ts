// Timing and memory helpers shared by the phases. Every figure is a distribution
// (median and p95 of repeated samples), never one number, and says how many samples.
import fs from 'node:fs';

export interface Dist {
  median: number;
  p95: number;
  min: number;
  max: number;
  n: number;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function dist(samples: readonly number[]): Dist {
  const sorted = [...samples].sort((a, b) => a - b);
  // With an even count the median is the mean of the middle two, as usual.
  const mid = sorted.length / 2;
  const median = sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, p95: percentile(sorted, 95), min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN, n: sorted.length };
}

/** Times `run` `runs` times after `warmup` untimed calls; milliseconds. */
export function timeSync(run: () => unknown, runs: number, warmup = 2): Dist {
  for (let i = 0; i < warmup; i += 1) run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return dist(samples);
}

/** Times several operations in turn, run after run (a, b, a, b, ...): milliseconds, one Dist each. */
export function timeAlternating<const R extends readonly (() => unknown)[]>(runs: R, count: number, warmup = 2): { -readonly [K in keyof R]: Dist } {
  for (let i = 0; i < warmup; i += 1) for (const run of runs) run();
  const samples: number[][] = runs.map(() => []);
  for (let i = 0; i < count; i += 1) {
    runs.forEach((run, k) => {
      const start = performance.now();
      run();
      samples[k]!.push(performance.now() - start);
    });
  }
  return samples.map((x) => dist(x)) as { -readonly [K in keyof R]: Dist };
}

/** timeAlternating for runs that return promises: each is awaited before the next starts. */
export async function timeAlternatingAsync<const R extends readonly (() => unknown)[]>(runs: R, count: number, warmup = 2): Promise<{ -readonly [K in keyof R]: Dist }> {
  for (let i = 0; i < warmup; i += 1) for (const run of runs) await run();
  const samples: number[][] = runs.map(() => []);
  for (let i = 0; i < count; i += 1) {
    for (const [k, run] of runs.entries()) {
      const start = performance.now();
      await run();
      samples[k]!.push(performance.now() - start);
    }
  }
  return samples.map((x) => dist(x)) as { -readonly [K in keyof R]: Dist };
}

export async function timeAsync(run: () => Promise<unknown>, runs: number, warmup = 1): Promise<Dist> {
  for (let i = 0; i < warmup; i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return dist(samples);
}

function statusField(pid: number | 'self', field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Resident set size of a process now, bytes (Linux /proc; null elsewhere). */
export function rssOf(pid: number | 'self' = 'self'): number | null {
  return statusField(pid, 'VmRSS');
}

/** Peak resident set size since the last resetPeak (or since start), bytes. */
export function peakRssOf(pid: number | 'self' = 'self'): number | null {
  return statusField(pid, 'VmHWM');
}

/**
 * Resets the kernel's peak-RSS mark (VmHWM) to the current RSS, so the next peakRssOf
 * reports the peak of one phase only. Needs Linux >= 4.0; silently does nothing elsewhere.
 */
export function resetPeak(pid: number | 'self' = 'self'): void {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not Linux, or not allowed: the peak then covers the process's whole life.
  }
}

/** Samples a child process's RSS while something runs (its own peak mark covers it too). */
export function sampleRss(pid: number, everyMs = 50): { stop(): { peak: number | null; samples: number } } {
  let peak: number | null = null;
  let samples = 0;
  const timer = setInterval(() => {
    const rss = rssOf(pid);
    if (rss !== null) {
      peak = Math.max(peak ?? 0, rss);
      samples += 1;
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { peak, samples };
    },
  };
}

export const MB = 1024 * 1024;

export function mb(bytes: number | null | undefined): number | null {
  return bytes === null || bytes === undefined ? null : Math.round((bytes / MB) * 10) / 10;
}

/** Logs progress to stderr (stdout of a phase is its result). */
export function log(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}
