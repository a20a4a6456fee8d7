// The dashboard's reporting periods, as inclusive YYYY-MM-DD bounds.
import {
  eachMonthOfInterval,
  endOfYear,
  format,
  parseISO,
  startOfMonth,
  startOfYear,
  subMonths,
  subYears,
} from 'date-fns';
import type { MonthStat, TransactionFilter } from '../../../../db/model.js';

export const PERIODS = [
  { id: 'last-12-months', label: 'Last 12 months' },
  { id: 'this-year', label: 'This year' },
  { id: 'last-year', label: 'Last year' },
  { id: 'all-time', label: 'All time' },
  { id: 'custom', label: 'Custom dates' },
] as const;
export type PeriodId = (typeof PERIODS)[number]['id'];

export interface CustomRange {
  from: string;
  to: string;
}

const iso = (date: Date) => format(date, 'yyyy-MM-dd');

export function periodFilter(period: PeriodId, custom: CustomRange, today = new Date()): TransactionFilter {
  switch (period) {
    case 'last-12-months':
      return { dateFrom: iso(startOfMonth(subMonths(today, 11))), dateTo: iso(today) };
    case 'this-year':
      return { dateFrom: iso(startOfYear(today)), dateTo: iso(today) };
    case 'last-year': {
      const lastYear = subYears(today, 1);
      return { dateFrom: iso(startOfYear(lastYear)), dateTo: iso(endOfYear(lastYear)) };
    }
    case 'all-time':
      return {};
    case 'custom':
      return { ...(custom.from && { dateFrom: custom.from }), ...(custom.to && { dateTo: custom.to }) };
  }
}

/**
 * The store only reports months that have transactions; the chart shows every
 * month in the period so quiet months read as quiet rather than disappearing.
 */
export function fillMonths(stats: readonly MonthStat[], filter: TransactionFilter): MonthStat[] {
  const first = filter.dateFrom?.slice(0, 7) ?? stats[0]?.month;
  const last = filter.dateTo?.slice(0, 7) ?? stats.at(-1)?.month;
  if (!first || !last || first > last) return [...stats];
  const byMonth = new Map(stats.map((s) => [s.month, s]));
  return eachMonthOfInterval({ start: parseISO(`${first}-01`), end: parseISO(`${last}-01`) }).map((date) => {
    const month = format(date, 'yyyy-MM');
    return byMonth.get(month) ?? { month, count: 0, spendPence: 0, incomePence: 0 };
  });
}
