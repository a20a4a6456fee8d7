import { formatPence } from '../../../../db/money.js';
import type { CategoryStat, TransactionFilter } from '../../../../db/model.js';
import { Link } from 'react-router';
import { categoryLabel } from '../../format';
import type { FilterState } from '../transactions/filters';

/** The Transactions page's filters for one bar: its category over the same period, so the rows add up to it. */
function transactionsOf(category: string | null, period: TransactionFilter): Partial<FilterState> {
  const dates = { dateFrom: period.dateFrom ?? '', dateTo: period.dateTo ?? '' };
  return category === null ? { ...dates, uncategorised: true } : { ...dates, categories: [category] };
}

/** Categories with spending, biggest first; income-only categories are left out. */
export const spendingFirst = (stats: readonly CategoryStat[]) =>
  stats.filter((s) => s.spendPence < 0).sort((a, b) => a.spendPence - b.spendPence);

/** Horizontal bars, biggest spend first. A name opens its transactions. */
export function CategorySpendChart({ stats, period }: { stats: readonly CategoryStat[]; period: TransactionFilter }) {
  const spending = spendingFirst(stats);
  const largest = -(spending[0]?.spendPence ?? 0);
  if (spending.length === 0) return <p className="empty-state">No spending in this period.</p>;
  return (
    <ul className="hbars" aria-label="Spending by category">
      {spending.map((s) => {
        const label = categoryLabel(s.category);
        return (
          <li key={label} className="hbars__row">
            <Link
              className="hbars__label"
              to="/transactions"
              state={{ filters: transactionsOf(s.category, period) }}
              title={`See the ${label} transactions`}
            >
              {label}
            </Link>
            <span className="hbars__track" aria-hidden>
              <span className="hbars__bar" style={{ width: `${(-s.spendPence / largest) * 100}%` }} />
            </span>
            <span className="hbars__value amount">{formatPence(Math.abs(s.spendPence))}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** The same figures as the bars, to the penny. */
export function CategorySpendTable({ stats }: { stats: readonly CategoryStat[] }) {
  return (
    <table className="table report-table" aria-label="Spending by category">
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col" className="amount">
            Spent
          </th>
        </tr>
      </thead>
      <tbody>
        {spendingFirst(stats).map((s) => (
          <tr key={categoryLabel(s.category)}>
            <td className="report-table__name">{categoryLabel(s.category)}</td>
            <td className="amount">{formatPence(-s.spendPence)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
