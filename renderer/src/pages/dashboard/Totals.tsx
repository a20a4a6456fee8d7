import { formatPence } from '../../../../db/money.js';
import type { MonthStat } from '../../../../db/model.js';

export function Totals({ months }: { months: readonly MonthStat[] }) {
  let income = 0;
  let spend = 0;
  for (const m of months) {
    income += m.incomePence;
    spend += m.spendPence;
  }
  const net = income + spend;
  return (
    <dl className="totals">
      <div className="card totals__item">
        <dt>Income</dt>
        <dd className="amount amount--income">{formatPence(income)}</dd>
      </div>
      <div className="card totals__item">
        <dt>Spending</dt>
        <dd className="amount amount--spend">{formatPence(Math.abs(spend))}</dd>
      </div>
      <div className="card totals__item">
        <dt>Net</dt>
        <dd className={`amount ${net < 0 ? 'amount--spend' : 'amount--income'}`}>{formatPence(net)}</dd>
      </div>
    </dl>
  );
}
