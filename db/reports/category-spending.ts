// Spending per category for any period, custom categories included: the
// running totals answer whole months, so a year costs a few hundred rows.
import type { Executor } from '../sql/executor.js';
import { aggregate } from '../sql/stats-queries.js';
import type { CategorySpending, ReportPeriod } from './report-model.js';

/** Largest spending first; categories with income only come last. */
export async function spendingByCategory(db: Executor, period: ReportPeriod): Promise<CategorySpending[]> {
  const totals = await aggregate(db, { dateFrom: period.from, dateTo: period.to }, 'category');
  return totals
    .map((t) => ({
      category: t.key === '' ? null : t.key,
      // 0 − x rather than −x: a category with income only reads 0, not −0.
      spendPence: 0 - t.spendPence,
      incomePence: t.incomePence,
      count: t.count,
    }))
    .sort((a, b) => b.spendPence - a.spendPence || (a.category ?? '').localeCompare(b.category ?? ''));
}
