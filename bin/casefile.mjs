#!/usr/bin/env node
// The `casefile` command. Casefile runs its TypeScript sources directly on Node's
// built-in type stripping: the Node version is checked first, in plain JavaScript.
import { requireSupportedNode } from '../scripts/node-floor.mjs';

requireSupportedNode('casefile');
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
