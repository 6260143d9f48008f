// The oldest Node that runs Casefile, checked by every entry point before it loads a
// TypeScript file: Node strips types by default only from 22.18 (22.12-22.17 need a flag,
// Node 20 cannot at all), and on an older Node the first `.ts` import ends in
// ERR_UNKNOWN_FILE_EXTENSION. Plain JavaScript, so any Node can run it.
//
// Run directly (`node scripts/node-floor.mjs`), it exits 1 with the line when this Node is
// too old (.ci/run uses it).
import process from 'node:process';
import { pathToFileURL } from 'node:url';

/** Also in package.json "engines" (npm install refuses an older Node through .npmrc engine-strict). */
export const NODE_FLOOR = '22.18.0';

/** Whether `version` ("22.17.1", "v24.1.0") is at least NODE_FLOOR. */
export function nodeIsSupported(version) {
  const [major = 0, minor = 0, patch = 0] = String(version).replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [floorMajor, floorMinor, floorPatch] = NODE_FLOOR.split('.').map(Number);
  if (major !== floorMajor) return major > floorMajor;
  if (minor !== floorMinor) return minor > floorMinor;
  return patch >= floorPatch;
}

/**
 * The one line an entry point prints when this Node is too old (naming the Node found and
 * the one needed), or null when it is recent enough.
 */
export function nodeTooOldMessage(who, version = process.versions.node, execPath = process.execPath) {
  if (nodeIsSupported(version)) return null;
  return `${who}: Casefile needs Node ${NODE_FLOOR.replace(/\.0$/, '')} or newer, but this is Node ${version} (${execPath}); install a current Node (see README.md, Setup) and run it again.`;
}

/** Prints the line and exits 1 when this Node is too old; returns otherwise. */
export function requireSupportedNode(who) {
  const message = nodeTooOldMessage(who);
  if (message === null) return;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) requireSupportedNode('casefile');
