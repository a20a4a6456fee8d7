// The Import page against real services: the old app's finance.db (built with
// every quirk LEGACY.md lists) into the fixture's store, which already holds
// the demo data, so the import is first refused and then, once the user says
// so, replaces it. The report, its CSV exports and the other pages then show
// what arrived; a second import of the same file changes nothing. Runs once,
// on the SQLite project: the page does not depend on the store's dialect.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Download, Locator } from '@playwright/test';
import pg from 'pg';
import { loadConfig, saveConfig } from '../main/services/config/config.js';
import { DEMO, expect, test, type Page } from './fixtures.js';
import { buildLegacyFinanceDb } from './support/legacy-finance-db.js';
import { buildLegacyPostgres } from './support/legacy-postgres-db.js';
import { startTestPostgres } from './support/postgres-server.js';

test.skip(({ storeKind }) => storeKind !== 'sqlite', 'the Import page is tested once, on the SQLite project');

// The fixture opens its store directly; tell the app's config about it, as
// the real app's config would, so the import (and its backup) go to that file.
test.beforeEach(async ({ store, dataDir }) => {
  const { location } = await store.info();
  await saveConfig(dataDir, { ...(await loadConfig(dataDir)), store: { kind: 'sqlite', path: location } });
});

const OLD_ENV = fileURLToPath(new URL('fixtures/legacy/old-app.env', import.meta.url));
const NO_SECRET_SERVICE = process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS;
const UNICODE = '[REFUND] Café «Zoë» 🍕 — Ünïcödé';

function legacyFile(folder: string, variant: 'base' | 'later-branch') {
  return buildLegacyFinanceDb(join(folder, 'finance.db'), variant, 500);
}

/** The main navigation's link: the Import page's text links to Transactions too. */
function nav(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
}

async function openImportPage(page: Page): Promise<Locator> {
  await nav(page, 'Import').click();
  await expect(page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
  return page.getByRole('region', { name: 'Bring your data' });
}

/**
 * Imports what is chosen and is refused (the store holds the demo data); ticks
 * the replace box and returns the "Import again" button, now enabled.
 */
async function refusedThenReplace(data: Locator, shot?: (name: string) => Promise<void>): Promise<Locator> {
  await data.getByRole('button', { name: 'Import', exact: true }).click();
  const refusal = data.getByRole('alert');
  await expect(refusal).toContainText('already holds other data; nothing was written.', { timeout: 30_000 });
  await expect(refusal).toContainText('Spending backs up the store in use first');
  const again = data.getByRole('button', { name: 'Import again' });
  await expect(again).toBeDisabled();
  if (shot) {
    await again.scrollIntoViewIfNeeded();
    await shot('import-02-refused');
  }
  await refusal.getByRole('checkbox', { name: 'Replace what is in the store in use (it is backed up first)' }).check();
  await expect(again).toBeEnabled();
  return again;
}

/** Chooses the file, is refused, then replaces; returns the report. */
async function importReplacing(data: Locator, path: string, shot?: (name: string) => Promise<void>): Promise<Locator> {
  await data.getByRole('button', { name: 'Choose finance.db…' }).click();
  await expect(data).toContainText(path);
  await (await refusedThenReplace(data, shot)).click();
  return data.getByRole('group', { name: 'Import report' });
}

/** Settings → Security, as e2e/settings.ui.spec.ts does it: a passphrase key file where there is no keychain. */
async function createKeyFile(page: Page) {
  await nav(page, 'Settings').click();
  const security = page.getByRole('region', { name: 'Security' });
  await security.getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
  await security.getByLabel('Passphrase again').fill('a long passphrase');
  await security.getByRole('button', { name: 'Create key file' }).click();
  await expect(security).toContainText('Working');
}

/** Step 1 with the fixture's .env (the picker must return it). */
async function importEnv(page: Page) {
  const env = page.getByRole('region', { name: 'Bring your old settings (.env)' });
  await env.getByRole('button', { name: 'Import the old app’s .env…' }).click();
  const report = env.getByRole('status');
  await expect(report).toContainText('ENCRYPTION_KEY (to read its bank tokens)');
  await expect(report).toContainText('PostgreSQL password');
}

/** The cells of one table's row in the per-table report: read, written, quarantined, fixed, time, checksum. */
function tableRow(report: Locator, table: string): Locator {
  return report
    .getByRole('table', { name: 'Tables imported' })
    .getByRole('row')
    .filter({ has: report.page().getByRole('rowheader', { name: table, exact: true }) })
    .getByRole('cell');
}

async function csvLines(download: Download): Promise<string[]> {
  const text = readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).split('\r\n');
}

test("import the old app's finance.db: refused, replaced, reported, exported, shown; a second import writes nothing", async ({
  page,
  picker,
  store,
  scratch,
  shot,
}) => {
  const legacy = legacyFile(scratch, 'base');
  picker.next = legacy.path;
  const quarantinedIds = Object.keys(legacy.rejectedTransactions).map(Number);
  const [yesterdayId] = Object.entries(legacy.rejectedTransactions)
    .filter(([, reason]) => reason === 'cannot be read')
    .map(([id]) => Number(id));

  // Seen before the import, so it is cached: afterwards it must show the imported data, not the demo's.
  await nav(page, 'Transactions').click();
  await expect(page.getByRole('status').filter({ hasText: 'transactions' })).toHaveText(
    `${DEMO.transactions.toLocaleString('en-GB')} transactions`,
  );

  const data = await openImportPage(page);
  await expect(page.getByRole('region', { name: 'Bring your old settings (.env)' })).toContainText('ENCRYPTION_KEY');
  await expect(data).toContainText('are quarantined with their reason and original values');
  await expect(data).toContainText(`Your data is now in SQLite file ${(await store.info()).location}`);
  await shot('import-01-page');

  const report = await importReplacing(data, legacy.path, shot);
  const summary = report.getByRole('status');
  await expect(summary).toContainText('Imported and checked', { timeout: 30_000 });
  await expect(summary).toContainText(`${legacy.validTransactions.toLocaleString('en-GB')} transactions imported from`);
  await expect(summary).toContainText('The money adds up to the penny');
  await shot('import-03-report');

  // Rule 3: read = imported + quarantined, table by table.
  const transactions = tableRow(report, 'transactions');
  await expect(transactions.nth(0)).toHaveText(
    (legacy.validTransactions + quarantinedIds.length).toLocaleString('en-GB'),
  );
  await expect(transactions.nth(1)).toHaveText(legacy.validTransactions.toLocaleString('en-GB'));
  await expect(transactions.nth(2)).toHaveText(String(quarantinedIds.length));
  // The DD/MM/YYYY date, the float artefact (and its unreadable created_at), the invalid Huququllah value.
  await expect(transactions.nth(3)).toHaveText('3');
  await expect(transactions.nth(5)).toHaveText('✓ Match');
  await expect(report.getByRole('table', { name: 'Tables imported' })).not.toContainText('Differs');
  await expect(report).toContainText('Nothing to import in: users, bank connections');
  await report.getByRole('table', { name: 'Tables imported' }).scrollIntoViewIfNeeded();
  await shot('import-04-report-tables');

  const quarantined = report.getByRole('table', { name: /^Quarantined rows/ });
  const quarantinedRow = (id: number) =>
    quarantined.getByRole('row').filter({ has: page.getByRole('cell', { name: String(id), exact: true }) });
  await expect(quarantinedRow(yesterdayId!)).toContainText('the date "yesterday" cannot be read');
  for (const [id, reason] of Object.entries(legacy.rejectedTransactions))
    await expect(quarantinedRow(Number(id))).toContainText(reason);
  const fixed = report.getByRole('table', { name: /^Fixed fields/ });
  await expect(fixed.getByRole('row').filter({ hasText: '03/04/2024' })).toContainText(
    'DD/MM/YYYY date turned into ISO',
  );
  await expect(report.getByRole('region', { name: 'Kept as JSON' })).toContainText(
    'Every column and table of the old database has a place in Spending.',
  );
  await expect(report).not.toContainText('Bank tokens that could not be read');

  // The copy of the old database, made before anything was read.
  const copied = /(\S+legacy-\d{8}-\d{6}-\d{3}-finance\.db)/.exec(await summary.innerText())?.[1];
  expect(copied && existsSync(copied)).toBe(true);

  const [rejectsCsv] = await Promise.all([
    page.waitForEvent('download'),
    report.getByRole('button', { name: 'Export quarantined rows (CSV)' }).click(),
  ]);
  expect(rejectsCsv.suggestedFilename()).toMatch(/^spending-import-quarantined-rows-\d{8}-\d{6}\.csv$/);
  const rejects = await csvLines(rejectsCsv);
  expect(rejects[0]).toBe('table,id,reason');
  expect(rejects).toContain(`transactions,${yesterdayId},"the date ""yesterday"" cannot be read"`);
  const [fixesCsv] = await Promise.all([
    page.waitForEvent('download'),
    report.getByRole('button', { name: 'Export fixed fields (CSV)' }).click(),
  ]);
  expect(fixesCsv.suggestedFilename()).toMatch(/^spending-import-fixed-fields-\d{8}-\d{6}\.csv$/);
  const fixes = await csvLines(fixesCsv);
  expect(fixes[0]).toBe('table,id,column,original,reason');
  expect(fixes).toContainEqual(
    expect.stringMatching(/^transactions,\d+,date,03\/04\/2024,DD\/MM\/YYYY date turned into ISO$/),
  );

  // The other pages show the imported data without a reload.
  await nav(page, 'Transactions').click();
  await expect(page.getByRole('status').filter({ hasText: 'transactions' })).toHaveText(
    `${legacy.validTransactions.toLocaleString('en-GB')} transactions`,
  );
  await page.getByLabel('Search transactions').fill('Zoë');
  const rows = page.getByRole('row').filter({ has: page.getByRole('gridcell') });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(UNICODE);
  await shot('import-05-transactions');
  expect(await store.countTransactions({})).toBe(legacy.validTransactions);

  // Back on the page, the report is still there; the same file again is a no-op.
  await openImportPage(page);
  await expect(report.getByRole('status')).toContainText('Imported and checked');
  await data.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(report.getByRole('status')).toContainText('Already imported; nothing was written.');
  await expect(data.getByRole('alert')).toHaveCount(0);
  await shot('import-06-already-imported');
  expect(await store.countTransactions({})).toBe(legacy.validTransactions);
});

test('the later branch: columns and tables Spending has no place for are listed as kept', async ({
  page,
  picker,
  scratch,
  shot,
}) => {
  const legacy = legacyFile(scratch, 'later-branch');
  picker.next = legacy.path;
  const data = await openImportPage(page);
  const report = await importReplacing(data, legacy.path);
  await expect(report.getByRole('status')).toContainText('Imported and checked', { timeout: 30_000 });
  const kept = report.getByRole('table', { name: 'Kept as JSON' });
  const transactions = kept.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'transactions' }) });
  await expect(transactions).toContainText('lookup_description');
  await expect(transactions).toContainText('extraction_confidence');
  for (const table of ['merchants', 'llm_enrichment_cache', 'llm_model_config'])
    await expect(kept.getByRole('rowheader', { name: table, exact: true })).toBeVisible();
  await report.getByRole('region', { name: 'Kept as JSON' }).scrollIntoViewIfNeeded();
  await shot('import-07-later-branch-extras');
});

test('nothing chosen, a bad URL, a file that is not the old database, and a cancelled picker', async ({
  page,
  picker,
  store,
}) => {
  const data = await openImportPage(page);
  await expect(data.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();

  // The picker closed without a file: nothing changes.
  picker.next = null;
  await data.getByRole('button', { name: 'Choose finance.db…' }).click();
  await expect(data).toContainText('No file chosen yet.');

  // Spending's own store is not the old app's database.
  picker.next = (await store.info()).location;
  await data.getByRole('button', { name: 'Choose finance.db…' }).click();
  await data.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(data.getByRole('alert')).toContainText(
    "is both the old app's database to import and the store to import into",
  );
  await expect(data).toContainText('Nothing was imported: the store in use is as it was');

  await data.getByRole('radio', { name: 'Its PostgreSQL database' }).check();
  await data.getByLabel('Database URL').fill('mysql://old/spending_db');
  await data.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(data.getByRole('alert')).toContainText('Enter a URL that starts with postgres://');
  expect(await store.countTransactions({})).toBe(DEMO.transactions);
});

test.describe('with a passphrase key file (no keychain here)', () => {
  test.skip(!NO_SECRET_SERVICE, 'needs a Linux session without a Secret Service');

  test("step 1 takes in the old .env and fills in the old database's URL, never showing a secret", async ({
    page,
    picker,
    shot,
  }) => {
    // Without a keychain the .env's secrets have nowhere to go: the page says so.
    const data = await openImportPage(page);
    const env = page.getByRole('region', { name: 'Bring your old settings (.env)' });
    picker.next = OLD_ENV;
    await env.getByRole('button', { name: 'Import the old app’s .env…' }).click();
    await expect(env.getByRole('alert')).toContainText('There is no keychain');

    await createKeyFile(page);
    await openImportPage(page);
    await importEnv(page);
    await data.getByRole('radio', { name: 'Its PostgreSQL database' }).check();
    await expect(data.getByLabel('Database URL')).toHaveValue('postgres://spending_user@localhost:5433/spending_db');
    await expect(data.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'password');
    await expect(page.locator('body')).not.toContainText('s3cret pass#word');
    await expect(page.locator('body')).not.toContainText('tl-client-secret-9b1c');
    await shot('import-08-env-and-postgres');
  });

  test("the old app's PostgreSQL: held and cancelled, then imported with its bank tokens re-encrypted", async ({
    page,
    picker,
    app,
    store,
    shot,
  }) => {
    test.setTimeout(120_000);
    const server = await startTestPostgres();
    try {
      const url = await server.createDatabase('legacy');
      const expected = await buildLegacyPostgres(url);
      // Typed as a user would: the URL without the password, the password in its own field.
      const typed = new URL(url);
      const password = decodeURIComponent(typed.password);
      typed.password = '';

      await createKeyFile(page);
      const data = await openImportPage(page);
      picker.next = OLD_ENV;
      await importEnv(page);
      await data.getByRole('radio', { name: 'Its PostgreSQL database' }).check();
      await data.getByLabel('Database URL').fill(typed.href);
      await data.getByLabel('Password', { exact: true }).fill(password);

      // ---- held on a lock on the old database's transactions, then cancelled ----
      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      const again = await refusedThenReplace(data);
      try {
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE transactions IN ACCESS EXCLUSIVE MODE');
        await again.click();
        const running = data.getByRole('group', { name: 'Importing' });
        await expect(running).toContainText(`Importing from ${typed.href}`);
        // Held while reading the old database, before anything is backed up (nothing may need writing).
        await expect(running.getByRole('status').first()).toHaveText('Reading the old database…');
        await expect
          .poll(
            async () =>
              (
                await holder.query<{ n: number }>(
                  "SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'transactions'::regclass",
                )
              ).rows[0]?.n,
            { timeout: 30_000 },
          )
          .toBe(1);
        // The bars, with a report worded as the main process words them while the real import is held.
        await app.emit('move:progress', {
          phase: 'copy',
          message: 'Importing transactions',
          table: 'transactions',
          tableDone: 200,
          tableTotal: 401,
          done: 220,
          total: 430,
          rowsPerSecond: 52_000,
          etaSeconds: 0,
        });
        await expect(running.getByRole('status').first()).toHaveText('Importing and checking transactions…');
        await expect(running.getByRole('progressbar', { name: 'All tables' })).toHaveAttribute('value', '220');
        await expect(running).toContainText('220 of 430 rows · 52,000 rows/s');
        await expect(running.getByRole('progressbar', { name: 'Table transactions' })).toHaveAttribute('max', '401');
        await expect(data.getByRole('button', { name: 'Importing…' })).toBeDisabled();
        await running.getByRole('button', { name: 'Cancel' }).scrollIntoViewIfNeeded();
        await shot('import-09-progress');
        await running.getByRole('button', { name: 'Cancel' }).click();
        await expect(running.getByRole('status').filter({ hasText: 'Cancel requested' })).toBeVisible();
        await expect(running.getByRole('button', { name: 'Cancelling…' })).toBeDisabled();
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
      const stopped = data.getByRole('group', { name: 'Import stopped' });
      await expect(stopped.getByRole('status')).toContainText(/^Cancelled; the (store|target) is as it was\./, {
        timeout: 30_000,
      });
      await expect(stopped).toContainText('Nothing was imported: the store in use is as it was');
      expect(await store.countTransactions({})).toBe(DEMO.transactions);
      await shot('import-10-cancelled');

      // ---- the real import; the refusal is asked again, as it is a new import ----
      await (await refusedThenReplace(data)).click();
      const report = data.getByRole('group', { name: 'Import report' });
      const summary = report.getByRole('status');
      await expect(summary).toContainText('Imported and checked', { timeout: 60_000 });
      await expect(summary).toContainText(`from ${typed.href}:`);
      expect(/(\S+legacy-\d{8}-\d{6}-\d{3}-legacy_\w+\.dump)/.exec(await summary.innerText())?.[1]).toBeTruthy();
      await expect(tableRow(report, 'transactions').nth(1)).toHaveText(String(expected.transactions));
      await expect(tableRow(report, 'bank_connections').nth(1)).toHaveText('2');
      await expect(report.getByRole('table', { name: 'Tables imported' })).not.toContainText('Differs');
      await expect(report).not.toContainText('Bank tokens that could not be read');
      await expect(page.locator('body')).not.toContainText(password);
      await shot('import-11-postgres-report');
      // NUMERIC amounts arrive as exact decimals: nothing of the old PostgreSQL needed fixing.
      await expect(report.getByRole('table', { name: /^Fixed fields/ })).toHaveCount(0);
      await shot('import-12-postgres-no-fixes');
      expect(await store.countTransactions({})).toBe(expected.transactions);
    } finally {
      await server.stop();
    }
  });
});
