// The dashboard's top merchants and recurring payments: each table against
// the Store's own answer for the same period and day, at the narrowest
// window, light and dark.
import { format, startOfMonth, subMonths } from 'date-fns';
import { formatPence } from '../db/money.js';
import { plural } from '../renderer/src/format.js';
import { expect, test } from './fixtures.js';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

test('top merchants follow the period picker; recurring payments list what the history shows', async ({
  page,
  store,
  shot,
}) => {
  await page.setViewportSize({ width: 880, height: 900 });
  const today = new Date();
  const lastTwelveMonths = await store.reports.merchants(
    { from: iso(startOfMonth(subMonths(today, 11))), to: iso(today) },
    10,
  );
  const merchants = page.getByRole('table', { name: 'Top merchants' });
  const firstRow = merchants.getByRole('row').nth(1);
  const top = lastTwelveMonths[0];
  if (!top) throw new Error('the demo data has spending in the last 12 months');
  await expect(firstRow).toHaveText(
    `${top.merchant}${formatPence(top.spendPence)}${top.count.toLocaleString('en-GB')}`,
  );
  await expect(merchants.getByRole('row')).toHaveCount(lastTwelveMonths.length + 1);

  const recurring = await store.reports.recurring(iso(today));
  const table = page.getByRole('table', { name: 'Recurring payments' });
  await expect(table.getByRole('row')).toHaveCount(recurring.payments.length + 1);
  const soonest = recurring.payments[0];
  if (soonest)
    await expect(table.getByRole('row').nth(1)).toHaveText(
      `${soonest.merchant}${soonest.cadence.replace(/ly$/, '')}${formatPence(soonest.amountPence)}${soonest.nextDate}Change`,
    );
  await page.getByRole('heading', { name: 'Top merchants' }).scrollIntoViewIfNeeded();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await shot(`reports-merchants-880-${theme}`);
  }
  await page.getByRole('heading', { name: 'Recurring payments' }).scrollIntoViewIfNeeded();
  await shot('reports-recurring-880-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('combobox', { name: 'Period' }).selectOption({ label: 'All time' });
  const allTime = (await store.reports.merchants({}, 10))[0];
  await expect(firstRow).toHaveText(
    `${allTime?.merchant}${formatPence(allTime?.spendPence ?? 0)}${allTime?.count.toLocaleString('en-GB')}`,
  );
});

test("a category's name on the dashboard opens its transactions over the same period", async ({ page, store }) => {
  const today = new Date();
  const period = { dateFrom: iso(startOfMonth(subMonths(today, 11))), dateTo: iso(today) };
  const link = page.getByRole('list', { name: 'Spending by category' }).getByRole('link').first();
  const name = await link.textContent();
  if (!name) throw new Error('the demo data has spending by category');
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Transactions', level: 1 })).toBeVisible();
  const count = await store.countTransactions({ ...period, categories: [name] });
  await expect(page.getByRole('status').filter({ hasText: 'transaction' })).toHaveText(plural(count, 'transaction'));
  expect(count).toBeGreaterThan(0);
});
