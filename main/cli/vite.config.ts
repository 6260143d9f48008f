// The CLI bundle (`npm run build:cli`, also run by `npm run build` and npm's `prepare`):
// the command and its workers as plain JavaScript in out/cli, so a command starts without
// Node stripping the types of some 200 source files (0.4-0.5 s). Packages stay outside
// (loaded from node_modules as from sources). bin/casefile.mjs uses the bundle while it
// is newer than every source file it was built from (out/cli/sources.json), and the
// sources otherwise.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
// zod is bundled: as a package it loads some 100 modules (0.1-0.3 s), bundled only what the API uses.
const packages = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter((p) => p !== 'zod');

/** Writes the list of source files in the bundle, which bin/casefile.mjs checks for edits. */
function sourcesManifest(): Plugin {
  return {
    name: 'casefile-cli-sources',
    generateBundle() {
      const sources = [...this.getModuleIds()]
        .filter((id) => id.startsWith(root) && !id.includes('node_modules') && !id.includes('\0'))
        .map((id) => path.relative(root, id))
        .sort();
      this.emitFile({ type: 'asset', fileName: 'sources.json', source: `${JSON.stringify({ builtAt: Date.now(), sources })}\n` });
    },
  };
}

export default defineConfig({
  root,
  logLevel: 'warn',
  plugins: [sourcesManifest()],
  ssr: { noExternal: ['zod'] },
  build: {
    outDir: process.env.CASEFILE_CLI_OUT ?? path.join(root, 'out', 'cli'),
    emptyOutDir: true,
    ssr: true,
    target: 'node22',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rolldownOptions: {
      input: {
        casefile: path.join(root, 'main/cli/bundled.ts'),
        'import-worker': path.join(root, 'main/services/import/worker.ts'),
        'backup-worker': path.join(root, 'main/services/backup-worker.ts'),
      },
      external: (id) => builtinModules.includes(id) || id.startsWith('node:') || packages.some((p) => id === p || id.startsWith(`${p}/`)),
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
