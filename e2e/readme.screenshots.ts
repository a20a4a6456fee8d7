// The README's pictures: the app on the demo data at 1280x800, taken by
// `npm run screenshots` (e2e/support/readme-screenshots.mjs) into
// docs/screenshots/. Not part of `npm test`: its project exists only when that
// script runs.
import { join } from 'node:path';
import { loadConfig, saveConfig } from '../main/services/config/config.js';
import { expect, test, type Page } from './fixtures.js';

const OUT = join('docs', 'screenshots');

async function picture(page: Page, name: string): Promise<void> {
  // No caret or hover state in a picture people read.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

test('dashboard', async ({ page }) => {
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('list', { name: 'Spending by category' }).getByRole('listitem').first()).toBeVisible();
  await picture(page, 'dashboard');
});

test('transactions', async ({ page }) => {
  await page.getByRole('link', { name: 'Transactions' }).click();
  await expect(
    page
      .getByRole('row')
      .filter({ has: page.getByRole('gridcell') })
      .first(),
  ).toBeVisible();
  await picture(page, 'transactions');
});

test('database', async ({ page, store, dataDir }) => {
  // As the real app's config would: the page then shows the store in use and its backups.
  const { location } = await store.info();
  await saveConfig(dataDir, { ...(await loadConfig(dataDir)), store: { kind: 'sqlite', path: location } });
  await page.getByRole('link', { name: 'Database' }).click();
  await expect(page.getByRole('region', { name: 'Backups' })).toContainText('No backups yet.');
  await picture(page, 'database');
});
