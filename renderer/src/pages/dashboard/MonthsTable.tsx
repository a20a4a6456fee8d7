import { formatPence } from '../../../../db/money.js';
import type { MonthCashFlow } from '../../../../db/reports/report-model.js';
import { formatMonth } from '../../format';

/** Income, spending and net for each month, to the penny: the table behind both monthly charts. */
export function MonthsTable({ months, label }: { months: readonly MonthCashFlow[]; label: string }) {
  return (
    <table className="table report-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col" className="amount">
            Income
          </th>
          <th scope="col" className="amount">
            Spending
          </th>
          <th scope="col" className="amount">
            Net
          </th>
        </tr>
      </thead>
      <tbody>
        {months.map((m) => (
          <tr key={m.month}>
            <td>{formatMonth(m.month)}</td>
            <td className="amount">{formatPence(m.incomePence)}</td>
            <td className="amount">{formatPence(m.spendPence)}</td>
            <td className={`amount ${m.netPence < 0 ? 'amount--spend' : ''}`}>{formatPence(m.netPence)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
