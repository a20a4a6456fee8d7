// A bank statement CSV through the Import page against real services: a
// bank whose headers are not known (so a new column mapping is made, with
// DD/MM/YYYY dates, money out and in columns and a description holding a
// quoted comma), the preview before anything is written, the import, the
// same file again (nothing new), and undo. Runs once, on the SQLite project.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test, type Page } from './fixtures.js';

test.skip(({ storeKind }) => storeKind !== 'sqlite', 'the statement import is tested once, on the SQLite project');

const STATEMENT =
  'Posted on,What for,Withdrawn,Deposited,Running total\r\n' +
  '03/02/2025,"ACME, LTD SALARY",,1500.00,2500.00\r\n' +
  '04/02/2025,CORNER SHOP 12 HIGH ST,4.35,,2495.65\r\n' +
  '13/02/2025,"PLUMBER, J SMITH",120.00,,2375.65\r\n' +
  '30/02/2025,NOT A REAL DAY,1.00,,2374.65\r\n';

/** At both widths, light and dark, with `inView` scrolled to the middle of the window. */
async function shots(page: Page, shot: (name: string) => Promise<void>, name: string, inView: Locator) {
  for (const width of [1280, 880]) {
    await page.setViewportSize({ width, height: 900 });
    await inView.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await shot(`${name}-${width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('a CSV with a new mapping is previewed, imported, adds nothing the second time, and is undone', async ({
  page,
  picker,
  scratch,
  store,
  shot,
}) => {
  // Eight screenshots and a dozen reads of the file: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const path = join(scratch, 'statement.csv');
  writeFileSync(path, STATEMENT);
  const before = await store.countTransactions({});
  picker.next = path;

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
  const card = page.getByRole('region', { name: 'Bank statements' });
  await card.getByRole('button', { name: 'Choose a file…' }).click();
  await expect(card.getByRole('group', { name: 'Statement file' })).toContainText('statement.csv');
  await expect(card.getByRole('alert')).toContainText('The columns are not known yet.');
  await expect(card.getByLabel('Format', { exact: true })).toHaveAccessibleDescription('Found: CSV, utf-8');

  // The mapping: each pick reads the file again; the rows appear once every column is known.
  const columns = card.getByRole('group', { name: 'Columns' });
  await columns.getByLabel('Date column').selectOption({ label: 'Posted on (03/02/2025)' });
  await columns.getByLabel('Description column').selectOption({ label: 'What for (ACME, LTD SALARY)' });
  await columns.getByLabel('Amounts').selectOption('split');
  await columns.getByLabel('Money out column').selectOption({ label: 'Withdrawn (4.35)' });
  await columns.getByLabel('Money in column').selectOption({ label: 'Deposited (1500.00)' });
  await columns.getByLabel('Date format').selectOption('DD/MM/YYYY');
  await card.getByLabel('Account', { exact: true }).fill('Test bank');

  const preview = card.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('status')).toHaveText(
    '3 new rows to add · 0 rows already in Spending · 1 unreadable row',
  );
  const rows = preview.getByRole('table', { name: 'Rows read from the file' });
  await expect(rows.getByRole('row')).toHaveText([
    /Line.*Date.*Description.*Amount.*Status/,
    /2.*3 Feb 2025.*ACME, LTD SALARY.*£1,500\.00.*New/,
    /3.*4 Feb 2025.*CORNER SHOP 12 HIGH ST.*-£4\.35.*New/,
    /4.*13 Feb 2025.*PLUMBER, J SMITH.*-£120\.00.*New/,
  ]);
  await expect(preview).toContainText('Line 5: the date "30/02/2025" does not exist');
  await expect(card.getByLabel('Account', { exact: true })).toHaveAccessibleDescription(
    'A new account of this name is made.',
  );
  expect(await store.countTransactions({})).toBe(before);

  await columns.getByLabel('Save this mapping as').fill('Test bank');
  await columns.getByRole('button', { name: 'Save mapping' }).click();
  await expect(columns).toContainText('Saved as “Test bank”.');
  await shots(page, shot, 'statements-preview', rows);

  await card.getByRole('button', { name: 'Import 3 rows' }).click();
  await expect(card.getByRole('status', { name: 'Import result' })).toContainText(
    'Imported statement.csv: added 3 transactions, 0 already there, 1 unreadable row.',
  );
  expect(await store.countTransactions({})).toBe(before + 3);
  const past = page.getByRole('region', { name: 'Past statement imports' });
  await expect(past.getByRole('row')).toHaveCount(2);
  await expect(past.getByRole('row').nth(1)).toContainText(
    /statement\.csv.*Test bank\s*3 added, 0 already there, 1 unreadable/,
  );

  // The same file again, with the saved mapping: every row is already there, so there is nothing to import.
  await card.getByRole('button', { name: 'Choose another file…' }).click();
  await card.getByLabel('Saved mapping').selectOption('Test bank');
  await expect(preview.getByRole('status')).toHaveText(
    '0 new rows to add · 3 rows already in Spending · 1 unreadable row',
  );
  await expect(preview).toContainText('This very file was imported before');
  await expect(rows.getByRole('row').nth(1)).toContainText('Already there by same date, amount and description');
  await expect(card.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await shots(page, shot, 'statements-again', rows);
  expect(await store.countTransactions({})).toBe(before + 3);

  await past.getByRole('button', { name: /^Undo the import of statement\.csv/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Undo this import?' });
  await expect(dialog).toContainText('The 3 transactions that statement.csv added are removed');
  await dialog.getByRole('button', { name: 'Undo import' }).click();
  await expect(past.getByRole('status')).toHaveText('Undone: removed 3 transactions and the account “Test bank”.');
  await expect(past).toContainText('No statement files imported yet.');
  expect(await store.countTransactions({})).toBe(before);
  await expect(preview.getByRole('status')).toHaveText(
    '3 new rows to add · 0 rows already in Spending · 1 unreadable row',
  );
});
