// Purchases imported before the bank statement that paid them are matched
// when the statement arrives.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { amazonOrdersCsv } from '../../../../e2e/support/purchase-history.js';
import { tempDir } from '../../../../e2e/support/test-cleanup.js';
import { tempSqlitePath } from '../../../../e2e/support/test-databases.js';
import { openStore } from '../../../../db/open-store.js';
import { importStatementFile } from '../imports/import-statement.js';
import { importPurchaseFile } from './import-purchases.js';

describe('a statement imported after the purchases', () => {
  it('matches the orders to its Amazon rows', async () => {
    const dir = tempDir('statement-then-match');
    const orders = join(dir, 'Retail.OrderHistory.1.csv');
    writeFileSync(
      orders,
      amazonOrdersCsv([{ id: '204-1111111-1111111', date: '2025-04-02', items: [{ name: 'Kettle', pence: 2_499 }] }]),
    );
    const statement = join(dir, 'bank.csv');
    writeFileSync(
      statement,
      'Date,Description,Amount\n03/04/2025,AMAZON.CO.UK*AB12CD34E,-24.99\n04/04/2025,TESCO,-3.00\n',
    );
    const store = await openStore(tempSqlitePath());
    try {
      const first = await importPurchaseFile(store, orders);
      expect(first.match).toMatchObject({ matched: 0, unmatchedOrders: 1 });
      await importStatementFile(store, statement, { account: 'Current' });
      const [order] = await store.purchases.list();
      const charge = order?.match ? await store.getTransaction(order.match.transactionId) : null;
      expect(charge).toMatchObject({ description: 'AMAZON.CO.UK*AB12CD34E', amountPence: -2_499 });
    } finally {
      await store.close();
    }
  });
});
