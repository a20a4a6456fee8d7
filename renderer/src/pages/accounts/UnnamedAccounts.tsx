import { Disclosure } from '../../components/Disclosure';
import { ErrorMessage } from '../../components/ErrorMessage';
import { plural } from '../../format';
import type { AccountDraft } from './AccountDialog';
import { formatSortCode, useUnnamedAccounts } from './useAccounts';
import './accounts.css';

/** Accounts paid to or from in descriptions (“ACCOUNT 123456 12345678”) with no name yet: one click to name. */
export function UnnamedAccounts({ onName }: { onName: (account: AccountDraft) => void }) {
  return (
    <Disclosure className="unnamed-accounts" label="Find accounts without a name in your transactions">
      {(panelId) => <UnnamedList id={panelId} onName={onName} />}
    </Disclosure>
  );
}

function UnnamedList({ id, onName }: { id: string; onName: (account: AccountDraft) => void }) {
  const unnamed = useUnnamedAccounts();
  if (unnamed.isPending) return <p id={id}>Looking through your transactions…</p>;
  if (unnamed.isError)
    return (
      <div id={id}>
        <ErrorMessage error={unnamed.error} title="Could not look for accounts." />
      </div>
    );
  if (!unnamed.data.length) return <p id={id}>Every account your transactions mention has a name.</p>;
  return (
    <ul id={id} className="unnamed-accounts__list" aria-label="Accounts without a name">
      {unnamed.data.map((a) => {
        const account = `${formatSortCode(a.sortCode)} ${a.accountNumber}`;
        return (
          <li key={`${a.sortCode} ${a.accountNumber}`} className="unnamed-accounts__item">
            <div className="unnamed-accounts__text">
              <strong className="tabular">{account}</strong>: {plural(a.count, 'transaction')}
              <span className="unnamed-accounts__sample"> e.g. {a.sample.map((r) => r.description).join('; ')}</span>
            </div>
            <button
              type="button"
              className="button button--small"
              aria-label={`Name ${account}`}
              onClick={() => onName({ sortCode: a.sortCode, accountNumber: a.accountNumber, friendlyName: '' })}
            >
              Name it
            </button>
          </li>
        );
      })}
    </ul>
  );
}
