// The Huququllah sums on both dialects, and how SQLite reads them: the
// all-time summary reads the table once instead of walking the amount index
// (8 s instead of 0.25 s at 1M rows, bench/rules-bench.ts).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { openStore } from '../open-store.js';
import type { SqlStore } from '../sql-store.js';
import { sqliteDialect } from '../sql/dialect.js';
import { summaryQuery } from './huququllah-store.js';

describe.each(storeTargets)('Huququllah sums on $dialect', ({ target, dialect }) => {
  let store: SqlStore;

  beforeAll(async () => {
    store = await openStore(await target());
    const rows = [
      {
        date: '2025-01-05',
        description: 'RENT',
        amount: -80000,
        category: null,
        huququllah_classification: 'essential',
      },
      {
        date: '2025-01-06',
        description: 'CINEMA',
        amount: -1234,
        category: null,
        huququllah_classification: 'discretionary',
      },
      {
        date: '2025-02-07',
        description: 'BOOKS',
        amount: -1001,
        category: null,
        huququllah_classification: 'discretionary',
      },
      { date: '2025-02-08', description: 'SNACK', amount: -350, category: null, huququllah_classification: null },
      { date: '2025-02-09', description: 'SALARY', amount: 250000, category: null, huququllah_classification: null },
    ];
    await store.bulkInsert([{ table: 'transactions', rows }]);
  });
  afterAll(() => store.close());

  it('adds up essential, discretionary, 19 % due and the unclassified count, all time and for a period', async () => {
    expect(await store.huququllah.summary()).toEqual({
      essentialPence: 80000,
      discretionaryPence: 2235,
      duePence: 425, // 19 % of 22.35 = 4.2465, half a penny up
      unclassified: 1,
    });
    expect(await store.huququllah.summary({ from: '2025-02-01', to: '2025-02-28' })).toEqual({
      essentialPence: 0,
      discretionaryPence: 1001,
      duePence: 190,
      unclassified: 1,
    });
    expect((await store.huququllah.unclassified()).map((r) => r.description)).toEqual(['SNACK']);
  });

  it.runIf(dialect === 'sqlite')(
    'reads the table once for all time, not row by row through the amount index',
    async () => {
      // Statistics as a large store has them after PRAGMA optimize: most rows are expenses.
      await store.query(sql`ANALYZE`);
      const plan = await store.query(sql`EXPLAIN QUERY PLAN ${summaryQuery(sqliteDialect, {})}`);
      const steps = plan.map((r) => String(r.detail));
      expect(steps).toEqual(['SCAN transactions']);
      const dated = await store.query(
        sql`EXPLAIN QUERY PLAN ${summaryQuery(sqliteDialect, { from: '2025-02-01', to: '2025-02-28' })}`,
      );
      expect(dated.map((r) => String(r.detail)).join('\n')).toContain('idx_transactions_date');
    },
  );
});

describe.each(storeTargets)('Huququllah suggestions on $dialect', ({ target }) => {
  let store: SqlStore;

  beforeAll(async () => {
    store = await openStore(await target());
    const row = (
      description: string,
      pounds: number,
      merchant: string | null,
      category: string | null,
      h: string | null,
    ) => ({
      date: '2025-03-01',
      description,
      amount: -pounds * 100,
      merchant,
      category,
      huququllah_classification: h,
    });
    await store.bulkInsert([
      {
        table: 'transactions',
        rows: [
          row('ODEON 1', 10, 'Odeon', null, 'discretionary'),
          row('ODEON 2', 10, 'Odeon', null, 'discretionary'),
          row('ODEON 3', 10, 'Odeon', null, 'discretionary'),
          row('ODEON 4', 10, 'Odeon', 'Groceries', 'essential'),
          row('SHOP 1', 30, null, 'Groceries', 'essential'),
          row('RENT', 800, null, null, 'essential'),
          row('ODEON NEW', 12, 'Odeon', 'Groceries', null),
          row('SHOP NEW', 40, 'Nowhere', 'Groceries', null),
          row('BIG NEW', 150, null, null, null),
        ],
      },
    ]);
  });
  afterAll(() => store.close());

  it('suggests the merchant’s majority class, else the category’s (× 0.7), else the amount band’s (× 0.5), with the reason', async () => {
    const byDescription = Object.fromEntries(
      (await store.huququllah.unclassified()).map((r) => [r.description, r.suggestion]),
    );
    expect(byDescription).toEqual({
      'ODEON NEW': {
        value: 'discretionary',
        confidence: 0.75,
        reason: '3 of 4 classed expenses at Odeon were discretionary',
      },
      'SHOP NEW': {
        value: 'essential',
        confidence: 0.7,
        reason: '2 of 2 classed expenses in Groceries were essential',
      },
      'BIG NEW': {
        value: 'essential',
        confidence: 0.5,
        reason: '1 of 1 classed expenses of £100.00 or more were essential',
      },
    });
  });
});
