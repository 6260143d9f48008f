// electron-builder's beforePack hook (electron-builder.yml): refuses to pack an installer
// that would break on the user's machine for a reason only a real launch would show.
//
// - pdf.js needs @napi-rs/canvas, whose native code comes in one npm package per platform;
//   npm installs only the build machine's. A dmg cross-built on Linux, or an x64 app built
//   on arm64, would ship without it.
// - Windows with the asar integrity fuse: built anywhere but Windows, the integrity record
//   names "resources/app.asar" and the app dies at start ("Failed to find file integrity
//   info for resources\app.asar", electron/electron#44624).
// dist:check calls packProblems for every target in electron-builder.yml.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** electron-builder's Arch enum, by value. */
const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

/** The @napi-rs/canvas package holding the native code for a platform and architecture. */
export function canvasPackageFor(platform, arch) {
  const suffix = { linux: '-gnu', win32: '-msvc', darwin: '' }[platform];
  if (suffix === undefined) return null;
  return `@napi-rs/canvas-${platform}-${arch}${suffix}`;
}

/** Why an installer for `platform`/`arch` must not be packed on this machine (empty when it may). */
export function packProblems({ platform, arch, host = process.platform, asarIntegrity = true, nodeModules = path.join(root, 'node_modules') }) {
  const problems = [];
  const archs = arch === 'universal' ? ['x64', 'arm64'] : [arch];
  const version = JSON.parse(fs.readFileSync(path.join(nodeModules, '@napi-rs', 'canvas', 'package.json'), 'utf8')).version;
  for (const one of archs) {
    const name = canvasPackageFor(platform, one);
    if (name && !fs.existsSync(path.join(nodeModules, name, 'package.json'))) {
      problems.push(`${name} is not installed, so PDF import's canvas package would be missing from the ${platform} ${one} app: run \`npm install --no-save --force ${name}@${version}\` first, or build on a ${platform} ${one} machine`);
    }
  }
  if (platform === 'win32' && host !== 'win32' && asarIntegrity) {
    problems.push('the Windows app must be built on Windows: with the asar integrity fuse on, a build made elsewhere records "resources/app.asar" and the app stops at start (electron/electron#44624)');
  }
  return problems;
}

export async function beforePack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const asarIntegrity = context.packager?.config?.electronFuses?.enableEmbeddedAsarIntegrityValidation === true;
  const problems = packProblems({ platform, arch, asarIntegrity });
  if (problems.length > 0) throw new Error(`Casefile: not packing the ${platform} ${arch} app:\n  - ${problems.join('\n  - ')}`);
}

export default beforePack;
