// The Transactions grid as a person works it: the orders they mean, a
// scrollbar that stands for every matching row, rows before the count, and
// editing a transaction in place.
import { formatPence } from '../db/money.js';
import { expect, test, type Page } from './fixtures.js';

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

/** From now on, the page notes each call to the store as it starts and as it ends, in order. */
async function recordCalls(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: string[] = [];
    Object.assign(window, { __calls: log });
    const invoke = window.__spendingInvoke.bind(window);
    window.__spendingInvoke = (method, input) => {
      const call = `${method} ${JSON.stringify(input)}`;
      log.push(`start ${call}`);
      return invoke(method, input).finally(() => log.push(`end ${call}`));
    };
  });
}

function calls(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __calls: string[] }).__calls);
}

test('the scrollbar stands for every matching row: End and a drag show that position at once', async ({
  page,
  store,
  shot,
}) => {
  const total = await store.countTransactions({});
  await page.getByRole('link', { name: 'Transactions' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'transactions' })).toHaveText(
    `${total.toLocaleString('en-GB')} transactions`,
  );
  const body = page.locator('.grid__body');
  expect(await body.evaluate((element) => element.scrollHeight)).toBe(total * 40);

  await recordCalls(page);
  const row = (position: number) => page.locator(`[role="row"][aria-rowindex="${position + 2}"]`);
  await row(0).getByRole('gridcell').first().click();
  await page.keyboard.press('End');
  const [oldest] = (await store.listTransactions({ direction: 'asc', limit: 1 })).items;
  if (!oldest) throw new Error('the demo store is empty');
  await expect(row(total - 1)).toBeFocused();
  await expect(row(total - 1)).toContainText(oldest.description);
  await expect(row(total - 1)).toContainText(formatPence(oldest.amountPence));
  await shot('grid-02-end');

  const middle = Math.floor(total / 2) + 7;
  await body.evaluate((element, top) => (element.scrollTop = top), middle * 40);
  const [there] = (await store.listTransactions({ limit: 1, offset: middle })).items;
  if (!there) throw new Error('no row in the middle');
  await expect(row(middle)).toContainText(there.description);
  await expect(row(middle)).toContainText(formatPence(there.amountPence));
  await shot('grid-03-middle');
  // Each jump read the pages at its position, not every page on the way there.
  const pagesRead = (await calls(page)).filter((c) => c.startsWith('start listTransactions'));
  expect(pagesRead.length).toBeLessThanOrEqual(6);
});

test('rows come first: the count is asked for only once the first page is on screen', async ({ page, store }) => {
  await page.getByRole('link', { name: 'Transactions' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'transactions' })).not.toHaveText('Counting…');
  await recordCalls(page);
  await page.getByLabel('Search transactions').fill('tesco');
  const [firstTesco] = (await store.listTransactions({ search: 'tesco', limit: 1 })).items;
  const rows = page.getByRole('row').filter({ has: page.getByRole('gridcell') });
  await expect(rows.first()).toContainText(firstTesco?.description ?? 'no Tesco rows');
  const count = (await store.countTransactions({ search: 'tesco' })).toLocaleString('en-GB');
  await expect(page.getByRole('status').filter({ hasText: 'transactions' })).toHaveText(`${count} transactions`);

  const log = await calls(page);
  const pageDone = log.findIndex((c) => c.startsWith('end listTransactions') && c.includes('"search":"tesco"'));
  const countAsked = log.findIndex((c) => c.startsWith('start countTransactions') && c.includes('"search":"tesco"'));
  expect(pageDone).toBeGreaterThanOrEqual(0);
  expect(countAsked).toBeGreaterThan(pageDone);
});

test('a transaction is edited in place: date, description, amount and merchant, problems beside their fields, and its category cleared to none', async ({
  page,
  store,
  shot,
}) => {
  const added = await store.addTransaction({
    date: '2026-11-15',
    description: 'Flat white',
    amountPence: -1234,
    category: 'Dining',
    merchant: 'Corner Café',
  });
  await page.setViewportSize({ width: 880, height: 800 });
  await page.getByRole('link', { name: 'Transactions' }).click();
  const rows = page.getByRole('row').filter({ has: page.getByRole('gridcell') });
  await expect(rows.first()).toContainText('Flat white');
  await rows.first().getByRole('button', { name: 'Edit Flat white' }).click();

  const dialog = page.getByRole('dialog', { name: 'Edit transaction' });
  const description = dialog.getByLabel('Description');
  const amount = dialog.getByLabel('Amount (£)');
  await expect(description).toHaveValue('Flat white');
  await expect(amount).toHaveValue('12.34');
  await expect(dialog.getByLabel('Merchant (optional)')).toHaveValue('Corner Café');
  await expect(dialog.getByLabel('Category')).toHaveValue('Dining');

  await description.fill('  ');
  await amount.fill('twelve');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(description).toHaveAccessibleDescription('A transaction needs a description');
  await expect(amount).toHaveAccessibleDescription('Enter the amount in pounds and pence, like 12.50.');
  await shot('grid-04-edit-problems-880');
  await description.fill('Flat white and a croissant');
  await expect(description).not.toHaveAttribute('aria-invalid');
  await amount.fill('15.80');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  expect(await store.getTransaction(added.id)).toEqual(added);

  await dialog.getByLabel('Date').fill('2026-11-20');
  await dialog.getByLabel('Merchant (optional)').fill('Bakery');
  await dialog.getByLabel('Category').selectOption('Uncategorised');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect
    .poll(() => store.getTransaction(added.id))
    .toMatchObject({
      date: '2026-11-20',
      description: 'Flat white and a croissant',
      amountPence: -1580,
      merchant: 'Bakery',
      category: null,
    });
  await expect(rows.first()).toContainText('Flat white and a croissant');
  await expect(rows.first()).toContainText(formatPence(-1580));
  await expect(rows.first().getByRole('combobox')).toHaveText(/^Uncategorised/);

  // From the keyboard: E on a row edits it; income is the other way.
  await page.setViewportSize({ width: 1280, height: 800 });
  await rows.first().focus();
  await page.keyboard.press('e');
  await expect(dialog.getByLabel('Description')).toHaveValue('Flat white and a croissant');
  await dialog.getByLabel('Income').check();
  await shot('grid-05-edit-1280');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(async () => (await store.getTransaction(added.id))?.amountPence).toBe(1580);
  await expect(rows.first()).toBeFocused();
});
