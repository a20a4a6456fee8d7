// The Accounts page's top section: link a bank through TrueLayer, follow the
// link as it happens, and each linked bank with its accounts.
import { ErrorMessage } from '../../../components/ErrorMessage';
import { BankCard } from './BankCard';
import { useBankConnections } from './bank-queries';
import { isLinking } from './link-state';
import { LinkPanel } from './LinkPanel';
import { useBankLink } from './useBankLink';
import './bank.css';

export function LinkedBanks() {
  const connections = useBankConnections();
  const link = useBankLink();
  const linking = isLinking(link.step);
  const banks = connections.data ?? [];

  return (
    <section className="bank-section" aria-labelledby="linked-banks-title">
      <div className="page__header">
        <h2 id="linked-banks-title">Linked banks</h2>
        <button
          type="button"
          className="button button--primary page__action"
          disabled={linking}
          onClick={() => link.start()}
        >
          Link bank
        </button>
      </div>
      <p className="page__intro">
        Spending reads balances and transactions from your bank through TrueLayer. It can never move money, and what it
        syncs stays on this computer.
      </p>
      <LinkPanel
        step={link.step}
        connections={banks}
        onCancel={link.cancel}
        onPaste={link.paste}
        onDismiss={link.dismiss}
      />
      {connections.isPending ? (
        <p className="db-muted">Loading linked banks…</p>
      ) : connections.isError ? (
        <ErrorMessage
          error={connections.error}
          title="Could not load the linked banks."
          onRetry={() => void connections.refetch()}
        />
      ) : banks.length === 0 ? (
        <div className="empty-state card">
          <p>No banks linked yet.</p>
        </div>
      ) : (
        banks.map((bank) => (
          <BankCard key={bank.id} bank={bank} linking={linking} onReconnect={() => link.start(bank.id)} />
        ))
      )}
    </section>
  );
}
