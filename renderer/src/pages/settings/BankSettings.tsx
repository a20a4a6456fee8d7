// Settings → Bank linking (TrueLayer): the app's credentials and how linking
// works, then exactly what to register in TrueLayer Console.
import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useBankSettings } from '../accounts/bank/bank-queries';
import { BankSettingsForm } from './BankSettingsForm';
import { RedirectInstructions } from './RedirectInstructions';
import './bank-settings.css';

export function BankSettings() {
  const settings = useBankSettings();
  const [unsaved, setUnsaved] = useState(false);
  return (
    <section id="bank-linking" className="card settings-group bank-settings" aria-labelledby="bank-linking-title">
      <h2 id="bank-linking-title" className="settings-group__title">
        Bank linking (TrueLayer)
      </h2>
      <p className="db-muted">
        Spending links banks through your own TrueLayer app. Create one in TrueLayer Console and copy its client id and
        client secret here.
      </p>
      {settings.isPending && <p className="db-muted">Loading…</p>}
      {settings.isError && (
        <ErrorMessage
          error={settings.error}
          title="Could not read the bank linking settings."
          onRetry={() => void settings.refetch()}
        />
      )}
      {settings.data && (
        <>
          <BankSettingsForm settings={settings.data} onChange={setUnsaved} />
          <RedirectInstructions redirectUri={settings.data.redirectUri} unsaved={unsaved} />
        </>
      )}
    </section>
  );
}
