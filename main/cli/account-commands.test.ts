// `spending accounts list|add|rename` against real stores on both dialects.
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../e2e/support/run-cli.js';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { openStore } from '../../db/open-store.js';

describe.each(storeTargets)('spending accounts on $dialect', ({ target }) => {
  let db: string;
  const run = (...args: string[]) => cli('--db', db, ...args);

  beforeAll(async () => {
    db = await target();
    const store = await openStore(db);
    try {
      const account = await store.accounts.create({ name: 'Cash' });
      await store.addTransaction({
        date: '2025-06-01',
        description: 'CAR BOOT',
        amountPence: 1234,
        accountId: account.id,
      });
      await store.addTransaction({
        date: '2025-06-02',
        description: 'COFFEE',
        amountPence: -235,
        accountId: account.id,
      });
    } finally {
      await store.close();
    }
  });

  it('adds, renames and lists accounts with the balance, its source and the transactions in them', async () => {
    const added = await run('--json', 'accounts', 'add', 'Amex', '--kind', 'credit_card');
    expect(added.code).toBe(0);
    const { account } = JSON.parse(added.stdout) as { account: { id: number } };
    expect((await run('accounts', 'rename', String(account.id), 'Amex Gold')).stdout).toContain('is now “Amex Gold”');
    const taken = await run('accounts', 'add', 'Cash');
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain('There is already an account called “Cash”');

    const list = await run('--json', 'accounts', 'list');
    expect(JSON.parse(list.stdout)).toMatchObject({
      accounts: [
        { name: 'Amex Gold', kind: 'credit_card', transactions: 0, balancePence: 0, balanceFrom: 'transactions' },
        {
          name: 'Cash',
          kind: 'current',
          transactions: 2,
          balancePence: 999,
          balanceFrom: 'transactions',
          lastSyncAt: null,
        },
      ],
    });
    const text = await run('accounts', 'list');
    expect(text.stdout).toMatch(/Cash\s+current\s+£9\.99\s+sum\s+2\s+—/);
  });
});
