import { useState } from 'react';
import type { AccountMapping } from '../../../../db/model.js';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { AccountDialog, type AccountDraft } from './AccountDialog';
import { LinkedBanks } from './bank/LinkedBanks';
import { LedgerAccounts } from './LedgerAccounts';
import { UnnamedAccounts } from './UnnamedAccounts';
import './accounts.css';
import { formatSortCode, useAccounts, useDeleteAccount } from './useAccounts';

type Editing = { account: AccountDraft | null } | null;

export function AccountsPage() {
  const accounts = useAccounts();
  const remove = useDeleteAccount();
  const [editing, setEditing] = useState<Editing>(null);
  const [toDelete, setToDelete] = useState<AccountMapping | null>(null);

  return (
    <section className="page" aria-labelledby="accounts-title">
      <div className="page__header">
        <h1 id="accounts-title">Accounts</h1>
      </div>
      <LedgerAccounts />
      <LinkedBanks />
      <section className="bank-section" aria-labelledby="account-names-title">
        <div className="page__header">
          <h2 id="account-names-title">Account names</h2>
          <button type="button" className="button page__action" onClick={() => setEditing({ account: null })}>
            Add account
          </button>
        </div>
        <p className="page__intro">
          Give each bank account a name you recognise. Statements identify accounts by sort code and account number.
        </p>
        {accounts.isPending ? (
          <p className="empty-state">Loading accounts…</p>
        ) : accounts.isError ? (
          <ErrorMessage
            error={accounts.error}
            title="Could not load accounts."
            onRetry={() => void accounts.refetch()}
          />
        ) : accounts.data.length === 0 ? (
          <div className="empty-state card">
            <p>No accounts named yet.</p>
          </div>
        ) : (
          <table className="table card">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Sort code</th>
                <th scope="col">Account number</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.map((account) => (
                <tr key={account.id}>
                  <td>{account.friendlyName}</td>
                  <td className="tabular">{formatSortCode(account.sortCode)}</td>
                  <td className="tabular">{account.accountNumber}</td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Edit ${account.friendlyName}`}
                      onClick={() => setEditing({ account })}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button--small button--danger-quiet"
                      aria-label={`Delete ${account.friendlyName}`}
                      onClick={() => setToDelete(account)}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <UnnamedAccounts onName={(account) => setEditing({ account })} />
      </section>
      <AccountDialog
        account={editing?.account ?? null}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
      />
      <ConfirmDialog
        open={toDelete !== null}
        onOpenChange={(open) => !open && setToDelete(null)}
        title="Delete account name?"
        description={
          toDelete &&
          `“${toDelete.friendlyName}” (${formatSortCode(toDelete.sortCode)} ${toDelete.accountNumber}) will no longer have a name. Transactions are not affected.`
        }
        confirmLabel="Delete"
        onConfirm={() => (toDelete ? remove.mutateAsync(toDelete.id) : Promise.resolve())}
      />
    </section>
  );
}
