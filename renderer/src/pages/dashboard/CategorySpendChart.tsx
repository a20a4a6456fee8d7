import { formatPence } from '../../../../db/money.js';
import type { CategoryStat } from '../../../../db/model.js';
import { categoryLabel } from '../../format';

/** Horizontal bars, biggest spend first; income-only categories are left out. */
export function CategorySpendChart({ stats }: { stats: readonly CategoryStat[] }) {
  const spending = stats.filter((s) => s.spendPence < 0).sort((a, b) => a.spendPence - b.spendPence);
  const largest = -(spending[0]?.spendPence ?? 0);
  if (spending.length === 0) return <p className="empty-state">No spending in this period.</p>;
  return (
    <ul className="hbars" aria-label="Spending by category">
      {spending.map((s) => {
        const label = categoryLabel(s.category);
        return (
          <li key={label} className="hbars__row">
            <span className="hbars__label">{label}</span>
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
