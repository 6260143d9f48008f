// `casefile list` as a user runs it: a whole process, from the spawn to its exit, printing
// every article of the library. The built CLI bundle (out/cli, built here first) and the
// TypeScript sources (CASEFILE_CLI=sources), beside `node -e` opening the same library
// with better-sqlite3 and printing the same rows (the same SELECT the service runs).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { phaseMain, projectRoot, type PhaseConfig } from '../lib/phase.ts';
import { dist, log, type Dist } from '../lib/stats.ts';

interface Config extends PhaseConfig {
  library: string;
  label: string;
  runs: number;
}

export interface CliResult {
  label: string;
  articles: number;
  buildSeconds: number;
  bundle: Dist;
  sources: Dist;
  engine: Dist;
}

const ENGINE = `
const Database = require(${JSON.stringify(path.join(projectRoot, 'node_modules', 'better-sqlite3'))});
const db = new Database(process.argv[1], { fileMustExist: true });
db.pragma('journal_mode = WAL');
const rows = db.prepare(\`SELECT a.id, a.title, a.outlet, a.published_at,
  (SELECT count(*) FROM annotation n WHERE n.article_id = a.id) AS annotation_count
  FROM article a ORDER BY a.retrieved_at DESC, a.id DESC\`).all();
const lines = rows.map((r) => r.id + '  ' + r.annotation_count + '  ' + (r.published_at ?? '').slice(0, 10) + '  ' + (r.outlet ?? '-') + '  ' + r.title);
process.stdout.write(lines.join('\\n') + '\\n');
db.close();
`;

function timed(args: string[], env: Record<string, string>): { ms: number; lines: number } {
  const started = performance.now();
  const out = spawnSync(process.execPath, args, { cwd: projectRoot, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env } });
  const ms = performance.now() - started;
  if (out.status !== 0) throw new Error(`${args.slice(0, 2).join(' ')} failed: ${out.stderr}`);
  return { ms, lines: out.stdout.trimEnd().split('\n').length };
}

phaseMain(async (config: Config): Promise<CliResult> => {
  const t0 = performance.now();
  const build = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'main/cli/vite.config.ts'], { cwd: projectRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the CLI bundle did not build: ${build.stderr}`);
  const buildSeconds = (performance.now() - t0) / 1000;
  const bin = path.join(projectRoot, 'bin', 'casefile.mjs');
  const list = [bin, 'list', '--library', config.library];
  const variants: [keyof Pick<CliResult, 'bundle' | 'sources' | 'engine'>, string[], Record<string, string>][] = [
    ['bundle', list, { CASEFILE_CLI: '' }],
    ['sources', list, { CASEFILE_CLI: 'sources' }],
    ['engine', ['-e', ENGINE, config.library], {}],
  ];
  for (const [, args, env] of variants) timed(args, env); // page cache and module cache warm
  const samples = { bundle: [] as number[], sources: [] as number[], engine: [] as number[] };
  let articles = 0;
  // Interleaved, so load on the machine falls on all three.
  for (let i = 0; i < config.runs; i += 1) {
    for (const [name, args, env] of variants) {
      const run = timed(args, env);
      samples[name].push(run.ms);
      if (name === 'engine') articles = run.lines;
    }
  }
  const result: CliResult = { label: config.label, articles, buildSeconds, bundle: dist(samples.bundle), sources: dist(samples.sources), engine: dist(samples.engine) };
  log(`  casefile list at ${config.label}: bundle ${Math.round(result.bundle.median)} ms, sources ${Math.round(result.sources.median)} ms, better-sqlite3 ${Math.round(result.engine.median)} ms (built in ${buildSeconds.toFixed(1)} s)`);
  return result;
});
