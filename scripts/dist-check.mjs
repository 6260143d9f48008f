#!/usr/bin/env node
// npm run dist:check — proves what goes into a Casefile package, on a machine that cannot
// download Electron.
//
// 1. builds main, preload and renderer with electron-vite;
// 2. makes a stand-in Electron distribution (a fake `electron` executable and the files
//    beside it). The fake carries an Electron-style fuse wire (the sentinel @electron/fuses
//    looks for, with Electron's default states), so electron-builder's own fuse step runs
//    on it and the flipped states can be read back;
// 3. packages with electron-builder `--linux dir` for this machine's architecture, with
//    `electronDist` pointing at the stand-in (electron-builder.yml is used as it is, only
//    electronDist and the output folder are overridden);
// 4. inspects the result: the asar's contents, the unpacked better-sqlite3 prebuild, the
//    seeds and README resources, the fuses (effective configuration and the flipped wire),
//    and the configuration of the targets that cannot be built here (mac, win, AppImage, deb).
//
// What it cannot show: that a real Electron binary starts from this package, or that the
// real binary's fuse wire has these fuses at these positions (the stand-in imitates it).
//
// Exit 0 when everything holds; otherwise 1 with the list of what is wrong.
// Options: --keep (leave the temporary folder and print where it is).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();
const keep = process.argv.includes('--keep');
const problems = [];
const notes = [];
const warnings = [];
const fail = (message) => problems.push(message);
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

// ---------------------------------------------------------------------------------------
// What the package must hold.

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
const prebuild = `node_modules/better-sqlite3/prebuilds/linux-${arch}.node`;

/**
 * Production packages as name@version, from the lockfile (npm marks development-only ones
 * dev: true). By version, not by path: electron-builder hoists the production tree its own
 * way, so a production argparse@1 may sit where the lockfile has a dev-only argparse@2.
 */
const lockPackages = lock.packages ?? {};
const lockName = (key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
const productionVersions = new Set();
const devOnlyVersions = new Set();
for (const [key, info] of Object.entries(lockPackages)) {
  if (!key.includes('node_modules/')) continue;
  (info.dev ? devOnlyVersions : productionVersions).add(`${info.name ?? lockName(key)}@${info.version}`);
}
/** Named outright, so a wrong lockfile cannot hide them. */
const NEVER_SHIPPED = [
  'electron', 'electron-vite', 'electron-builder', 'app-builder-lib', 'vite', 'vitest', 'typescript',
  'playwright', 'playwright-core', '@playwright/test', '@vitejs/plugin-react', 'react', 'react-dom', 'lexical',
  '@electron/asar', '@electron/fuses',
];
const NEVER_SHIPPED_SCOPES = ['@types', '@lexical', '@vitest'];

/** Electron's default fuse states (FuseV1Options order) written into the stand-in binary. */
const FUSE_NAMES = [
  'RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'LoadBrowserProcessSpecificV8Snapshot', 'GrantFileProtocolExtraPrivileges',
];
const ELECTRON_DEFAULT_WIRE = '10110001';
/** What electron-builder.yml must ask for (config key → [fuse index, wanted state]). */
const WANTED_FUSES = {
  runAsNode: [0, false],
  enableCookieEncryption: [1, true],
  enableNodeOptionsEnvironmentVariable: [2, false],
  enableNodeCliInspectArguments: [3, false],
  enableEmbeddedAsarIntegrityValidation: [4, true],
  onlyLoadAppFromAsar: [5, true],
};
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

// ---------------------------------------------------------------------------------------
// 1. Build.

const electronVite = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const built = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, encoding: 'utf8' });
if (built.status !== 0) {
  process.stderr.write(built.stdout + built.stderr);
  console.error('dist:check: electron-vite build failed (output above).');
  process.exit(1);
}
console.log(`dist:check: built out/ with electron-vite (${seconds()} s)`);

// ---------------------------------------------------------------------------------------
// 2. The stand-in Electron distribution.

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-dist-check-'));
const electronDist = path.join(work, 'electron-dist');
const output = path.join(work, 'dist');
const electronVersion = require('electron/package.json').version;

function makeStandInElectron() {
  fs.mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
  fs.mkdirSync(path.join(electronDist, 'locales'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE, 'ascii'),
  ]);
  const script = Buffer.from(
    '#!/bin/sh\n' +
      '# Stand-in for the Electron binary, made by scripts/dist-check.mjs to package offline.\n' +
      'echo "This is a stand-in Electron binary (npm run dist:check); it cannot run Casefile." >&2\n' +
      'exit 1\n# fuse wire: ',
  );
  fs.writeFileSync(path.join(electronDist, 'electron'), Buffer.concat([script, wire, Buffer.from('\n')]), { mode: 0o755 });
  // The rest of an Electron Linux zip, as empty placeholders, so the layout is the real one
  // (without resources/default_app.asar: electron-builder would hash an empty one for asar
  // integrity and fail, while it deletes the real one from downloaded zips).
  for (const file of [
    'chrome-sandbox', 'chrome_crashpad_handler', 'chrome_100_percent.pak', 'chrome_200_percent.pak', 'resources.pak',
    'icudtl.dat', 'snapshot_blob.bin', 'v8_context_snapshot.bin', 'libffmpeg.so', 'libEGL.so', 'libGLESv2.so',
    'libvk_swiftshader.so', 'vk_swiftshader_icd.json', 'LICENSE', 'LICENSES.chromium.html', 'locales/en-US.pak',
  ]) {
    fs.writeFileSync(path.join(electronDist, file), '');
  }
  fs.writeFileSync(path.join(electronDist, 'version'), electronVersion);
}

function readFuseWire(file) {
  const bytes = fs.readFileSync(file);
  const at = bytes.indexOf(Buffer.from(FUSE_SENTINEL, 'ascii'));
  if (at < 0) return null;
  const start = at + FUSE_SENTINEL.length;
  const length = bytes[start + 1];
  return bytes.subarray(start + 2, start + 2 + length).toString('latin1');
}

makeStandInElectron();

// ---------------------------------------------------------------------------------------
// 3. Package.

const { build, Platform, Arch } = require('electron-builder');
let effectiveConfig = null;
let appOutDir = null;
try {
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget(['dir'], Arch[arch]),
    publish: 'never',
    config: {
      electronDist,
      directories: { output },
      // Captures the configuration electron-builder actually packaged with (file + overrides merged).
      afterPack: async (context) => {
        effectiveConfig = context.packager.config;
        appOutDir = context.appOutDir;
      },
    },
  });
} catch (error) {
  console.error(`dist:check: electron-builder failed: ${error?.message ?? error}`);
  cleanUp();
  process.exit(1);
}
console.log(`dist:check: packaged linux ${arch} --dir against the stand-in Electron (${seconds()} s)`);

// ---------------------------------------------------------------------------------------
// 4. Inspect.

const asar = require('@electron/asar');
const resources = path.join(appOutDir, 'resources');
const archive = path.join(resources, 'app.asar');

/** Every file in the archive: path (posix, no leading slash) → { unpacked, size }. */
function archiveFiles(file) {
  const { header } = asar.getRawHeader(file);
  const files = new Map();
  const walk = (node, prefix) => {
    for (const [name, entry] of Object.entries(node.files ?? {})) {
      const entryPath = prefix ? `${prefix}/${name}` : name;
      if (entry.files) walk(entry, entryPath);
      else files.set(entryPath, { unpacked: entry.unpacked === true, size: Number(entry.size ?? 0), link: entry.link });
    }
  };
  walk(header, '');
  return files;
}

function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out;
}

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** "node_modules/a/node_modules/@s/b/lib/x.js" → "node_modules/a/node_modules/@s/b" */
function packageDirOf(file) {
  const parts = file.split('/');
  let end = -1;
  for (let i = 0; i < parts.length; i += 1) {
    if (parts[i] === 'node_modules' && parts[i + 1]) end = parts[i + 1].startsWith('@') ? i + 2 : i + 1;
  }
  return end < 0 ? null : parts.slice(0, end + 1).join('/');
}

if (!fs.existsSync(archive)) {
  fail(`no app.asar in ${path.relative(work, resources)}`);
} else {
  const files = archiveFiles(archive);
  const names = [...files.keys()];

  // The top level: the built output, package.json, the runtime dependencies. Nothing else.
  const top = new Set(names.map((n) => n.split('/')[0]));
  for (const entry of top) {
    if (!['out', 'node_modules', 'package.json'].includes(entry)) fail(`app.asar holds ${entry} at its top level (only out/, node_modules/ and package.json belong there)`);
  }
  for (const needed of ['out', 'node_modules', 'package.json']) if (!top.has(needed)) fail(`app.asar has no ${needed}`);
  const outParts = new Set(names.filter((n) => n.startsWith('out/')).map((n) => n.split('/')[1]));
  for (const part of outParts) if (!['main', 'preload', 'renderer'].includes(part)) fail(`app.asar holds out/${part} (only out/main, out/preload, out/renderer belong there)`);

  // Exactly the files electron-vite built (source maps are left out on purpose; out/cli is
  // the casefile command's bundle, not part of the app).
  const builtFiles = ['main', 'preload', 'renderer'].flatMap((part) => listFiles(path.join(root, 'out', part)).map((f) => `out/${part}/${f}`)).filter((f) => !f.endsWith('.map'));
  for (const file of builtFiles) if (!files.has(file)) fail(`app.asar is missing ${file} (built by electron-vite)`);
  for (const file of names.filter((n) => n.startsWith('out/'))) if (!builtFiles.includes(file)) fail(`app.asar holds ${file}, which the build did not produce`);
  for (const file of ['out/main/index.cjs', 'out/main/import-worker.cjs', 'out/main/backup-worker.cjs', 'out/main/reader-worker.cjs', 'out/preload/index.cjs', 'out/renderer/index.html']) if (!files.has(file)) fail(`app.asar has no ${file}`);

  // package.json inside points at the built main.
  try {
    const inner = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
    if (!files.has(inner.main)) fail(`package.json in app.asar names main "${inner.main}", which is not in the archive`);
    if (inner.productName !== 'Casefile') fail(`package.json in app.asar has productName "${inner.productName}"`);
  } catch (error) {
    fail(`package.json in app.asar cannot be read: ${error.message}`);
  }

  // No sources, tests, fixtures or tooling outside node_modules.
  for (const file of names.filter((n) => !n.startsWith('node_modules/'))) {
    if (/\.(ts|tsx|mts|cts)$/.test(file)) fail(`app.asar holds a source file: ${file}`);
    if (/(^|\/)(__tests__|tests?|e2e|bench|fixtures|seeds)(\/|$)|\.(test|spec)\.[cm]?[jt]sx?$/.test(file)) fail(`app.asar holds a test, bench or fixture file: ${file}`);
  }

  // node_modules: production packages only.
  const packageDirs = new Set(names.filter((n) => n.startsWith('node_modules/')).map(packageDirOf).filter(Boolean));
  for (const dir of packageDirs) {
    const name = lockName(dir);
    const scope = name.startsWith('@') ? name.split('/')[0] : null;
    if (NEVER_SHIPPED.includes(name) || (scope && NEVER_SHIPPED_SCOPES.includes(scope))) {
      fail(`app.asar holds the development package ${name} (${dir})`);
      continue;
    }
    let version = null;
    try {
      version = JSON.parse(asar.extractFile(archive, `${dir}/package.json`).toString('utf8')).version;
    } catch {
      fail(`app.asar holds ${dir} without a readable package.json`);
      continue;
    }
    const id = `${name}@${version}`;
    if (!productionVersions.has(id)) {
      fail(devOnlyVersions.has(id) ? `app.asar holds ${id} (${dir}), which package-lock.json marks as development-only` : `app.asar holds ${id} (${dir}), which package-lock.json does not list`);
    }
  }
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    if (!files.has(`node_modules/${dep}/package.json`)) fail(`app.asar is missing the runtime dependency ${dep}`);
  }
  // Type sources and declarations shipped by dependencies are dropped by electron-builder.yml.
  const typeFiles = names.filter((n) => n.startsWith('node_modules/') && /\.(ts|tsx|mts|cts)$/.test(n));
  if (typeFiles.length > 0) fail(`app.asar holds ${typeFiles.length} TypeScript files from dependencies, e.g. ${typeFiles[0]}`);

  // better-sqlite3: this target's prebuild unpacked and byte-identical; nothing native left packed.
  const entry = files.get(prebuild);
  const unpackedPrebuild = path.join(resources, 'app.asar.unpacked', prebuild);
  if (!entry) fail(`app.asar does not list ${prebuild} (better-sqlite3's prebuilt binary for linux-${arch})`);
  else if (!entry.unpacked) fail(`${prebuild} is packed inside app.asar; native modules must be unpacked (asarUnpack)`);
  if (!fs.existsSync(unpackedPrebuild)) fail(`app.asar.unpacked has no ${prebuild}`);
  else if (sha256(unpackedPrebuild) !== sha256(path.join(root, prebuild))) fail(`the unpacked ${prebuild} differs from the one in node_modules`);
  for (const [file, info] of files) {
    if (file.endsWith('.node') && !info.unpacked) fail(`native module ${file} is packed inside app.asar (it cannot load from there)`);
    if (/better-sqlite3\/prebuilds\/linuxmusl-/.test(file)) fail(`app.asar holds a musl prebuild, which Electron never loads: ${file}`);
    if (/better-sqlite3\/(deps|src)\//.test(file)) fail(`app.asar holds better-sqlite3 build sources: ${file}`);
  }
  if (!files.has('node_modules/better-sqlite3/lib/index.js')) fail('app.asar has no node_modules/better-sqlite3/lib/index.js');
  // The same file list packs the macOS and Windows apps: their prebuilds must be there too, unpacked.
  for (const target of ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64']) {
    const file = `node_modules/better-sqlite3/prebuilds/${target}.node`;
    if (!files.get(file)?.unpacked || !fs.existsSync(path.join(resources, 'app.asar.unpacked', file))) fail(`${file} is not unpacked in the package (needed by the ${target} build)`);
  }

  const size = fs.statSync(archive).size;
  notes.push(`app.asar: ${files.size} files, ${(size / 1048576).toFixed(1)} MB; ${packageDirs.size} packages in node_modules`);
}

// The built workers, run from the unpacked package: app.asar extracted (with its unpacked
// native files) into a folder with no node_modules above it, so every require resolves
// inside the package, as in the installed app. Under this machine's Node, not Electron: it
// proves the workers' whole dependency graph is packed and converts one text, HTML, PDF and
// DOCX file (pdf.js with its canvas package included), not Electron's loader itself.
if (fs.existsSync(archive)) {
  const extracted = path.join(work, 'extracted', 'app');
  asar.extractAll(archive, extracted);
  const { Worker } = await import('node:worker_threads');
  const { makePdf, layoutLines } = await import('../main/testing/fixtures/import/make-pdf.ts');
  const { makeDocx } = await import('../main/testing/fixtures/import/make-docx.ts');
  const paragraph = 'Delegations from Kabul and Islamabad met in Doha on Monday and agreed to meet again next week.';
  const samples = [
    { name: 'sample.txt', title: 'Border talks resume', bytes: new TextEncoder().encode(`Border talks resume\n\n${paragraph}\n`) },
    { name: 'sample.html', title: 'Border talks resume', bytes: new TextEncoder().encode(`<!doctype html><html lang="en"><head><title>Border talks resume</title></head><body><article><h1>Border talks resume</h1><p>${paragraph}</p><p>${paragraph}</p></article></body></html>`) },
    { name: 'sample.pdf', title: 'Border talks resume', bytes: makePdf([layoutLines(['Border talks resume', '', paragraph])], { title: 'Border talks resume' }) },
    { name: 'sample.docx', title: 'Border talks resume', bytes: makeDocx([{ kind: 'heading', level: 1, text: 'Border talks resume' }, { kind: 'paragraph', runs: [paragraph] }]) },
  ];
  const runWorker = (file, start) =>
    new Promise((resolve) => {
      const worker = new Worker(path.join(extracted, file), start.workerData === undefined ? {} : { workerData: start.workerData });
      const timer = setTimeout(() => finish({ error: 'no answer within 60 s' }), 60_000);
      const finish = (outcome) => {
        clearTimeout(timer);
        void worker.terminate();
        resolve(outcome);
      };
      start.drive(worker, finish);
      worker.on('error', (error) => finish({ error: error.message }));
      worker.on('exit', (code) => finish({ error: `exited (${code}) before answering` }));
    });
  const conversions = await runWorker('out/main/import-worker.cjs', {
    drive: (worker, finish) => {
      const replies = new Map();
      worker.on('message', (reply) => {
        if (reply?.ready) return;
        replies.set(reply.id, reply);
        if (replies.size === samples.length) finish({ replies });
      });
      samples.forEach((sample, id) => worker.postMessage({ id, kind: 'bytes', bytes: sample.bytes, name: sample.name }));
    },
  });
  if (conversions.error) fail(`the packaged import worker (out/main/import-worker.cjs) failed: ${conversions.error}`);
  else {
    samples.forEach((sample, id) => {
      const reply = conversions.replies.get(id);
      if (!reply?.ok) fail(`the packaged import worker could not convert ${sample.name}: ${reply?.reason ?? 'no reply'}`);
      else if (reply.candidate.metadata.title !== sample.title) fail(`the packaged import worker read ${sample.name} with the title ${JSON.stringify(reply.candidate.metadata.title)}`);
    });
    if (samples.every((_, id) => conversions.replies.get(id)?.ok)) notes.push(`the packaged import worker, run from the extracted app.asar, converted ${samples.map((s) => s.name).join(', ')}`);
  }
  // The backup worker loads better-sqlite3 from the unpacked prebuild; a library that does not exist is refused with a message.
  const backup = await runWorker('out/main/backup-worker.cjs', {
    workerData: { libraryPath: path.join(work, 'none.casefile'), now: Date.now(), partial: path.join(work, 'none.partial') },
    drive: (worker, finish) => worker.on('message', (outcome) => finish({ outcome })),
  });
  if (backup.error) fail(`the packaged backup worker (out/main/backup-worker.cjs) failed: ${backup.error}`);
  else if (!/could not be written/.test(backup.outcome?.problem ?? '')) fail(`the packaged backup worker answered ${JSON.stringify(backup.outcome)}`);
  // A search reader opens a library read-only and answers a statement with the newest change set it saw.
  const readerLibrary = path.join(work, 'reader.casefile');
  const Database = require('better-sqlite3');
  const seeded = new Database(readerLibrary);
  seeded.exec('CREATE TABLE change_set (id INTEGER PRIMARY KEY); INSERT INTO change_set (id) VALUES (7);');
  seeded.close();
  const reader = await runWorker('out/main/reader-worker.cjs', {
    workerData: { libraryPath: readerLibrary },
    drive: (worker, finish) => {
      worker.on('message', (reply) => finish({ reply }));
      worker.postMessage({ id: 1, sql: 'SELECT @a + 1 AS answer', params: { a: 41 } });
    },
  });
  if (reader.error) fail(`the packaged search reader (out/main/reader-worker.cjs) failed: ${reader.error}`);
  else if (!reader.reply?.ok || reader.reply.rows[0]?.answer !== 42 || reader.reply.changeSet !== 7) fail(`the packaged search reader answered ${JSON.stringify(reader.reply)}`);
  else notes.push('the packaged search reader, run from the extracted app.asar, answered a statement on a library read-only');
}

// Seeds: every file of seeds/ present as a resource, byte for byte.
const seedsSource = path.join(root, 'seeds');
const seedsResource = path.join(resources, 'seeds');
if (!fs.existsSync(path.join(seedsResource, 'seeds.json'))) {
  fail('resources/seeds/seeds.json is missing (the sample library a new user starts with)');
} else {
  const manifest = JSON.parse(fs.readFileSync(path.join(seedsSource, 'seeds.json'), 'utf8'));
  for (const article of manifest.articles ?? []) {
    const packaged = path.join(seedsResource, article.file);
    if (!fs.existsSync(packaged)) fail(`resources/seeds/${article.file} is missing`);
    else if (sha256(packaged) !== sha256(path.join(seedsSource, article.file))) fail(`resources/seeds/${article.file} differs from seeds/${article.file}`);
  }
  for (const file of listFiles(seedsSource)) if (!fs.existsSync(path.join(seedsResource, file))) fail(`resources/seeds/${file} is missing`);
}
if (fs.existsSync(path.join(root, 'README.md')) && !fs.existsSync(path.join(resources, 'README.md'))) {
  fail('resources/README.md is missing (Help > Casefile README opens it)');
}

// The executable is named for Linux.
if (!fs.existsSync(path.join(appOutDir, 'casefile'))) fail('the Linux executable "casefile" is missing from the package');

// Fuses: what electron-builder packaged with, and what it wrote into the (stand-in) binary.
const fuses = effectiveConfig?.electronFuses;
if (!fuses) {
  fail('electron-builder packaged without electronFuses: the fuses would not be flipped');
} else {
  for (const [key, [, wanted]] of Object.entries(WANTED_FUSES)) {
    if (fuses[key] !== wanted) fail(`electronFuses.${key} is ${JSON.stringify(fuses[key])}, should be ${wanted}`);
  }
}
const wire = readFuseWire(path.join(appOutDir, 'casefile'));
if (wire === null) {
  fail('the packaged executable carries no fuse wire');
} else {
  for (const [key, [index, wanted]] of Object.entries(WANTED_FUSES)) {
    const state = wire[index];
    if (state !== (wanted ? '1' : '0')) fail(`fuse ${FUSE_NAMES[index]} (${key}) is "${state}" in the packaged binary, should be ${wanted ? '1 (on)' : '0 (off)'}`);
  }
  notes.push(`fuse wire in the packaged stand-in: ${ELECTRON_DEFAULT_WIRE} -> ${wire} (${FUSE_NAMES.map((n, i) => `${n}=${wire[i]}`).join(', ')})`);
}

// The rest of the configuration: settings and the targets this machine cannot build.
const config = effectiveConfig ?? {};
const expect = (ok, message) => {
  if (!ok) fail(message);
};
expect(config.appId === 'org.casefile.desktop', `appId is ${JSON.stringify(config.appId)}`);
expect(config.productName === 'Casefile', `productName is ${JSON.stringify(config.productName)}`);
expect(config.asar !== false, 'asar packaging is off');
expect(config.npmRebuild === false, 'npmRebuild must be false (better-sqlite3 ships Node-API prebuilds; nothing is rebuilt)');
expect([].concat(config.asarUnpack ?? []).some((p) => p.includes('.node')), 'asarUnpack does not unpack native .node files');
const associations = [].concat(config.fileAssociations ?? []);
expect(associations.some((a) => [].concat(a.ext).includes('casefile')), 'no .casefile file association');
expect(associations.every((a) => a.mimeType), 'the .casefile association has no mimeType (Linux needs one)');
const targetsOf = (t) => [].concat(t ?? []).map((x) => (typeof x === 'string' ? { target: x, arch: [] } : { target: x.target, arch: [].concat(x.arch ?? []) }));
const linuxTargets = targetsOf(config.linux?.target).map((t) => t.target);
expect(linuxTargets.includes('AppImage') && linuxTargets.includes('deb'), `linux targets are ${JSON.stringify(linuxTargets)} (want AppImage and deb)`);
const macTargets = targetsOf(config.mac?.target);
for (const target of ['dmg', 'zip']) {
  const t = macTargets.find((m) => m.target === target);
  expect(t && t.arch.includes('x64') && t.arch.includes('arm64'), `mac ${target} is not built for both x64 and arm64`);
}
expect(targetsOf(config.win?.target).some((t) => t.target === 'nsis'), 'no Windows NSIS target');
expect(config.mac?.icon && fs.existsSync(path.join(root, config.mac.icon)), `mac icon ${config.mac?.icon} is missing`);
expect(config.win?.icon && fs.existsSync(path.join(root, config.win.icon)), `win icon ${config.win?.icon} is missing`);
for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
  expect(fs.existsSync(path.join(root, 'build', 'icons', `${size}x${size}.png`)), `build/icons/${size}x${size}.png is missing`);
}
expect(config.publish === null || config.publish === undefined || config.publish === 'never', 'a publish provider is configured');
// The deb target refuses to build without a project homepage (electron-builder FpmTarget);
// only `npm run dist:linux` would show it, so say it here. A warning: it is package metadata.
const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
if (!pkg.homepage && !config.extraMetadata?.homepage && !/github\.com/.test(repository ?? '')) {
  warnings.push('package.json has no "homepage" (nor a GitHub "repository"): electron-builder refuses to build the deb without one');
}
if (!config.linux?.maintainer && !pkg.author?.email) warnings.push('no linux.maintainer and no author email: electron-builder refuses to build the deb');
// The homepage and maintainer are the publisher's to name; until then they are placeholders
// that must not reach a released deb (its control file shows both to the user).
if (/\.invalid\b/.test(pkg.homepage ?? '')) warnings.push(`package.json "homepage" is the placeholder ${pkg.homepage}: set the project's real address before publishing installers`);
if (/noreply/.test(config.linux?.maintainer ?? '')) warnings.push(`linux.maintainer is the placeholder "${config.linux.maintainer}": set a real contact before publishing the deb`);

// macOS: flipping fuses invalidates the ad-hoc signature, and an arm64 app whose signature
// is invalid does not launch. Either electron-builder signs after the flip (an identity) or
// the fuse step re-signs ad hoc.
if (fuses?.resetAdHocDarwinSignature !== true && !config.mac?.identity) {
  fail('the mac build flips fuses without electronFuses.resetAdHocDarwinSignature and without mac.identity: an arm64 app would not launch (its ad-hoc signature is invalidated)');
}

// The PDF canvas package, per target: this package holds this machine's, unpacked; the
// beforePack hook refuses every target whose package is not installed, and a Windows app
// built off Windows (asar integrity, electron#44624).
{
  const { canvasPackageFor, packProblems } = await import('./dist/before-pack.mjs');
  const own = canvasPackageFor('linux', arch);
  const ownNative = [...(fs.existsSync(archive) ? archiveFiles(archive) : new Map())].filter(([file, info]) => file.startsWith(`node_modules/${own}/`) && file.endsWith('.node'));
  if (ownNative.length === 0) fail(`app.asar has no native file of ${own} (pdf.js's canvas package for linux ${arch})`);
  else if (!ownNative.every(([, info]) => info.unpacked)) fail(`${own}'s native file is packed inside app.asar (it cannot load from there)`);
  if (typeof config.beforePack !== 'string' || !config.beforePack.includes('before-pack.mjs')) fail(`beforePack is ${JSON.stringify(config.beforePack)}: it must be ./scripts/dist/before-pack.mjs (refuses targets that would ship without their canvas package)`);
  const targets = [
    ...targetsOf(config.mac?.target).flatMap((t) => t.arch.map((a) => ['darwin', a])),
    ...targetsOf(config.win?.target).flatMap((t) => t.arch.map((a) => ['win32', a])),
    ['linux', arch],
  ];
  const seen = new Set();
  for (const [platform, targetArch] of targets) {
    const key = `${platform} ${targetArch}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = canvasPackageFor(platform, targetArch);
    const installed = fs.existsSync(path.join(root, 'node_modules', name, 'package.json'));
    const problems = packProblems({ platform, arch: targetArch, asarIntegrity: fuses?.enableEmbeddedAsarIntegrityValidation === true });
    if (!installed && !problems.some((p) => p.includes(name))) fail(`the beforePack hook would pack the ${key} app without ${name}`);
    if (problems.length > 0) notes.push(`on this machine \`npm run dist\` refuses the ${key} app: ${problems.join('; ')}`);
  }
  const wouldCrossBuildWindows = packProblems({ platform: 'win32', arch: 'x64', host: 'linux', asarIntegrity: true, nodeModules: path.join(root, 'node_modules') });
  if (!wouldCrossBuildWindows.some((p) => p.includes('44624'))) fail('the beforePack hook lets a Windows app with asar integrity be built off Windows (electron#44624)');
}

// ---------------------------------------------------------------------------------------

function cleanUp() {
  if (keep) console.log(`dist:check: kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}
cleanUp();

for (const note of notes) console.log(`dist:check: ${note}`);
for (const warning of warnings) console.log(`dist:check: WARNING: ${warning}`);
console.log('dist:check: the stand-in binary cannot carry Electron\'s real fuses or run the app: the fuse check proves the configuration and that electron-builder flips it, not the real binary.');
if (problems.length > 0) {
  console.error(`\ndist:check FAILED (${problems.length} problem${problems.length === 1 ? '' : 's'}, ${seconds()} s):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(`dist:check: OK (${seconds()} s)`);
