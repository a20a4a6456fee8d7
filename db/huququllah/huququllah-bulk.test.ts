// Classing many expenses at once on both dialects: exactly the expenses the
// filter shows (never income), counted the same by the dry run and the apply,
// and undone like a rules apply, a row edited since keeping its edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { openStore } from '../open-store.js';
import type { SqlStore } from '../sql-store.js';

const ROWS = [
  ['2025-01-03', 'ODEON 1', -1200, 'Odeon', null],
  ['2025-01-04', 'ODEON 2', -900, 'Odeon', 'essential'],
  ['2025-01-05', 'ODEON 3', -1100, 'Odeon', 'discretionary'],
  ['2025-01-06', 'ODEON REFUND', 900, 'Odeon', null],
  ['2025-02-01', 'ODEON 4', -1300, 'Odeon', null],
  ['2025-01-07', 'RENT', -80000, 'Landlord', 'essential'],
  ['2025-01-08', 'SNACK', -250, null, null],
].map(([date, description, amount, merchant, h]) => ({
  date: date as string,
  description: description as string,
  amount: amount as number,
  merchant: merchant as string | null,
  category: null,
  huququllah_classification: h as string | null,
}));

describe.each(storeTargets)('Classing many expenses at once on $dialect', ({ target }) => {
  let store: SqlStore;

  const classes = async () =>
    Object.fromEntries(
      (await store.listTransactions({ limit: 100 })).items.map((t) => [t.description, t.huququllahClassification]),
    );
  const before = Object.fromEntries(ROWS.map((r) => [r.description, r.huququllah_classification]));

  beforeAll(async () => {
    store = await openStore(await target());
    await store.bulkInsert([{ table: 'transactions', rows: ROWS }]);
  });
  afterAll(() => store.close());

  it('counts, then classes, only the filtered expenses; income and other rows are left alone; undo puts them back', async () => {
    const filter = { merchant: 'Odeon', dateTo: '2025-01-31' };
    // Reference: Odeon expenses in January whose class is not already discretionary.
    const matched = ROWS.filter((r) => r.merchant === 'Odeon' && r.date <= '2025-01-31' && r.amount < 0);
    const toChange = matched.filter((r) => r.huququllah_classification !== 'discretionary');
    expect([matched.length, toChange.length]).toEqual([3, 2]);

    const dry = await store.huququllah.classify({ filter, value: 'discretionary', dryRun: true });
    expect(dry).toEqual({ expenses: 3, changed: 2, runId: null });
    expect(await classes()).toEqual(before);

    const done = await store.huququllah.classify({ filter, value: 'discretionary' });
    expect(done).toMatchObject({ expenses: 3, changed: 2 });
    expect(done.runId).not.toBeNull();
    expect(await classes()).toEqual({
      ...before,
      'ODEON 1': 'discretionary',
      'ODEON 2': 'discretionary',
    });
    const [run] = await store.rules.listRuns();
    expect(run).toMatchObject({ id: done.runId, kind: 'huququllah', changed: 2, huququllah: 2, byCategory: {} });

    // A row classed by hand since the bulk change keeps its new class on undo.
    await store.huququllah.set(ROWS.findIndex((r) => r.description === 'ODEON 2') + 1, 'essential');
    expect(await store.rules.undo(done.runId ?? 0)).toEqual({ runId: done.runId, restored: 1, keptLaterEdits: 1 });
    expect(await classes()).toEqual({ ...before, 'ODEON 2': 'essential' });
  });

  it('unclasses with null, and nothing to change records no run', async () => {
    const runs = (await store.rules.listRuns()).length;
    expect(await store.huququllah.classify({ filter: { search: 'snack' }, value: null })).toEqual({
      expenses: 1,
      changed: 0,
      runId: null,
    });
    expect((await store.rules.listRuns()).length).toBe(runs);
    const cleared = await store.huququllah.classify({ filter: { merchant: 'Landlord' }, value: null });
    expect(cleared).toMatchObject({ expenses: 1, changed: 1 });
    expect((await classes()).RENT).toBeNull();
    // ODEON 1 (put back to none by the undo), ODEON 4 (February), RENT (just cleared), SNACK.
    expect(await store.countTransactions({ huququllah: 'unclassified' })).toBe(4);
  });

  it('refuses a filter that makes no sense, at the field', async () => {
    await expect(
      store.huququllah.classify({ filter: { dateFrom: '2025-02-01', dateTo: '2025-01-01' }, value: 'essential' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
