// The Node version check every entry point runs before it loads TypeScript: the decision as a
// function (a spawned process cannot be given a fake process.versions), and each entry point
// run for real under the machine's Node 20 when there is one, which really is too old.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module (it must run on any Node), without declarations
import { NODE_FLOOR, nodeIsSupported, nodeTooOldMessage } from './node-floor.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OLD_NODE = '/usr/bin/node';
const oldNodeVersion = fs.existsSync(OLD_NODE) ? spawnSync(OLD_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() : '';
const oldNodeIsOld = oldNodeVersion !== '' && !nodeIsSupported(oldNodeVersion);

describe('the Node floor', () => {
  it('is 22.18, the first Node that strips types without a flag, and package.json says the same', () => {
    expect(NODE_FLOOR).toBe('22.18.0');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.engines.node).toBe('>=22.18');
    expect(fs.readFileSync(path.join(root, '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
  });

  it('accepts 22.18 and later, refuses what is older', () => {
    for (const version of ['22.18.0', '22.20.1', 'v23.0.0', '24.21.0', '30.0.0']) expect(nodeIsSupported(version), version).toBe(true);
    for (const version of ['22.17.9', '22.12.0', '20.20.2', 'v18.19.0', '21.99.0']) expect(nodeIsSupported(version), version).toBe(false);
  });

  it('says in one line which Node it found and which it needs', () => {
    expect(nodeTooOldMessage('npm start', '22.18.0', '/x/node')).toBeNull();
    const line = nodeTooOldMessage('npm start', '22.17.0', '/usr/bin/node');
    expect(line).toBe('npm start: Casefile needs Node 22.18 or newer, but this is Node 22.17.0 (/usr/bin/node); install a current Node (see README.md, Setup) and run it again.');
    expect(line).not.toContain('\n');
  });
});

describe.skipIf(!oldNodeIsOld)(`each entry point under ${OLD_NODE} (Node ${oldNodeVersion || 'absent'})`, () => {
  const entries: [string, string[], string][] = [
    ['casefile', ['bin/casefile.mjs', 'list'], 'casefile'],
    ['npm start', ['scripts/start.mjs'], 'npm start'],
    ['npm run web', ['scripts/web.mjs'], 'npm run web'],
  ];
  it.each(entries)('%s prints the one line and exits 1 before loading any TypeScript', (_name, args, who) => {
    const result = spawnSync(OLD_NODE, args, { cwd: root, encoding: 'utf8', timeout: 20_000, env: { ...process.env, DISPLAY: '' } });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${nodeTooOldMessage(who, oldNodeVersion, OLD_NODE)}\n`);
  });

  it('.ci/run sees the old Node as too old (and would install Node 24)', () => {
    const result = spawnSync(OLD_NODE, ['scripts/node-floor.mjs'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8')).toContain('node scripts/node-floor.mjs');
  });

  it('npm install refuses the old Node (engine-strict)', () => {
    const npm = '/usr/lib/node_modules/npm/bin/npm-cli.js';
    if (!fs.existsSync(npm)) return;
    const result = spawnSync(OLD_NODE, [npm, 'install', '--dry-run', '--offline', '--no-audit', '--no-fund'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('EBADENGINE');
    expect(result.stderr).toContain('"node":">=22.18"');
  });
});

describe('the current Node', () => {
  it('passes the check', () => {
    const result = spawnSync(process.execPath, ['scripts/node-floor.mjs'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
  });
});
