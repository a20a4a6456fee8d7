// `spending purchases …` against real stores on both dialects, and once as its
// own process from the built bundle, as users run it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { amazonOrdersCsv, appleReportHtml, generatePurchaseHistory } from '../../e2e/support/purchase-history.js';
import { cli, cliProcess } from '../../e2e/support/run-cli.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { openStore } from '../../db/open-store.js';

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe.each(storeTargets)('spending purchases on $dialect', ({ target }) => {
  let db: string;
  let dir: string;
  const history = generatePurchaseHistory({ seed: 5, orders: 40, apple: 10, otherRows: 30 });
  const run = (...args: string[]) => cli('--db', db, ...args);
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    db = await target();
    const store = await openStore(db);
    await store.bulkInsert([
      {
        table: 'transactions',
        rows: history.bank.map((b, i) => ({
          id: i + 1,
          date: b.date,
          description: b.description,
          amount: b.amountPence,
        })),
      },
    ]);
    await store.close();
    dir = tempDir('cli-purchases');
  });

  it('imports Amazon and Apple files found from their content, matches, and adds nothing twice', async () => {
    // The names say nothing: the content decides.
    const amazon = file('export-1.txt', amazonOrdersCsv(history.orders));
    const apple = file('export-2.txt', appleReportHtml(history.apple));
    const first = await run('purchases', 'import', amazon, '--json');
    expect(first.code).toBe(0);
    expect(json(first.stdout)).toMatchObject({
      ok: true,
      format: 'amazon-orders',
      added: history.orders.length,
      alreadyImported: false,
      unreadable: [],
    });
    const second = await run('purchases', 'import', apple);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^.*export-2\.txt \(apple\): added \d+, 0 already there \(import 2\)\nMatched /);

    const match = await run('purchases', 'match', '--json');
    const summary = json(match.stdout);
    expect(Object.keys(summary).sort()).toEqual(['matched', 'proposed', 'unmatchedCharges', 'unmatchedOrders']);
    // The refunds file was not imported.
    expect(summary.matched).toBe([...history.truth.keys()].filter((k) => !k.startsWith('amazon|refund|')).length);

    const again = await run('--json', 'purchases', 'import', amazon);
    expect(json(again.stdout)).toMatchObject({ added: 0, alreadyImported: true, importId: 1 });
  });

  it('says what to do with a file that is not a purchase history, and fails', async () => {
    const statement = file('statement.csv', 'Date,Description,Amount\n01/02/2025,TESCO,-1.00\n');
    const result = await run('purchases', 'import', statement);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('does not have the columns of an Amazon export');
    expect(result.stderr).toContain('Report a Problem');
  });
});

describe('spending purchases as its own process', () => {
  it('imports and matches from the built bundle', async () => {
    const dir = tempDir('cli-purchases-process');
    const db = join(dir, 'store.sqlite');
    const history = generatePurchaseHistory({ seed: 9, orders: 10, apple: 0, otherRows: 5 });
    const store = await openStore(db);
    await store.bulkInsert([
      {
        table: 'transactions',
        rows: history.bank.map((b, i) => ({
          id: i + 1,
          date: b.date,
          description: b.description,
          amount: b.amountPence,
        })),
      },
    ]);
    await store.close();
    const path = join(dir, 'Retail.OrderHistory.1.csv');
    writeFileSync(path, amazonOrdersCsv(history.orders));
    const imported = await cliProcess(['--db', db, 'purchases', 'import', path, '--json']);
    expect(imported.code).toBe(0);
    expect(json(imported.stdout)).toMatchObject({ added: history.orders.length });
    const matched = await cliProcess(['--db', db, 'purchases', 'match', '--json']);
    const orders = [...history.truth.keys()].filter((k) => !k.startsWith('amazon|refund|')).length;
    expect(json(matched.stdout)).toMatchObject({
      matched: orders,
      unmatchedOrders: history.orders.filter((o) => !o.cancelled).length - orders,
    });
  });
});
