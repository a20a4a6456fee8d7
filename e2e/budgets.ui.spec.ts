// The dashboard's budgets card: set a budget with the keyboard, see the bar
// and the figures the Store itself works out for today, go over it, and
// remove it; at the narrowest window, light and dark.
import { format } from 'date-fns';
import { formatPence } from '../db/money.js';
import { expect, test } from './fixtures.js';

test('a budget set on the dashboard shows what is spent, left and left a day, then over, then goes', async ({
  page,
  store,
  shot,
}) => {
  await page.setViewportSize({ width: 880, height: 900 });
  const today = format(new Date(), 'yyyy-MM-dd');
  const [category] = await store.listCategories();
  if (!category) throw new Error('the demo data has categories');
  // The demo history ends before this month: this month's spending is made here.
  await store.addTransaction({
    date: today,
    description: 'Budget test',
    amountPence: -12_345,
    category: category.name,
  });

  const form = page.getByRole('form', { name: 'Set a budget' });
  await form.getByRole('combobox', { name: 'Category' }).selectOption(category.name);
  const amount = form.getByRole('textbox', { name: 'A month (£)' });
  await amount.fill('100.005');
  await amount.press('Enter');
  await expect(form.getByRole('alert')).toHaveText('Enter the amount in pounds and pence, like 250.00.');
  await expect(amount).toHaveAttribute('aria-invalid', 'true');

  await amount.fill('£1,000.01');
  await amount.press('Enter');
  const list = page.getByRole('list', { name: 'Budgets this month' });
  const row = list.getByRole('listitem').filter({ hasText: category.name });
  await expect(row).toHaveCount(1);
  const [under] = await store.reports.budgetStatus(today);
  expect(under?.amountPence).toBe(100_001);
  if (!under) throw new Error('the budget was stored');
  await expect(row).toContainText(`${formatPence(under.spentPence)} of ${formatPence(100_001)}`);
  await expect(row).toContainText(
    `${formatPence(under.leftPence)} left · ${formatPence(under.leftPerDayPence)} a day for ${under.daysLeft} day`,
  );
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(under.spentPence));
  await expect(amount).toHaveValue('');
  // The whole card in view, from its heading down to its form.
  await page.getByRole('heading', { name: 'Budgets this month' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await page.emulateMedia({ colorScheme: 'light' });
  await shot('budgets-880-light');

  // A lower amount for the same category changes it, and now it is over.
  await form.getByRole('combobox', { name: 'Category' }).selectOption(category.name);
  await amount.fill('50');
  await amount.press('Enter');
  await expect(row).toContainText('Over budget by');
  const [over] = await store.reports.budgetStatus(today);
  if (!over) throw new Error('the budget was stored');
  await expect(row).toContainText(`Over budget by ${formatPence(-over.leftPence)}`);
  expect(over.amountPence).toBe(5_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot('budgets-over-880-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await row.getByRole('button', { name: `Remove the ${category.name} budget` }).click();
  await expect(list).toHaveCount(0);
  await expect(page.getByText('No budgets yet: set one for a category below.')).toBeVisible();
  expect(await store.reports.budgets()).toEqual([]);
});
