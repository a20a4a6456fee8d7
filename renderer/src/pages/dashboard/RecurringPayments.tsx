import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { format } from 'date-fns';
import { Fragment, useState, type SubmitEvent } from 'react';
import { formatPence } from '../../../../db/money.js';
import type { RecurringDecision, RecurringPayment } from '../../../../db/reports/report-model.js';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField } from '../../components/Field';
import { keys } from '../../queries';

const COLUMNS = 5;

/** What changed, said in the card, with a way back from a dismissal. */
interface Done {
  text: string;
  undo?: RecurringDecision;
}

/** The user's say on one series: its name, confirming it, or dismissing it for good. */
function SeriesEditor({
  payment,
  onDecide,
  onClose,
  busy,
}: {
  payment: RecurringPayment;
  onDecide: (decision: Omit<RecurringDecision, 'key'>, done: Done) => void;
  onClose: () => void;
  busy: boolean;
}) {
  const [name, setName] = useState(payment.merchant);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onDecide({ name }, { text: `Renamed to ${name.trim() || 'its detected name'}.` });
  };
  return (
    <form className="recurring-editor" onSubmit={submit} aria-label={`Change ${payment.merchant}`}>
      <InputField label="Name" value={name} onValueChange={setName} maxLength={200} />
      <div className="recurring-editor__actions">
        <button type="submit" className="button button--small button--primary" disabled={busy}>
          Save name
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() =>
            onDecide(
              { status: payment.confirmed ? null : 'confirmed' },
              {
                text: payment.confirmed
                  ? `${payment.merchant} is no longer confirmed.`
                  : `Confirmed ${payment.merchant}.`,
              },
            )
          }
        >
          {payment.confirmed ? 'Unconfirm' : 'Confirm'}
        </button>
        <button
          type="button"
          className="button button--small button--danger-quiet"
          disabled={busy}
          onClick={() =>
            onDecide(
              { status: 'dismissed' },
              {
                text: `Dismissed ${payment.merchant}: it will not be listed again.`,
                undo: { key: payment.key, status: payment.confirmed ? 'confirmed' : null },
              },
            )
          }
        >
          Dismiss
        </button>
        <button type="button" className="button button--small" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Recurring payments still going today, soonest first; not tied to the period, which looks back. */
export function RecurringPayments() {
  const asOf = format(new Date(), 'yyyy-MM-dd');
  const client = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const recurring = useQuery({
    queryKey: keys.recurring(asOf),
    queryFn: () => call('recurringPayments', { asOf }),
  });
  const deciding = useMutation({
    mutationFn: ({ decision }: { decision: RecurringDecision; done: Done | null }) => call('decideRecurring', decision),
    onSuccess: async (_null, { done: said }) => {
      setEditing(null);
      setDone(said);
      await client.invalidateQueries({ queryKey: [...keys.stats, 'recurring'] });
    },
  });
  if (recurring.isError) return <ErrorMessage error={recurring.error} onRetry={() => void recurring.refetch()} />;
  if (recurring.isPending) return <p className="empty-state">Looking through the history…</p>;
  const { payments, monthlyPence, upcoming } = recurring.data;
  const status = done && (
    <p className="recurring__done" role="status">
      {done.text}{' '}
      {done.undo && (
        <button
          type="button"
          className="button button--small"
          disabled={deciding.isPending}
          onClick={() => done.undo && deciding.mutate({ decision: done.undo, done: null })}
        >
          Undo
        </button>
      )}
    </p>
  );
  if (!payments.length)
    return (
      <>
        {status}
        <p className="empty-state">No recurring payments found.</p>
      </>
    );
  return (
    <>
      <p>
        About <strong className="amount">{formatPence(monthlyPence)}</strong> a month; {upcoming.length} due in the next
        30 days.
      </p>
      {status}
      {deciding.isError && <ErrorMessage error={deciding.error} />}
      <div className="report-table-scroll">
        <table className="table report-table" aria-label="Recurring payments">
          <thead>
            <tr>
              <th scope="col">Payee</th>
              <th scope="col">Every</th>
              <th scope="col" className="amount">
                Amount
              </th>
              <th scope="col">Next</th>
              <th scope="col">
                <span className="visually-hidden">Change</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {payments.map((p) => (
              <Fragment key={p.key}>
                <tr>
                  <td className="report-table__name" title={p.merchant}>
                    {p.merchant}
                    {p.confirmed && <span className="recurring__confirmed"> ✓ confirmed</span>}
                  </td>
                  <td>{p.cadence.replace(/ly$/, '')}</td>
                  <td className="amount">{formatPence(p.amountPence)}</td>
                  <td className="tabular">{p.nextDate}</td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--small"
                      aria-expanded={editing === p.key}
                      aria-label={`Change ${p.merchant}`}
                      onClick={() => setEditing(editing === p.key ? null : p.key)}
                    >
                      Change
                    </button>
                  </td>
                </tr>
                {editing === p.key && (
                  <tr>
                    <td colSpan={COLUMNS}>
                      <SeriesEditor
                        payment={p}
                        busy={deciding.isPending}
                        onClose={() => setEditing(null)}
                        onDecide={(decision, said) =>
                          deciding.mutate({ decision: { key: p.key, ...decision }, done: said })
                        }
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
