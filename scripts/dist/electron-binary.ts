// Finds a usable Electron binary without requiring the electron package (requiring it
// downloads the binary and prints the failure where there is no network). Shared by
// scripts/start.mjs and e2e/electron.spec.ts; Node runs it directly (type stripping).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

export type ElectronBinary = { ok: true; path: string; version: string } | { ok: false; reason: string };

export interface FindOptions {
  /** Download the binary when it is missing, as the electron package does on first use. */
  download: boolean;
  onDownloadStart?: () => void;
  /** On Linux, also require a display (a window has to open). */
  requireDisplay: boolean;
}

const require = createRequire(import.meta.url);

function packageDir(): string | null {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** Where the electron package keeps its binary, the way its own index.js works it out. */
function binaryPath(dir: string): string | null {
  const pathFile = path.join(dir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8') : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  return relative ? path.join(dir, 'dist', relative) : null;
}

export function findElectronBinary(options: FindOptions): ElectronBinary {
  const dir = packageDir();
  if (!dir) return { ok: false, reason: 'the electron package is not installed' };
  let binary = binaryPath(dir);
  if (!binary || !fs.existsSync(binary)) {
    if (!options.download) return { ok: false, reason: 'its binary was never downloaded' };
    options.onDownloadStart?.();
    const download = spawnSync(process.execPath, [path.join(dir, 'install.js')], { encoding: 'utf8', timeout: 600_000 });
    binary = binaryPath(dir);
    if (download.status !== 0 || !binary || !fs.existsSync(binary)) {
      const why = `${download.stderr ?? ''}\n${download.stdout ?? ''}`.trim().split('\n').pop() || `exit ${download.status}`;
      return { ok: false, reason: `its binary could not be downloaded (${why})` };
    }
  }
  // Runs the binary as plain Node, without a window: it is executable and its libraries load.
  const probe = spawnSync(binary, ['-e', 'process.stdout.write(process.versions.electron || "")'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (probe.error || probe.status !== 0 || !probe.stdout) {
    // Read without a cast: tsc and eslint's type service see spawnSync's error type differently here.
    const code = probe.error ? (Reflect.get(probe.error, 'code') as string | undefined) : undefined;
    return { ok: false, reason: `its binary does not run here (${code ?? `exit ${probe.status}`})` };
  }
  if (options.requireDisplay && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset; try xvfb-run)' };
  }
  return { ok: true, path: binary, version: probe.stdout };
}
