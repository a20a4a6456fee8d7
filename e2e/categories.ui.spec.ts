// One meaning of "Uncategorised" everywhere (no category: the dashboard, the
// filter and the grid agree, and 'Other' is a category like the rest), names
// that differ only in capitals or mean "none" refused, and a keyword that
// another category holds shown before it is added, with the choice to move it.
import { sql } from 'drizzle-orm';
import { formatPence } from '../db/money.js';
import { expect, test } from './fixtures.js';

test('"Uncategorised" is the same rows on the dashboard, in the filter and in the grid; Other is a category', async ({
  page,
  store,
  shot,
}) => {
  const stats = await store.categoryStats({});
  const none = stats.find((c) => c.category === null);
  const other = stats.find((c) => c.category === 'Other');
  if (!none || !other) throw new Error('the demo data has rows with no category and rows in Other');

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('combobox', { name: 'Period' }).selectOption({ label: 'All time' });
  const bars = page.getByRole('list', { name: 'Spending by category' });
  await expect(bars.getByRole('listitem').filter({ hasText: 'Uncategorised' })).toContainText(
    formatPence(-none.spendPence),
  );
  await expect(bars.getByRole('listitem').filter({ hasText: 'Other' })).toContainText(formatPence(-other.spendPence));

  await page.getByRole('link', { name: 'Transactions' }).click();
  await page.getByRole('button', { name: /^Categories:/ }).click();
  await page.getByRole('group', { name: 'Show only these categories' }).getByLabel('Uncategorised').check();
  await expect(page.getByRole('status').first()).toHaveText(`${none.count.toLocaleString('en-GB')} transactions`);
  const categoryCells = page
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') })
    .getByRole('combobox');
  await expect(categoryCells.first()).toHaveText(/^Uncategorised/);
  for (const text of await categoryCells.allInnerTexts()) expect(text).toMatch(/^Uncategorised/);
  await shot('categories-01-uncategorised-filter');

  // A row can be given a category and put back to none from the grid.
  await categoryCells.first().click();
  await page.getByRole('option', { name: 'Groceries', exact: true }).click();
  await expect.poll(() => store.countTransactions({ uncategorised: true })).toBe(none.count - 1);
  await categoryCells.first().click();
  await page.getByRole('option', { name: 'Uncategorised', exact: true }).click();
  await expect.poll(() => store.countTransactions({ uncategorised: true })).toBe(none.count);
});

test('category names: one that differs only in capitals, or means none, is refused in words', async ({
  page,
  shot,
}) => {
  await page.getByRole('link', { name: 'Categories & Rules' }).click();
  const form = page.getByRole('form', { name: 'Add category' });
  const name = form.getByLabel('New category');
  await name.fill('Coffee');
  await form.getByRole('button', { name: 'Add category' }).click();
  await expect(page.getByRole('heading', { name: 'Coffee', exact: true })).toBeVisible();
  await name.fill('coffee');
  await form.getByRole('button', { name: 'Add category' }).click();
  await expect(form.getByRole('alert')).toContainText('There is already a category called “Coffee”.');
  await shot('categories-02-case-duplicate');
  await name.fill('coffee beans');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await name.fill('uncategorised');
  await form.getByRole('button', { name: 'Add category' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    '“uncategorised” means no category in Spending; choose another name',
  );
  await expect(page.getByRole('heading', { name: /^uncategorised$/i })).toHaveCount(0);
});

test('a keyword another category holds is shown as it is typed, with which one wins, and can be moved', async ({
  page,
  store,
  shot,
}) => {
  const categories = await store.listCategories();
  const groceries = categories.find((c) => c.name === 'Groceries')!;
  await store.addKeyword(groceries.id, 'tesco');
  // The page opened before this write and keeps what it read for a while, as it would for another computer's.
  await page.reload();
  await page.getByRole('link', { name: 'Categories & Rules' }).click();
  const transport = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Transport' }) });
  await transport.getByLabel('New keyword for Transport').fill('TESCO');
  await expect(transport.getByRole('status')).toHaveText(
    '“tesco” is a keyword of Groceries, so transactions with it go there. “Move here” sends them to Transport instead.',
  );
  await shot('categories-03-keyword-elsewhere');
  await transport.getByRole('button', { name: 'Move keyword to Transport' }).click();
  await expect(transport.getByRole('list', { name: 'Keywords for Transport' })).toContainText('tesco');
  await expect(page.getByRole('list', { name: 'Keywords for Groceries' })).toHaveCount(0);

  // A store from the old app may hold it twice: both copies say which one sorts.
  await store.query(sql`INSERT INTO category_keywords (category_name, keyword) VALUES ('Groceries', 'tesco')`);
  await page.reload();
  await page.getByRole('link', { name: 'Categories & Rules' }).click();
  await expect(transport).toContainText(
    '“tesco” is also a keyword of Groceries; transactions with it go there, not to Transport, because that one was added last.',
  );
  const groceriesCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Groceries' }) });
  await expect(groceriesCard).toContainText(
    '“tesco” is also a keyword of Transport; transactions with it come here, because this one was added last.',
  );
  await transport.scrollIntoViewIfNeeded();
  await shot('categories-04-keyword-twice');
});
