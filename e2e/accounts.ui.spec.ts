// Account names: the accounts the transactions mention without a name are
// found with their counts and a sample, and one click opens the form filled in.
import { expect, test } from './fixtures.js';

test('finds the accounts mentioned in descriptions that have no name, and names one in a click', async ({
  page,
  store,
  shot,
}) => {
  await store.bulkInsert([
    {
      table: 'transactions',
      rows: [1, 2, 3].map((i) => ({
        date: `2026-10-2${i}`,
        description: `TRANSFER TO ACCOUNT 403020 71234567 REF ${i}`,
        amount: -10000 - i,
        category: null,
      })),
    },
  ]);
  const expected = (await store.rules.discoverAccounts()).find((a) => a.accountNumber === '71234567')!;
  expect(expected.count).toBe(3);

  await page.getByRole('link', { name: 'Accounts', exact: true }).click();
  await page.getByRole('button', { name: 'Find accounts without a name in your transactions' }).click();
  const item = page
    .getByRole('list', { name: 'Accounts without a name' })
    .getByRole('listitem')
    .filter({ hasText: '40-30-20 71234567' });
  await expect(item).toContainText('40-30-20 71234567: 3 transactions');
  await expect(item).toContainText(expected.sample[0]!.description);
  await shot('accounts-01-unnamed');

  await item.getByRole('button', { name: 'Name 40-30-20 71234567' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add account name' });
  await expect(dialog.getByLabel('Sort code')).toHaveValue('40-30-20');
  await expect(dialog.getByLabel('Account number')).toHaveValue('71234567');
  await dialog.getByLabel('Name').fill('Landlord');
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('cell', { name: 'Landlord', exact: true })).toBeVisible();
  await expect(item).toHaveCount(0);
  expect((await store.listAccountMappings()).map((m) => [m.sortCode, m.accountNumber, m.friendlyName])).toContainEqual([
    '403020',
    '71234567',
    'Landlord',
  ]);
});
