// Settings → Security on a machine without a keychain (the test runs with no
// D-Bus session): the app says so, offers a passphrase file, then takes in
// the old app's .env through it. Secrets never reach the page.
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.js';

const OLD_ENV = fileURLToPath(new URL('fixtures/legacy/old-app.env', import.meta.url));

test.skip(
  process.platform !== 'linux' || Boolean(process.env.DBUS_SESSION_BUS_ADDRESS),
  'needs a Linux session without a Secret Service',
);

test('without a keychain: offers a passphrase file, then imports the old .env', async ({ page, picker, shot }) => {
  await page.getByRole('link', { name: 'Settings' }).click();
  const security = page.getByRole('region', { name: 'Security' });
  await expect(security).toContainText('Not available');
  await shot('06-security-no-keychain');

  await security.getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
  await security.getByLabel('Passphrase again').fill('a long passphrase');
  await security.getByRole('button', { name: 'Create key file' }).click();
  await expect(security).toContainText('Passphrase-protected key file');
  await expect(security).toContainText('Working');

  picker.next = OLD_ENV;
  await security.getByRole('button', { name: 'Import the old app’s .env…' }).click();
  const report = security.getByRole('status');
  await expect(report).toContainText('TrueLayer client secret');
  await expect(report).toContainText('PostgreSQL password');
  await expect(report).toContainText('TrueLayer client id: sandbox-spending-4f2a');
  await expect(page.locator('body')).not.toContainText('tl-client-secret-9b1c');
  await expect(page.locator('body')).not.toContainText('s3cret pass#word');
  await shot('07-security-env-imported');

  await security.getByRole('button', { name: 'Rotate encryption key' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Rotate key' }).click();
  await expect(security).toContainText('New key in use; 0 bank connections re-encrypted.');
});
