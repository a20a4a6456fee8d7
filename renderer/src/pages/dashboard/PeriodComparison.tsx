// The period's spending per category against the period just before and the
// same period a year earlier: the change in pounds and percent, said by its
// sign and words as well as its arrow and colour.
import { useQuery } from '@tanstack/react-query';
import { format } from 'date-fns';
import type { TransactionFilter } from '../../../../db/model.js';
import { formatPence } from '../../../../db/money.js';
import { percentChange, type PeriodComparison as Comparison } from '../../../../db/reports/report-model.js';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { categoryLabel, formatDate } from '../../format';
import { keys } from '../../queries';
import { signedPence, signedPercent } from './signed';

const span = (s: { from: string; to: string }) => `${formatDate(s.from)} – ${formatDate(s.to)}`;

function Change({ pence, percent, base }: { pence: number; percent: number | null; base: number }) {
  const way = pence > 0 ? 'up' : pence < 0 ? 'down' : 'same';
  return (
    <span className={`change change--${way}`}>
      <span className="change__amount">
        <span aria-hidden>{way === 'up' ? '▲ ' : way === 'down' ? '▼ ' : ''}</span>
        {signedPence(pence)}
      </span>
      <span className="change__detail">{signedPercent(percent)}</span>
      <span className="change__detail">was {formatPence(base)}</span>
    </span>
  );
}

function ComparisonTable({ comparison }: { comparison: Comparison }) {
  const total = comparison.categories.reduce(
    (sum, c) => ({
      current: sum.current + c.currentPence,
      previous: sum.previous + c.previousPence,
      yearAgo: sum.yearAgo + c.yearAgoPence,
    }),
    { current: 0, previous: 0, yearAgo: 0 },
  );
  return (
    <table className="table report-table comparison" aria-label="Spending against earlier periods">
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col" className="amount">
            This period
          </th>
          <th scope="col" className="amount">
            Against the period before
          </th>
          <th scope="col" className="amount">
            Against a year earlier
          </th>
        </tr>
      </thead>
      <tbody>
        {comparison.categories.map((c) => (
          <tr key={categoryLabel(c.category)}>
            <td className="report-table__name">{categoryLabel(c.category)}</td>
            <td className="amount">{formatPence(c.currentPence)}</td>
            <td className="amount">
              <Change pence={c.changePence} percent={c.changePercent} base={c.previousPence} />
            </td>
            <td className="amount">
              <Change pence={c.yearChangePence} percent={c.yearChangePercent} base={c.yearAgoPence} />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td>All spending</td>
          <td className="amount">{formatPence(total.current)}</td>
          <td className="amount">
            <Change
              pence={total.current - total.previous}
              percent={percentChange(total.current, total.previous)}
              base={total.previous}
            />
          </td>
          <td className="amount">
            <Change
              pence={total.current - total.yearAgo}
              percent={percentChange(total.current, total.yearAgo)}
              base={total.yearAgo}
            />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** Follows the period picker; with no start (all time) the store compares this month so far. */
export function PeriodComparison({ filter }: { filter: TransactionFilter }) {
  const asOf = format(new Date(), 'yyyy-MM-dd');
  const period = { from: filter.dateFrom, to: filter.dateTo };
  const comparison = useQuery({
    queryKey: keys.comparison(filter, asOf),
    queryFn: () => call('reportCompare', { ...period, asOf }),
  });
  if (comparison.isError) return <ErrorMessage error={comparison.error} onRetry={() => void comparison.refetch()} />;
  if (comparison.isPending) return <p className="empty-state">Loading…</p>;
  const { current, previous, yearAgo, categories } = comparison.data;
  return (
    <>
      <p className="comparison__spans">
        {span(current)}, against the period before ({span(previous)}) and a year earlier ({span(yearAgo)}).
      </p>
      {categories.length ? (
        <div className="report-table-scroll">
          <ComparisonTable comparison={comparison.data} />
        </div>
      ) : (
        <p className="empty-state">No spending in any of the three periods.</p>
      )}
    </>
  );
}
