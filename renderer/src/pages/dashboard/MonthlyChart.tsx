import { format, parseISO } from 'date-fns';
import { formatPence } from '../../../../db/money.js';
import type { MonthStat } from '../../../../db/model.js';
import { formatMonth } from '../../format';

/** Income and spending side by side for each month, scaled to the busiest month. */
export function MonthlyChart({ months }: { months: readonly MonthStat[] }) {
  const largest = Math.max(1, ...months.flatMap((m) => [m.incomePence, -m.spendPence]));
  if (months.every((m) => m.count === 0)) return <p className="empty-state">No transactions in this period.</p>;
  const height = (pence: number) => `${(Math.abs(pence) / largest) * 100}%`;
  return (
    <div className="vbars">
      <div className="vbars__legend" aria-hidden>
        <span className="legend legend--income">Income</span>
        <span className="legend legend--spend">Spending</span>
      </div>
      <ul className="vbars__plot" aria-label="Income and spending by month">
        {months.map((m) => {
          const summary = `${formatMonth(m.month)}: income ${formatPence(m.incomePence)}, spending ${formatPence(Math.abs(m.spendPence))}`;
          return (
            <li key={m.month} className="vbars__month" aria-label={summary} title={summary}>
              <span className="vbars__bars" aria-hidden>
                <span className="vbars__bar vbars__bar--income" style={{ height: height(m.incomePence) }} />
                <span className="vbars__bar vbars__bar--spend" style={{ height: height(m.spendPence) }} />
              </span>
              <span className="vbars__label" aria-hidden>
                {format(parseISO(`${m.month}-01`), 'MMM')}
                <span className="vbars__year">{format(parseISO(`${m.month}-01`), 'yy')}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
