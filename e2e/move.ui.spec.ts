// The "Move your data" wizard against real services: the fixture's SQLite
// store (3,000 demo transactions) into an embedded PostgreSQL, a change made
// there, and back into a new SQLite file that must carry the change. On the
// way: a cancel (the target left as it was), a target that already holds data
// (replaced only when the user says so), and a switch refused because the
// data changed after the move. Runs once, on the SQLite project: the wizard
// moves between the app's own stores whatever the fixture's dialect.
import { chmod, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import pg from 'pg';
import { formatPence } from '../db/money.js';
import { openStore } from '../db/open-store.js';
import type { MoveProgressEvent } from '../preload/contract-database.js';
import { loadConfig, saveConfig } from '../main/services/config/config.js';
import { EmbeddedProvider } from '../main/services/postgres/embedded-provider.js';
import { memoryPassword } from '../main/services/postgres/memory-password.js';
import { embeddedDir, passwordSlot } from '../main/services/postgres/postgres-service.js';
import { openKeyFile } from '../main/services/secrets/key-file.js';
import { keyFilePath } from '../main/services/secrets/security-settings.js';
import type { Locator } from '@playwright/test';
import { DEMO, expect, test, type Page } from './fixtures.js';

test.skip(({ storeKind }) => storeKind !== 'sqlite', 'the move wizard is tested once, on the SQLite project');
test.skip(
  process.platform !== 'linux' || Boolean(process.env.DBUS_SESSION_BUS_ADDRESS),
  'needs a Linux session without a Secret Service, to set up the passphrase key file',
);

const PASSPHRASE = 'a long passphrase';

// The fixture opens its store directly; tell the app's config about it, as
// the real app's config would, so the move starts from that file.
test.beforeEach(async ({ store, dataDir }) => {
  const { location } = await store.info();
  await saveConfig(dataDir, { ...(await loadConfig(dataDir)), store: { kind: 'sqlite', path: location } });
});

// Whatever happens in the test, no server is left running and no data folder is left behind.
test.afterEach(async ({ dataDir }) => {
  await new EmbeddedProvider({ dir: embeddedDir(dataDir), password: memoryPassword() }).destroy();
});

/** Settings → Security, as e2e/settings.ui.spec.ts does it: the embedded server's password needs a keychain. */
async function createKeyFile(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  const security = page.getByRole('region', { name: 'Security' });
  await security.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await security.getByLabel('Passphrase again').fill(PASSPHRASE);
  await security.getByRole('button', { name: 'Create key file' }).click();
  await expect(security).toContainText('Working');
}

async function openMoveCard(page: Page) {
  await page.getByRole('link', { name: 'Database' }).click();
  const card = page.getByRole('region', { name: 'Move your data' });
  await expect(card).toBeVisible();
  return card;
}

/** The card at the top of the view, so a screenshot shows the step. */
async function showCard(page: Page) {
  await page
    .getByRole('region', { name: 'Move your data' })
    .evaluate((card) => card.scrollIntoView({ block: 'start' }));
}

/** The embedded server's URL, with its password read from the key file the page created. */
async function embeddedUrl(dataDir: string): Promise<string> {
  const keys = await openKeyFile(keyFilePath(dataDir), PASSPHRASE);
  const secrets = {
    getSecret: (name: string) => keys.get(name),
    setSecret: (name: string, value: string) => keys.set(name, value),
    deleteSecret: (name: string) => keys.delete(name),
  };
  return new EmbeddedProvider({
    dir: embeddedDir(dataDir),
    password: passwordSlot(secrets, 'embedded'),
  }).connectionUrl();
}

/** A <dd> by its <dt>, inside one step's facts. */
function fact(scope: Locator, term: string) {
  return scope
    .locator('dl > div')
    .filter({ has: scope.page().getByRole('term').getByText(term, { exact: true }) })
    .getByRole('definition');
}

/** The cells of one table row, by the row's header. */
function rowCells(table: Locator, name: string) {
  return table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name, exact: true }) });
}

/** Records the page's 'move:progress' reports from now on. */
async function recordProgress(page: Page): Promise<() => Promise<MoveProgressEvent[]>> {
  await page.evaluate(() => {
    const events: unknown[] = [];
    (window as unknown as { moveEvents: unknown[] }).moveEvents = events;
    window.api.on('move:progress', (payload) => events.push(payload));
  });
  return () => page.evaluate(() => (window as unknown as { moveEvents: MoveProgressEvent[] }).moveEvents);
}

test('on the first visit to the Database page a server is already chosen, so "Check the move" can be pressed', async ({
  page,
  shot,
}) => {
  // Fresh from start: the overview has not been read yet when the wizard first shows (it used to stay unchosen).
  const card = await openMoveCard(page);
  const servers = card.getByRole('radiogroup', { name: 'PostgreSQL server to move to' });
  await expect(servers.getByRole('radio', { checked: true })).toHaveCount(1);
  const check = card.getByRole('button', { name: 'Check the move' });
  await expect(check).toBeEnabled();
  await showCard(page);
  await shot('move-00-first-visit');
});

test('move to PostgreSQL without Docker and back to SQLite, verified both ways', async ({
  page,
  app,
  store,
  dataDir,
  shot,
}) => {
  test.setTimeout(240_000);
  // mkdtemp makes the folder 0700; as root the server runs as `postgres`, which must reach its data inside.
  await chmod(dataDir, 0o755);
  const { location: original } = await store.info();
  // The first Tesco row, as the Transactions page lists it (see e2e/transactions.ui.spec.ts).
  const [known] = (await store.listTransactions({ search: 'tesco', limit: 1 })).items;
  if (!known) throw new Error('no Tesco rows in the demo data');
  const categories = (await store.listCategories()).map((c) => c.name);
  const [changedTo, changedAgain, changedLast] = categories.filter((name) => name !== known.category);
  if (!changedTo || !changedAgain || !changedLast) throw new Error('the demo data has too few categories');
  await createKeyFile(page);

  // ---- 1. the target ----
  const card = await openMoveCard(page);
  await expect(card.getByRole('form', { name: 'Where to move your data' })).toContainText(
    `Your data is now in SQLite file ${original}`,
  );
  await expect(card.getByRole('listitem').filter({ hasText: 'Target' })).toHaveAttribute('aria-current', 'step');
  await card.getByRole('radio', { name: 'PostgreSQL', exact: true }).check();
  await card.getByRole('radio', { name: 'Without Docker' }).check();
  await expect(card).toContainText('Checking starts the Without Docker server if it is not running.');
  await showCard(page);
  await shot('move-01-target');

  // ---- 2. the check: starts the embedded server, counts the rows ----
  await card.getByRole('button', { name: 'Check the move' }).click();
  await expect(card.getByRole('button', { name: 'Checking…' })).toBeDisabled();
  const preflight = card.getByRole('group', { name: 'Check before moving' });
  await expect(preflight).toBeVisible({ timeout: 120_000 });
  await expect(fact(preflight, 'From')).toHaveText(`SQLite file${original}`);
  await expect(fact(preflight, 'To')).toHaveText('PostgreSQL (Without Docker)');
  await expect(fact(preflight, 'Transactions')).toHaveText('3,000');
  await expect(fact(preflight, 'Estimated time')).toHaveText(/^(under a second|about .+)$/);
  const rows = Number((await fact(preflight, 'Rows, all tables').innerText()).replaceAll(',', ''));
  expect(rows).toBeGreaterThan(DEMO.transactions);
  await expect(preflight.getByRole('term').getByText('Free disk space')).toHaveCount(0);
  await expect(preflight.getByRole('checkbox')).toHaveCount(0);
  await showCard(page);
  await shot('move-02-preflight');

  // ---- 3a. a cancelled move leaves the target as it was ----
  // 3,000 rows copy in a blink, far too fast to cancel by hand. So the test holds a lock on the target's
  // transactions table: the move backs up, opens its transaction, and waits at its first write (it empties
  // the tables first). Cancel then reaches it mid-move, deterministically, and the lock is let go.
  const target = new pg.Client({ connectionString: await embeddedUrl(dataDir) });
  await target.connect();
  let events: () => Promise<MoveProgressEvent[]>;
  try {
    await target.query('BEGIN');
    await target.query('LOCK TABLE transactions IN ACCESS SHARE MODE');
    await preflight.getByRole('button', { name: 'Start the move' }).click();
    const moving = card.getByRole('group', { name: 'Moving' });
    await expect(moving).toContainText('Moving to PostgreSQL (Without Docker)');
    await expect
      .poll(
        async () =>
          (
            await target.query<{ n: number }>(
              "SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'transactions'::regclass",
            )
          ).rows[0]?.n,
        { timeout: 30_000 },
      )
      .toBe(1);
    // The backup's is the last report the main process sends before the first copied rows.
    await expect(moving.getByRole('status').first()).toHaveText('Backing up the store in use…');
    await showCard(page);
    await shot('move-03-backing-up');
    // The move goes on while the user looks elsewhere; coming back shows it, and the servers are left alone.
    await page.getByRole('link', { name: 'Transactions' }).click();
    await expect(page.getByText('3,000 transactions')).toBeVisible();
    await openMoveCard(page);
    await expect(moving.getByRole('status').first()).toHaveText('Backing up the store in use…');
    const server = page.getByRole('region', { name: 'PostgreSQL server' });
    await expect(server).toContainText('A move is under way; starting, stopping and destroying wait until it ends.');
    await expect(server.getByRole('button', { name: 'Stop' })).toBeDisabled();

    // The bars, with a report worded as the main process words them while the real move is held.
    await app.emit('move:progress', {
      phase: 'copy',
      message: 'Copying transactions',
      table: 'transactions',
      tableDone: 1_200,
      tableTotal: 3_000,
      done: 1_500,
      total: 3_300,
      rowsPerSecond: 41_000,
      etaSeconds: 2,
    });
    await expect(moving.getByRole('status').first()).toHaveText('Copying and checking transactions…');
    const overall = moving.getByRole('progressbar', { name: 'All tables' });
    await expect(overall).toHaveAttribute('value', '1500');
    await expect(overall).toHaveAttribute('max', '3300');
    await expect(moving).toContainText('1,500 of 3,300 rows · 41,000 rows/s · about 2 seconds left');
    const current = moving.getByRole('progressbar', { name: 'Table transactions' });
    await expect(current).toHaveAttribute('value', '1200');
    await expect(current).toHaveAttribute('max', '3000');
    await expect(moving).toContainText('1,200 of 3,000 rows');
    await expect(card.getByRole('listitem').filter({ hasText: 'Move' })).toHaveAttribute('aria-current', 'step');
    await shot('move-04-progress');

    await moving.getByRole('button', { name: 'Cancel' }).click();
    // Shown once the main process has the request: only then may the move go on.
    await expect(moving.getByRole('status').filter({ hasText: 'Cancel requested' })).toBeVisible();
    await expect(moving.getByRole('button', { name: 'Cancelling…' })).toBeDisabled();
    await shot('move-05-cancelling');
    await target.query('ROLLBACK');

    const stopped = card.getByRole('group', { name: 'Move stopped' });
    await expect(stopped.getByRole('status')).toContainText('Cancelled; the target is as it was.');
    await expect(stopped).toContainText(`Spending still uses the SQLite file ${original}, exactly as before.`);
    const { rows: left } = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM transactions');
    expect(left[0]?.n).toBe(0);
    await showCard(page);
    await shot('move-06-cancelled');

    // ---- 3b. the real move ----
    await stopped.getByRole('button', { name: 'Check again' }).click();
    await expect(preflight.getByRole('checkbox')).toHaveCount(0, { timeout: 30_000 });
    events = await recordProgress(page);
    await preflight.getByRole('button', { name: 'Start the move' }).click();
  } finally {
    await target.end();
  }

  // ---- 4. the report ----
  const report = card.getByRole('group', { name: 'Move report' });
  await expect(report.getByRole('status')).toContainText('Moved and verified', { timeout: 60_000 });
  await expect(report.getByRole('status')).toContainText(
    `Copied ${rows.toLocaleString('en-GB')} rows (3,000 transactions) from the SQLite file ${original} to PostgreSQL (Without Docker)`,
  );
  const tables = report.getByRole('table', { name: 'Tables moved' });
  await expect(rowCells(tables, 'transactions').getByRole('cell')).toHaveText([
    '3,000',
    '3,000',
    '0',
    '0',
    /^(\d+ ms|[\d.]+ s)$/,
    '✓ Match',
  ]);
  const tableRows = tables.getByRole('row').filter({ has: page.getByRole('rowheader') });
  const tableCount = await tableRows.count();
  expect(tableCount).toBeGreaterThan(3);
  await expect(tables.getByRole('cell').filter({ hasText: '✓ Match' })).toHaveCount(tableCount);
  const checks = report.getByRole('table', { name: 'Checks' });
  await expect(rowCells(checks, 'Transactions').getByRole('cell')).toHaveText(['3,000', '✓ Match']);
  // One row per category, in words, beside the old guide's four.
  const byCategory = await store.categoryStats({});
  const none = byCategory.find((c) => c.category === null);
  if (!none) throw new Error('the demo data has rows with no category');
  await expect(rowCells(checks, 'Transactions with no category').getByRole('cell')).toHaveText([
    `${none.count.toLocaleString('en-GB')}, ${formatPence(none.spendPence + none.incomePence)} in all`,
    '✓ Match',
  ]);
  const checkCount = await checks
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader') })
    .count();
  expect(checkCount).toBe(4 + byCategory.length);
  await expect(checks.getByRole('cell').filter({ hasText: '✓ Match' })).toHaveCount(checkCount);
  await expect(report.getByRole('region', { name: 'Rejected and changed rows' })).toContainText(
    'No rows were rejected or changed.',
  );
  // The backup the move made of the store in use first is Spending's own, and says so.
  await expect(report).toContainText('listed under Backups as “Before a move”');
  await expect(page.getByRole('table', { name: 'Backups' }).getByRole('row').nth(1)).toContainText('Before a move');
  const seen = await events();
  expect(new Set(seen.map((e) => e.phase))).toEqual(new Set(['backup', 'copy', 'done']));
  const lastCopy = seen.filter((e) => e.phase === 'copy').at(-1);
  expect(lastCopy).toMatchObject({ done: rows, total: rows });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    report.getByRole('button', { name: 'Export rejected rows (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^spending-move-rejected-rows-\d{8}-\d{6}\.csv$/);
  expect(await readFile(await download.path(), 'utf8')).toBe('\uFEFFtable,id,reason\r\n');
  const [fixes] = await Promise.all([
    page.waitForEvent('download'),
    report.getByRole('button', { name: 'Export changed rows (CSV)' }).click(),
  ]);
  expect(await readFile(await fixes.path(), 'utf8')).toBe('\uFEFFtable,id,column,original,reason\r\n');
  await showCard(page);
  await shot('move-07-report');
  await report.getByRole('button', { name: 'Switch now' }).scrollIntoViewIfNeeded();
  await shot('move-08-report-end');

  // ---- 5. switch ----
  await report.getByRole('button', { name: 'Switch now' }).click();
  const switched = card.getByRole('group', { name: 'Switched' });
  await expect(switched.getByRole('status')).toContainText('Spending now uses PostgreSQL (Without Docker).');
  await expect(switched).toContainText(`Your previous store, the SQLite file ${original}, is kept exactly as it was.`);
  const where = page.getByRole('region', { name: 'Where your data lives now' });
  await expect(where).toContainText('PostgreSQL (Without Docker)');
  await expect(page.getByLabel(/^Store: PostgreSQL, postgres:\/\//)).toBeVisible();
  await page.getByRole('heading', { name: 'Database', level: 1 }).scrollIntoViewIfNeeded();
  await shot('move-09-switched-to-postgres');
  await switched.getByRole('button', { name: 'Done' }).click();

  // ---- the data, now in PostgreSQL; one category changed there ----
  await page.getByRole('link', { name: 'Transactions' }).click();
  await expect(page.getByText('3,000 transactions')).toBeVisible();
  const category = page
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') })
    .first()
    .getByRole('combobox', { name: `Category for ${known.description}` });
  await page.getByLabel('Search transactions').fill('tesco');
  await category.click();
  await page.getByRole('option', { name: changedTo, exact: true }).click();
  const postgres = await openStore(await embeddedUrl(dataDir));
  try {
    await expect.poll(async () => (await postgres.getTransaction(known.id))?.category).toBe(changedTo);
  } finally {
    await postgres.close();
  }
  // The old file was left behind: the change is not in it.
  expect((await store.getTransaction(known.id))?.category).toBe(known.category);
  await shot('move-10-changed-in-postgres');

  // ---- and back to a new SQLite file ----
  await openMoveCard(page);
  await expect(card).toContainText('Your data is now in PostgreSQL (Without Docker)');
  await card.getByRole('radio', { name: 'Back to SQLite' }).check();
  await expect(card.getByLabel('New file (optional)')).toHaveValue('');
  await card.getByRole('button', { name: 'Check the move' }).click();
  await expect(fact(preflight, 'From')).toHaveText('PostgreSQL (Without Docker)');
  const to = fact(preflight, 'To');
  await expect(to).toHaveText(/^SQLite file.*spending-\d{8}-\d{6}\.sqlite$/);
  const newFile = (await to.locator('.details__mono').innerText()).trim();
  expect(dirname(newFile)).toBe(dataDir);
  await expect(fact(preflight, 'Transactions')).toHaveText('3,000');
  await expect(fact(preflight, 'Free disk space')).toHaveText(/^[\d,.]+ (GB|MB)$/);
  await showCard(page);
  await shot('move-11-back-preflight');
  await preflight.getByRole('button', { name: 'Start the move' }).click();
  await expect(report.getByRole('status')).toContainText('Moved and verified', { timeout: 60_000 });
  await expect(report.getByRole('status')).toContainText(
    `from PostgreSQL (Without Docker) to the SQLite file ${newFile}`,
  );
  await expect(rowCells(tables, 'transactions').getByRole('cell').nth(0)).toHaveText('3,000');
  await expect(rowCells(tables, 'transactions').getByRole('cell').nth(1)).toHaveText('3,000');
  await expect(tables.getByRole('cell').filter({ hasText: '✓ Match' })).toHaveCount(tableCount);
  await expect(checks.getByRole('cell').filter({ hasText: '✓ Match' })).toHaveCount(checkCount);
  await showCard(page);
  await shot('move-12-back-report');
  await report.getByRole('button', { name: 'Switch now' }).click();
  await expect(switched.getByRole('status')).toContainText('Spending now uses this SQLite file:');
  await expect(switched.getByRole('status')).toContainText(newFile);
  await expect(where).toContainText(newFile);
  await expect(page.getByLabel(/^Store: SQLite/)).toHaveAttribute('title', newFile);
  await page.getByRole('heading', { name: 'Database', level: 1 }).scrollIntoViewIfNeeded();
  await shot('move-13-switched-to-sqlite');
  await switched.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('link', { name: 'Transactions' }).click();
  await expect(page.getByText('3,000 transactions')).toBeVisible();
  await page.getByLabel('Search transactions').fill('tesco');
  await expect(category).toHaveText(new RegExp(`^${changedTo}\\b`));
  const back = await openStore(newFile);
  try {
    expect((await back.getTransaction(known.id))?.category).toBe(changedTo);
  } finally {
    await back.close();
  }
  await shot('move-14-change-came-back');

  // ---- a target that holds other data is replaced only when the user says so ----
  // PostgreSQL still holds the copy from before; change the SQLite file so the two differ.
  await category.click();
  await page.getByRole('option', { name: changedAgain, exact: true }).click();
  await expect(category).toHaveText(new RegExp(`^${changedAgain}\\b`));
  await openMoveCard(page);
  await card.getByRole('radio', { name: 'PostgreSQL', exact: true }).check();
  await card.getByRole('radio', { name: 'Without Docker' }).check();
  await card.getByRole('button', { name: 'Check the move' }).click();
  const warning = preflight.getByRole('alert');
  await expect(warning).toContainText('PostgreSQL (Without Docker) already holds data.');
  const start = preflight.getByRole('button', { name: 'Start the move' });
  await expect(start).toBeDisabled();
  await showCard(page);
  await shot('move-15-replace-warning');
  await preflight.getByRole('checkbox', { name: 'Replace what is there (it is backed up first)' }).check();
  await expect(start).toBeEnabled();
  await start.click();
  await expect(report.getByRole('status')).toContainText('Moved and verified', { timeout: 60_000 });
  await expect(rowCells(tables, 'transactions').getByRole('cell').nth(1)).toHaveText('3,000');
  const replaced = await openStore(await embeddedUrl(dataDir));
  try {
    expect((await replaced.getTransaction(known.id))?.category).toBe(changedAgain);
  } finally {
    await replaced.close();
  }

  // ---- a change after the move: the switch is refused, and running the move again fixes it ----
  await page.getByRole('link', { name: 'Transactions' }).click();
  await page.getByLabel('Search transactions').fill('tesco');
  await category.click();
  await page.getByRole('option', { name: changedLast, exact: true }).click();
  await expect(category).toHaveText(new RegExp(`^${changedLast}\\b`));
  await openMoveCard(page);
  await report.getByRole('button', { name: 'Switch now' }).click();
  await expect(report.getByRole('alert')).toContainText('The store in use has changed since the move');
  await expect(report.getByRole('alert')).toContainText(
    'Run the move again (it replaces the earlier copy), then switch.',
  );
  await expect(page.getByLabel(/^Store: SQLite/)).toHaveAttribute('title', newFile);
  // Switching is off the table until the copy is fresh again.
  await expect(report.getByRole('button', { name: 'Switch now' })).toHaveCount(0);
  await report.getByRole('button', { name: 'Run the move again' }).scrollIntoViewIfNeeded();
  await shot('move-16-switch-refused');
  await report.getByRole('button', { name: 'Run the move again' }).click();
  await expect(warning).toContainText('PostgreSQL (Without Docker) already holds data.', { timeout: 30_000 });
  await preflight.getByRole('checkbox', { name: 'Replace what is there (it is backed up first)' }).check();
  await start.click();
  await expect(report.getByRole('status')).toContainText('Moved and verified', { timeout: 60_000 });
  await report.getByRole('button', { name: 'Switch now' }).click();
  await expect(switched.getByRole('status')).toContainText('Spending now uses PostgreSQL (Without Docker).');
  await page.getByRole('link', { name: 'Transactions' }).click();
  await page.getByLabel('Search transactions').fill('tesco');
  await expect(category).toHaveText(new RegExp(`^${changedLast}\\b`));
});
