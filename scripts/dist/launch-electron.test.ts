// `npm start` on a machine where Electron's sandbox dies at start (Ubuntu 23.10+ with
// AppArmor's user-namespace restriction): stand-in binaries that crash the way Chromium
// does, the launcher's verdict, and the whole `npm start` falling back to browser mode.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../main/testing/temp.ts';
import { launchElectron } from './launch-electron.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SANDBOX_MESSAGE =
  '[1204:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I\'m aborting now.';

/** A stand-in Electron: answers the ELECTRON_RUN_AS_NODE probe like the real one, then does `body` when launched. */
function fakeElectron(body: string): string {
  const dir = tempDir();
  const binary = path.join(dir, 'electron');
  fs.writeFileSync(binary, `#!/bin/sh\nif [ -n "$ELECTRON_RUN_AS_NODE" ]; then printf 45.4.1; exit 0; fi\n${body}\n`, { mode: 0o755 });
  return binary;
}

const sandboxCrash = () => fakeElectron(`echo "${SANDBOX_MESSAGE}" >&2\nkill -TRAP $$`);

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  return { stream: new Writable({ write: (chunk, _enc, done) => ((text += String(chunk)), done()) }), text: () => text };
}

describe('launching Electron for npm start', () => {
  it('calls a death by SIGTRAP at start "cannot start", and names the AppArmor fix when the sandbox said so', async () => {
    const errors = sink();
    const outcome = await launchElectron({ binary: sandboxCrash(), args: ['.'], env: process.env, cwd: root, stderr: errors.stream });
    expect(outcome).toEqual({ started: false, reason: expect.stringMatching(/^Electron stopped at start \(SIGTRAP\): Chromium's sandbox is blocked here.*AppArmor.*README\.md/) });
    // Electron's own message still reaches the terminal.
    expect(errors.text()).toContain('SUID sandbox helper');
  });

  it('a crash without the sandbox message is still "cannot start", without the AppArmor hint', async () => {
    const outcome = await launchElectron({ binary: fakeElectron('kill -SEGV $$'), args: [], env: process.env, cwd: root, stderr: sink().stream });
    expect(outcome).toEqual({ started: false, reason: 'Electron stopped at start (SIGSEGV)' });
  });

  it('an app that ran and quit, or was stopped by the user, is not a failed start', async () => {
    expect(await launchElectron({ binary: fakeElectron('exit 0'), args: [], env: process.env, cwd: root })).toEqual({ started: true, code: 0 });
    expect(await launchElectron({ binary: fakeElectron('exit 3'), args: [], env: process.env, cwd: root })).toEqual({ started: true, code: 3 });
    expect(await launchElectron({ binary: fakeElectron('kill -TERM $$'), args: [], env: process.env, cwd: root })).toEqual({ started: true, code: 1 });
    // A crash long after start is the app's own exit, not a failed start.
    expect(await launchElectron({ binary: fakeElectron('sleep 0.3; kill -TRAP $$'), args: [], env: process.env, cwd: root, earlyMs: 100, stderr: sink().stream })).toEqual({ started: true, code: 1 });
  });

  it('npm start falls back to browser mode when Electron dies of its sandbox at start', async () => {
    const binary = sandboxCrash();
    const library = path.join(tempDir(), 'Start.casefile');
    const child = spawn(process.execPath, ['scripts/start.mjs', '--library', library, '--port', '0'], {
      cwd: root,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.dirname(binary), DISPLAY: ':99' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no browser mode within 90 s.\nstdout: ${out}\nstderr: ${err}`)), 90_000);
        child.stdout.on('data', () => {
          if (/http:\/\/127\.0\.0\.1:\d+\/#token=/.test(out)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`npm start exited (${code}) without browser mode.\nstdout: ${out}\nstderr: ${err}`)));
      });
      expect(out).toMatch(/Casefile: Electron stopped at start \(SIGTRAP\): Chromium's sandbox is blocked here.*; starting browser mode instead\./);
      expect(out).toContain(`Casefile is running in browser mode on ${library}`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }, 120_000);
});
