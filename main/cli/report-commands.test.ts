// `spending report …`, `recurring`, `budgets …` and `export` against real stores, both dialects.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, cliProcess } from '../../e2e/support/run-cli.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { openStore } from '../../db/open-store.js';

const json = (text: string) => JSON.parse(text) as unknown;

/** A streaming service monthly, groceries, a salary, and a description a spreadsheet would run. */
function rows() {
  const list = [];
  let id = 1;
  for (const month of ['01', '02', '03', '04', '05', '06']) {
    list.push({
      id: id++,
      date: `2025-${month}-03`,
      description: 'FLIXNET',
      amount: -999,
      category: 'Entertainment',
      merchant: 'Flixnet',
    });
    list.push({
      id: id++,
      date: `2025-${month}-10`,
      description: 'TESCO STORES',
      amount: -4000 - Number(month) * 100,
      category: 'Groceries',
      merchant: 'Tesco',
    });
    list.push({
      id: id++,
      date: `2025-${month}-28`,
      description: 'SALARY ACME',
      amount: 250_000,
      category: 'Income',
      merchant: null,
    });
  }
  list.push({
    id,
    date: '2025-06-12',
    description: '=HYPERLINK("x"), "quoted"',
    amount: -1250,
    category: null,
    merchant: null,
  });
  return list;
}

describe.each(storeTargets)('spending report, recurring, budgets and export on $dialect', ({ target }) => {
  let db: string;

  beforeAll(async () => {
    db = await target();
    const store = await openStore(db);
    await store.bulkInsert([{ table: 'transactions', rows: rows() }]);
    await store.close();
  });

  const run = (...args: string[]) => cli('--db', db, ...args);

  it('reports spending by category, months with the net, merchants and a comparison, as JSON after the command too', async () => {
    const categories = await run('report', 'categories', '--from', '2025-02-01', '--to', '2025-03-31', '--json');
    expect(categories.code).toBe(0);
    expect(json(categories.stdout)).toEqual([
      { category: 'Groceries', spendPence: 4200 + 4300, incomePence: 0, count: 2 },
      { category: 'Entertainment', spendPence: 1998, incomePence: 0, count: 2 },
      { category: 'Income', spendPence: 0, incomePence: 500_000, count: 2 },
    ]);
    const months = json((await run('--json', 'report', 'months', '--from', '2025-06-01', '--to', '2025-07-31')).stdout);
    expect(months).toEqual([
      { month: '2025-06', incomePence: 250_000, spendPence: 999 + 4600 + 1250, netPence: 250_000 - 6849 },
      { month: '2025-07', incomePence: 0, spendPence: 0, netPence: 0 },
    ]);
    const merchants = json((await run('--json', 'report', 'merchants', '--limit', '1')).stdout);
    expect(merchants).toEqual([{ merchant: 'Tesco', spendPence: 6 * 4000 + 2100, count: 6 }]);
    const compare = json(
      (await run('--json', 'report', 'compare', '--from', '2025-06-01', '--to', '2025-06-30')).stdout,
    );
    expect(compare).toMatchObject({
      previous: { from: '2025-05-01', to: '2025-05-31' },
      categories: expect.arrayContaining([
        expect.objectContaining({
          category: 'Groceries',
          currentPence: 4600,
          previousPence: 4500,
          changePence: 100,
          changePercent: 2.2,
        }),
      ]) as unknown,
    });
    const human = await run('report', 'categories');
    expect(human.stdout).toMatch(/^Category\s+Spent\s+Income\s+Count$/m);
    expect(human.stdout).toMatch(/^Groceries\s+£261\.00\s+£0\.00\s+6$/m);
  });

  it('lists recurring payments as [{merchant, cadence, amountPence, nextDate, count}]', async () => {
    const result = await run('--json', 'recurring', '--as-of', '2025-06-20');
    expect(json(result.stdout)).toEqual([
      {
        merchant: 'Flixnet',
        cadence: 'monthly',
        amountPence: 999,
        nextDate: '2025-07-03',
        count: 6,
        confirmed: false,
        key: 'Flixnet · monthly',
      },
      {
        merchant: 'Tesco',
        cadence: 'monthly',
        amountPence: 4500,
        nextDate: '2025-07-10',
        count: 6,
        confirmed: false,
        key: 'Tesco · monthly',
      },
    ]);
    expect((await run('recurring', '--as-of', '2025-06-20')).stdout).toContain('2 due in the next 30 days');
  });

  it('confirms, renames, dismisses and restores a recurring payment by its name or key', async () => {
    const listed = async () =>
      json((await run('--json', 'recurring', '--as-of', '2025-06-20')).stdout) as {
        merchant: string;
        confirmed: boolean;
      }[];
    expect((await run('recurring', '--as-of', '2025-06-20', '--confirm', 'Flixnet')).stdout).toContain(
      'Confirmed Flixnet.',
    );
    expect((await run('recurring', '--as-of', '2025-06-20', '--rename', 'Flixnet', '--name', 'Films')).code).toBe(0);
    expect((await listed())[0]).toMatchObject({ merchant: 'Films', confirmed: true });
    const dismissed = await run('recurring', '--as-of', '2025-06-20', '--dismiss', 'Tesco · monthly');
    expect(dismissed.stdout).toContain("undo with --restore 'Tesco · monthly'");
    expect((await listed()).map((p) => p.merchant)).toEqual(['Films']);
    const unknown = await run('recurring', '--as-of', '2025-06-20', '--confirm', 'Tesco');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('No recurring payment listed is called “Tesco”.');
    for (const key of ['Tesco · monthly', 'Flixnet · monthly'])
      expect((await run('recurring', '--restore', key)).code).toBe(0);
    expect((await listed()).map((p) => [p.merchant, p.confirmed])).toEqual([
      ['Flixnet', false],
      ['Tesco', false],
    ]);
  });

  it('sets, lists, reports and removes budgets; an unknown category says what to do', async () => {
    const set = await run('--json', 'budgets', 'set', 'groceries', '50', '--rollover');
    expect(json(set.stdout)).toMatchObject({ category: 'Groceries', amountPence: 5000, rollover: true });
    const status = json((await run('--json', 'budgets', 'status', '--as-of', '2025-06-21')).stdout);
    expect(status).toEqual([
      expect.objectContaining({
        category: 'Groceries',
        spentPence: 4600,
        leftPence: 400,
        daysLeft: 10,
        leftPerDayPence: 40,
      }),
    ]);
    expect((await run('budgets', 'list')).stdout).toMatch(/^Groceries\s+£50\.00\s+yes/m);
    const unknown = await run('budgets', 'set', 'Yachts', '10');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no category called “Yachts”.');
    expect(unknown.stderr).toMatch(/^Next: /m);
    expect((await run('budgets', 'set', 'Groceries', 'ten')).code).toBe(2);
    expect((await run('budgets', 'remove', 'Groceries')).code).toBe(0);
    expect(json((await run('--json', 'budgets', 'list')).stdout)).toEqual([]);
  });

  it('exports the filtered transactions to a private CSV, oldest first, formulas defused', async () => {
    const file = join(tempDir('export'), 'june.csv');
    const result = await run('--json', 'export', '--out', file, '--from', '2025-06-01');
    expect(json(result.stdout)).toEqual({ ok: true, file, transactions: 4 });
    expect(readFileSync(file, 'utf8')).toBe(
      '\uFEFFdate,description,amount,category,merchant,source_file,huququllah\r\n' +
        '2025-06-03,FLIXNET,-9.99,Entertainment,Flixnet,,\r\n' +
        '2025-06-10,TESCO STORES,-46.00,Groceries,Tesco,,\r\n' +
        `2025-06-12,"'=HYPERLINK(""x""), ""quoted""",-12.50,,,,\r\n` +
        '2025-06-28,SALARY ACME,2500.00,Income,,,\r\n',
    );
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('runs as its own process from the built command', async () => {
    const result = await cliProcess(['--db', db, '--json', 'report', 'merchants', '--limit', '2']);
    expect(result.code).toBe(0);
    expect((json(result.stdout) as { merchant: string }[]).map((m) => m.merchant)).toEqual(['Tesco', 'Flixnet']);
  });
});
