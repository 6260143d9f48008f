#!/usr/bin/env node
// npm test's Electron security lint: Electronegativity (@doyensec/electronegativity) over
// the Electron shell (main/electron, main/security.ts), the preload bridge, and the built
// app in out/ when it is there. Fails on any finding above INFORMATIONAL that the reviewed
// allowlist (electronegativity.allowlist.json) does not explain, on any file it could not
// parse, and on allowlist entries that no longer match a finding (so the list cannot rot).
//
// Offline by construction: Electronegativity fetches translations and Electron's release
// list with `got`; here `got` is replaced before it loads by a stand-in that fails at
// once, and the release check (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, which needs the
// network) is left out: the Electron version is pinned in package.json and reviewed there.
//
// Usage: node scripts/electronegativity.mjs [--json] [--no-out]
//   --json    print the findings as JSON (all of them, informational included)
//   --no-out  scan the sources only, even when out/ exists
// Exit 0 when every finding is informational or allowlisted; 1 otherwise.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();
const args = new Set(process.argv.slice(2));
const asJson = args.has('--json');
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------
// No network: `got` (as Electronegativity resolves it) answers every call with a failure.

const engDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const engRequire = createRequire(path.join(engDir, 'dist', 'runner.js'));
const gotPath = engRequire.resolve('got');
const offline = () => Promise.reject(Object.assign(new Error('Casefile runs Electronegativity offline.'), { code: 'OFFLINE' }));
const gotStub = Object.assign(offline, { head: offline, get: offline, post: offline, extend: () => gotStub, default: offline });
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: gotStub, children: [], paths: [] };

// ---------------------------------------------------------------------------------------
// What is scanned: copied into one staging folder so one run sees it all, with paths kept
// relative to the project. Built JavaScript is staged with a .ts name: Electronegativity's
// JavaScript path runs a scope analysis that predates class private fields and gives up on
// the main bundle, while its TypeScript path (Babel) parses any JavaScript. It skips .cjs
// files altogether, so the preload bundle needs the new name anyway.

const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-electronegativity-'));
/** staged relative path -> project relative path */
const origin = new Map();

function stage(projectRelative, stagedRelative = projectRelative) {
  const target = path.join(staging, stagedRelative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(root, projectRelative), target);
  origin.set(stagedRelative.split(path.sep).join('/'), projectRelative.split(path.sep).join('/'));
}

function walk(dir) {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(relative) : [relative];
  });
}

const isTest = (file) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(file) || file.split(path.sep).includes('testing');
const sources = [
  ...walk('main/electron').filter((f) => f.endsWith('.ts') && !isTest(f)),
  'main/security.ts',
  ...walk('preload').filter((f) => f.endsWith('.ts') && !isTest(f)),
];
for (const file of sources) stage(file);
stage('package.json');

const scanOut = !args.has('--no-out') && fs.existsSync(path.join(root, 'out'));
if (scanOut) {
  for (const file of walk('out')) {
    if (file.endsWith('.html')) stage(file);
    else if (/\.[cm]?js$/.test(file)) stage(file, `${file}.ts`);
  }
}

// ---------------------------------------------------------------------------------------
// The scan.

const electronVersion = require('electron/package.json').version;
const runnerModule = engRequire('./runner.js');
const runner = typeof runnerModule === 'function' ? runnerModule : runnerModule.default;
const log = (line) => process.stdout.write(`${line}\n`);
const consoleLog = console.log;

async function scan(input) {
  // Electronegativity reports its offline translation fallback on console.log: keep stdout ours.
  console.log = () => {};
  try {
    return await runner({
      input,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      severitySet: 'informational',
      confidenceSet: 'tentative',
    });
  } finally {
    console.log = consoleLog;
  }
}

// A canary first: a window with every protection switched off must be reported, or the
// scanner is not really looking (a parser that silently gives up would pass everything).
const CANARY_EXPECTED = ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK'];
const canaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-electronegativity-canary-'));
fs.writeFileSync(
  path.join(canaryDir, 'canary.ts'),
  "import { BrowserWindow } from 'electron';\n" +
    'export const w = new BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true, sandbox: false, webSecurity: false } });\n',
);
let canary;
let result;
try {
  canary = await scan(canaryDir);
  result = await scan(staging);
} finally {
  fs.rmSync(canaryDir, { recursive: true, force: true });
  fs.rmSync(staging, { recursive: true, force: true });
}
const canaryIds = new Set(canary.issues.map((issue) => issue.id));
const canaryMissed = CANARY_EXPECTED.filter((id) => !canaryIds.has(id));

// ---------------------------------------------------------------------------------------
// Judgement against the allowlist.

const allowlistFile = path.join(root, 'electronegativity.allowlist.json');
const allowlist = JSON.parse(fs.readFileSync(allowlistFile, 'utf8')).findings;
const problems = [];
if (canaryMissed.length > 0) problems.push(`the canary window with every protection off was not reported for ${canaryMissed.join(', ')}: the scanner is not working.`);
for (const [i, entry] of allowlist.entries()) {
  if (typeof entry.id !== 'string' || typeof entry.file !== 'string' || typeof entry.reason !== 'string' || entry.reason.trim().length < 20) {
    problems.push(`allowlist entry ${i + 1} needs a check id, a file and a one-sentence reason.`);
  }
}

const findings = result.issues.map((issue) => {
  const staged = String(issue.file).split(path.sep).join('/');
  return {
    id: issue.id,
    file: origin.get(staged) ?? staged,
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    description: issue.description,
  };
});

const matches = (entry, finding) => entry.id === finding.id && entry.file === finding.file;
const used = new Set();
const unexplained = [];
const explained = [];
for (const finding of findings) {
  if (finding.severity === 'INFORMATIONAL') continue;
  const index = allowlist.findIndex((entry) => matches(entry, finding));
  if (index < 0) unexplained.push(finding);
  else {
    used.add(index);
    explained.push({ ...finding, reason: allowlist[index].reason });
  }
}
const scannedFiles = new Set(origin.values());
for (const [i, entry] of allowlist.entries()) {
  // Stale only when its file was scanned this time (out/ may not be built).
  if (!used.has(i) && (entry.file === 'N/A' || scannedFiles.has(entry.file))) problems.push(`allowlist entry ${entry.id} in ${entry.file} matches no finding any more: remove it from electronegativity.allowlist.json.`);
}
for (const error of result.errors) {
  const staged = path.relative(staging, String(error.file)).split(path.sep).join('/');
  if (!error.tolerable) problems.push(`${origin.get(staged) ?? error.file} could not be parsed (${error.message}), so it was not checked.`);
}
for (const finding of unexplained) {
  problems.push(`${finding.id} (${finding.severity}, ${finding.confidence}) at ${finding.file}:${finding.line}:${finding.column}: ${finding.description}`);
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (asJson) {
  process.stdout.write(`${JSON.stringify({ ok: problems.length === 0, electronVersion, scannedOut: scanOut, files: origin.size, findings, problems }, null, 2)}\n`);
} else {
  const informational = findings.filter((f) => f.severity === 'INFORMATIONAL').length;
  log(`electronegativity: ${origin.size} files (${sources.length} sources${scanOut ? ', the built out/' : ', out/ not scanned'}), Electron ${electronVersion}, ${result.globalChecks + result.atomicChecks} checks, ${seconds} s`);
  for (const finding of explained) log(`  allowed  ${finding.id} at ${finding.file}:${finding.line}: ${finding.reason}`);
  log(`  ${informational} informational finding(s) not shown (--json lists them)`);
  if (problems.length > 0) {
    const error = (line) => process.stderr.write(`${line}\n`);
    error(`electronegativity: ${problems.length} problem(s):`);
    for (const problem of problems) error(`  - ${problem}`);
    error('Fix the code, or, after review, explain the finding in electronegativity.allowlist.json (id, file, reason).');
  } else {
    log('electronegativity: ok (every finding above informational is explained in electronegativity.allowlist.json)');
  }
}
process.exit(problems.length === 0 ? 0 : 1);
