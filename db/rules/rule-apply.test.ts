// Preview, apply and undo on both dialects: scopes, manual edits, the run
// record and undo that keeps later edits.
import { sql } from 'drizzle-orm';
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { AppError } from '../errors.js';
import { openStore } from '../open-store.js';
import type { SqlStore } from '../sql-store.js';

/** Rows as another tool wrote them: nothing sorted them on arrival. */
const ROWS = [
  { id: 1, description: 'TESCO STORES 123', amount: -1250, category: null },
  { id: 2, description: 'COSTA COFFEE', amount: -320, category: '' },
  { id: 3, description: 'TESCO EXPRESS', amount: -799, category: 'Shopping' },
  { id: 4, description: 'SOMETHING ELSE', amount: -100, category: null },
  { id: 5, description: 'SALARY ACME LTD', amount: 250000, category: null },
  { id: 6, description: 'TESCO METRO', amount: -450, category: 'Dining', category_source: 'manual' },
];

describe.each(storeTargets)('applying rules on $dialect', ({ target }) => {
  let store: SqlStore;

  beforeEach(async () => {
    store = await openStore(await target());
    await store.bulkInsert([
      {
        table: 'transactions',
        rows: ROWS.map((r) => ({ date: '2025-02-01', category_source: null, ...r })),
      },
    ]);
  });
  afterEach(() => store.close());

  const categories = async () =>
    Object.fromEntries(
      (await store.query(sql`SELECT id, category FROM transactions ORDER BY id`)).map((r) => [
        Number(r.id),
        r.category,
      ]),
    );

  it('counts what an unsaved rule matches, whatever the category, with the first rows; a bad pattern is refused at its field', async () => {
    const before = await store.fingerprints();
    const tesco = await store.rules.matches({
      conditions: [{ field: 'description', op: 'contains', values: ['tesco'] }],
    });
    expect(tesco.count).toBe(3);
    expect(tesco.sample.map((r) => r.id)).toEqual([1, 3, 6]);
    expect(tesco.sample[0]).toMatchObject({ description: 'TESCO STORES 123', amountPence: -1250 });
    const small = await store.rules.matches({
      conditions: [
        { field: 'text', op: 'startsWith', values: ['tesco'] },
        { field: 'amount', op: 'below', pence: 500 },
      ],
    });
    expect(small.sample.map((r) => r.id)).toEqual([6]);
    expect((await store.rules.matches({ conditions: [{ field: 'text', op: 'is', values: ['nobody'] }] })).count).toBe(
      0,
    );
    const refused = await store.rules
      .matches({ conditions: [{ field: 'text', op: 'matches', values: ['(tesco'] }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'invalid_input', field: 'conditions.0.values' });
    expect(await store.fingerprints()).toEqual(before);
  });

  it('puts the other rows of a merchant in the category one of them was given, as a run that undoes', async () => {
    await store.bulkInsert([
      {
        table: 'transactions',
        rows: [
          { id: 11, merchant: 'Zork Ltd', category: 'Dining' },
          { id: 12, merchant: 'Zork Ltd', category: null },
          { id: 13, merchant: 'Zork Ltd', category: 'Shopping', category_source: 'manual' },
          { id: 14, merchant: 'Zork Ltd 2', category: null },
        ].map((r) => ({ date: '2025-02-02', description: `ZORK ${r.id}`, amount: -100, category_source: null, ...r })),
      },
    ]);
    const request = { merchant: 'Zork Ltd', category: 'dining' };
    const counted = await store.rules.categoriseMerchant({ ...request, dryRun: true });
    expect(counted).toMatchObject({ changed: 2, runId: null });
    expect((await categories())[12]).toBeNull();

    const done = await store.rules.categoriseMerchant(request);
    expect(done).toMatchObject({ changed: 2, byCategory: { 'Uncategorised -> Dining': 1, 'Shopping -> Dining': 1 } });
    const after = await store.query(
      sql`SELECT id, category, category_source FROM transactions WHERE id > 10 ORDER BY id`,
    );
    expect(after.map((r) => [Number(r.id), r.category, r.category_source])).toEqual([
      [11, 'Dining', null],
      [12, 'Dining', 'manual'],
      [13, 'Dining', 'manual'],
      [14, null, null],
    ]);
    expect((await store.rules.listRuns())[0]).toMatchObject({ id: done.runId, kind: 'recategorise', changed: 2 });
    // Set by hand: the rules leave them.
    expect((await store.rules.preview({ scope: { kind: 'merchant', merchant: 'Zork Ltd' } })).changed).toBe(0);

    expect(await store.rules.undo(done.runId!)).toMatchObject({ restored: 2 });
    expect(Object.fromEntries(Object.entries(await categories()).filter(([id]) => Number(id) > 10))).toEqual({
      11: 'Dining',
      12: null,
      13: 'Shopping',
      14: null,
    });
    const refused = await store.rules
      .categoriseMerchant({ merchant: 'Zork Ltd', category: 'Nope' })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'invalid_input', field: 'category' });
  });

  it('previews the uncategorised rows by (old -> new) category with a sample, writing nothing', async () => {
    const before = await store.fingerprints();
    const preview = await store.rules.preview();
    expect(preview).toMatchObject({
      changed: 3,
      scanned: 4,
      byCategory: {
        'Uncategorised -> Groceries': 1,
        'Uncategorised -> Dining': 1,
        'Uncategorised -> Income': 1,
      },
      keptManual: 0,
    });
    const groceries = preview.groups.find((g) => g.to === 'Groceries')!;
    expect(groceries).toMatchObject({ from: null, count: 1 });
    expect(groceries.sample).toEqual([
      {
        id: 1,
        date: '2025-02-01',
        description: 'TESCO STORES 123',
        amountPence: -1250,
        merchant: null,
        category: null,
      },
    ]);
    expect(await store.fingerprints()).toEqual(before);
  });

  it('applies exactly what it previewed, once, recorded as a run; undo puts every row back', async () => {
    const before = await categories();
    const preview = await store.rules.preview({ scope: { kind: 'uncategorised' } });
    const applied = await store.rules.apply({ scope: { kind: 'uncategorised' } });
    expect(applied.byCategory).toEqual(preview.byCategory);
    expect(applied.changed).toBe(preview.changed);
    expect(await categories()).toEqual({ ...before, 1: 'Groceries', 2: 'Dining', 5: 'Income' });
    const sources = await store.query(sql`SELECT category_source FROM transactions WHERE id IN (1, 2, 5) ORDER BY id`);
    expect(sources.map((r) => r.category_source)).toEqual(['rule', 'rule', 'rule']);
    // Nothing left to do: a second apply changes nothing and records no run.
    expect(await store.rules.apply()).toMatchObject({ changed: 0, runId: null });
    const [run, ...older] = await store.rules.listRuns();
    expect(older).toEqual([]);
    expect(run).toMatchObject({ id: applied.runId, kind: 'rules', changed: 3, undoneAt: null });
    expect(run!.byCategory).toEqual(applied.byCategory);

    expect(await store.rules.undo(applied.runId!)).toEqual({ runId: applied.runId, restored: 3, keptLaterEdits: 0 });
    expect(await categories()).toEqual(before);
    expect((await store.rules.listRuns())[0]!.undoneAt).not.toBeNull();
    const again = await store.rules.undo(applied.runId!).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AppError);
    expect(again).toMatchObject({ code: 'conflict' });
  });

  it('covers everything, chosen categories or chosen rows, and leaves hand-set categories unless asked', async () => {
    expect((await store.rules.preview({ scope: { kind: 'categories', categories: ['Shopping'] } })).byCategory).toEqual(
      { 'Shopping -> Groceries': 1 },
    );
    expect((await store.rules.preview({ scope: { kind: 'ids', ids: [2, 4, 6] } })).byCategory).toEqual({
      'Uncategorised -> Dining': 1,
    });
    const all = await store.rules.preview({ scope: { kind: 'all' } });
    expect(all).toMatchObject({ changed: 4, scanned: 6, keptManual: 1 });
    expect(all.byCategory['Dining -> Groceries']).toBeUndefined();
    await store.rules.apply({ scope: { kind: 'all' } });
    expect((await categories())[6]).toBe('Dining');
    const withManual = await store.rules.apply({ scope: { kind: 'all' }, includeManual: true });
    expect(withManual.byCategory).toEqual({ 'Dining -> Groceries': 1 });
    expect((await categories())[6]).toBe('Groceries');
  });

  it('keeps an edit made after an apply when that apply is undone, and undoes the last N', async () => {
    const first = await store.rules.apply({ scope: { kind: 'uncategorised' } });
    await store.updateTransaction(1, { category: 'Shopping' });
    const second = await store.rules.apply({ scope: { kind: 'categories', categories: ['Shopping'] } });
    // Row 1 is now the user's (manual), so only row 3 moves.
    expect(second.byCategory).toEqual({ 'Shopping -> Groceries': 1 });
    const undone = await store.rules.undoLast(2);
    expect(undone.map((u) => u.runId)).toEqual([second.runId, first.runId]);
    expect(undone[1]).toMatchObject({ restored: 2, keptLaterEdits: 1 });
    expect(await categories()).toMatchObject({ 1: 'Shopping', 2: '', 3: 'Shopping', 5: null });
    expect(await store.rules.undoLast(1)).toEqual([]);
  });

  it('sets merchants and Huququllah classes, never classing income nor overwriting a class given', async () => {
    await store.rules.add({
      conditions: [{ field: 'text', op: 'contains', values: ['tesco', 'salary'] }],
      setMerchant: 'Tesco',
      setHuququllah: 'essential',
    });
    await store.query(sql`UPDATE transactions SET huququllah_classification = 'discretionary' WHERE id = 3`);
    const applied = await store.rules.apply({ scope: { kind: 'all' } });
    expect(applied).toMatchObject({ merchants: 4, huququllah: 2 });
    const rows = await store.query(
      sql`SELECT id, merchant, huququllah_classification AS h FROM transactions WHERE id IN (1, 3, 5, 6) ORDER BY id`,
    );
    expect(rows.map((r) => [Number(r.id), r.merchant, r.h])).toEqual([
      [1, 'Tesco', 'essential'],
      [3, 'Tesco', 'discretionary'],
      [5, 'Tesco', null],
      [6, 'Tesco', 'essential'],
    ]);
  });
});
