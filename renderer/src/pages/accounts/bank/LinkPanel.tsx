// How the link under way is going, from "log in in the browser" to the first
// sync's result, or why it failed. Nothing shows while no link is under way.
import { Link } from 'react-router';
import type { BankConnection } from '../../../../../preload/contract-bank.js';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { plural } from '../../../format';
import { skippedText, syncCounts, syncMessage, unreadableText } from './format';
import type { LinkStep } from './link-state';
import { PasteAddressForm } from './PasteAddressForm';

interface Props {
  step: LinkStep;
  connections: readonly BankConnection[];
  onCancel: () => void;
  onPaste: (url: string) => Promise<void>;
  onDismiss: () => void;
}

const WAITING_HINTS = {
  loopback: 'When you allow access, the browser comes back to Spending by itself.',
  protocol: 'When you allow access, the browser hands the answer to Spending; it may ask whether to open Spending.',
  bounce:
    'When you allow access, your bounce page hands the answer to Spending; the browser may ask whether to open it.',
  manual: 'When you allow access, the browser shows a page with the answer in its address: paste that address below.',
} as const;

function Working({ label, message }: { label: string; message: string }) {
  return (
    <div className="progress-report" role="group" aria-label={label}>
      <p className="progress-report__message" role="status">
        <span className="spinner" aria-hidden />
        {message}
      </p>
    </div>
  );
}

export function LinkPanel({ step, connections, onCancel, onPaste, onDismiss }: Props) {
  switch (step.name) {
    case 'idle':
      return null;
    case 'needs-settings':
      return (
        <div className="notice bank-panel" role="status">
          <p>
            Spending needs your TrueLayer client id and client secret before it can link a bank. You get them when you
            create an app in TrueLayer Console.
          </p>
          <p>
            Enter them in <Link to={{ pathname: '/settings', hash: 'bank-linking' }}>Settings → Bank linking</Link>.
          </p>
          <div className="form__actions">
            <button type="button" className="button button--small" onClick={onDismiss}>
              Dismiss
            </button>
          </div>
        </div>
      );
    case 'starting':
      return <Working label="Linking a bank" message="Opening your bank’s login page in the browser…" />;
    case 'waiting': {
      const bank = connections.find((c) => c.id === step.reconnect);
      return (
        <div className="progress-report bank-panel" role="group" aria-label="Linking a bank">
          <p className="progress-report__message" role="status">
            <span className="spinner" aria-hidden />
            {bank ? `Reconnecting ${bank.providerName}. ` : ''}Log in to your bank in the browser window that opened…
          </p>
          <p className="db-muted">{WAITING_HINTS[step.mode]}</p>
          <PasteAddressForm onPaste={onPaste} />
          <div className="form__actions">
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </div>
      );
    }
    case 'exchanging':
      return <Working label="Linking a bank" message="Exchanging the code…" />;
    case 'syncing':
      return <Working label="Linking a bank" message={syncMessage(step.progress)} />;
    case 'linked': {
      const { summary } = step;
      const name = connections.find((c) => c.id === step.connectionId)?.providerName ?? 'Your bank';
      return (
        <div className="notice bank-panel" role="status" aria-label="Bank linked">
          <p className="bank-panel__title">
            {name} is linked: {plural(summary.accounts, 'account')}, {syncCounts(summary)}.
          </p>
          {summary.fallbackTo90Days && (
            <p>The bank only served the last 90 days of history, so older transactions were not synced.</p>
          )}
          {summary.skipped.length > 0 && (
            <p className="db-muted">Not offered by the bank: {skippedText(summary.skipped)}.</p>
          )}
          {summary.unreadable > 0 && <p>{unreadableText(summary)}</p>}
          <div className="form__actions">
            <button type="button" className="button button--small" onClick={onDismiss}>
              Done
            </button>
          </div>
        </div>
      );
    }
    case 'failed':
      return (
        <div className="bank-panel">
          <ErrorMessage problem={step} title="The bank was not linked." />
          <div className="form__actions">
            <button type="button" className="button button--small" onClick={onDismiss}>
              Dismiss
            </button>
          </div>
        </div>
      );
  }
}
