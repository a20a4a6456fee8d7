// Amazon and Apple files recognised from their content and read exactly; files
// that are not purchase histories refused with what to do instead, writing
// nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { amazonOrdersCsv, appleReportHtml } from '../../../../e2e/support/purchase-history.js';
import { tempDir } from '../../../../e2e/support/test-cleanup.js';
import { tempSqlitePath } from '../../../../e2e/support/test-databases.js';
import { openStore } from '../../../../db/open-store.js';
import { importPurchaseFile } from './import-purchases.js';
import { parsePurchaseFile } from './purchase-file.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('purchase files', () => {
  it('sums an order’s items to the penny and keeps every product name whole', () => {
    const csv = amazonOrdersCsv([
      {
        id: '204-1234567-1234567',
        date: '2025-02-03',
        items: [
          { name: 'Pens, "fine", 0.5mm', pence: 10 },
          { name: 'Paper', pence: 20 },
          { name: 'Ink', pence: 1_000_001 },
        ],
      },
    ]);
    const parsed = parsePurchaseFile(bytes(csv), 'Retail.OrderHistory.1.csv');
    expect(parsed).toEqual({
      format: 'amazon-orders',
      problems: [],
      purchases: [
        {
          source: 'amazon',
          kind: 'order',
          externalId: '204-1234567-1234567',
          orderId: '204-1234567-1234567',
          date: '2025-02-03',
          amountPence: 1_000_031,
          currency: 'GBP',
          items: 'Pens, "fine", 0.5mm | Paper | Ink',
          status: 'Closed',
        },
      ],
    });
  });

  it('lists an order whose total cannot be read instead of storing it short', () => {
    const csv = amazonOrdersCsv([
      { id: '204-0000001-0000001', date: '2025-02-03', items: [{ name: 'A', pence: 100 }] },
      { id: '204-0000002-0000002', date: '2025-02-04', items: [{ name: 'B', pence: 200 }] },
    ]).replaceAll(',2.00,', ',two pounds,');
    const parsed = parsePurchaseFile(bytes(csv), 'orders.csv');
    expect(parsed.purchases.map((p) => p.externalId)).toEqual(['204-0000001-0000001']);
    expect(parsed.problems).toEqual([
      { line: 3, reason: 'order 204-0000002-0000002: the amount "two pounds" is not an amount of money' },
    ]);
  });

  it('reads Apple’s page in both layouts, leaving free purchases out and taking $ as US dollars', () => {
    const html = appleReportHtml([
      {
        id: 'MT3X9K2LQP',
        date: '2025-03-07',
        items: [
          { app: 'Procreate', publisher: 'Savage Interactive Pty Ltd', pence: 1299 },
          { app: 'Free Game', publisher: 'Someone & Co', pence: null },
        ],
      },
      { id: 'MNOPQRSTUV12', date: '2025-03-09', items: [{ app: 'Free', publisher: 'X', pence: null }] },
      { id: 'MABCDEFGHJK', date: '2025-12-25', items: [{ app: 'Things 3', publisher: 'Cultured Code', pence: 999 }] },
    ]).replace('£9.99</span>', '$9.99</span>');
    expect(parsePurchaseFile(bytes(html), 'apple.html')).toEqual({
      format: 'apple',
      problems: [],
      purchases: [
        {
          source: 'apple',
          kind: 'order',
          externalId: 'MT3X9K2LQP',
          orderId: 'MT3X9K2LQP',
          date: '2025-03-07',
          amountPence: 1299,
          currency: 'GBP',
          items: 'Procreate (Savage Interactive Pty Ltd) | Free Game (Someone & Co)',
          status: null,
        },
        {
          source: 'apple',
          kind: 'order',
          externalId: 'MABCDEFGHJK',
          orderId: 'MABCDEFGHJK',
          date: '2025-12-25',
          amountPence: 999,
          currency: 'USD',
          items: 'Things 3 (Cultured Code)',
          status: null,
        },
      ],
    });
  });

  it.each([
    ['empty', '', 'is empty.'],
    ['binary', '\u0000\u0001\u0002PK', 'is not a text file'],
    [
      'a bank statement',
      'Date,Description,Amount\n01/02/2025,TESCO,-1.00\n',
      'does not have the columns of an Amazon export',
    ],
    ['a header only', amazonOrdersCsv([]), 'holds no purchases to import: it lists none.'],
    ['another web page', '<html><body><p>Hello</p></body></html>', 'is a web page, but not Apple’s purchase history'],
    [
      'cut short',
      `${amazonOrdersCsv([{ id: '1', date: '2025-01-01', items: [{ name: 'A', pence: 1 }] }])}"Amazon.co.uk,204-1`,
      'looks cut short',
    ],
  ])('refuses %s with a remedy and writes nothing', async (_, content, message) => {
    const path = join(tempDir('purchase-files'), 'Retail.OrderHistory.1.csv');
    writeFileSync(path, content);
    const store = await openStore(tempSqlitePath());
    try {
      const error = await importPurchaseFile(store, path).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) as unknown });
      expect((error as { remedy?: string }).remedy).toMatch(/Amazon.*Apple/);
      const [counts] = await store.query(
        sql`SELECT (SELECT COUNT(*) FROM purchases) AS p, (SELECT COUNT(*) FROM purchase_imports) AS i`,
      );
      expect(counts).toEqual({ p: 0, i: 0 });
    } finally {
      await store.close();
    }
  });
});
