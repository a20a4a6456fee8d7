// The old migration guide's checks, kept on top of the checksums because
// people recognise them: transaction count, first and last date, the spread
// over categories, and how many Amazon matches still join both sides.
import { sql } from 'drizzle-orm';
import type { ReadRows } from '../table-pages.js';

export interface StoreCheck {
  name: string;
  value: string;
}

export async function storeChecks(read: ReadRows, dialect: 'sqlite' | 'postgres'): Promise<StoreCheck[]> {
  const pence =
    dialect === 'sqlite' ? sql`SUM(CAST(ROUND(amount * 100) AS INTEGER))` : sql`CAST(SUM(amount * 100) AS BIGINT)`;
  const [count] = await read(sql`SELECT COUNT(*) AS n, MIN(date) AS first, MAX(date) AS last FROM transactions`);
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
  return [
    { name: 'transactions', value: text(count?.n) },
    { name: 'first date', value: text(count?.first) },
    { name: 'last date', value: text(count?.last) },
    {
      name: 'categories (count, pence)',
      value: categories.map((c) => `${text(c.category)}: ${text(c.n)}, ${text(c.pence)}`).join('; '),
    },
    { name: 'Amazon matches joining both sides', value: text(matches?.n) },
  ];
}
