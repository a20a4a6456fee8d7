// Playwright fixtures: a real store (SQLite file or a database on a real
// PostgreSQL) seeded with demo data, and the app opened on it in Chromium.
import { mkdtempSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { openStore, parseStoreTarget } from '../db/open-store.js';
import type { SqlStore } from '../db/sql-store.js';
import type { Store } from '../db/store.js';
import { createDispatcher } from '../main/ipc/dispatch.js';
import { createHandlers } from '../main/ipc/handlers.js';
import { loadConfig } from '../main/services/config/config.js';
import { activeStore } from '../main/services/config/config.js';
import { backupsDir } from '../main/services/backups/backup-files.js';
import { DatabaseService } from '../main/services/database/database-service.js';
import { legacyImportHooks } from '../main/services/database/legacy-import-hooks.js';
import { MoveService } from '../main/services/database/move-service.js';
import { storeTarget } from '../main/services/postgres/postgres-service.js';
import { seedDemo } from '../main/services/demo/seed-demo.js';
import { SecuritySettings, secretsFromConfig } from '../main/services/secrets/security-settings.js';
import { TrueLayerService } from '../main/services/truelayer/truelayer-service.js';
import { bankFailureEvent, bankProgressEvent } from '../main/ipc/bank-handlers.js';
import { handleDeepLink } from '../main/deep-links.js';
import { routeStoreMethods, startStoreWorkers } from '../main/worker/store-workers.js';
import type { EventPayload } from '../preload/contract.js';
import { openApp, type HarnessApp } from './support/app-harness.js';
import { HeldBackups } from './support/held-backups.js';
import { startTestPostgres, type TestPostgres } from './support/postgres-server.js';

export type StoreKind = 'sqlite' | 'postgres';

export const DEMO = { transactions: 3_000, seed: 7, endDate: new Date('2026-10-31T12:00:00Z') };

interface TestFixtures {
  /** The store's SQLite path or postgres:// URL. */
  storeLocation: string;
  store: SqlStore;
  /** The app's data folder for this test (config, key file). */
  dataDir: string;
  /** A folder for files the test makes outside the app (an old app's database); removed after the test. */
  scratch: string;
  /** What the next file picker returns; null = the user cancelled. */
  picker: { next: string | null };
  /** URLs the app asked the system browser to open, newest last. */
  systemBrowser: { opened: string[] };
  /** The app's bank service, and spending:// links delivered as the OS would (main/deep-links.ts). */
  bank: BankHarness;
  app: HarnessApp;
  /** Saves a screenshot under e2e/artifacts/<project>/ for people to look at. */
  shot: (name: string) => Promise<void>;
  /** Backups wait at the start until the test releases them: `test.use({ holdBackups: true })`. */
  holdBackups: boolean;
  /** The app's backup service; it holds backups only when holdBackups. */
  backups: HeldBackups;
}

interface BankHarness {
  service?: TrueLayerService;
  emit?: (payload: EventPayload<'bank:progress'>) => void;
  /** A spending:// link, handed over as the OS would (main/deep-links.ts). */
  deliverDeepLink(url: string): Promise<void>;
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
  // Apart from `store`: the store workers open it too.
  storeLocation: async ({ storeKind, postgres }, use) => {
    const server = storeKind === 'postgres' ? postgres : undefined;
    const target = server
      ? await server.createDatabase('ui')
      : join(mkdtempSync(join(tmpdir(), 'spending-ui-')), 'store.sqlite');
    await use(target);
    if (server) await server.dropDatabase(target);
    else await rm(dirname(target), { recursive: true, force: true });
  },
  store: async ({ storeLocation }, use) => {
    const store = await openStore(storeLocation);
    await seedDemo(store, DEMO);
    await use(store);
    await store.close();
  },
  // Playwright reads a fixture's dependencies from its first parameter, so these take an empty pattern.
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'spending-ui-home-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  // eslint-disable-next-line no-empty-pattern
  scratch: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'spending-ui-scratch-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  // eslint-disable-next-line no-empty-pattern
  picker: async ({}, use) => {
    await use({ next: null });
  },
  // eslint-disable-next-line no-empty-pattern
  systemBrowser: async ({}, use) => {
    await use({ opened: [] });
  },
  // eslint-disable-next-line no-empty-pattern
  bank: async ({}, use) => {
    const bank: BankHarness = {
      deliverDeepLink: async (url) => {
        if (!bank.service) throw new Error('The app is not open yet');
        await handleDeepLink(url, {
          truelayer: bank.service,
          onFailure: (error) => bank.emit?.(bankFailureEvent(error)),
          warn: () => undefined,
        });
      },
    };
    await use(bank);
  },
  holdBackups: [false, { option: true }],
  backups: async ({ dataDir, holdBackups }, use) => {
    await use(new HeldBackups(backupsDir(dataDir), { held: holdBackups }));
  },
  // Automatic: every UI test starts with the app open on its store.
  app: [
    async ({ page, store, storeLocation, dataDir, picker, systemBrowser, bank, backups }, use) => {
      const secrets = secretsFromConfig(await loadConfig(dataDir));
      // The store in use; a restore can switch the app to another SQLite file.
      let active: Store = store;
      const switched: Store[] = [];
      const security = new SecuritySettings(
        dataDir,
        secrets,
        () => active,
        () => Promise.resolve(picker.next),
      );
      const harness: { page?: HarnessApp } = {};
      // The store methods run in the app's built worker threads; the rest here, on `active`.
      const workers = startStoreWorkers({
        script: resolve('out/main/store-worker.js'),
        target: parseStoreTarget(storeLocation),
        appVersion: '0.0.0-test',
        onError: (message, error) => console.error(message, error),
      });
      const database = new DatabaseService({ dataDir, secrets, backups });
      const context = async () => ({ dataDir, config: await loadConfig(dataDir), secrets });
      bank.emit = (payload) => void harness.page?.emit('bank:progress', payload);
      bank.service = new TrueLayerService({
        dataDir,
        secrets,
        store: () => active,
        emit: (progress) => bank.emit?.(bankProgressEvent(progress)),
      });
      const handlers = createHandlers({
        store: () => active,
        appVersion: '0.0.0-test',
        security,
        database: {
          dataDir,
          database,
          move: new MoveService(dataDir, database, context, () => legacyImportHooks(dataDir, secrets), workers.runJob),
          secrets,
          emit: (event, payload) => void harness.page?.emit(event, payload),
          chooseFile: () => Promise.resolve(picker.next),
          reopenStore: async () => {
            const ctx = await context();
            const target = await storeTarget(activeStore(dataDir, ctx.config), ctx);
            active = await openStore(target);
            switched.push(active);
            await workers.reopen(target);
          },
        },
        bank: {
          service: bank.service,
          emit: (payload) => bank.emit?.(payload),
          openExternal: (url) => {
            systemBrowser.opened.push(url);
            return Promise.resolve();
          },
        },
        imports: {
          chooseFile: () => Promise.resolve(picker.next),
          emit: (payload) => void harness.page?.emit('import:progress', payload),
        },
      });
      const dispatch = createDispatcher(handlers, {
        onInternalError: (method, error) => console.error(`internal error in ${method}:`, error),
      });
      await workers.ready;
      harness.page = await openApp(page, routeStoreMethods(workers, dispatch), 'out/renderer');
      await use(harness.page);
      await workers.close();
      for (const s of switched) await s.close();
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
