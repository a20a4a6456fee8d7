// Per-category and per-month totals. Filters that only narrow by date and
// category are answered from transaction_totals (whole months) plus a scan
// of the partial months at the edges; anything else scans transactions.
import { sql, type SQL } from 'drizzle-orm';
import type { TransactionFilter } from '../model.js';
import { readInt } from './dialect.js';
import type { Executor } from './executor.js';
import { splitByMonth } from './month-split.js';
import { CATEGORY_KEY, filterConditions, UNCATEGORISED, whereClause } from './transaction-queries.js';

export type Grouping = 'category' | 'month';

export interface Totals {
  /** Category name ('' for none) or YYYY-MM. */
  key: string;
  count: number;
  spendPence: number;
  incomePence: number;
}

/** True when a filter narrows only by date and category, which the running totals can answer (they know no account). */
export function canUseTotals(f: TransactionFilter): boolean {
  return (
    !f.search &&
    !f.merchant &&
    !f.huququllah &&
    f.accountId === undefined &&
    f.minAmountPence === undefined &&
    f.maxAmountPence === undefined
  );
}

function totalsCategoryCondition(f: TransactionFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.categories?.length)
    parts.push(
      sql`category IN (${sql.join(
        f.categories.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
  if (f.uncategorised) parts.push(UNCATEGORISED);
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : undefined;
}

async function scan(db: Executor, filter: TransactionFilter, grouping: Grouping): Promise<Totals[]> {
  const d = db.dialect;
  const key = grouping === 'category' ? CATEGORY_KEY : d.month(sql`date`);
  const rows = await db.all(
    sql`SELECT ${key} AS k, COUNT(*) AS n,
          ${d.sumPence(sql`CASE WHEN amount < 0 THEN amount ELSE 0 END`)} AS spend,
          ${d.sumPence(sql`CASE WHEN amount > 0 THEN amount ELSE 0 END`)} AS income
        FROM transactions ${whereClause(filterConditions(d, filter))} GROUP BY 1`,
  );
  return rows.map(toTotals);
}

async function fromTotals(
  db: Executor,
  filter: TransactionFilter,
  months: { from?: string; to?: string },
  grouping: Grouping,
) {
  const where: SQL[] = [];
  if (months.from) where.push(sql`month >= ${months.from}`);
  if (months.to) where.push(sql`month <= ${months.to}`);
  const categories = totalsCategoryCondition(filter);
  if (categories) where.push(categories);
  const rows = await db.all(
    sql`SELECT ${grouping === 'category' ? sql`category` : sql`month`} AS k, SUM(n) AS n,
          SUM(spend_pence) AS spend, SUM(income_pence) AS income
        FROM transaction_totals ${whereClause(where)} GROUP BY 1`,
  );
  return rows.map(toTotals);
}

function toTotals(row: Record<string, unknown>): Totals {
  return {
    key: String(row.k),
    count: readInt(row.n),
    spendPence: readInt(row.spend),
    incomePence: readInt(row.income),
  };
}

export async function aggregate(db: Executor, filter: TransactionFilter, grouping: Grouping): Promise<Totals[]> {
  if (!canUseTotals(filter)) return scan(db, filter, grouping);
  const split = splitByMonth({ from: filter.dateFrom, to: filter.dateTo });
  const parts = await Promise.all([
    ...(split.months ? [fromTotals(db, filter, split.months, grouping)] : []),
    ...split.edges.map((edge) => scan(db, { ...filter, dateFrom: edge.from, dateTo: edge.to }, grouping)),
  ]);
  const merged = new Map<string, Totals>();
  for (const t of parts.flat()) {
    const m = merged.get(t.key);
    if (m) {
      m.count += t.count;
      m.spendPence += t.spendPence;
      m.incomePence += t.incomePence;
    } else merged.set(t.key, { ...t });
  }
  return [...merged.values()].filter((t) => t.count > 0);
}
