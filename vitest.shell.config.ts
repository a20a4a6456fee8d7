// The desktop shell tier: the built app booted under the Electron stand-in, the
// package electron-builder makes, and the static security review. Run by
// e2e/support/run-all-tests.mjs after it builds out/ (npx electron-vite build).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/*.shell.test.ts'],
    // One at a time: electron-builder would otherwise skew the boot times the boot test prints.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
