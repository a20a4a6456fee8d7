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
