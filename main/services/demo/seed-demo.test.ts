// The seeded store on both dialects: the demo's Housing category exists, and
// the dashboard's all-time totals look like real accounts.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../db/open-store.js';
import { storeTargets } from '../../../e2e/support/test-databases.js';
import { HOUSING } from './account-holders.js';
import { seedDemo } from './seed-demo.js';

describe.each(storeTargets)('seedDemo on $dialect', ({ target }) => {
  it('adds the Housing category its rent and mortgage rows use, and income covers spending', async () => {
    const store = await openStore(await target());
    try {
      await seedDemo(store, { transactions: 2_000, seed: 5 });
      expect((await store.listCategories()).map((c) => c.name)).toContain(HOUSING);
      const stats = await store.categoryStats({});
      expect(stats.find((c) => c.category === HOUSING)?.count).toBeGreaterThan(12);
      const income = stats.reduce((sum, c) => sum + c.incomePence, 0);
      const spending = -stats.reduce((sum, c) => sum + c.spendPence, 0);
      expect(spending / income).toBeGreaterThan(0.6);
      expect(spending / income).toBeLessThan(1.1);
    } finally {
      await store.close();
    }
  });

  it('seeds a store whose user already made a Housing category', async () => {
    const store = await openStore(await target());
    try {
      await store.addCategory(HOUSING);
      await seedDemo(store, { transactions: 300, seed: 5 });
      expect((await store.listCategories()).filter((c) => c.name === HOUSING)).toHaveLength(1);
      expect(await store.countTransactions({})).toBe(300);
    } finally {
      await store.close();
    }
  });
});
