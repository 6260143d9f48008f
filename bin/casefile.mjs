#!/usr/bin/env node
// The `casefile` command. It runs the built bundle (out/cli, made by `npm run build:cli`,
// `npm run build` and npm's `prepare`) while the bundle is newer than every source file it
// was built from, and the TypeScript sources otherwise, on Node's built-in type stripping:
// an edited source is never shadowed by a stale bundle. CASEFILE_CLI=sources forces the
// sources; CASEFILE_CLI_BUNDLE=DIR names another bundle (the tests build one).
import fs from 'node:fs';
import module from 'node:module';
import { requireSupportedNode } from '../scripts/node-floor.mjs';

requireSupportedNode('casefile');

const root = new URL('../', import.meta.url);
const bundle = process.env.CASEFILE_CLI_BUNDLE ? new URL(`file://${fs.realpathSync(process.env.CASEFILE_CLI_BUNDLE)}/`) : new URL('out/cli/', root);

/** Whether the bundle exists and no source file in it changed after it was built (a few hundred stats, ~2 ms). */
function bundleIsCurrent() {
  if (process.env.CASEFILE_CLI === 'sources') return false;
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(new URL('sources.json', bundle), 'utf8'));
  } catch {
    return false;
  }
  return manifest.sources.every((source) => (fs.statSync(new URL(source, root), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) <= manifest.builtAt);
}

// V8 keeps the compiled code of the bundle (and of the packages) between runs: 30-60 ms less at start-up.
module.enableCompileCache?.();
const { main } = await import(bundleIsCurrent() ? new URL('casefile.js', bundle).href : '../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
