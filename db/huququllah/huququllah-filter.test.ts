// The Transactions filter by Huququllah class on both dialects: the list and
// the count agree, income is never "unclassified", and SQLite walks the date
// index rather than gathering every expense and sorting them.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../e2e/support/test-databases.js';
import type { TransactionFilter } from '../model.js';
import { openStore } from '../open-store.js';
import type { SqlStore } from '../sql-store.js';
import { sqliteDialect } from '../sql/dialect.js';
import { pageQuery } from '../sql/transaction-queries.js';

const row = (date: string, description: string, amount: number, huququllah_classification: string | null) => ({
  date,
  description,
  amount,
  category: null,
  huququllah_classification,
});

describe.each(storeTargets)('Transactions filtered by Huququllah class on $dialect', ({ target, dialect }) => {
  let store: SqlStore;

  beforeAll(async () => {
    store = await openStore(await target());
    const rows = [
      row('2025-01-05', 'RENT', -80000, 'essential'),
      row('2025-01-06', 'CINEMA', -1234, 'discretionary'),
      row('2025-02-07', 'BOOKS', -1001, 'discretionary'),
      row('2025-02-08', 'SNACK', -350, null),
      row('2025-02-10', 'BUS', -250, null),
      row('2025-02-09', 'SALARY', 250000, null),
    ];
    await store.bulkInsert([{ table: 'transactions', rows }]);
  });
  afterAll(() => store.close());

  async function listed(filter: TransactionFilter): Promise<string[]> {
    const page = await store.listTransactions({ ...filter, limit: 100 });
    const count = await store.countTransactions(filter);
    expect(count).toBe(page.items.length);
    return page.items.map((t) => t.description);
  }

  it('lists and counts each class, and unclassified expenses without income', async () => {
    expect(await listed({ huququllah: 'essential' })).toEqual(['RENT']);
    expect(await listed({ huququllah: 'discretionary' })).toEqual(['BOOKS', 'CINEMA']);
    expect(await listed({ huququllah: 'unclassified' })).toEqual(['BUS', 'SNACK']);
    expect(await listed({ huququllah: 'unclassified', dateTo: '2025-02-08' })).toEqual(['SNACK']);
    expect(await store.countTransactions({})).toBe(6);
  });

  it('narrows the per-category and per-month totals too', async () => {
    const months = await store.monthlyStats({ huququllah: 'discretionary' });
    expect(months.map((m) => [m.month, m.count])).toEqual([
      ['2025-01', 1],
      ['2025-02', 1],
    ]);
    const categories = await store.categoryStats({ huququllah: 'unclassified' });
    expect(categories.map((c) => c.count)).toEqual([2]);
  });

  it.runIf(dialect === 'sqlite')('walks the date index in order rather than sorting every expense', async () => {
    await store.query(sql`ANALYZE`);
    const q = { huququllah: 'unclassified' as const, sort: 'date' as const, direction: 'desc' as const, limit: 100 };
    const plan = await store.query(sql`EXPLAIN QUERY PLAN ${pageQuery(sqliteDialect, q)}`);
    const steps = plan.map((r) => String(r.detail)).join('\n');
    expect(steps).toContain('idx_transactions_date');
    expect(steps).not.toContain('TEMP B-TREE');
  });
});
