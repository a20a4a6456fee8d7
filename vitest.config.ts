import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{main,preload,renderer,db,e2e/support,e2e/truelayer-emulator}/**/*.test.ts'],
    // Tier 3 needs a D-Bus session with a keychain, Tier 2 a private dockerd, the shell tier a build;
    // the test runner provides them.
    exclude: ['**/node_modules/**', '**/*.keychain.test.ts', '**/*.docker.test.ts', '**/*.shell.test.ts'],
    globalSetup: ['e2e/support/vitest-global-setup.ts'],
    setupFiles: ['e2e/support/vitest-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
