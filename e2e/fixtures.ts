// Playwright fixtures: a real store (SQLite file or a database on a real
// PostgreSQL) seeded with demo data, and the app opened on it in Chromium.
import { mkdtempSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { openStore } from '../db/open-store.js';
import type { SqlStore } from '../db/sql-store.js';
import { createDispatcher } from '../main/ipc/dispatch.js';
import { createHandlers } from '../main/ipc/handlers.js';
import { seedDemo } from '../main/services/demo/seed-demo.js';
import { openApp, type HarnessApp } from './support/app-harness.js';
import { startTestPostgres, type TestPostgres } from './support/postgres-server.js';

export type StoreKind = 'sqlite' | 'postgres';

export const DEMO = { transactions: 3_000, seed: 7, endDate: new Date('2026-10-31T12:00:00Z') };

interface TestFixtures {
  store: SqlStore;
  app: HarnessApp;
  /** Saves a screenshot under e2e/artifacts/<project>/ for people to look at. */
  shot: (name: string) => Promise<void>;
}

interface WorkerFixtures {
  storeKind: StoreKind;
  postgres: TestPostgres | undefined;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  storeKind: ['sqlite', { option: true, scope: 'worker' }],
  postgres: [
    async ({ storeKind }, use) => {
      if (storeKind !== 'postgres') return use(undefined);
      const server = await startTestPostgres();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  store: async ({ storeKind, postgres }, use) => {
    const target =
      storeKind === 'postgres' && postgres
        ? await postgres.createDatabase('ui')
        : join(mkdtempSync(join(tmpdir(), 'spending-ui-')), 'store.sqlite');
    const store = await openStore(target);
    await seedDemo(store, DEMO);
    await use(store);
    await store.close();
  },
  // Automatic: every UI test starts with the app open on its store.
  app: [
    async ({ page, store }, use) => {
      const dispatch = createDispatcher(createHandlers({ store: () => store, appVersion: '0.0.0-test' }), {
        onInternalError: (method, error) => console.error(`internal error in ${method}:`, error),
      });
      await use(await openApp(page, dispatch, 'out/renderer'));
    },
    { auto: true },
  ],
  shot: async ({ page }, use, testInfo) => {
    const dir = join('e2e', 'artifacts', testInfo.project.name);
    await mkdir(dir, { recursive: true });
    await use(async (name) => {
      await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
    });
  },
});

export { expect } from '@playwright/test';
export type { Page };
