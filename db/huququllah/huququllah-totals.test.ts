// huququllah_totals, kept by triggers (migration 0014_huq), stays equal to a scan
// of the expenses after every kind of write on both dialects, and the summary
// read from it agrees with the summary scanned from the transactions.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { postgresDialect, readInt, sqliteDialect } from '../sql/dialect.js';
import { openStore } from '../open-store.js';
import type { SqlStore } from '../sql-store.js';
import { summaryQuery } from './huququllah-store.js';

const expense = (date: string, pence: number, h: string | null, description = 'SHOP') => ({
  date,
  description,
  amount: pence,
  category: null,
  huququllah_classification: h,
});

describe.each(storeTargets)('Huququllah running totals on $dialect', ({ target, dialect }) => {
  let store: SqlStore;
  const d = dialect === 'sqlite' ? sqliteDialect : postgresDialect;

  const kept = async () =>
    (await store.query(sql`SELECT month, class, n, pence FROM huququllah_totals ORDER BY month, class`)).map((r) => [
      String(r.month),
      String(r.class),
      readInt(r.n),
      readInt(r.pence),
    ]);
  const scanned = async () => {
    return (
      await store.query(
        sql`SELECT ${d.month(sql`date`)} AS month, COALESCE(huququllah_classification, '') AS class, COUNT(*) AS n,
              ${d.sumPence(sql`amount`)} AS pence
            FROM transactions WHERE amount < 0 GROUP BY 1, 2 ORDER BY 1, 2`,
      )
    ).map((r) => [String(r.month), String(r.class), readInt(r.n), readInt(r.pence)]);
  };
  /** The totals equal the scan, and the summary read through them equals the one scanned, all time and for a period. */
  const agree = async () => {
    expect(await kept()).toEqual(await scanned());
    for (const period of [{}, { from: '2025-01-15', to: '2025-03-31' }, { from: '2025-02-01' }]) {
      const [row] = await store.query(summaryQuery(d, period));
      const discretionaryPence = readInt(row?.discretionary);
      expect(await store.huququllah.summary(period)).toEqual({
        essentialPence: readInt(row?.essential),
        discretionaryPence,
        duePence: Math.floor((discretionaryPence * 19 + 50) / 100),
        unclassified: readInt(row?.unclassified),
      });
    }
  };

  beforeAll(async () => {
    store = await openStore(await target());
  });
  afterAll(() => store.close());

  it('after a load into the empty table (triggers suspended, totals rebuilt) and into a non-empty one', async () => {
    await store.bulkInsert([
      {
        table: 'transactions',
        rows: [
          expense('2025-01-05', -80000, 'essential'),
          expense('2025-01-20', -1234, 'discretionary'),
          expense('2025-02-07', -1001, 'discretionary'),
          expense('2025-02-08', -350, null),
          expense('2025-02-09', 250000, null, 'SALARY'),
        ],
      },
    ]);
    await agree();
    expect(await kept()).not.toEqual([]);
    await store.bulkInsert([
      { table: 'transactions', rows: [expense('2025-03-01', -999, null), expense('2025-03-02', 5000, null)] },
    ]);
    await agree();
  });

  it('after adds, edits of date, amount and class, income turned to spending and back, and deletes', async () => {
    const a = await store.addTransaction({ date: '2025-03-10', description: 'CAFE', amountPence: -450 });
    const b = await store.addTransaction({ date: '2025-03-11', description: 'REFUND', amountPence: 700 });
    await agree();
    await store.updateTransaction(a.id, { huququllahClassification: 'discretionary' });
    await agree();
    await store.updateTransaction(a.id, { date: '2025-01-31', amountPence: -451 });
    await agree();
    await store.updateTransaction(b.id, { amountPence: -700 });
    await agree();
    await store.updateTransaction(b.id, { amountPence: 700 });
    await agree();
    await store.huququllah.set(a.id, null);
    await agree();
    await store.deleteTransaction(a.id);
    await store.deleteTransaction(b.id);
    await agree();
  });

  it('after a bulk classing and its undo', async () => {
    const done = await store.huququllah.classify({ filter: { dateTo: '2025-02-28' }, value: 'essential' });
    expect(done.changed).toBeGreaterThan(0);
    await agree();
    await store.rules.undo(done.runId ?? 0);
    await agree();
  });
});
