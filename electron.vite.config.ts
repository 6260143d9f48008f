import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import path from 'node:path';
import { rendererConfig } from './renderer/vite.config.ts';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The import and daily-backup workers are their own entries: worker threads load them by
        // file (main/services/import/pool.ts, main/services/backup.ts).
        input: {
          index: path.resolve('main/electron/main.ts'),
          'import-worker': path.resolve('main/services/import/worker.ts'),
          'backup-worker': path.resolve('main/services/backup-worker.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: path.resolve('preload/index.ts') },
        // A sandboxed preload must be a CommonJS script.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
