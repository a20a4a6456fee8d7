// A move is exact or it does not happen: a value the neutral form would
// change (bytes that are not UTF-8, a BLOB in a text column, an integer past
// 2^53, a yes/no that is neither, sub-penny money, text in a number column)
// stops the move with the table, row and column named, on either target.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storeTargets, tempSqlitePath } from '../../e2e/support/test-databases.js';
import { AppError } from '../errors.js';
import { openStore, parseStoreTarget } from '../open-store.js';
import { moveStore } from './move-store.js';

async function storeWith(edit: string): Promise<string> {
  const path = tempSqlitePath('source');
  const store = await openStore(path);
  await store.addTransaction({ date: '2024-01-01', description: 'Café', amountPence: -250 });
  await store.close();
  // What another program (or a hand edit) could have left in the file.
  const db = new Database(path);
  db.exec(edit);
  db.close();
  return path;
}

const HOSTILE: [string, string, RegExp][] = [
  [
    'bytes that are not UTF-8',
    "UPDATE transactions SET description = CAST(X'48C3A9FF80' AS TEXT) WHERE id = 1",
    /transactions.*id 1.*description.*not UTF-8/,
  ],
  [
    'a BLOB in a text column',
    "UPDATE transactions SET merchant = X'0102' WHERE id = 1",
    /transactions.*merchant.*BLOB/,
  ],
  ['sub-penny money', 'UPDATE transactions SET amount = 12.345 WHERE id = 1', /transactions.*amount.*12\.345/],
  [
    'a yes/no that is neither',
    "UPDATE categories SET ai_suggested = 'maybe' WHERE name = 'Dining'",
    /categories.*ai_suggested.*"maybe"/,
  ],
  [
    'an integer past 2^53',
    `INSERT INTO apple_transactions (id, order_id, order_date, total_amount, currency, app_names, item_count)
       VALUES (1, 'A1', '2024-03-01', 0.99, 'GBP', 'Game', 9007199254740993)`,
    /apple_transactions.*id 1.*item_count/,
  ],
  [
    'text in a number column',
    `INSERT INTO apple_transactions (id, order_id, order_date, total_amount, currency, app_names, item_count)
       VALUES (1, 'A1', '2024-03-01', 0.99, 'GBP', 'Game', 'many')`,
    /apple_transactions.*item_count.*"many"/,
  ],
];

describe.each(storeTargets)('moving a store with a value the move cannot carry, into $dialect', ({ target }) => {
  it.each(HOSTILE)('%s stops the move and names it', async (_name, edit, named) => {
    const from = await storeWith(edit);
    const to = parseStoreTarget(await target());
    const store = await openStore(to);
    const before = await store.fingerprints();
    await store.close();

    const error = await moveStore({ from: { kind: 'sqlite', path: from }, to }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(named);
    const after = await openStore(to);
    expect(await after.fingerprints()).toEqual(before);
    await after.close();
  });

  it('carries a real U+FFFD exactly', async () => {
    const from = await storeWith("UPDATE transactions SET description = 'Real ' || char(65533) WHERE id = 1");
    const to = parseStoreTarget(await target());

    const report = await moveStore({ from: { kind: 'sqlite', path: from }, to });

    expect(report.ok).toBe(true);
    const store = await openStore(to);
    expect((await store.getTransaction(1))?.description).toBe('Real \uFFFD');
    await store.close();
  });
});
