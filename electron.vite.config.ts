import { defineConfig } from 'electron-vite';
import path from 'node:path';
import { rendererConfig } from './renderer/vite.config.ts';

// Dependencies stay outside the main and preload bundles (electron-vite's default,
// build.externalizeDeps): they are installed beside the app.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        // The import, daily-backup and search-reader workers are their own entries: worker threads
        // load them by file (main/services/import/pool.ts, main/services/daily-backup.ts, main/db/readers.ts).
        input: {
          index: path.resolve('main/electron/main.ts'),
          'import-worker': path.resolve('main/services/import/worker.ts'),
          'backup-worker': path.resolve('main/services/backup-worker.ts'),
          'reader-worker': path.resolve('main/db/reader-worker.ts'),
        },
        // CommonJS, dynamic imports included (pdf.js is then require()d: Node loads an ES
        // module that way too). Electron's documents cover ES modules in the main process
        // and renderers, not in worker threads, and ESM loading from app.asar has regressed
        // before (electron#45896, #46090), while require() inside app.asar is what Electron
        // set up for worker threads (electron#33216). So the workers load nothing through
        // the ESM loader; main follows, sharing their chunks.
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', dynamicImportInCjs: false },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: path.resolve('preload/index.ts') },
        // A sandboxed preload must be a CommonJS script.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
