// The core journey, once per store dialect: open the app, see the seeded
// transactions, search, change a category, reload, and find it kept.
import { formatPence } from '../db/money.js';
import { plural } from '../renderer/src/format.js';
import { expect, test } from './fixtures.js';

test('browse, search and recategorise transactions; the change survives a reload', async ({ page, store, shot }) => {
  const [newest] = (await store.listTransactions({ limit: 1 })).items;
  if (!newest) throw new Error('the demo store is empty');

  await page.getByRole('link', { name: 'Transactions' }).click();
  const rows = page.getByRole('row').filter({ has: page.getByRole('gridcell') });
  await expect(rows.first()).toContainText(newest.description);
  await expect(page.getByText('3,000', { exact: false }).first()).toBeVisible();
  await shot('01-transactions');

  await page.getByLabel('Search transactions').fill('tesco');
  await expect(rows.first()).toContainText(/tesco/i);
  const [firstTesco] = (await store.listTransactions({ search: 'tesco', limit: 1 })).items;
  if (!firstTesco) throw new Error('no Tesco rows in the demo data');
  await expect(rows.first()).toContainText(firstTesco.description);
  for (const text of await rows.allInnerTexts()) expect(text.toLowerCase()).toContain('tesco');
  await shot('02-search-tesco');

  const target = firstTesco.category === 'Entertainment' ? 'Health' : 'Entertainment';
  await rows
    .first()
    .getByRole('combobox', { name: `Category for ${firstTesco.description}` })
    .click();
  await page.getByRole('option', { name: target, exact: true }).click();
  await expect.poll(async () => (await store.getTransaction(firstTesco.id))?.category).toBe(target);
  await shot('03-category-changed');

  await page.reload();
  await page.getByRole('link', { name: 'Transactions' }).click();
  await page.getByLabel('Search transactions').fill('tesco');
  await expect(rows.first().getByRole('combobox', { name: `Category for ${firstTesco.description}` })).toHaveText(
    new RegExp(`^${target}\\b`),
  );
  await shot('04-after-reload');
});

test("the dashboard shows the store's totals to the penny", async ({ page, store, shot }) => {
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('combobox', { name: 'Period' }).selectOption({ label: 'All time' });
  const months = await store.monthlyStats({});
  const income = months.reduce((n, m) => n + m.incomePence, 0);
  const spend = months.reduce((n, m) => n + m.spendPence, 0);
  const totals = page.locator('dl.totals');
  await expect(totals.getByRole('definition').nth(0)).toHaveText(formatPence(income));
  await expect(totals.getByRole('definition').nth(1)).toHaveText(formatPence(-spend));
  await expect(totals.getByRole('definition').nth(2)).toHaveText(formatPence(income + spend));
  const [biggest] = (await store.categoryStats({})).filter((c) => c.spendPence < 0);
  if (!biggest) throw new Error('no spending in the demo data');
  const bars = page.getByRole('list', { name: 'Spending by category' }).getByRole('listitem');
  await expect(bars.first()).toContainText(biggest.category ?? 'Uncategorised');
  await expect(bars.first()).toContainText(formatPence(-biggest.spendPence));
  await shot('05-dashboard');
});

test('changing one row’s category offers the merchant’s other rows, in one step the Rules page can undo', async ({
  page,
  store,
  shot,
}) => {
  await store.bulkInsert([
    {
      table: 'transactions',
      rows: [1, 2, 3, 4].map((i) => ({
        date: `2026-10-2${i}`,
        description: `GNUSTO BOOKS ${i}`,
        merchant: 'Gnusto Books',
        amount: -1000 - i,
        category: null,
      })),
    },
  ]);
  const gnusto = async () =>
    (await store.listTransactions({ search: 'gnusto', limit: 10, sort: 'date' })).items.map((t) => t.category);

  await page.getByRole('link', { name: 'Transactions' }).click();
  await page.getByLabel('Search transactions').fill('gnusto');
  const rows = page.getByRole('row').filter({ has: page.getByRole('gridcell') });
  await expect(rows).toHaveCount(4);
  await rows.first().getByRole('combobox', { name: 'Category for GNUSTO BOOKS 4' }).click();
  await page.getByRole('option', { name: 'Entertainment', exact: true }).click();

  const offer = page.getByRole('region', { name: 'Same merchant' });
  await expect(offer).toContainText('Also put the 3 other transactions from Gnusto Books in Entertainment?');
  await shot('05-same-merchant-offer');
  await offer.getByRole('button', { name: 'Also the 3 other transactions' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Put 3 more transactions' })).toHaveText(
    'Put 3 more transactions from Gnusto Books in Entertainment. Undo it on the Rules page.',
  );
  await expect(offer).toHaveCount(0);
  expect(await gnusto()).toEqual(['Entertainment', 'Entertainment', 'Entertainment', 'Entertainment']);
  await expect(rows.nth(3).getByRole('combobox', { name: 'Category for GNUSTO BOOKS 1' })).toHaveText(
    /^Entertainment\b/,
  );

  await page.getByRole('link', { name: 'Rules', exact: true }).click();
  await page.getByRole('button', { name: 'Undo last apply' }).click();
  await expect(page.getByRole('region', { name: 'Rules', exact: true }).getByRole('status')).toHaveText(
    'Put back 3 transactions.',
  );
  expect(await gnusto()).toEqual(['Entertainment', null, null, null]);

  // "Make this a rule": the Rules page's editor opens filled in, and counts what it would match.
  await page.getByRole('link', { name: 'Transactions' }).click();
  await page.getByLabel('Search transactions').fill('gnusto');
  await rows.nth(1).getByRole('combobox', { name: 'Category for GNUSTO BOOKS 3' }).click();
  await page.getByRole('option', { name: 'Shopping', exact: true }).click();
  await offer.getByRole('link', { name: 'Make this a rule' }).click();
  const form = page.getByRole('form', { name: 'Add a rule' });
  await expect(form.getByLabel('Look at')).toHaveValue('merchant');
  await expect(form.getByLabel('Operator')).toHaveValue('is');
  await expect(form.getByLabel('Text')).toHaveValue('Gnusto Books');
  await expect(form.getByLabel('Put in category')).toHaveValue('Shopping');
  await expect(form.getByRole('region', { name: 'Matches as you type' })).toContainText('Matches 4 transactions');
  await shot('06-make-this-a-rule');
});

test('the Huququllah filter and the edit dialog class an expense at 880 px; at 1280 px a column names each class', async ({
  page,
  store,
  shot,
}) => {
  const unclassified = await store.countTransactions({ huququllah: 'unclassified' });
  const discretionary = await store.countTransactions({ huququllah: 'discretionary' });
  expect(unclassified, 'the demo data has unclassified expenses').toBeGreaterThan(1);

  await page.setViewportSize({ width: 880, height: 800 });
  await page.getByRole('link', { name: 'Transactions' }).click();
  const grid = page.getByRole('grid', { name: 'Transactions' });
  const rows = grid.getByRole('row').filter({ has: page.getByRole('gridcell') });
  const status = page.getByRole('status').filter({ hasText: /transactions?$/ });
  await expect(rows.first()).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'Huququllah' })).toBeHidden();

  const filter = page.getByRole('combobox', { name: 'Huququllah' });
  await filter.selectOption({ label: 'Unclassified expenses' });
  await expect(status).toHaveText(plural(unclassified, 'transaction'));
  const [first] = (await store.listTransactions({ huququllah: 'unclassified', limit: 1 })).items;
  if (!first) throw new Error('no unclassified expense');
  await expect(rows.first()).toContainText(first.description);
  await shot('huququllah-unclassified-880');

  await rows
    .first()
    .getByRole('button', { name: `Edit ${first.description}` })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Edit transaction' });
  const choice = dialog.getByRole('combobox', { name: 'Huququllah' });
  await expect(choice).toHaveValue('');
  await choice.selectOption({ label: 'Discretionary' });
  await shot('huququllah-edit-dialog-880');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await store.getTransaction(first.id))?.huququllahClassification).toBe('discretionary');
  await expect(status).toHaveText(plural(unclassified - 1, 'transaction'));

  await page.setViewportSize({ width: 1280, height: 800 });
  await filter.selectOption({ label: 'Discretionary' });
  await expect(status).toHaveText(plural(discretionary + 1, 'transaction'));
  const header = grid.getByRole('columnheader', { name: 'Huququllah' });
  await expect(header).toBeVisible();
  const cell = rows.filter({ hasText: first.description }).first().getByRole('gridcell').nth(5);
  await expect(cell).toHaveText('Discretionary');
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await shot(`huququllah-discretionary-1280-${theme}`);
  }
  await page.setViewportSize({ width: 880, height: 800 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await filter.selectOption({ label: 'Any' });
  await shot('huququllah-any-880-dark');
});

test('every expense the filters show is set to one Huququllah class after a count, and Undo puts each back', async ({
  page,
  store,
  shot,
}) => {
  const greggs = async () => (await store.listTransactions({ merchant: 'Greggs', limit: 500 })).items;
  const [first] = await greggs();
  if (!first || first.amountPence >= 0) throw new Error('the demo data starts Greggs with an expense');
  // One already essential, so the count has a part that will not change.
  await store.updateTransaction(first.id, { huququllahClassification: 'essential' });
  const rows = await greggs();
  expect(rows.length, 'one page holds every Greggs row').toBeLessThan(500);
  const expenses = rows.filter((t) => t.amountPence < 0);
  const toChange = expenses.filter((t) => t.huququllahClassification !== 'essential');
  expect(toChange.length, 'the demo data has Greggs expenses not yet essential').toBeGreaterThan(0);
  const before = new Map(rows.map((t) => [t.id, t.huququllahClassification]));

  await page.setViewportSize({ width: 880, height: 800 });
  await page.getByRole('link', { name: 'Transactions' }).click();
  await expect(page.getByRole('button', { name: 'Class these…' })).toBeHidden();
  await page.getByRole('textbox', { name: 'Merchant' }).fill('Greggs');
  await expect(page.getByRole('status').filter({ hasText: /transactions?$/ })).toHaveText(
    plural(rows.length, 'transaction'),
  );
  await page.getByRole('button', { name: 'Class these…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set the Huququllah class of these expenses' });
  await dialog.getByRole('radio', { name: 'Essential' }).check();
  const confirm = dialog.getByRole('button', { name: `Set ${plural(toChange.length, 'expense')} to Essential` });
  await expect(confirm).toBeEnabled();
  expect(rows.length, 'Greggs rows are all expenses').toBe(expenses.length);
  const already = expenses.length - toChange.length;
  await expect(dialog.getByRole('status')).toHaveText(
    `Of the ${plural(expenses.length, 'expense')} shown, ${toChange.length} will be set to Essential; ${already} already ${already === 1 ? 'is' : 'are'}.`,
  );
  await shot('huququllah-bulk-dialog-880');
  await confirm.click();
  await expect(dialog).toBeHidden();
  const done = page.getByRole('region', { name: 'Huququllah classing' });
  await expect(done).toContainText(`${plural(toChange.length, 'expense')} set to Essential.`);
  expect(await store.countTransactions({ merchant: 'Greggs', huququllah: 'essential' })).toBe(expenses.length);
  await shot('huququllah-bulk-done-880');

  await done.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Put back' })).toHaveText(
    `Put back the class of ${plural(toChange.length, 'expense')}.`,
  );
  expect(new Map((await greggs()).map((t) => [t.id, t.huququllahClassification]))).toEqual(before);
});
