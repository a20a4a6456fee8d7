// Budgets on both dialects: rollover across month and year ends, leap years,
// what is left per day, refunds, and budgets following their category.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { AppError } from '../errors.js';
import { openStore } from '../open-store.js';
import type { SqlStore } from '../sql-store.js';

const spend = (date: string, pence: number, category: string) => ({
  date,
  description: `CARD ${category.toUpperCase()}`,
  amount: -pence,
  category,
});

describe.each(storeTargets)('budgets on $dialect', ({ target }) => {
  let store: SqlStore;

  beforeAll(async () => {
    store = await openStore(await target());
    await store.addCategory('Pets');
    await store.bulkInsert([
      {
        table: 'transactions',
        rows: [
          // Transport: December 2027 leaves £30 of £50, carried into January.
          spend('2027-12-31', 2000, 'Transport'),
          spend('2028-01-01', 1000, 'Transport'),
          // Groceries: January leaves £50 of £300; February (29 days) spends £100, a £10 refund back.
          spend('2028-01-10', 25_000, 'Groceries'),
          spend('2028-02-29', 10_000, 'Groceries'),
          { date: '2028-02-15', description: 'REFUND TESCO', amount: 1000, category: 'Groceries' },
          // Dining: January overspent by £50; nothing of that comes off February.
          spend('2028-01-20', 15_000, 'Dining'),
          spend('2028-02-02', 4000, 'Dining'),
          // Pets in a year that is not a leap year.
          spend('2027-02-28', 700, 'Pets'),
        ],
      },
    ]);
    await store.reports.setBudget({ category: 'transport', amountPence: 5000, rollover: true }, '2027-12-05');
    await store.reports.setBudget({ category: 'Groceries', amountPence: 30_000, rollover: true }, '2028-01-03');
    await store.reports.setBudget({ category: 'Dining', amountPence: 10_000, rollover: true }, '2028-01-03');
    await store.reports.setBudget({ category: 'Pets', amountPence: 2800 }, '2027-02-01');
  });
  afterAll(() => store.close());

  const status = async (asOf: string, category: string) =>
    (await store.reports.budgetStatus(asOf)).find((b) => b.category === category);

  it('lists budgets under the category’s own name, each from the month it was set', async () => {
    expect(await store.reports.budgets()).toEqual([
      { category: 'Dining', amountPence: 10_000, rollover: true, startMonth: '2028-01' },
      { category: 'Groceries', amountPence: 30_000, rollover: true, startMonth: '2028-01' },
      { category: 'Pets', amountPence: 2800, rollover: false, startMonth: '2027-02' },
      { category: 'Transport', amountPence: 5000, rollover: true, startMonth: '2027-12' },
    ]);
  });

  it('carries what December left into January, and counts January from its 1st', async () => {
    expect(await status('2028-01-01', 'Transport')).toMatchObject({
      month: '2028-01',
      carriedPence: 3000,
      spentPence: 1000,
      leftPence: 7000,
      daysLeft: 31,
      leftPerDayPence: Math.floor(7000 / 31),
    });
    expect(await status('2028-01-31', 'Transport')).toMatchObject({ daysLeft: 1, leftPerDayPence: 7000 });
    // February: December's and January's leftovers (3000 + 7000) both carry.
    expect(await status('2028-02-10', 'Transport')).toMatchObject({ carriedPence: 7000, leftPence: 12_000 });
  });

  it('knows 29 February: one day left on the 29th, 29 days on the 1st; a refund counts against spending', async () => {
    expect(await status('2028-02-29', 'Groceries')).toMatchObject({
      carriedPence: 5000,
      spentPence: 9000,
      leftPence: 26_000,
      daysLeft: 1,
      leftPerDayPence: 26_000,
    });
    expect(await status('2028-02-01', 'Groceries')).toMatchObject({
      daysLeft: 29,
      leftPerDayPence: Math.floor(26_000 / 29),
    });
    expect(await status('2027-02-28', 'Pets')).toMatchObject({ daysLeft: 1, spentPence: 700, leftPerDayPence: 2100 });
  });

  it('carries nothing from an overspent month and shows nothing per day while over', async () => {
    expect(await status('2028-01-25', 'Dining')).toMatchObject({ leftPence: -5000, leftPerDayPence: 0 });
    expect(await status('2028-02-02', 'Dining')).toMatchObject({ carriedPence: 0, leftPence: 6000 });
  });

  it('changes an amount keeping the start month; follows a renamed category and goes with a deleted one', async () => {
    const changed = await store.reports.setBudget(
      { category: 'Pets', amountPence: 3000, rollover: true },
      '2028-05-01',
    );
    expect(changed).toEqual({ category: 'Pets', amountPence: 3000, rollover: true, startMonth: '2027-02' });
    const pets = (await store.listCategories()).find((c) => c.name === 'Pets');
    await store.renameCategory(pets?.id ?? 0, 'Pets & Vet');
    expect((await store.reports.budgets()).map((b) => b.category)).toContain('Pets & Vet');
    await store.deleteCategory(pets?.id ?? 0);
    expect((await store.reports.budgets()).map((b) => b.category)).not.toContain('Pets & Vet');
  });

  it('refuses an unknown category, a budget of nothing and removing one that is not there', async () => {
    await expect(store.reports.setBudget({ category: 'Yachts', amountPence: 100 })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(store.reports.setBudget({ category: 'Dining', amountPence: 0 })).rejects.toThrow(AppError);
    await expect(store.reports.removeBudget('Health')).rejects.toMatchObject({ code: 'not_found' });
    await store.reports.removeBudget('dining');
    expect((await store.reports.budgets()).map((b) => b.category)).not.toContain('Dining');
  });
});
