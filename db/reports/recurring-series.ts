// Which runs of payments are regular: the pure half of recurring-payment
// detection (db/reports/recurring.ts fetches the candidates). A series is one
// payee's payments of about the same amount, at least three, whose gaps are
// all close to one cadence's length, or twice it where a payment was missed.
import { addMonths, addWeeks, format, parseISO } from 'date-fns';
import { daysBetween } from './report-dates.js';
import type { Cadence, RecurringPayment } from './report-model.js';

export interface Payment {
  date: string;
  pence: number;
}

interface CadenceRule {
  cadence: Cadence;
  days: number;
  /** How far a gap may stray from `days` (times the payments it spans). */
  slack: number;
  next: (date: Date, times: number) => Date;
  /** A month's share of one payment, as a fraction. */
  perMonth: [number, number];
}

const CADENCES: readonly CadenceRule[] = [
  { cadence: 'weekly', days: 7, slack: 2, next: (d, n) => addWeeks(d, n), perMonth: [52, 12] },
  { cadence: 'monthly', days: 30.44, slack: 5, next: (d, n) => addMonths(d, n), perMonth: [1, 1] },
  { cadence: 'quarterly', days: 91.31, slack: 10, next: (d, n) => addMonths(d, 3 * n), perMonth: [1, 3] },
  { cadence: 'yearly', days: 365.25, slack: 15, next: (d, n) => addMonths(d, 12 * n), perMonth: [1, 12] },
];

/** Amounts within a fifth of each other count as the same payment (a price rise stays in its series). */
export const AMOUNT_TOLERANCE = 0.2;
export const MIN_OCCURRENCES = 3;

const iso = (date: Date) => format(date, 'yyyy-MM-dd');

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

/** Groups payments whose amounts chain within the tolerance, each group in date order. */
export function byAmount(payments: readonly Payment[]): Payment[][] {
  const sorted = [...payments].sort((a, b) => a.pence - b.pence || a.date.localeCompare(b.date));
  const groups: Payment[][] = [];
  let group: Payment[] = [];
  for (const p of sorted) {
    const last = group.at(-1);
    if (last && p.pence - last.pence > AMOUNT_TOLERANCE * p.pence) {
      groups.push(group);
      group = [];
    }
    group.push(p);
  }
  if (group.length) groups.push(group);
  return groups.map((g) => g.sort((a, b) => a.date.localeCompare(b.date) || a.pence - b.pence));
}

/** How many cadence lengths a gap spans (1, or 2 after a missed payment), or 0 when it fits none. */
function spans(gap: number, rule: CadenceRule): number {
  for (const times of [1, 2]) if (Math.abs(gap - rule.days * times) <= rule.slack * times) return times;
  return 0;
}

/**
 * The series as a recurring payment, or null when it is not regular, or has
 * lapsed: two expected payments in a row missed by `asOf`. The next date is
 * the first expected on or after `asOf`.
 */
export function recurringPayment(
  merchant: string,
  series: readonly Payment[],
  asOf: string,
): Omit<RecurringPayment, 'key' | 'confirmed'> | null {
  // Two payments on one day (a retry, a split) are one occurrence.
  const days = series.filter((p, i) => i === 0 || p.date !== series[i - 1]?.date);
  if (days.length < MIN_OCCURRENCES) return null;
  const gaps = days.slice(1).map((p, i) => daysBetween(days[i]?.date ?? p.date, p.date));
  const rule = CADENCES.find((r) => spans(median(gaps), r) === 1);
  if (!rule) return null;
  const counts = gaps.map((g) => spans(g, rule));
  // Every gap fits, and most are a single period: missed payments are the exception.
  if (counts.includes(0) || counts.filter((n) => n === 2).length * 4 > gaps.length) return null;
  const last = days.at(-1) as Payment;
  const lastDate = parseISO(last.date);
  let times = 1;
  while (iso(rule.next(lastDate, times)) < asOf) times++;
  // One missed payment is tolerated, as in the history; two in a row and it has stopped.
  if (times > 2) return null;
  const amountPence = median(days.slice(-3).map((p) => p.pence));
  const [num, den] = rule.perMonth;
  return {
    merchant,
    cadence: rule.cadence,
    amountPence,
    lastDate: last.date,
    nextDate: iso(rule.next(lastDate, times)),
    count: days.length,
    monthlyPence: Math.round((amountPence * num) / den),
  };
}
