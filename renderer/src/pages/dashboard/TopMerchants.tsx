import { useQuery } from '@tanstack/react-query';
import type { TransactionFilter } from '../../../../db/model.js';
import { formatPence } from '../../../../db/money.js';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { keys } from '../../queries';
import { formatCount } from '../../format';

/** Where the period's money went, by merchant (the description where none is known). */
export function TopMerchants({ filter }: { filter: TransactionFilter }) {
  const period = { from: filter.dateFrom, to: filter.dateTo };
  const merchants = useQuery({
    queryKey: keys.topMerchants(filter),
    queryFn: () => call('reportMerchants', { ...period, limit: 10 }),
  });
  if (merchants.isError) return <ErrorMessage error={merchants.error} onRetry={() => void merchants.refetch()} />;
  if (merchants.isPending) return <p className="empty-state">Loading…</p>;
  if (!merchants.data.length) return <p className="empty-state">No spending in this period.</p>;
  return (
    <table className="table report-table" aria-label="Top merchants">
      <thead>
        <tr>
          <th scope="col">Merchant</th>
          <th scope="col" className="amount">
            Spent
          </th>
          <th scope="col" className="amount">
            Payments
          </th>
        </tr>
      </thead>
      <tbody>
        {merchants.data.map((m) => (
          <tr key={m.merchant}>
            <td className="report-table__name">{m.merchant}</td>
            <td className="amount">{formatPence(m.spendPence)}</td>
            <td className="amount">{formatCount(m.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
