// Plain-text tables for the terminal.
import { formatPence } from '../../db/money.js';
import type { CategoryStat, MonthStat, Transaction } from '../../db/model.js';

export function table(
  headers: string[],
  rows: string[][],
  rightAligned: ReadonlySet<number>,
  maxWidth = Infinity,
): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
      .slice(0, maxWidth);
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function transactionsTable(items: Transaction[], maxWidth?: number): string {
  if (!items.length) return 'No transactions match.';
  return table(
    ['Date', 'Amount', 'Category', 'Description'],
    items.map((t) => [t.date, formatPence(t.amountPence), t.category ?? '—', t.description.replace(/\s+/g, ' ')]),
    new Set([1]),
    maxWidth,
  );
}

export function statsTables(categories: CategoryStat[], months: MonthStat[]): string {
  const totals = categories.reduce(
    (sum, c) => ({ count: sum.count + c.count, spend: sum.spend + c.spendPence, income: sum.income + c.incomePence }),
    { count: 0, spend: 0, income: 0 },
  );
  return [
    `${totals.count.toLocaleString('en-GB')} transactions · income ${formatPence(totals.income)} · spend ${formatPence(totals.spend)} · net ${formatPence(totals.income + totals.spend)}`,
    '',
    table(
      ['Category', 'Count', 'Spend', 'Income'],
      categories.map((c) => [
        c.category ?? '(none)',
        String(c.count),
        formatPence(c.spendPence),
        formatPence(c.incomePence),
      ]),
      new Set([1, 2, 3]),
    ),
    '',
    table(
      ['Month', 'Count', 'Spend', 'Income'],
      months.map((m) => [m.month, String(m.count), formatPence(m.spendPence), formatPence(m.incomePence)]),
      new Set([1, 2, 3]),
    ),
  ].join('\n');
}
