// The Database page against real services: back up the SQLite store and
// restore it into a new, verified file; run an embedded PostgreSQL from
// creation to destruction; and test a connection to a server that is not
// there. Runs once, on the SQLite project: none of it depends on the dialect
// of the fixture's store.
import { chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { loadConfig, saveConfig } from '../main/services/config/config.js';
import { EmbeddedProvider } from '../main/services/postgres/embedded-provider.js';
import { memoryPassword } from '../main/services/postgres/memory-password.js';
import { embeddedDir } from '../main/services/postgres/postgres-service.js';
import { DEMO, expect, test, type Page } from './fixtures.js';
import type { HeldBackups } from './support/held-backups.js';

test.skip(({ storeKind }) => storeKind !== 'sqlite', 'the Database page is tested once, on the SQLite project');

// The fixture opens its store directly; tell the app's config about it, as
// the real app's config would, so the page and the backups see that file.
test.beforeEach(async ({ store, dataDir }) => {
  const { location } = await store.info();
  await saveConfig(dataDir, { ...(await loadConfig(dataDir)), store: { kind: 'sqlite', path: location } });
});

const NO_SECRET_SERVICE = process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS;

/** Settings → Security, as e2e/settings.ui.spec.ts does it: a passphrase key file where there is no keychain. */
async function createKeyFile(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  const security = page.getByRole('region', { name: 'Security' });
  await security.getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
  await security.getByLabel('Passphrase again').fill('a long passphrase');
  await security.getByRole('button', { name: 'Create key file' }).click();
  await expect(security).toContainText('Working');
}

async function openDatabasePage(page: Page) {
  await page.getByRole('link', { name: 'Database' }).click();
  await expect(page.getByRole('heading', { name: 'Database', level: 1 })).toBeVisible();
}

/** The SQLite file the page says is in use. */
async function activeStorePath(page: Page): Promise<string> {
  const where = page.getByRole('region', { name: 'Where your data lives now' });
  await expect(where).toContainText('SQLite file');
  const match = /File\s*(\S+)/.exec(await where.innerText());
  if (!match?.[1]) throw new Error('the page shows no store file');
  return match[1];
}

test('back up the SQLite store, then restore it into a new verified file and switch to it', async ({
  page,
  store,
  shot,
}) => {
  const { location: original } = await store.info();
  await openDatabasePage(page);
  expect(await activeStorePath(page)).toBe(original);

  const backups = page.getByRole('region', { name: 'Backups' });
  await expect(backups).toContainText('No backups yet.');
  await shot('db-01-overview');

  await backups.getByRole('button', { name: 'Back up now' }).click();
  await expect(backups.getByRole('status')).toContainText(`Backed up ${DEMO.transactions.toLocaleString('en-GB')}`);
  const rows = backups
    .getByRole('table', { name: 'Backups' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row.getByRole('cell').nth(0)).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
  await expect(row.getByRole('cell').nth(1)).toHaveText('Manual');
  await expect(row.getByRole('cell').nth(2)).toHaveText('SQLite');
  await expect(row.getByRole('cell').nth(3)).toHaveText(/^\d+\.\d MB$/);
  await expect(row.getByRole('cell').nth(4)).toHaveText('3,000');
  await shot('db-02-backed-up');

  await row.getByRole('button', { name: /^Restore the backup of / }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog).toContainText('new SQLite file');
  await expect(dialog).toContainText('Your current file is kept exactly as it is.');
  await dialog.getByRole('checkbox', { name: 'Switch to it now' }).check();
  await shot('db-03-restore-dialog');
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(dialog).toBeHidden();

  const report = backups.getByRole('status', { name: 'Restore result' });
  await expect(report).toContainText('every checksum matches the backup');
  await expect(report).toContainText(/\d+ tables, [\d,]+ rows/);
  await expect(report).toContainText('Spending now uses this file');

  const restored = await activeStorePath(page);
  expect(restored).not.toBe(original);
  expect(restored).toMatch(/spending-restored-\d{8}-\d{6}\.sqlite$/);
  await expect(page.getByLabel(/^Store: SQLite/)).toHaveAttribute('title', restored);
  await shot('db-04-restored-report');
  await page.getByRole('region', { name: 'Where your data lives now' }).scrollIntoViewIfNeeded();
  await shot('db-05-restored-store-in-use');

  await page.getByRole('link', { name: 'Transactions' }).click();
  const transactions = page.getByRole('row').filter({ has: page.getByRole('gridcell') });
  await expect(transactions.first()).toBeVisible();
  await expect(page.getByText('3,000', { exact: false }).first()).toBeVisible();
});

test.describe('PostgreSQL without Docker', () => {
  test.skip(!NO_SECRET_SERVICE, 'needs a Linux session without a Secret Service, to set up the passphrase key file');

  // Whatever happens in the test, no server is left running and no data folder is left behind.
  test.afterEach(async ({ dataDir }) => {
    await new EmbeddedProvider({ dir: embeddedDir(dataDir), password: memoryPassword() }).destroy();
  });

  test('create, start, read the logs, stop and destroy an embedded server', async ({ page, dataDir, shot }) => {
    test.setTimeout(180_000);
    // mkdtemp makes the folder 0700; as root the server runs as `postgres`, which must reach its data inside.
    await chmod(dataDir, 0o755);
    // The server's password goes in a keychain; this session has none, so first a key file.
    await createKeyFile(page);

    await openDatabasePage(page);
    const server = page.getByRole('region', { name: 'PostgreSQL server' });
    await server.getByRole('radio', { name: 'Without Docker' }).check();
    const panel = server.getByRole('group', { name: 'Without Docker server' });
    await expect(panel).toContainText('Not created');
    await expect(panel).toContainText('Next: Start it to create one.');
    // The panel at the top of the view, so the screenshots show its progress and logs.
    await panel.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await shot('db-06-embedded-absent');

    await panel.getByRole('button', { name: 'Start' }).click();
    await expect(panel.getByRole('status', { name: 'Start progress' })).toBeVisible();
    await shot('db-07-embedded-starting');

    await expect(panel.getByText('Running', { exact: true })).toBeVisible({ timeout: 120_000 });
    const details = panel.getByRole('definition');
    await expect(details.first()).toHaveText(/^127\.0\.0\.1:\d{2,5}$/);
    await expect(panel).toContainText('spending_db');
    await expect(panel).toContainText('spending_user');
    await expect(panel).toContainText(/PostgreSQL \d+\.\d+/);
    await expect(panel.getByLabel('Open it in psql')).toHaveText(/^psql -h 127\.0\.0\.1 -p \d+ -U spending_user/);
    await expect(panel.getByRole('button', { name: 'Start' })).toBeDisabled();
    await expect(server.getByRole('radio', { name: /Without Docker/ })).toBeChecked();

    await panel.getByRole('button', { name: 'Logs' }).click();
    await expect(panel.getByRole('log', { name: 'Server log' })).toContainText('ready to accept connections', {
      timeout: 10_000,
    });
    await shot('db-08-embedded-running-logs');

    await panel.getByRole('button', { name: 'Stop' }).click();
    await expect(panel.getByText('Stopped', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(panel).toContainText('The embedded server is stopped.');
    await expect(panel.getByRole('button', { name: 'Start' })).toBeEnabled();
    await shot('db-09-embedded-stopped');

    await panel.getByRole('button', { name: 'Destroy…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Destroy the Without Docker server?' });
    const destroy = dialog.getByRole('button', { name: 'Destroy', exact: true });
    await expect(destroy).toBeDisabled();
    const typed = dialog.getByLabel('Type “embedded postgres” to confirm');
    await typed.fill('embedded postgre');
    await expect(destroy).toBeDisabled();
    await typed.fill('embedded postgres');
    await expect(destroy).toBeEnabled();
    await shot('db-10-embedded-destroy-dialog');
    await destroy.click();
    await expect(dialog).toBeHidden();
    await expect(panel).toContainText('Not created');
    await expect(panel.getByRole('button', { name: 'Destroy…' })).toHaveCount(0);
    await shot('db-11-embedded-destroyed');
  });
});

test.describe('a backup that is still running', () => {
  test.use({ holdBackups: true });

  async function startHeldBackup(page: Page, backups: HeldBackups) {
    await openDatabasePage(page);
    await page.getByRole('region', { name: 'Backups' }).getByRole('button', { name: 'Back up now' }).click();
    await backups.entered;
    // Away and back: the page is built afresh and must learn of the backup from the app.
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await openDatabasePage(page);
    const card = page.getByRole('region', { name: 'Backups' });
    await expect(card.getByRole('button', { name: 'Backing up…' })).toBeDisabled();
    await expect(card.getByRole('status', { name: 'Backup progress' })).toBeVisible();
    return card;
  }

  test('is shown after navigating away and back, and is not run a second time', async ({ page, backups, shot }) => {
    const card = await startHeldBackup(page, backups);
    await shot('db-backup-running-after-navigation');
    backups.release();
    await expect(card.getByRole('status')).toContainText(`Backed up ${DEMO.transactions.toLocaleString('en-GB')}`);
    await expect(card.getByRole('button', { name: 'Back up now' })).toBeEnabled();
    expect(await backups.list()).toHaveLength(1);
  });

  test('can be cancelled from the page opened later', async ({ page, backups }) => {
    const card = await startHeldBackup(page, backups);
    await card.getByRole('button', { name: 'Cancel the backup' }).click();
    backups.release();
    await expect(card.getByRole('alert')).toContainText('The backup was cancelled.');
    await expect(card.getByRole('button', { name: 'Back up now' })).toBeEnabled();
    expect(await backups.list()).toEqual([]);
  });
});

test('the Docker settings offer the host network, for engines without a bridge network', async ({
  page,
  dataDir,
  shot,
}) => {
  await openDatabasePage(page);
  const server = page.getByRole('region', { name: 'PostgreSQL server' });
  await server.getByRole('radio', { name: 'Docker', exact: true }).check();
  await server.getByRole('button', { name: 'Advanced Docker settings' }).click();
  const form = server.getByRole('form', { name: 'Advanced Docker settings' });
  await expect(form.getByRole('radio', { name: 'Published port' })).toBeChecked();
  await form.getByRole('radio', { name: 'Host network' }).check();
  await form.scrollIntoViewIfNeeded();
  await shot('db-12-docker-host-network');
  await form.getByRole('button', { name: 'Save Docker settings' }).click();
  await expect(form.getByRole('status')).toContainText('Saved');
  expect((await loadConfig(dataDir)).postgres?.docker?.network).toBe('host');
});

/** A loopback port with nothing listening on it. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

test('my own server: a refused port is reported precisely, and the details are saved', async ({ page, shot }) => {
  const port = await closedPort();
  // Without a keychain, reading the saved password would fail before any connection is tried.
  if (NO_SECRET_SERVICE) await createKeyFile(page);
  await openDatabasePage(page);
  const server = page.getByRole('region', { name: 'PostgreSQL server' });
  await server.getByRole('radio', { name: 'My own server' }).check();
  const panel = server.getByRole('group', { name: 'My own server server' });
  await expect(panel).toContainText('Not set up');
  const form = panel.getByRole('form', { name: 'Your PostgreSQL server' });
  await expect(form.getByLabel('Password')).toHaveValue('');
  await expect(form.getByLabel('Password')).toHaveAttribute('type', 'password');

  await form.getByLabel('Host').fill('127.0.0.1');
  await form.getByLabel('Port').fill('');
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByLabel('Port')).toHaveAccessibleDescription('Enter a port from 1 to 65535.');
  await expect(form.getByLabel('Database')).toHaveAccessibleDescription('Enter the database');

  await form.getByLabel('Port').fill(String(port));
  await form.getByLabel('Database').fill('spending');
  await form.getByLabel('User').fill('me');
  await form.getByLabel('TLS').selectOption('disable');
  await form.getByRole('button', { name: 'Test connection' }).click();
  const result = form.getByRole('status').filter({ hasText: 'Nothing is accepting connections' });
  await expect(result).toContainText(`Nothing is accepting connections at postgres://me@127.0.0.1:${port}/spending`);
  await expect(result).toContainText('Next: Start the PostgreSQL server or check the host and port.');
  await expect(result).toContainText('Not answering');
  await shot('db-12-external-refused');

  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  // The status at the top now describes the saved server.
  await expect(panel.getByRole('status').first()).toContainText('Nothing is accepting connections');
  await expect(panel.getByLabel('Open it in psql')).toHaveText(
    `psql "host=127.0.0.1 port=${port} dbname=spending user=me"`,
  );
  await shot('db-13-external-saved');
});
