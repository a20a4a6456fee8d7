// One linked bank: its status and consent, what went wrong last, Sync now,
// Reconnect, Disconnect, and its accounts and cards.
import { useId, useState } from 'react';
import type { BankConnection } from '../../../../../preload/contract-bank.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { plural } from '../../../format';
import { BankAccountItem } from './BankAccountItem';
import { useCancelSync, useDisconnectBank, useSyncBank } from './bank-queries';
import { ConsentReminder } from './ConsentReminder';
import {
  formatDateTime,
  skippedText,
  STATUS_BADGES,
  STATUS_LABELS,
  syncCounts,
  syncMessage,
  unreadableText,
} from './format';
import { useSyncProgress } from './useSyncProgress';

/** The consent reminder starts this many days before consent ends. */
const REMIND_DAYS = 14;

interface Props {
  bank: BankConnection;
  /** Whether a link is under way (Reconnect would start a second one). */
  linking: boolean;
  onReconnect: () => void;
}

export function BankCard({ bank, linking, onReconnect }: Props) {
  const titleId = useId();
  const sync = useSyncBank(bank.id);
  const cancelSync = useCancelSync(bank.id);
  const disconnect = useDisconnectBank();
  const progress = useSyncProgress(bank.id, sync.isPending ? sync.submittedAt : null);
  const [confirming, setConfirming] = useState(false);
  const active = bank.status === 'active';
  const remind = active && bank.consentDaysLeft !== null && bank.consentDaysLeft <= REMIND_DAYS;

  return (
    <article className="card bank-card" aria-labelledby={titleId}>
      <header className="bank-card__header">
        <h3 id={titleId}>{bank.providerName}</h3>
        <span className={`state-badge ${STATUS_BADGES[bank.status]}`}>{STATUS_LABELS[bank.status]}</span>
        <div className="bank-card__actions">
          {active && (
            <button type="button" className="button" disabled={sync.isPending} onClick={() => sync.mutate()}>
              {sync.isPending ? 'Syncing…' : 'Sync now'}
            </button>
          )}
          {bank.status === 'needs_reconnect' && (
            <button type="button" className="button button--primary" disabled={linking} onClick={onReconnect}>
              Reconnect
            </button>
          )}
          {bank.status !== 'disconnected' && (
            <button type="button" className="button button--danger-quiet" onClick={() => setConfirming(true)}>
              Disconnect
            </button>
          )}
        </div>
      </header>
      <p className="db-muted">
        {bank.lastSyncedAt ? `Last synced ${formatDateTime(bank.lastSyncedAt)}` : 'Not synced yet'}
        {bank.status === 'disconnected' &&
          ' · Spending no longer syncs this bank; its transactions stay. Link bank to connect it again.'}
      </p>
      {remind && bank.consentDaysLeft !== null && (
        <ConsentReminder connectionId={bank.id} daysLeft={bank.consentDaysLeft} />
      )}
      {bank.status !== 'disconnected' && (bank.lastError || bank.status === 'needs_reconnect') && (
        <p className="bank-card__problem">
          {bank.lastError && `Last problem: ${bank.lastError} `}
          {bank.status === 'needs_reconnect' && 'Log in again with Reconnect; everything already synced stays.'}
        </p>
      )}
      {sync.isPending && (
        <div className="bank-card__syncing">
          <p className="progress-report__message" role="status">
            <span className="spinner" aria-hidden />
            {progress ? syncMessage(progress) : 'Syncing…'}
          </p>
          <button
            type="button"
            className="button button--small"
            disabled={cancelSync.isPending}
            onClick={() => cancelSync.mutate()}
          >
            Cancel sync
          </button>
        </div>
      )}
      {sync.isSuccess && (
        <p className="db-success" role="status">
          Synced {plural(sync.data.accounts, 'account')}: {syncCounts(sync.data)}.
          {sync.data.skipped.length > 0 && ` Not offered by the bank: ${skippedText(sync.data.skipped)}.`}
          {sync.data.unreadable > 0 && ` ${unreadableText(sync.data)}`}
        </p>
      )}
      {sync.isError && <ErrorMessage error={sync.error} title="The sync did not finish." />}
      {disconnect.isSuccess && !disconnect.data.revoked && (
        <p className="notice" role="status">
          Disconnected here, but TrueLayer could not be told (access may already have ended there).
        </p>
      )}
      {bank.accounts.length > 0 ? (
        <ul className="bank-accounts" aria-label={`Accounts at ${bank.providerName}`}>
          {bank.accounts.map((account) => (
            <BankAccountItem key={account.id} account={account} showPending={bank.status !== 'disconnected'} />
          ))}
        </ul>
      ) : (
        <p className="db-muted">No accounts synced yet.</p>
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Disconnect ${bank.providerName}?`}
        description="Spending will stop syncing this bank and TrueLayer revokes access. Transactions already synced stay."
        confirmLabel="Disconnect"
        onConfirm={() => disconnect.mutateAsync(bank.id)}
      />
    </article>
  );
}
