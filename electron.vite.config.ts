import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      // The store worker is its own entry: main/worker/store-workers.ts starts out/main/store-worker.js.
      lib: {
        entry: { index: resolve('main/index.ts'), 'store-worker': resolve('main/worker/store-worker.ts') },
        formats: ['es'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load modules, so zod and the contract are bundled in.
      externalizeDeps: false,
      lib: { entry: resolve('preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
    },
  },
  renderer: rendererConfig,
});
