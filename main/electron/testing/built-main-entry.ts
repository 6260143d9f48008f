// Runs the BUILT main bundle under plain Node with the strict stand-in for 'electron'
// (strict-electron.ts), then prints what happened as one JSON line and exits. Started by
// main/electron/built.test.ts as:
//   node --import ./built-main-entry.ts out/main/index.cjs --library X --user-data-dir Y
// The bundle's require('electron') is redirected to a module serving the stand-in.
import fs from 'node:fs';
import { registerHooks } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createStrictElectron } from './strict-electron.ts';

const strict = createStrictElectron();
const holder = globalThis as { __casefileStrictElectron?: typeof strict.electron };
holder.__casefileStrictElectron = strict.electron;

// The bundle is CommonJS (electron.vite.config.ts): its require('electron') gets a small
// module handing out the stand-in.
const standIn = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-strict-electron-')), 'electron.cjs');
fs.writeFileSync(standIn, 'module.exports = globalThis.__casefileStrictElectron;\n');
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: pathToFileURL(standIn).href, format: 'commonjs', shortCircuit: true };
    return nextResolve(specifier, context);
  },
});

// As in Electron: the app's folder holds out/ (the project, or the test's own build).
strict.fake.setAppPath(process.env.CASEFILE_TEST_APP_PATH ?? path.resolve(import.meta.dirname, '..', '..', '..'));
strict.fake.setPath('userData', path.join(process.env.CASEFILE_TEST_DIR ?? '/nonexistent', 'default-userData'));
strict.fake.setPath('documents', process.env.CASEFILE_TEST_DIR ?? '/nonexistent');
const release = strict.fake.holdReady();
// Electron emits 'ready' after the main script has run.
setTimeout(() => {
  strict.makeReady();
  release();
}, 50);

const started = Date.now();
const poll = setInterval(() => {
  const window = strict.fake.windows[0];
  if (!window?.loadedUrl && Date.now() - started < 20_000) return;
  clearInterval(poll);
  // The window's health watch, as built: a failed preload is logged and answered.
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  window?.webContents.fire('preload-error', {}, 'out/preload/index.cjs', new Error('boom'));
  setTimeout(() => {
    console.error = original;
    const report = {
      calls: strict.calls,
      violations: strict.violations,
      window: window ? { url: window.loadedUrl, preload: window.options.webPreferences?.preload, sandbox: window.options.webPreferences?.sandbox } : null,
      ipcChannels: [...strict.fake.ipcHandlers.keys()],
      protocolSchemes: [...strict.fake.protocolHandlers.keys()],
      messageBoxes: strict.fake.messageBoxes.map((box) => box.message),
      errors,
    };
    process.stdout.write(`CASEFILE_REPORT ${JSON.stringify(report)}\n`);
    strict.fake.electron.app.emit('will-quit');
    process.exit(0);
  }, 100);
}, 20);
