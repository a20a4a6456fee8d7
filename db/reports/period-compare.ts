// This period against the one before and the same period a year earlier,
// category by category, in pence and percent.
import type { Executor } from '../sql/executor.js';
import { spendingByCategory } from './category-spending.js';
import { previousSpan, yearEarlier } from './report-dates.js';
import { percentChange, type CategoryChange, type PeriodComparison } from './report-model.js';

export async function comparePeriods(db: Executor, from: string, to: string): Promise<PeriodComparison> {
  const current = { from, to };
  const previous = previousSpan(from, to);
  const yearAgo = { from: yearEarlier(from), to: yearEarlier(to) };
  const [now, before, lastYear] = await Promise.all(
    [current, previous, yearAgo].map((span) => spendingByCategory(db, span)),
  );
  const key = (c: string | null) => c ?? '';
  const rows = new Map<string, CategoryChange>();
  const row = (category: string | null) => {
    let r = rows.get(key(category));
    if (!r) {
      r = {
        category,
        currentPence: 0,
        previousPence: 0,
        yearAgoPence: 0,
        changePence: 0,
        changePercent: null,
        yearChangePence: 0,
        yearChangePercent: null,
      };
      rows.set(key(category), r);
    }
    return r;
  };
  for (const c of now ?? []) row(c.category).currentPence = c.spendPence;
  for (const c of before ?? []) row(c.category).previousPence = c.spendPence;
  for (const c of lastYear ?? []) row(c.category).yearAgoPence = c.spendPence;
  const categories = [...rows.values()]
    .filter((r) => r.currentPence || r.previousPence || r.yearAgoPence)
    .map((r) => ({
      ...r,
      changePence: r.currentPence - r.previousPence,
      changePercent: percentChange(r.currentPence, r.previousPence),
      yearChangePence: r.currentPence - r.yearAgoPence,
      yearChangePercent: percentChange(r.currentPence, r.yearAgoPence),
    }))
    .sort((a, b) => b.currentPence - a.currentPence || key(a.category).localeCompare(key(b.category)));
  return { current, previous, yearAgo, categories };
}
