// Splits a date range into whole months (answered from transaction_totals)
// and at most two partial edges (answered by scanning those days only).

export interface DayRange {
  from?: string;
  to?: string;
}

export interface MonthSplit {
  /** Whole months, inclusive, as YYYY-MM; absent when none fit. */
  months?: { from?: string; to?: string };
  /** Partial months to scan day by day. */
  edges: { from: string; to: string }[];
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear().toString().padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export const lastDay = (month: string) => `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;

export function splitByMonth({ from, to }: DayRange): MonthSplit {
  if (from && to && from > to) return { edges: [] };
  const fromMonth = from?.slice(0, 7);
  const toMonth = to?.slice(0, 7);
  const fromAligned = !from || from.endsWith('-01');
  const toAligned = !to || !toMonth || to === lastDay(toMonth);

  if (from && to && fromMonth === toMonth && !(fromAligned && toAligned)) {
    return { edges: [{ from, to }] };
  }
  const edges: { from: string; to: string }[] = [];
  let first = fromMonth;
  let last = toMonth;
  if (from && fromMonth && !fromAligned) {
    edges.push({ from, to: lastDay(fromMonth) });
    first = shiftMonth(fromMonth, 1);
  }
  if (to && toMonth && !toAligned) {
    edges.push({ from: `${toMonth}-01`, to });
    last = shiftMonth(toMonth, -1);
  }
  const months =
    first && last && first > last ? undefined : { ...(first ? { from: first } : {}), ...(last ? { to: last } : {}) };
  return months ? { months, edges } : { edges };
}
