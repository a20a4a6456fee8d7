// Accounts first-class: the Accounts page lists a statement account (balance = the sum of its rows) and a
// bank-synced one (the bank's reported balance), makes and renames one; the Transactions page filters by
// account and totals the filtered rows as the store sums them, the edit dialog moves a row into an account, and
// only a wide window shows an account column.
import { formatPence } from '../db/money.js';
import type { BankTransaction } from '../db/bank/bank-types.js';
import { expect, test } from './fixtures.js';

test.skip(
  ({ storeKind }) => storeKind !== 'sqlite',
  'the pages do not depend on the dialect; the store tests run both',
);

function synced(key: string, date: string, description: string, pence: number): BankTransaction {
  return {
    dedupeKey: key,
    transactionId: key,
    providerTransactionId: null,
    timestamp: `${date}T09:00:00Z`,
    bookingDate: date,
    description,
    amountPence: pence,
    ledgerPence: pence,
    currency: 'GBP',
    transactionType: pence < 0 ? 'DEBIT' : 'CREDIT',
    transactionCategory: null,
    merchantName: null,
    runningBalancePence: null,
    metadata: null,
  };
}

test('lists statement and synced accounts with their balances, filters transactions by account and totals them', async ({
  page,
  store,
  shot,
}) => {
  const cash = await store.accounts.create({ name: 'Santander current' });
  for (const [i, pence] of [-1234, -5, 250_000].entries())
    await store.addTransaction({
      date: `2026-10-1${i}`,
      description: `STATEMENT ROW ${i}`,
      amountPence: pence,
      accountId: cash.id,
    });
  const connection = await store.bank.createConnection({ providerId: 'ob-monzo', providerName: 'Monzo', scope: '' });
  const ids = await store.bank.upsertAccounts(connection, [
    {
      accountId: 'm1',
      kind: 'account',
      accountType: 'TRANSACTION',
      displayName: 'Current Account',
      currency: 'GBP',
      accountNumber: null,
      providerData: null,
    },
  ]);
  const monzo = ids.get('m1') ?? 0;
  await store.bank.transactions.write(monzo, 'TrueLayer: Monzo', [synced('t1', '2026-10-20', 'PRET A MANGER', -455)]);
  await store.bank.addBalance(monzo, {
    currentPence: 98_765,
    availablePence: null,
    overdraftPence: null,
    currency: 'GBP',
  });
  await store.bank.markAccountSynced(monzo, new Date('2026-10-21T08:00:00Z'));

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
  const list = page.getByRole('region', { name: 'Your accounts' });
  const santander = list.getByRole('row').filter({ hasText: 'Santander current' });
  await expect(santander).toContainText(formatPence(248_761));
  await expect(santander).toContainText('sum of its transactions');
  await expect(santander).toContainText('Nothing imported');
  const synced1 = list.getByRole('row').filter({ hasText: 'Current Account (Monzo)' });
  await expect(synced1).toContainText(formatPence(98_765));
  await expect(synced1).toContainText('reported by the bank');
  await expect(synced1).toContainText('Synced 21 Oct 2026');
  await expect(synced1).toContainText('synced from Monzo');
  await shot('ledger-accounts-01-list-1280');

  await list.getByRole('button', { name: 'New account' }).click();
  const make = page.getByRole('dialog', { name: 'New account' });
  await make.getByLabel('Name').fill('Santander current');
  await make.getByLabel('Kind').selectOption('Credit card');
  await make.getByRole('button', { name: 'Create account' }).click();
  await expect(make.getByRole('alert')).toContainText('There is already an account called “Santander current”.');
  await make.getByLabel('Name').fill('Amex');
  await make.getByRole('button', { name: 'Create account' }).click();
  await expect(make).toHaveCount(0);
  await expect(list.getByRole('row').filter({ hasText: 'Amex' })).toContainText('Credit card');

  await list.getByRole('button', { name: 'Rename Current Account (Monzo)' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename Current Account (Monzo)' });
  await rename.getByLabel('Name').fill('Monzo');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toHaveCount(0);
  await expect(list.getByRole('row').filter({ hasText: 'Monzo' }).first()).toContainText(formatPence(98_765));
  await page.setViewportSize({ width: 880, height: 900 });
  await shot('ledger-accounts-02-list-880');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Transactions' }).click();
  await page.getByRole('combobox', { name: 'Account' }).selectOption('Santander current');
  const total = page.getByLabel('Total of these transactions');
  const expected = await store.totalTransactions({ accountId: cash.id });
  expect(expected).toEqual({ count: 3, spendPence: -1239, incomePence: 250_000, netPence: 248_761 });
  await expect(page.getByRole('status').filter({ hasText: 'transactions' })).toHaveText('3 transactions');
  await expect(total).toHaveText(`In ${formatPence(250_000)}Out ${formatPence(-1239)}Net ${formatPence(248_761)}`);
  await shot('ledger-accounts-03-filtered-880');

  // A row of no account is moved into Amex through its edit dialog.
  await page.getByRole('combobox', { name: 'Account' }).selectOption('All accounts');
  const amex = (await store.accounts.list()).find((a) => a.name === 'Amex')!;
  const [first] = (await store.listTransactions({ limit: 1 })).items;
  if (!first) throw new Error('the demo data has transactions');
  const row = page.getByRole('row').filter({ hasText: first.description }).first();
  await row.getByRole('button', { name: /^Edit/ }).click();
  const edit = page.getByRole('dialog', { name: 'Edit transaction' });
  await expect(edit.getByLabel('Account')).toHaveValue(first.accountId === null ? '' : String(first.accountId));
  await edit.getByLabel('Account').selectOption('Amex');
  await shot('ledger-accounts-04-edit-880');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toHaveCount(0);
  expect((await store.getTransaction(first.id))?.accountId).toBe(amex.id);
  await page.getByRole('combobox', { name: 'Account' }).selectOption('Amex');
  await expect(page.getByRole('status').filter({ hasText: 'transaction' })).toHaveText('1 transaction');
  await expect(total).toContainText(`Net ${formatPence(first.amountPence)}`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot('ledger-accounts-05-filtered-1280');
  // Only a wide window has room for an account column beside Description and Merchant.
  const grid = page.getByRole('grid', { name: 'Transactions' });
  await expect(grid.getByRole('columnheader', { name: 'Account' })).toHaveCount(0);
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(grid.getByRole('columnheader', { name: 'Account' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Account' }).selectOption('All accounts');
  await expect(
    grid.getByRole('row').filter({ hasText: 'PRET A MANGER' }).getByRole('gridcell', { name: 'Monzo' }),
  ).toBeVisible();
  await shot('ledger-accounts-06-column-1440');
});
