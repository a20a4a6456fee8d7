// "Discover" on both dialects: unnamed `ACCOUNT <sort code> <account number>`
// payments, most mentioned first, and a named one no longer listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { openStore } from '../open-store.js';
import type { SqlStore } from '../sql-store.js';

describe.each(storeTargets)('discovering unnamed accounts on $dialect', ({ target }) => {
  let store: SqlStore;

  beforeAll(async () => {
    store = await openStore(await target());
    const descriptions = [
      'TRANSFER TO ACCOUNT 123456 12345678 REF RENT',
      'TRANSFER TO ACCOUNT 123456 12345678 REF RENT',
      'Transfer to account 123456 12345678',
      'FASTER PAYMENT ACCOUNT 654321 87654321',
      'TRANSFER TO ACCOUNT 111111 22222222',
      'ACCOUNTANCY FEES 123456 12345678',
      'TESCO STORES',
    ];
    await store.bulkInsert([
      {
        table: 'transactions',
        rows: descriptions.map((description, i) => ({
          date: '2025-03-01',
          description,
          amount: -100 - i,
          category: null,
        })),
      },
    ]);
    await store.saveAccountMapping({ sortCode: '11-11-11', accountNumber: '22222222', friendlyName: 'Savings' });
  });
  afterAll(() => store.close());

  it('lists the accounts without a name with their counts and a sample, most mentioned first', async () => {
    const found = await store.rules.discoverAccounts();
    expect(found.map(({ sortCode, accountNumber, count }) => [sortCode, accountNumber, count])).toEqual([
      ['123456', '12345678', 3],
      ['654321', '87654321', 1],
    ]);
    expect(found[0]?.sample.map((r) => r.description)).toEqual([
      'TRANSFER TO ACCOUNT 123456 12345678 REF RENT',
      'TRANSFER TO ACCOUNT 123456 12345678 REF RENT',
      'Transfer to account 123456 12345678',
    ]);
    await store.saveAccountMapping({ sortCode: '123456', accountNumber: '12345678', friendlyName: 'Landlord' });
    expect((await store.rules.discoverAccounts()).map((a) => a.sortCode)).toEqual(['654321']);
  });
});
