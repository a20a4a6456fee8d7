// The dashboard's cash flow, comparison and chart tables, recurring decisions
// and budget rollover: every figure against the Store's own answer for the same
// period and day, to the penny, at the narrowest window and a wide one, light
// and dark, with no figure clipped.
import type { Locator } from '@playwright/test';
import { addMonths, format, startOfMonth, subMonths } from 'date-fns';
import { formatPence } from '../db/money.js';
import { categoryLabel, formatMonth } from '../renderer/src/format.js';
import { signedPence, signedPercent } from '../renderer/src/pages/dashboard/signed.js';
import { expect, test } from './fixtures.js';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

/** Every cell's text wholly shown: nothing cut off by its cell or by the table's scroller. */
async function nothingClipped(table: Locator) {
  const clipped = await table.evaluate((t) =>
    [...t.querySelectorAll('td, th')]
      .filter((cell) => cell.scrollWidth > cell.clientWidth + 0.5)
      .map((cell) => cell.textContent),
  );
  expect(clipped).toEqual([]);
  const scroller = table.locator('xpath=..');
  expect(await scroller.evaluate((s) => s.scrollWidth <= s.clientWidth + 0.5)).toBe(true);
}

async function rowTexts(table: Locator): Promise<string[]> {
  return table.locator('tbody tr').allTextContents();
}

for (const width of [880, 1280] as const)
  test(`cash flow and the chart tables give every figure of the period, and the comparison the changes (${width} px)`, async ({
    page,
    store,
    shot,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    const today = new Date();
    const period = { from: iso(startOfMonth(subMonths(today, 11))), to: iso(today) };

    const cashFlow = page.getByRole('region', { name: 'Cash flow by month' });
    await expect(cashFlow.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await cashFlow.scrollIntoViewIfNeeded();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await shot(`dashboard-cash-flow-${width}-${theme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // The keyboard reaches the table; its rows are the store's months, to the penny.
    const toggle = cashFlow.getByRole('button', { name: 'Show as table' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const months = await store.reports.months(period);
    const flowTable = cashFlow.getByRole('table', { name: 'Cash flow by month' });
    expect(await rowTexts(flowTable)).toEqual(
      months.map(
        (m) =>
          `${formatMonth(m.month)}${formatPence(m.incomePence)}${formatPence(m.spendPence)}${formatPence(m.netPence)}`,
      ),
    );
    await nothingClipped(flowTable);

    // The older monthly chart's table says the same.
    const monthly = page.getByRole('region', { name: 'Income and spending by month' });
    await monthly.getByRole('button', { name: 'Show as table' }).click();
    expect(await rowTexts(monthly.getByRole('table', { name: 'Income and spending by month' }))).toEqual(
      await rowTexts(flowTable),
    );

    const byCategory = page.getByRole('region', { name: 'Spending by category' });
    await byCategory.getByRole('button', { name: 'Show as table' }).click();
    const categories = (await store.categoryStats({ dateFrom: period.from, dateTo: period.to }))
      .filter((c) => c.spendPence < 0)
      .sort((a, b) => a.spendPence - b.spendPence);
    const categoryTable = byCategory.getByRole('table', { name: 'Spending by category' });
    expect(await rowTexts(categoryTable)).toEqual(
      categories.map((c) => `${categoryLabel(c.category)}${formatPence(-c.spendPence)}`),
    );
    await nothingClipped(categoryTable);
    await flowTable.scrollIntoViewIfNeeded();
    await shot(`dashboard-tables-${width}-light`);

    // This period against the one before and a year earlier.
    const comparison = await store.reports.compare(period, iso(today));
    const compareTable = page.getByRole('table', { name: 'Spending against earlier periods' });
    const change = (pence: number, percent: number | null, base: number) =>
      `${pence > 0 ? '▲ ' : pence < 0 ? '▼ ' : ''}${signedPence(pence)}${signedPercent(percent)}was ${formatPence(base)}`;
    expect(await rowTexts(compareTable)).toEqual(
      comparison.categories.map(
        (c) =>
          `${categoryLabel(c.category)}${formatPence(c.currentPence)}${change(c.changePence, c.changePercent, c.previousPence)}${change(c.yearChangePence, c.yearChangePercent, c.yearAgoPence)}`,
      ),
    );
    const sum = (pick: (c: (typeof comparison.categories)[number]) => number) =>
      comparison.categories.reduce((total, c) => total + pick(c), 0);
    const [now, before, yearAgo] = [
      sum((c) => c.currentPence),
      sum((c) => c.previousPence),
      sum((c) => c.yearAgoPence),
    ];
    const percent = (base: number) => (base ? Math.round(((now - base) * 1000) / base) / 10 : null);
    await expect(compareTable.locator('tfoot tr')).toHaveText(
      `All spending${formatPence(now)}${change(now - before, percent(before), before)}${change(now - yearAgo, percent(yearAgo), yearAgo)}`,
    );
    await nothingClipped(compareTable);
    await compareTable.scrollIntoViewIfNeeded();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await shot(`dashboard-compare-${width}-${theme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // A new period: the tables follow the picker.
    await page.getByRole('combobox', { name: 'Period' }).selectOption({ label: 'Last year' });
    const lastYear = { from: `${today.getFullYear() - 1}-01-01`, to: `${today.getFullYear() - 1}-12-31` };
    const lastYearMonths = await store.reports.months(lastYear);
    await expect(flowTable.locator('tbody tr')).toHaveText(
      lastYearMonths.map(
        (m) =>
          `${formatMonth(m.month)}${formatPence(m.incomePence)}${formatPence(m.spendPence)}${formatPence(m.netPence)}`,
      ),
    );
    const lastYearCompare = await store.reports.compare(lastYear, iso(today));
    await expect(compareTable.locator('tbody tr').first()).toHaveText(
      (() => {
        const c = lastYearCompare.categories[0];
        if (!c) throw new Error('the demo data has spending last year');
        return `${categoryLabel(c.category)}${formatPence(c.currentPence)}${change(c.changePence, c.changePercent, c.previousPence)}${change(c.yearChangePence, c.yearChangePercent, c.yearAgoPence)}`;
      })(),
    );
  });

test('a recurring payment is renamed, confirmed and dismissed on the dashboard, and stays so', async ({
  page,
  store,
  shot,
}) => {
  await page.setViewportSize({ width: 880, height: 900 });
  const today = new Date();
  // The demo history ends before today: a gym paid on the 1st of each month up to this one is added here.
  const start = startOfMonth(subMonths(today, 5));
  for (let i = 0; i < 6; i++)
    await store.addTransaction({
      date: iso(addMonths(start, i)),
      description: 'GYM CLUB DD',
      amountPence: -2_599,
    });
  await page.reload();
  const asOf = iso(today);
  const found = (await store.reports.recurring(asOf)).payments.find((p) => p.merchant === 'GYM CLUB DD');
  if (!found) throw new Error('the gym is detected');
  const table = page.getByRole('table', { name: 'Recurring payments' });
  const row = table.getByRole('row').filter({ hasText: found.merchant });
  await expect(row).toHaveText(
    `${found.merchant}${found.cadence.replace(/ly$/, '')}${formatPence(found.amountPence)}${found.nextDate}Change`,
  );

  await row.getByRole('button', { name: `Change ${found.merchant}` }).click();
  const editor = page.getByRole('form', { name: `Change ${found.merchant}` });
  await editor.getByRole('textbox', { name: 'Name' }).fill('Gym membership');
  await editor.getByRole('textbox', { name: 'Name' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Renamed' })).toHaveText('Renamed to Gym membership.');
  const renamed = table.getByRole('row').filter({ hasText: 'Gym membership' });
  await renamed.getByRole('button', { name: 'Change Gym membership' }).click();
  await page.getByRole('form', { name: 'Change Gym membership' }).getByRole('button', { name: 'Confirm' }).click();
  await expect(renamed).toContainText('Gym membership ✓ confirmed');
  const kept = (await store.reports.recurring(asOf)).payments.find((p) => p.key === found.key);
  expect(kept).toMatchObject({ merchant: 'Gym membership', confirmed: true, amountPence: 2_599 });
  await page.getByRole('heading', { name: 'Recurring payments' }).scrollIntoViewIfNeeded();
  await shot('dashboard-recurring-confirmed-880-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await renamed.getByRole('button', { name: 'Change Gym membership' }).click();
  await shot('dashboard-recurring-editor-880-dark');

  await page.getByRole('form', { name: 'Change Gym membership' }).getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Dismissed' })).toContainText(
    'Dismissed Gym membership: it will not be listed again.',
  );
  await expect(renamed).toHaveCount(0);
  expect((await store.reports.recurring(asOf)).payments.some((p) => p.key === found.key)).toBe(false);
  // Still gone after the app reads everything afresh.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Recurring payments' })).toBeVisible();
  await expect(page.getByText('Looking through the history…')).toHaveCount(0);
  await expect(table.getByRole('row').filter({ hasText: 'Gym membership' })).toHaveCount(0);
  await page.emulateMedia({ colorScheme: 'light' });
});

test('a budget rolls its unspent money over from the dashboard', async ({ page, store }) => {
  await page.setViewportSize({ width: 880, height: 900 });
  const [category] = await store.listCategories();
  if (!category) throw new Error('the demo data has categories');
  await store.reports.setBudget({ category: category.name, amountPence: 10_000 });
  await page.reload();
  const row = page.getByRole('list', { name: 'Budgets this month' }).getByRole('listitem').filter({
    hasText: category.name,
  });
  const rollover = row.getByRole('checkbox', { name: 'Carry unspent money into next month' });
  await expect(rollover).not.toBeChecked();
  await rollover.click();
  await expect(rollover).toBeChecked();
  await expect
    .poll(async () => (await store.reports.budgets())[0])
    .toMatchObject({
      category: category.name,
      amountPence: 10_000,
      rollover: true,
    });
  await rollover.click();
  await expect(rollover).not.toBeChecked();
  await expect.poll(async () => (await store.reports.budgets())[0]?.rollover).toBe(false);
});
