// `spending rules …` and `spending huququllah …` against real stores, both dialects.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../e2e/support/run-cli.js';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { openStore } from '../../db/open-store.js';

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

/** Rows another tool wrote: nothing has sorted them. */
function rows() {
  const list = [
    { id: 1, date: '2025-01-05', description: 'ZORK SUPPLIES 1', amount: -2500 },
    { id: 2, date: '2025-01-06', description: 'ZORK SUPPLIES 2', amount: -500 },
    { id: 3, date: '2025-01-07', description: 'ZORKY THINGS', amount: -2500 },
    { id: 4, date: '2025-01-08', description: 'COSTA COFFEE', amount: -320 },
    { id: 5, date: '2025-01-09', description: 'SALARY ACME', amount: 300000 },
    { id: 6, date: '2025-02-01', description: 'FROBNITZ HALL', amount: -1250, category: 'Entertainment' },
  ];
  // Frobnitz recurs among uncategorised rows, and one sorted row says where it belongs.
  for (let i = 0; i < 4; i++)
    list.push({ id: 7 + i, date: '2025-02-02', description: `FROBNITZ HALL ${i}`, amount: -1000 - i });
  for (let i = 0; i < 6; i++)
    list.push({ id: 11 + i, date: '2025-02-03', description: `SHOP NUMBER${i}`, amount: -99 });
  return list;
}

describe.each(storeTargets)('spending rules and huququllah on $dialect', ({ target }) => {
  let db: string;

  beforeAll(async () => {
    db = await target();
    const store = await openStore(db);
    await store.bulkInsert([{ table: 'transactions', rows: rows().map((r) => ({ category: null, ...r })) }]);
    await store.close();
  });

  const run = (...args: string[]) => cli('--db', db, ...args);
  const category = async (id: number) => {
    const store = await openStore(db);
    try {
      return (await store.query(sql`SELECT category FROM transactions WHERE id = ${id}`))[0]?.category;
    } finally {
      await store.close();
    }
  };

  it('adds a rule, previews and applies it with --json, undoes it and removes it', async () => {
    const added = await run(
      '--json',
      'rules',
      'add',
      '--field',
      'description',
      '--op',
      'contains',
      '--value',
      'zork',
      '--and',
      'amount:above:10',
      '--category',
      'Shopping',
      '--merchant',
      'Zork Ltd',
    );
    expect(added.code).toBe(0);
    const rule = json(added.stdout);
    expect(rule).toMatchObject({ priority: 1, setCategory: 'Shopping', setMerchant: 'Zork Ltd' });
    const listed = json((await run('--json', 'rules', 'list')).stdout).rules as { id: number }[];
    expect(listed[0]!.id).toBe(rule.id);

    const dry = await run('--json', 'rules', 'apply', '--dry-run');
    expect(dry.code).toBe(0);
    // Zork: row 1 only (row 2 is under £10, ZORKY another word); COSTA COFFEE and SALARY by the default rules.
    expect(json(dry.stdout)).toMatchObject({
      changed: 3,
      byCategory: { 'Uncategorised -> Shopping': 1, 'Uncategorised -> Dining': 1, 'Uncategorised -> Income': 1 },
    });
    expect(await category(1)).toBeNull();

    const applied = json((await run('--json', 'rules', 'apply', '--scope', 'uncategorised')).stdout);
    expect(applied).toMatchObject({ changed: 3, byCategory: json(dry.stdout).byCategory });
    expect(await category(1)).toBe('Shopping');

    const undone = json((await run('--json', 'rules', 'undo')).stdout);
    expect(undone).toEqual({ undone: [{ runId: applied.runId, restored: 3, keptLaterEdits: 0 }] });
    expect(await category(1)).toBeNull();

    const removed = await run('rules', 'remove', String(rule.id));
    expect(removed).toMatchObject({ code: 0, stdout: `Removed rule ${String(rule.id)}.\n` });
    const after = json((await run('--json', 'rules', 'list')).stdout).rules as { id: number }[];
    expect(after.some((r) => r.id === rule.id)).toBe(false);
  });

  it('refuses a bad pattern or condition with exit code 2, saying why', async () => {
    const regex = await run(
      'rules',
      'add',
      '--field',
      'description',
      '--op',
      'matches',
      '--value',
      '(',
      '--category',
      'Shopping',
    );
    expect(regex.code).toBe(2);
    expect(regex.stderr).toMatch(/Not a pattern Spending can use/);
    const condition = await run(
      'rules',
      'add',
      '--field',
      'colour',
      '--op',
      'is',
      '--value',
      'x',
      '--category',
      'Shopping',
    );
    expect(condition.code).toBe(2);
    expect(condition.stderr).toContain('“colour” is not a field');
  });

  it('suggests frequent words among uncategorised rows with the likely category', async () => {
    const out = await run('--json', 'rules', 'suggest');
    expect(out.code).toBe(0);
    const suggestions = json(out.stdout).suggestions as Record<string, unknown>[];
    const frobnitz = suggestions.find((s) => s.value === 'frobnitz');
    expect(frobnitz).toMatchObject({ kind: 'word', count: 4, category: 'Entertainment', share: 1 });
    // "shop" is in 6 of 15 uncategorised rows (over 30 %): it says nothing.
    expect(suggestions.some((s) => s.value === 'shop')).toBe(false);
  });

  it('classes expenses and sums them to the penny; income is refused', async () => {
    for (const [id, value] of [
      ['1', 'essential'],
      ['3', 'discretionary'],
      ['6', 'discretionary'],
      ['7', 'discretionary'],
    ] as const)
      expect((await run('huququllah', 'set', id, value)).code).toBe(0);
    expect((await run('huququllah', 'set', '6', 'none')).code).toBe(0);
    expect((await run('huququllah', 'set', '8', 'discretionary')).code).toBe(0);
    const income = await run('huququllah', 'set', '5', 'essential');
    expect(income.code).toBe(2);
    expect(income.stderr).toContain('only expenses are classed');

    // The reference, from the rows as written above: discretionary 3, 7 and 8.
    const byId = new Map(rows().map((r) => [r.id, -r.amount]));
    const discretionary = [3, 7, 8].reduce((sum, id) => sum + byId.get(id)!, 0);
    const expenses = rows().filter((r) => r.amount < 0).length;
    const summary = json((await run('--json', 'huququllah', 'summary')).stdout);
    expect(summary).toEqual({
      essentialPence: byId.get(1),
      discretionaryPence: discretionary,
      duePence: Math.round((discretionary * 19) / 100),
      unclassified: expenses - 4,
    });
    const january = json(
      (await run('--json', 'huququllah', 'summary', '--from', '2025-01-01', '--to', '2025-01-31')).stdout,
    );
    expect(january).toEqual({ essentialPence: 2500, discretionaryPence: 2500, duePence: 475, unclassified: 2 });
  });
});
