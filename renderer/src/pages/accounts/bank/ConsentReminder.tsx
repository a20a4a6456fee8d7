// UK banks ask for consent again every 90 days; from two weeks before, the
// bank's card says so and offers to extend it. Some banks extend at once,
// others want the user to log in again in the browser.
import type { MethodOutput } from '../../../../../preload/contract.js';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useExtendConsent } from './bank-queries';
import { consentText } from './format';

function outcome(result: MethodOutput<'extendBankConsent'>): string {
  if (result.extended) return 'Consent extended.';
  if (result.openedLink) return 'Confirm in the browser window that opened.';
  return 'The bank did not extend consent; use Reconnect when it ends.';
}

export function ConsentReminder({ connectionId, daysLeft }: { connectionId: number; daysLeft: number }) {
  const extend = useExtendConsent(connectionId);
  return (
    <div className="notice bank-consent">
      <p>
        <strong>{consentText(daysLeft)}.</strong> After that Spending cannot sync this bank until you log in again.
      </p>
      <button
        type="button"
        className="button button--small"
        disabled={extend.isPending}
        onClick={() => extend.mutate()}
      >
        {extend.isPending ? 'Extending…' : 'Extend'}
      </button>
      {extend.isSuccess && <p role="status">{outcome(extend.data)}</p>}
      {extend.isError && <ErrorMessage error={extend.error} title="Consent was not extended." />}
    </div>
  );
}
