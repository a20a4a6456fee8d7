// Where the money goes, by merchant: summed in the database over the period's
// expenses (found through the date index), only the top rows come back.
import { sql } from 'drizzle-orm';
import { readInt } from '../sql/dialect.js';
import type { Executor } from '../sql/executor.js';
import { whereClause } from '../sql/transaction-queries.js';
import type { MerchantSpending, ReportPeriod } from './report-model.js';

/** The merchant, or the description where none is known (rows from files and older tools). */
export const MERCHANT_KEY = sql`COALESCE(NULLIF(merchant, ''), description)`;

export async function topMerchants(db: Executor, period: ReportPeriod, limit = 10): Promise<MerchantSpending[]> {
  const d = db.dialect;
  const where = [sql`amount < 0`];
  if (period.from) where.push(sql`date >= ${period.from}`);
  if (period.to) where.push(sql`date <= ${period.to}`);
  const rows = await db.all(
    sql`SELECT ${MERCHANT_KEY} AS m, COUNT(*) AS n, ${d.sumPence(sql`-amount`)} AS spend
        FROM transactions ${whereClause(where)}
        GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT ${limit}`,
  );
  return rows.map((r) => ({ merchant: String(r.m), spendPence: readInt(r.spend), count: readInt(r.n) }));
}
