// Purchases waiting for their charge are matched when a bank sync brings it.
import { formatISO, subDays } from 'date-fns';
import { afterEach, describe, expect, it } from 'vitest';
import { tempSqlitePath } from '../../../e2e/support/test-databases.js';
import { startBankHarness, type BankHarness } from '../../../e2e/support/truelayer-harness.js';

let h: BankHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('bank sync and purchases', () => {
  it('matches an Amazon order to the charge a sync brings', async () => {
    h = await startBankHarness({ target: tempSqlitePath() });
    const id = await h.link();
    const now = h.emulator.clock.now();
    await h.store.purchases.importPurchases({
      fileName: 'Retail.OrderHistory.1.csv',
      sha256: 'a'.repeat(64),
      format: 'amazon-orders',
      purchases: [
        {
          source: 'amazon',
          kind: 'order',
          externalId: '204-7777777-7777777',
          orderId: '204-7777777-7777777',
          date: formatISO(subDays(now, 1), { representation: 'date' }),
          amountPence: 2_345_67,
          currency: 'GBP',
          items: 'A very particular lamp',
          status: 'Closed',
        },
      ],
    });
    const current = h.emulator.bank.accounts().find((a) => a.kind === 'account')?.accountId ?? '';
    h.emulator.bank.addTransaction(current, {
      timestamp: now.toISOString(),
      description: 'AMZN MKTP UK*ZZ12QX',
      amount: -2345.67,
      transactionType: 'DEBIT',
    });
    await h.service.sync(id);
    const [purchase] = await h.store.purchases.list();
    const charge = purchase?.match ? await h.store.getTransaction(purchase.match.transactionId) : null;
    expect(charge).toMatchObject({ description: 'AMZN MKTP UK*ZZ12QX', amountPence: -2_345_67 });
    expect(purchase?.match?.status).toBe('proposed');
  });
});
