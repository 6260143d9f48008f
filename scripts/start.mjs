#!/usr/bin/env node
// npm start [-- ARGS]: Casefile on your own library (created with the sample articles on
// first start). Builds with electron-vite and launches Electron; where Electron is missing
// or cannot start (binary not downloadable, no display, missing system libraries, a
// sandbox that dies at once: scripts/dist/launch-electron.ts), says so
// in one line and starts browser mode instead (main/server/web.ts), which serves the same
// app on 127.0.0.1 and prints its URL. Extra arguments go to whichever one runs, e.g.
//   npm start -- --library ~/Research.casefile
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireSupportedNode } from './node-floor.mjs';

// Before any TypeScript is loaded (a static import of a .ts file would fail on an old Node first).
requireSupportedNode('npm start');
const { findElectronBinary } = await import('./dist/electron-binary.ts');
const { launchElectron } = await import('./dist/launch-electron.ts');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  // Ctrl-C reaches the child through the terminal: wait for it to stop and exit with its code.
  // A kill aimed at this script alone is passed on.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function browserMode(why) {
  console.log(`Casefile: ${why}; starting browser mode instead.`);
  run(process.execPath, [path.join(root, 'main', 'server', 'web.ts'), ...args]);
}

const electron = findElectronBinary({
  download: true,
  requireDisplay: true,
  onDownloadStart: () => console.log('Casefile: downloading Electron (first start)…'),
});

if (!electron.ok) {
  browserMode(`Electron cannot be launched on this machine (${electron.reason})`);
} else {
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('Casefile: the build failed (see above).');
    process.exit(build.status ?? 1);
  }
  // The built app (package.json "main": out/main/index.cjs) served from app://, never a dev server.
  const env = { ...process.env };
  delete env.ELECTRON_RENDERER_URL;
  delete env.ELECTRON_RUN_AS_NODE;
  // A launch that dies at once (Chromium's sandbox blocked by AppArmor, say) falls back too.
  const outcome = await launchElectron({ binary: electron.path, args: [root, ...args], env, cwd: root });
  if (outcome.started) process.exit(outcome.code);
  else browserMode(outcome.reason);
}
