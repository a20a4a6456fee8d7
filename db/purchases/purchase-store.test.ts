// Purchases imported from generated Amazon and Apple files and matched to
// generated bank rows on both dialects, scored against the true pairs; then
// the user's confirm, reject and match by hand.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  amazonDigitalCsv,
  amazonOrdersCsv,
  amazonReturnsCsv,
  appleReportHtml,
  generatePurchaseHistory,
  type PurchaseHistory,
} from '../../e2e/support/purchase-history.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { importPurchaseFile } from '../../main/services/finance/purchases/import-purchases.js';
import { openStore } from '../open-store.js';
import type { SqlStore } from '../sql-store.js';

/** Every proposed (purchase, bank row) pair scored against the generated truth. */
async function score(store: SqlStore, history: PurchaseHistory) {
  const purchases = await store.purchases.list({ limit: 100_000 });
  let correct = 0;
  let proposed = 0;
  for (const p of purchases) {
    if (!p.match) continue;
    proposed++;
    const truth = history.truth.get(`${p.source}|${p.kind}|${p.externalId}`);
    if (truth !== undefined && truth + 1 === p.match.transactionId) correct++;
  }
  return { precision: correct / proposed, recall: correct / history.truth.size, proposed };
}

describe.each(storeTargets)('purchases on $dialect', ({ dialect, target }) => {
  let store: SqlStore;
  let dir: string;
  const history = generatePurchaseHistory({ seed: 11, orders: 240, apple: 50, otherRows: 400 });
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    store = await openStore(await target());
    dir = tempDir('purchases');
    mkdirSync(dir, { recursive: true });
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
  });
  afterAll(() => store.close());

  it('imports orders, refunds and Apple purchases once, orders summed to the penny, and matches them to the true bank rows', async () => {
    const orders = await importPurchaseFile(store, file('Retail.OrderHistory.1.csv', amazonOrdersCsv(history.orders)));
    expect(orders).toMatchObject({
      format: 'amazon-orders',
      added: history.orders.length,
      duplicates: 0,
      unreadable: [],
    });
    const refunds = await importPurchaseFile(store, file('Returns.csv', amazonReturnsCsv(history.refunds)));
    expect(refunds).toMatchObject({ format: 'amazon-returns', added: history.refunds.length, unreadable: [] });
    const apple = await importPurchaseFile(store, file('apple.html', appleReportHtml(history.apple)));
    const paidApple = history.apple.filter((a) => a.items.some((i) => i.pence !== null));
    expect(apple).toMatchObject({ format: 'apple', added: paidApple.length, unreadable: [] });

    const stored = await store.purchases.list({ limit: 100_000 });
    const multi = history.orders.find((o) => o.items.length > 1 && !o.cancelled);
    expect(stored.find((p) => p.externalId === multi?.id)).toMatchObject({
      amountPence: multi?.items.reduce((n, i) => n + i.pence, 0),
      items: multi?.items.map((i) => i.name).join(' | '),
    });

    const { precision, recall } = await score(store, history);
    console.info(
      `${dialect}: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} over ${history.truth.size} true pairs`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.97);
    expect(recall).toBeGreaterThanOrEqual(0.95);

    // Re-importing the same files adds nothing and records nothing new.
    const again = await importPurchaseFile(store, file('Retail.OrderHistory.1.csv', amazonOrdersCsv(history.orders)));
    expect(again).toMatchObject({ added: 0, alreadyImported: true, importId: orders.importId });
    // An export of an overlapping period (another file) adds only what is new.
    const overlap = await importPurchaseFile(
      store,
      file('Retail.OrderHistory.2.csv', amazonOrdersCsv(history.orders.slice(0, 10))),
    );
    expect(overlap).toMatchObject({ added: 0, duplicates: 10, alreadyImported: false });
    const imports = await store.query(sql`SELECT file_name, added FROM purchase_imports ORDER BY id`);
    expect(imports.map((r) => r.file_name)).toEqual([
      'Retail.OrderHistory.1.csv',
      'Returns.csv',
      'apple.html',
      'Retail.OrderHistory.2.csv',
    ]);
  });

  it('never changes a bank row’s text, and leaves Apple Pay card payments unmatched', async () => {
    const rows = await store.query(sql`SELECT id, description FROM transactions ORDER BY id`);
    expect(rows.map((r) => r.description)).toEqual(history.bank.map((b) => b.description));
    const matched = await store.query(
      sql`SELECT t.description FROM purchase_matches m JOIN transactions t ON t.id = m.transaction_id`,
    );
    expect(matched.filter((r) => String(r.description).startsWith('APPLE PAY '))).toEqual([]);
    const applePay = history.bank.filter((b) => b.description.startsWith('APPLE.COM/BILL APPLE PAY')).length;
    const paidWithApplePay = await store.query(
      sql`SELECT COUNT(*) AS n FROM purchase_matches m JOIN transactions t ON t.id = m.transaction_id
          WHERE t.description LIKE 'APPLE.COM/BILL APPLE PAY%'`,
    );
    expect(Number(paidWithApplePay[0]?.n)).toBe(applePay);
  });

  it('matches several orders charged together to one bank row', async () => {
    const grouped = [...history.truth.entries()].filter(
      ([, at]) => [...history.truth.values()].filter((v) => v === at).length > 1,
    );
    expect(grouped.length).toBeGreaterThan(3);
    const byId = new Map((await store.purchases.list({ limit: 100_000 })).map((p) => [p.externalId, p]));
    for (const [key, at] of grouped) {
      expect(byId.get(key.split('|')[2] ?? '')?.match?.transactionId).toBe(at + 1);
    }
  });

  it('keeps confirmed and hand-made matches, and never proposes a rejected pair again', async () => {
    const [first, second, third] = (await store.purchases.list({ limit: 100_000 })).filter(
      (p) => p.match?.status === 'proposed' && p.source === 'amazon' && p.kind === 'order',
    );
    if (!first?.match || !second?.match || !third) throw new Error('expected proposed matches');
    await store.purchases.confirm(first.id);
    await store.purchases.reject(second.id);
    const secondCharge = second.match.transactionId;
    await store.purchases.matchByHand([third.id], secondCharge);
    const summary = await store.purchases.match();
    const after = new Map((await store.purchases.list({ limit: 100_000 })).map((p) => [p.id, p]));
    expect(after.get(first.id)?.match).toMatchObject({ status: 'confirmed', transactionId: first.match.transactionId });
    expect(after.get(third.id)?.match).toMatchObject({ status: 'manual', transactionId: secondCharge });
    expect(after.get(second.id)?.match?.transactionId).not.toBe(secondCharge);

    await store.purchases.reject(third.id);
    await store.purchases.match();
    expect(
      (await store.purchases.list({ limit: 100_000 })).find((p) => p.id === third.id)?.match?.transactionId,
    ).not.toBe(secondCharge);
    expect(summary.matched + summary.unmatchedOrders).toBe(
      (await store.purchases.list({ limit: 100_000 })).filter((p) => p.status !== 'Cancelled').length,
    );
    await expect(store.purchases.confirm(999_999)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reports coverage per month and the Amazon charges no order explains', async () => {
    const coverage = await store.purchases.coverage();
    expect(coverage.spans.map((s) => s.source)).toEqual(['amazon', 'apple']);
    const amazon = coverage.months.filter((m) => m.source === 'amazon');
    expect(amazon.reduce((n, m) => n + m.purchases, 0)).toBe(
      history.orders.filter((o) => !o.cancelled).length + history.refunds.length,
    );
    const unexplained = await store.purchases.unmatchedCharges(10_000);
    expect(unexplained.some((c) => c.description.startsWith('AMAZON PRIME*'))).toBe(true);
    expect(amazon.reduce((n, m) => n + m.unmatchedCharges, 0)).toBe(
      unexplained.filter((c) => c.source === 'amazon').length,
    );
  });

  it('imports digital orders', async () => {
    const kindle = generatePurchaseHistory({ seed: 12, orders: 5, apple: 0, otherRows: 0 }).orders.map((o) => ({
      ...o,
      id: `D01-${o.id.slice(4)}`,
    }));
    const report = await importPurchaseFile(store, file('Digital Items.csv', amazonDigitalCsv(kindle)));
    expect(report).toMatchObject({ format: 'amazon-digital', added: kindle.length });
  });
});
