// A throwaway PostgreSQL cluster for the team tests: initdb in a temporary folder, listening on
// 127.0.0.1 on a free port with its unix socket inside that folder, fsync off, scram-sha-256
// for every connection. initdb refuses to run as root, so as root the cluster runs as the
// `postgres` OS user (runuser). A watchdog process stops the cluster when the test process
// exits for any reason (kill -9 included), so no cluster outlives the run.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Cluster {
  host: string;
  port: number;
  /** The administrator login (a superuser) and its password. */
  admin: { user: string; password: string };
  /** postgresql://admin@127.0.0.1:PORT/DB (no password in it). */
  url(database?: string, user?: string): string;
  /** Stops the server (fast) and starts it again on the same port: a server restart. */
  restart(): void;
  stopServer(): void;
  startServer(): void;
  /** Stops the cluster and removes its folder. */
  stop(): void;
}

/** The newest PostgreSQL bin folder on this machine, or null when none is installed. */
export function findPostgresBin(): string | null {
  if (process.env.CASEFILE_PG_BIN && existsSync(path.join(process.env.CASEFILE_PG_BIN, 'initdb'))) return process.env.CASEFILE_PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && Number(v) >= 14 && existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0]!, 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startCluster(): Promise<Cluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('No PostgreSQL binaries (initdb) under /usr/lib/postgresql; install the postgresql package.');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casefile-pg-'));
  const data = path.join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  const pwfile = path.join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  const run = (tool: string, args: string[]): void => {
    const command = asRoot ? 'runuser' : path.join(bin, tool);
    const full = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
    const result = spawnSync(command, full, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', data, '-U', 'admin', '-A', 'scram-sha-256', `--pwfile=${pwfile}`, '--no-sync', '-E', 'UTF8', '--locale=C']);
  rmSync(pwfile);
  const port = await freePort();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const startServer = (): void => run('pg_ctl', ['-D', data, '-w', '-l', path.join(dir, 'log'), '-o', options, 'start']);
  const stopServer = (): void => run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
  startServer();

  // The watchdog: stops the cluster and removes its folder once this process is gone.
  const ctl = asRoot ? `runuser -u postgres -- ${bin}/pg_ctl` : `${bin}/pg_ctl`;
  const watchdog = spawn(
    'sh',
    ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${ctl} -D '${data}' -m immediate stop >/dev/null 2>&1; rm -rf '${dir}'`],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();

  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    spawnSync(asRoot ? 'runuser' : `${bin}/pg_ctl`, [...(asRoot ? ['-u', 'postgres', '--', `${bin}/pg_ctl`] : []), '-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
    if (watchdog.pid) {
      try {
        process.kill(watchdog.pid);
      } catch {
        // Already gone.
      }
    }
    process.off('exit', stop);
  };
  process.on('exit', stop);

  return {
    host: '127.0.0.1',
    port,
    admin: { user: 'admin', password },
    url: (database = 'postgres', user = 'admin') => `postgresql://${user}@127.0.0.1:${port}/${database}`,
    restart() {
      stopServer();
      startServer();
    },
    stopServer,
    startServer,
    stop,
  };
}

/**
 * `describe` for suites that need PostgreSQL: runs them when binaries exist, and otherwise
 * skips them saying so loudly (CI installs PostgreSQL, so it never skips there).
 */
export const postgresAvailable = findPostgresBin() !== null;
if (!postgresAvailable && process.env.CI) {
  // CI installs PostgreSQL (.ci/run): a CI run without it must fail, not pass by skipping.
  throw new Error('CI has no PostgreSQL binaries (initdb under /usr/lib/postgresql): the team-library tests cannot run. .ci/run installs the postgresql package.');
}
if (!postgresAvailable) {
  process.stderr.write('\n*** casefile team tests SKIPPED: no PostgreSQL binaries (initdb) under /usr/lib/postgresql. Install the postgresql package. ***\n\n');
}
