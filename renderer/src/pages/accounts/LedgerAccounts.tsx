// The Accounts page's list of accounts: statement and bank-synced ones, each with its balance (and
// where that figure comes from), its transactions and when rows last arrived; made and renamed here.
import { useState } from 'react';
import type { Account } from '../../../../db/imports/account-model.js';
import { formatPence } from '../../../../db/money.js';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatCount, plural } from '../../format';
import { useAccountList } from '../../queries';
import { balanceSource, KIND_LABELS, lastArrival } from './account-labels';
import { LedgerAccountDialog } from './LedgerAccountDialog';

type Editing = { account: Account | null } | null;

export function LedgerAccounts() {
  const accounts = useAccountList();
  const [editing, setEditing] = useState<Editing>(null);

  return (
    <section className="bank-section" aria-labelledby="ledger-accounts-title">
      <div className="page__header">
        <h2 id="ledger-accounts-title">Your accounts</h2>
        <button type="button" className="button page__action" onClick={() => setEditing({ account: null })}>
          New account
        </button>
      </div>
      <p className="page__intro">
        Every transaction can belong to an account: a statement you import goes into one, each account a linked bank
        syncs is one, and you can choose one for a transaction you add by hand.
      </p>
      {accounts.isPending ? (
        <p className="empty-state">Loading accounts…</p>
      ) : accounts.isError ? (
        <ErrorMessage error={accounts.error} title="Could not load accounts." onRetry={() => void accounts.refetch()} />
      ) : accounts.data.length === 0 ? (
        <div className="empty-state card">
          <p>No accounts yet. Link a bank, import a statement or make one with New account.</p>
        </div>
      ) : (
        <table className="table card ledger-accounts">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col" className="ledger-accounts__number">
                Balance
              </th>
              <th scope="col" className="ledger-accounts__number">
                Transactions
              </th>
              <th scope="col">Last import or sync</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.data.map((a) => (
              <tr key={a.id}>
                <td>
                  <div className="ledger-accounts__name">{a.name}</div>
                  <div className="ledger-accounts__meta">
                    {KIND_LABELS[a.kind]}
                    {a.bank ? ` · synced from ${a.bank.providerName ?? 'a linked bank'}` : ''}
                  </div>
                </td>
                <td className="ledger-accounts__number">
                  <div className="tabular">{formatPence(a.balancePence)}</div>
                  <div className="ledger-accounts__meta">{balanceSource(a)}</div>
                </td>
                <td className="ledger-accounts__number tabular">{formatCount(a.transactions)}</td>
                <td>{lastArrival(a)}</td>
                <td className="ledger-accounts__number">
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Rename ${a.name}`}
                    onClick={() => setEditing({ account: a })}
                  >
                    Rename
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={5} className="ledger-accounts__meta">
                {plural(accounts.data.length, 'account')}. Transactions from the old app and those added without an
                account belong to none.
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      <LedgerAccountDialog
        account={editing?.account ?? null}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
      />
    </section>
  );
}
