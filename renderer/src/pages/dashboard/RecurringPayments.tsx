import { useQuery } from '@tanstack/react-query';
import { format } from 'date-fns';
import { formatPence } from '../../../../db/money.js';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { keys } from '../../queries';

/** Recurring payments still going today, soonest first; not tied to the period, which looks back. */
export function RecurringPayments() {
  const asOf = format(new Date(), 'yyyy-MM-dd');
  const recurring = useQuery({
    queryKey: keys.recurring(asOf),
    queryFn: () => call('recurringPayments', { asOf }),
  });
  if (recurring.isError) return <ErrorMessage error={recurring.error} onRetry={() => void recurring.refetch()} />;
  if (recurring.isPending) return <p className="empty-state">Looking through the history…</p>;
  const { payments, monthlyPence, upcoming } = recurring.data;
  if (!payments.length) return <p className="empty-state">No recurring payments found.</p>;
  return (
    <>
      <p>
        About <strong className="amount">{formatPence(monthlyPence)}</strong> a month; {upcoming.length} due in the next
        30 days.
      </p>
      <table className="table report-table" aria-label="Recurring payments">
        <thead>
          <tr>
            <th scope="col">Payee</th>
            <th scope="col">Every</th>
            <th scope="col" className="amount">
              Amount
            </th>
            <th scope="col">Next</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr key={`${p.merchant} ${p.cadence} ${p.amountPence}`}>
              <td className="report-table__name">{p.merchant}</td>
              <td>{p.cadence.replace(/ly$/, '')}</td>
              <td className="amount">{formatPence(p.amountPence)}</td>
              <td>{p.nextDate}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
