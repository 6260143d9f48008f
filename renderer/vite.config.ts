// The renderer's build, shared by electron-vite (the app) and browser mode.
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rendererRoot = path.dirname(fileURLToPath(import.meta.url));

export const rendererConfig: UserConfig = {
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(rendererRoot, '..', 'out', 'renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    // Everything ships in the app; nothing is fetched from anywhere at run time.
    assetsInlineLimit: 0,
    rolldownOptions: { input: path.join(rendererRoot, 'index.html') },
  },
};

export default defineConfig(rendererConfig);
