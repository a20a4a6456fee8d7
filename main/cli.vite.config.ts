// Bundles the `spending` command into out/cli/spending.js (package.json bin).
// Dependencies stay external: they are installed next to it.
import { chmodSync } from 'node:fs';
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

const outDir = fileURLToPath(new URL('../out/cli', import.meta.url));

export default defineConfig({
  plugins: [
    {
      name: 'executable-bin',
      // npx runs the bin directly, so it must be executable however the file was (re)created.
      writeBundle: () => chmodSync(`${outDir}/spending.js`, 0o755),
    },
  ],
  build: {
    ssr: fileURLToPath(new URL('./cli.ts', import.meta.url)),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      external,
      output: { format: 'es', entryFileNames: 'spending.js', banner: '#!/usr/bin/env node' },
    },
  },
});
