// A browser-mode Casefile on a fresh library for each test: started with the same
// command a user runs (`node main/server/web.ts`), stopped afterwards.
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BrowserModeApp {
  /** The address printed by browser mode, token included. */
  appUrl: string;
  libraryPath: string;
  /** Stops the server and starts it again on the same library (a restart of the app). */
  restart(): Promise<string>;
}

async function startWeb(libraryPath: string): Promise<{ child: ChildProcess; appUrl: string }> {
  const child = spawn(process.execPath, ['main/server/web.ts', '--library', libraryPath, '--port', '0'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const appUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=\S+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`browser mode exited with ${code}: ${output}`)));
  });
  return { child, appUrl };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export const test = base.extend<{ app: BrowserModeApp }>({
  app: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-e2e-'));
    const libraryPath = path.join(dir, 'library.casefile');
    let running = await startWeb(libraryPath);
    await use({
      get appUrl() {
        return running.appUrl;
      },
      libraryPath,
      async restart() {
        await stop(running.child);
        running = await startWeb(libraryPath);
        return running.appUrl;
      },
    });
    await stop(running.child);
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };
