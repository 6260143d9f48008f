// Casefile in Electron itself: the built app on a temporary library. Runs wherever an
// Electron binary can be found or downloaded and a display is present; elsewhere (as on
// our build machines) it skips, saying why. Browser mode covers the same UI in Chromium.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findElectronBinary } from '../scripts/dist/electron-binary.ts';

const root = path.resolve(import.meta.dirname, '..');
const binary = findElectronBinary({ download: true, requireDisplay: true });

if (!binary.ok) console.log(`electron.spec.ts: skipped, Electron cannot be launched here: ${binary.reason}`);
test.skip(!binary.ok, `Electron cannot be launched here: ${binary.ok ? '' : binary.reason}`);
test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;
let dir: string;
let libraryPath: string;

test.beforeAll(async () => {
  if (!binary.ok) return;
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, encoding: 'utf8' });
  expect(build.status, `${build.stdout}${build.stderr}`).toBe(0);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-electron-'));
  libraryPath = path.join(dir, 'library.casefile');
  const env = { ...process.env } as Record<string, string>;
  delete env.ELECTRON_RENDERER_URL;
  delete env.ELECTRON_RUN_AS_NODE;
  app = await electron.launch({
    executablePath: binary.path,
    // Its own user-data folder, so neither the developer's settings nor a running Casefile interfere.
    args: [root, '--library', libraryPath, `--user-data-dir=${path.join(dir, 'userData')}`],
    cwd: root,
    env,
  });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('opens the library with both sample articles, served from app://casefile', async () => {
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('button', { name: /Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust/ })).toBeVisible();
  await expect(library.getByRole('button', { name: /Pakistan Looks to Iran as Qatari and Turkish Mediation/ })).toBeVisible();
  expect(page.url()).toMatch(/^app:\/\/casefile\//);
  const info = await page.evaluate(() => (window as unknown as { casefile: { invoke(m: string, i: unknown): Promise<unknown> } }).casefile.invoke('library.info', {}));
  expect(info).toMatchObject({ ok: true, value: { path: libraryPath, articleCount: 2 } });
});

test('the page gets invoke and on, and nothing of Node or Electron', async () => {
  const exposed = await page.evaluate(() => {
    const bridge = (window as unknown as { casefile: Record<string, unknown> }).casefile;
    const global = globalThis as Record<string, unknown>;
    return {
      keys: Object.keys(bridge).sort(),
      types: Object.values(bridge).map((v) => typeof v),
      require: typeof global.require,
      process: typeof global.process,
      module: typeof global.module,
      Buffer: typeof global.Buffer,
      electron: typeof global.electron,
      ipcRenderer: typeof global.ipcRenderer,
    };
  });
  expect(exposed).toEqual({ keys: ['invoke', 'on'], types: ['function', 'function'], require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', electron: 'undefined', ipcRenderer: 'undefined' });
});

test('the bridge refuses what is not in the contract', async () => {
  const result = await page.evaluate(async () => {
    const bridge = (window as unknown as { casefile: { invoke(m: string, i: unknown): Promise<{ ok: boolean; error?: { code: string } }>; on(e: string, l: () => void): () => void } }).casefile;
    let unknownEvent = 'accepted';
    try {
      bridge.on('shell.openExternal', () => {});
    } catch {
      unknownEvent = 'refused';
    }
    return { unknownMethod: (await bridge.invoke('fs.readFile', { path: '/etc/passwd' })).error?.code, unknownEvent };
  });
  expect(result).toEqual({ unknownMethod: 'UNKNOWN_METHOD', unknownEvent: 'refused' });
});

test('the page cannot reach the network, navigate or open windows', async () => {
  const before = page.url();
  const attempts = await page.evaluate(async () => {
    const network = await fetch('https://example.com/').then(
      () => 'loaded',
      () => 'blocked',
    );
    const opened = window.open('about:blank');
    return { network, opened: opened === null ? 'denied' : 'opened' };
  });
  expect(attempts).toEqual({ network: 'blocked', opened: 'denied' });
  // A non-web URL: refused outright, without the "open in your browser?" question.
  await page.evaluate(() => {
    window.location.href = 'file:///etc/passwd';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  expect(app.windows()).toHaveLength(1);
});
