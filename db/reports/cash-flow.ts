// Income against spending per month, with the net: every month of the period
// is listed, a month with nothing in it as zeros, so charts keep their spacing.
import type { Executor } from '../sql/executor.js';
import { aggregate } from '../sql/stats-queries.js';
import { monthsBetween } from './report-dates.js';
import type { MonthCashFlow, ReportPeriod } from './report-model.js';

export async function cashFlowByMonth(db: Executor, period: ReportPeriod): Promise<MonthCashFlow[]> {
  const totals = await aggregate(db, { dateFrom: period.from, dateTo: period.to }, 'month');
  if (!totals.length && (!period.from || !period.to)) return [];
  const byMonth = new Map(totals.map((t) => [t.key, t]));
  const known = [...byMonth.keys()].sort();
  const first = period.from?.slice(0, 7) ?? known[0] ?? '';
  const last = period.to?.slice(0, 7) ?? known.at(-1) ?? '';
  return monthsBetween(first, last).map((month) => {
    const t = byMonth.get(month);
    const incomePence = t?.incomePence ?? 0;
    // 0 − x rather than −x: a month without spending reads 0, not −0.
    const spendPence = 0 - (t?.spendPence ?? 0);
    return { month, incomePence, spendPence, netPence: incomePence - spendPence };
  });
}
