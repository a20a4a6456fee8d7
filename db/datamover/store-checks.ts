// The old migration guide's checks, kept on top of the checksums because
// people recognise them: transaction count, first and last date, the spread
// over categories, and how many Amazon matches still join both sides.
import { sql } from 'drizzle-orm';
import { formatPence } from '../money.js';
import type { ReadRows } from '../table-pages.js';

export interface StoreCheck {
  name: string;
  value: string;
}

export async function storeChecks(read: ReadRows, dialect: 'sqlite' | 'postgres'): Promise<StoreCheck[]> {
  const pence =
    dialect === 'sqlite' ? sql`SUM(CAST(ROUND(amount * 100) AS INTEGER))` : sql`CAST(SUM(amount * 100) AS BIGINT)`;
  const [totals] = await read(sql`SELECT COUNT(*) AS n, MIN(date) AS first, MAX(date) AS last FROM transactions`);
  const categories = await read(
    sql`SELECT COALESCE(category, '') AS category, COUNT(*) AS n, ${pence} AS pence
        FROM transactions GROUP BY COALESCE(category, '') ORDER BY 1`,
  );
  const [matches] = await read(
    sql`SELECT COUNT(*) AS n FROM amazon_transaction_matches m
        JOIN transactions t ON t.id = m.transaction_id
        JOIN amazon_orders o ON o.id = m.amazon_order_id`,
  );
  const text = (v: unknown) =>
    v === null || v === undefined
      ? ''
      : typeof v === 'object'
        ? JSON.stringify(v)
        : `${v as string | number | boolean}`;
  // Read by people in the move's report and the CLI, so worded and formatted for them.
  const count = (v: unknown) => Number(v ?? 0).toLocaleString('en-GB');
  return [
    { name: 'Transactions', value: count(totals?.n) },
    { name: 'First date', value: text(totals?.first) },
    { name: 'Last date', value: text(totals?.last) },
    ...categories.map((c) => ({
      name: text(c.category) ? `Transactions in ${text(c.category)}` : 'Transactions with no category',
      value: `${count(c.n)}, ${formatPence(Number(c.pence ?? 0))} in all`,
    })),
    { name: 'Amazon matches joining both sides', value: count(matches?.n) },
  ];
}
