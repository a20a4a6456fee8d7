import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import type { StoreKind } from './e2e/fixtures';

// Debian's Chromium (CI, Linux); elsewhere CHROMIUM_PATH, or Playwright's own
// browser if the contributor installed one.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig<{ storeKind: StoreKind }>({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  workers: process.env.CI ? 2 : undefined,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: [
        '--lang=en-GB',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'chromium-sqlite', testMatch: /\.ui\.spec\.ts$/, use: { storeKind: 'sqlite' } },
    { name: 'chromium-postgres', testMatch: /\.ui\.spec\.ts$/, use: { storeKind: 'postgres' } },
    { name: 'electron', testMatch: /electron\.spec\.ts$/ },
    // The README's pictures, only for `npm run screenshots` (e2e/support/readme-screenshots.mjs).
    ...(process.env.SPENDING_README_SCREENSHOTS
      ? [{ name: 'readme-screenshots', testMatch: /readme\.screenshots\.ts$/, use: { storeKind: 'sqlite' as const } }]
      : []),
  ],
});
