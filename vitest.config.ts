import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{main,preload,renderer,db,e2e/support}/**/*.test.ts'],
    // Tier 3 needs a D-Bus session with a keychain; the test runner provides one.
    exclude: ['**/node_modules/**', '**/*.keychain.test.ts'],
    globalSetup: ['e2e/support/vitest-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
