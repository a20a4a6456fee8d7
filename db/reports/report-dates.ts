// Calendar arithmetic on YYYY-MM-DD text for reports, by date-fns on local
// dates: only whole days are counted, so no time zone enters the figures.
import { addDays, differenceInCalendarDays, format, parseISO, subYears } from 'date-fns';
import { lastDay, shiftMonth } from '../sql/month-split.js';

const iso = (date: Date) => format(date, 'yyyy-MM-dd');

export const plusDays = (date: string, days: number) => iso(addDays(parseISO(date), days));

export const daysBetween = (from: string, to: string) => differenceInCalendarDays(parseISO(to), parseISO(from));

/** The same day a year earlier; 29 February becomes the 28th. */
export const yearEarlier = (date: string) => iso(subYears(parseISO(date), 1));

/** Every YYYY-MM from `first` to `last`, inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = first; m && m <= last; m = shiftMonth(m, 1)) months.push(m);
  return months;
}

/** True when the span starts on a 1st and ends on a month's last day. */
export function wholeMonths(from: string, to: string): boolean {
  return from.endsWith('-01') && to === lastDay(to.slice(0, 7));
}

/**
 * The span just before: as many whole months when the span is whole months
 * (March before April, whatever their lengths), otherwise as many days.
 */
export function previousSpan(from: string, to: string): { from: string; to: string } {
  if (wholeMonths(from, to)) {
    const months = monthsBetween(from.slice(0, 7), to.slice(0, 7)).length;
    const start = shiftMonth(from.slice(0, 7), -months);
    return { from: `${start}-01`, to: lastDay(shiftMonth(to.slice(0, 7), -months)) };
  }
  const length = daysBetween(from, to) + 1;
  return { from: plusDays(from, -length), to: plusDays(from, -1) };
}
