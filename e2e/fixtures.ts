// A browser-mode Casefile on a fresh library for each test: started with the same
// command a user runs (`node main/server/web.ts`), stopped afterwards.
import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserMode, type BrowserMode } from '../main/server/launch.ts';

export interface BrowserModeApp {
  /** The address printed by browser mode, token included. */
  appUrl: string;
  libraryPath: string;
  /** Stops the server and starts it again on the same library (a restart of the app). */
  restart(): Promise<string>;
}

function startWeb(libraryPath: string): Promise<BrowserMode> {
  return startBrowserMode({ library: libraryPath, timeoutMs: 30_000 });
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
        await running.stop();
        running = await startWeb(libraryPath);
        return running.appUrl;
      },
    });
    await running.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };
