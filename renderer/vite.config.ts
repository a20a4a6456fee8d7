// The renderer's build, used by electron-vite (electron.vite.config.ts) and
// on its own by the Chromium test harness, which serves out/renderer.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const rendererConfig = {
  root: here('.'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('../out/renderer'),
    emptyOutDir: true,
    // electron-vite leaves the renderer unminified unless asked; a smaller bundle parses faster at start-up.
    minify: true,
    // Loaded from local disk by the app, so one bundle is fine; the default 500 kB warning is for the web.
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: here('index.html') },
  },
} satisfies UserConfig;

export default rendererConfig;
