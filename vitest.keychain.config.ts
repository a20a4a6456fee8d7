// Tier 3 (OS keychain): run by e2e/support/run-all-tests.mjs inside a D-Bus
// session with gnome-keyring on Linux.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.keychain.test.ts'],
    setupFiles: ['e2e/support/vitest-setup.ts'],
    testTimeout: 30_000,
  },
});
