#!/usr/bin/env node
// The `casefile` command. Casefile runs its TypeScript sources directly on Node's
// built-in type stripping, which (with better-sqlite3 13) needs Node 22.12 or newer.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`casefile: Node ${process.versions.node} is too old; Casefile needs Node 22.12 or newer (see README.md).\n`);
  process.exit(1);
}
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
