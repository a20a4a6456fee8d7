// Recurring payments and subscriptions found in the history (FINANCE.md 6):
// the database narrows three years of expenses to the payees that could
// recur and returns only theirs; db/reports/recurring-series.ts judges them.
import { sql } from 'drizzle-orm';
import { readInt } from '../sql/dialect.js';
import type { Executor } from '../sql/executor.js';
import { recurringDecisions } from './recurring-decisions.js';
import { plusDays } from './report-dates.js';
import type { RecurringPayment, RecurringSummary } from './report-model.js';
import { byAmount, MIN_OCCURRENCES, recurringPayment, type Payment } from './recurring-series.js';

/** Three yearly payments need two years; a third year lets a late start or a missed one still show. */
const WINDOW_DAYS = 3 * 366;
/**
 * A payee paid more often than every few days (a supermarket) is a payee of
 * everyday spending: only its payments of one exact amount, repeated, are
 * looked at, so the many others never leave the database.
 */
const EVERYDAY_GAP_DAYS = 5;
export const UPCOMING_DAYS = 30;

/**
 * Whom a payment went to: the merchant, else the description without its
 * digits (references and card numbers change from one payment to the next).
 */
function payeeKey(): ReturnType<typeof sql> {
  let text = sql`COALESCE(description_folded, description)`;
  for (let digit = 0; digit <= 9; digit++) text = sql`REPLACE(${text}, ${String(digit)}, '')`;
  return sql`COALESCE(NULLIF(merchant, ''), TRIM(${text}))`;
}

interface Candidate {
  /** The payee key, and the amount for an everyday payee's series of one exact amount. */
  key: string;
  /** The merchant, or the latest description, byte for byte. */
  name: string;
  payments: Payment[];
  /** Grouped by exact amount already (everyday payees). */
  exact: boolean;
}

async function candidates(db: Executor, asOf: string): Promise<Candidate[]> {
  const d = db.dialect;
  const everyday = Math.floor(WINDOW_DAYS / EVERYDAY_GAP_DAYS);
  const rows = await db.values(
    sql`WITH w AS (
          SELECT ${payeeKey()} AS k, date AS day, ${d.pence(sql`-amount`)} AS p,
                 COALESCE(NULLIF(merchant, ''), description) AS name
          FROM transactions
          WHERE amount < 0 AND date >= ${plusDays(asOf, -WINDOW_DAYS)} AND date <= ${asOf}
        ),
        c AS (SELECT k, COUNT(*) AS n FROM w GROUP BY k HAVING COUNT(*) >= ${MIN_OCCURRENCES})
        SELECT w.k, w.day, w.p, w.name, 0 AS exact FROM w JOIN c ON c.k = w.k WHERE c.n <= ${everyday}
        UNION ALL
        SELECT w.k, w.day, w.p, w.name, 1 FROM w
        WHERE (w.k, w.p) IN (
          SELECT w.k, w.p FROM w JOIN c ON c.k = w.k WHERE c.n > ${everyday}
          GROUP BY w.k, w.p HAVING COUNT(*) >= ${MIN_OCCURRENCES})
        ORDER BY 1, 2`,
  );
  const byPayee = new Map<string, Candidate>();
  for (const [k, day, p, name, exact] of rows) {
    const exactAmount = readInt(exact) === 1;
    const key = exactAmount ? `${String(k)} · ${String(p)}p` : String(k);
    let c = byPayee.get(key);
    if (!c) byPayee.set(key, (c = { key, name: String(name), payments: [], exact: exactAmount }));
    // Rows come in date order: the last name seen is the latest.
    c.name = String(name);
    c.payments.push({ date: String(day), pence: readInt(p) });
  }
  return [...byPayee.values()];
}

/**
 * Recurring payments still going on `asOf`, as the user decided: dismissed
 * ones left out, renamed ones under their new name, confirmed ones marked.
 * One payee's series of different amounts but the same cadence share a key,
 * and so a decision: they are the same subscription to the user.
 */
export async function recurringPayments(db: Executor, asOf: string): Promise<RecurringSummary> {
  const [found, decisions] = await Promise.all([candidates(db, asOf), recurringDecisions(db)]);
  const payments: RecurringPayment[] = [];
  for (const c of found) {
    for (const series of c.exact ? [c.payments] : byAmount(c.payments)) {
      const detected = recurringPayment(c.name, series, asOf);
      if (!detected) continue;
      const key = `${c.key} · ${detected.cadence}`;
      const decision = decisions.get(key);
      if (decision?.status === 'dismissed') continue;
      payments.push({
        ...detected,
        key,
        merchant: decision?.name ?? detected.merchant,
        confirmed: decision?.status === 'confirmed',
      });
    }
  }
  payments.sort((a, b) => a.nextDate.localeCompare(b.nextDate) || a.merchant.localeCompare(b.merchant));
  const horizon = plusDays(asOf, UPCOMING_DAYS);
  return {
    payments,
    monthlyPence: payments.reduce((sum, p) => sum + p.monthlyPence, 0),
    upcoming: payments.filter((p) => p.nextDate <= horizon),
  };
}
