// Tier 2 (Docker): run by e2e/support/run-all-tests.mjs where a private dockerd
// can start (Linux, root, docker.io and postgresql installed).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.docker.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['e2e/support/docker-global-setup.ts'],
    setupFiles: ['e2e/support/vitest-setup.ts'],
    // Containers start, initialise and stop for real; files share one daemon, one at a time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
