// Opening a library cold: a new Node process opens it and runs one query (the library
// list's first page), timed inside the process (open, query) and from outside (the
// whole process). Through the services, and on the bare engine for the ratio. The first
// open of a day also starts the daily backup (in a worker thread): measured once per
// library, separately, with the time until the backup is written.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { backupsDir } from '../../main/db/backup/files.ts';
import { benchDir, phaseMain, projectRoot, type PhaseConfig } from '../lib/phase.ts';
import { dist, log, mb, type Dist } from '../lib/stats.ts';

interface Config extends PhaseConfig {
  libraries: { label: string; path: string; daily: boolean }[];
  runs: number;
}

interface Probe {
  startMs: number;
  loadedMs: number;
  openMs: number;
  queryMs: number;
  rows: number;
  /** "daily" only: from the start of the open until the daily backup was written. */
  backupMs?: number;
  wallMs: number;
}

interface ProbeDists {
  openAndQuery: Dist;
  open: Dist;
  query: Dist;
  /** From the spawn to the exit of the process, Node's start-up and module loading included. */
  process: Dist;
  /** Loading the modules (TypeScript sources, type-stripped by Node here; the app loads a bundle). */
  load: Dist;
}

export interface OpenFigure {
  label: string;
  articles: number | null;
  libraryMb: number | null;
  service: ProbeDists;
  raw: ProbeDists;
  /** The first open of a day: openLibrarySession returns at once; the daily backup is written and verified in a worker, done backupMs after the open began. */
  daily: { openAndQuery: number; backupMs: number | null; backupMb: number | null } | null;
}

function probe(mode: string, file: string): Probe {
  const started = performance.now();
  const out = spawnSync(process.execPath, [path.join(benchDir, 'phases', 'open-probe.ts'), mode, file], { cwd: projectRoot, encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (out.status !== 0) throw new Error(`open probe failed: ${out.stderr}`);
  return { ...(JSON.parse(out.stdout.trim().split('\n').pop()!) as Omit<Probe, 'wallMs'>), wallMs };
}

function summarize(samples: Probe[]): ProbeDists {
  return {
    load: dist(samples.map((s) => s.loadedMs - s.startMs)),
    openAndQuery: dist(samples.map((s) => s.openMs + s.queryMs)),
    open: dist(samples.map((s) => s.openMs)),
    query: dist(samples.map((s) => s.queryMs)),
    process: dist(samples.map((s) => s.wallMs)),
  };
}

phaseMain(async (config: Config): Promise<OpenFigure[]> => {
  const figures: OpenFigure[] = [];
  for (const lib of config.libraries) {
    probe('service', lib.path); // the first spawn warms the page cache for Node and the modules
    const service: Probe[] = [];
    const raw: Probe[] = [];
    // Alternating, so load on the machine falls on both.
    for (let i = 0; i < config.runs; i += 1) {
      service.push(probe('service', lib.path));
      raw.push(probe('raw', lib.path));
    }
    let daily: OpenFigure['daily'] = null;
    if (lib.daily) {
      // As on the first open of a day: no backup of today yet. Backups made here are removed after.
      const dir = backupsDir(lib.path);
      fs.rmSync(dir, { recursive: true, force: true });
      const p = probe('daily', lib.path);
      const backups = fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => fs.statSync(path.join(dir, f)).size) : [];
      daily = { openAndQuery: p.openMs + p.queryMs, backupMs: p.backupMs ?? null, backupMb: backups.length ? mb(backups[0]) : null };
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(lib.path, { readonly: true });
    const articles = db.prepare('SELECT count(*) FROM article').pluck().get() as number;
    db.close();
    const figure: OpenFigure = { label: lib.label, articles, libraryMb: mb(fs.statSync(lib.path).size), service: summarize(service), raw: summarize(raw), daily };
    figures.push(figure);
    log(`  open ${lib.label}: open+query ${figure.service.openAndQuery.median.toFixed(1)} ms (raw ${figure.raw.openAndQuery.median.toFixed(1)} ms), process ${figure.service.process.median.toFixed(0)} ms${daily ? `, first open of the day ${daily.openAndQuery.toFixed(0)} ms (backup written after ${((daily.backupMs ?? 0) / 1000).toFixed(1)} s)` : ''}`);
  }
  return figures;
});
