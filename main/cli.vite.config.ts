// Bundles the `spending` command into out/cli/spending.js (package.json bin).
// Dependencies stay external: they are installed next to it.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import pkg from '../package.json' with { type: 'json' };

const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies),
  ...Object.keys(pkg.devDependencies),
].map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`));

export default defineConfig({
  build: {
    ssr: fileURLToPath(new URL('./cli.ts', import.meta.url)),
    outDir: fileURLToPath(new URL('../out/cli', import.meta.url)),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      external,
      output: { format: 'es', entryFileNames: 'spending.js', banner: '#!/usr/bin/env node' },
    },
  },
});
