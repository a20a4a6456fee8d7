// The Transactions grid as a person works it: the orders they mean, a
// scrollbar that stands for every matching row, rows before the count, and
// editing a transaction in place.
import { formatPence } from '../db/money.js';
import { expect, test } from './fixtures.js';

test('sorting by amount offers the largest spend first and the largest income first', async ({ page, store, shot }) => {
  await store.addTransaction({ date: '2026-10-30', description: 'Small coffee', amountPence: -251 });
  await store.addTransaction({ date: '2026-10-30', description: 'Big shop', amountPence: -8_600_000 });
  await page.getByRole('link', { name: 'Transactions' }).click();
  const rows = page.getByRole('row').filter({ has: page.getByRole('gridcell') });
  const amountOf = (row: number) => rows.nth(row).getByRole('gridcell').nth(4);

  const sortBy = page.getByLabel('Sort by');
  await sortBy.selectOption('Largest spend first');
  await expect(rows.first()).toContainText('Big shop');
  await expect(amountOf(0)).toHaveText(formatPence(-8_600_000));
  const [, second] = (await store.listTransactions({ sort: 'amount', direction: 'asc', limit: 2 })).items;
  await expect(amountOf(1)).toHaveText(formatPence(second?.amountPence ?? 0));
  await shot('grid-01-largest-spend');

  await sortBy.selectOption('Largest income first');
  const [income] = (await store.listTransactions({ sort: 'amount', direction: 'desc', limit: 1 })).items;
  if (!income || income.amountPence <= 0) throw new Error('no income in the demo data');
  await expect(amountOf(0)).toHaveText(formatPence(income.amountPence));

  // The column heading says the same order it sorts by.
  await page.getByRole('button', { name: 'Date' }).click();
  await expect(sortBy).toHaveValue('Newest first');
  await page.getByRole('button', { name: 'Amount' }).click();
  await expect(sortBy).toHaveValue('Largest spend first');
  await expect(rows.first()).toContainText('Big shop');
});
