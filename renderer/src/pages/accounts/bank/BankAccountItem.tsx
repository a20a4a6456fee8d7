// One account or card of a linked bank: its balance, what was synced, the
// transactions still pending, and its balance over time on request.
import { useId } from 'react';
import { formatPence } from '../../../../../db/money.js';
import type { BankAccount } from '../../../../../preload/contract-bank.js';
import { Disclosure } from '../../../components/Disclosure';
import { formatCount, formatDate } from '../../../format';
import { BalanceHistory } from './BalanceHistory';
import { formatDateTime } from './format';

interface Props {
  account: BankAccount;
  /** Off for a disconnected bank: nothing will settle its pending transactions any more. */
  showPending: boolean;
}

export function BankAccountItem({ account, showPending }: Props) {
  const nameId = useId();
  return (
    <li className="bank-account" aria-labelledby={nameId}>
      <div className="bank-account__header">
        <h4 id={nameId}>{account.displayName}</h4>
        <span className="badge">{account.kind === 'card' ? 'Card' : 'Account'}</span>
      </div>
      <dl className="db-facts">
        <div>
          <dt>Balance</dt>
          <dd className="db-facts__main tabular">
            {account.balancePence === null ? 'Not known' : formatPence(account.balancePence)}
          </dd>
        </div>
        {account.availablePence !== null && account.availablePence !== account.balancePence && (
          <div>
            <dt>Available</dt>
            <dd className="tabular">{formatPence(account.availablePence)}</dd>
          </div>
        )}
        <div>
          <dt>Balance at</dt>
          <dd>{account.balanceAt ? formatDateTime(account.balanceAt) : '—'}</dd>
        </div>
        <div>
          <dt>Transactions synced</dt>
          <dd className="tabular">{formatCount(account.transactions)}</dd>
        </div>
      </dl>
      {showPending && account.pending.length > 0 && (
        <table className="table bank-pending">
          <caption className="bank-pending__caption">Pending</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Description</th>
              <th scope="col" className="bank-pending__amount">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {account.pending.map((p, i) => (
              // Pending transactions have no stable id: banks re-key them when they settle.
              <tr key={`${p.bookingDate}-${i}`}>
                <td className="tabular bank-pending__date">{formatDate(p.bookingDate)}</td>
                <td>{p.description}</td>
                <td className={`amount bank-pending__amount ${p.amountPence < 0 ? 'amount--spend' : 'amount--income'}`}>
                  {formatPence(p.amountPence)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Disclosure className="bank-account__history" label="Balance history">
        {(panelId) => <BalanceHistory accountId={account.id} panelId={panelId} />}
      </Disclosure>
    </li>
  );
}
