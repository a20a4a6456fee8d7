// Step 1: the old app's .env, through the same method as Settings → Security.
// It comes first because its ENCRYPTION_KEY is what lets Spending read the
// bank tokens the old app stored in its PostgreSQL database.
import { ErrorMessage } from '../../components/ErrorMessage';
import { EnvReport } from '../settings/EnvReport';
import { useImportLegacyEnv } from './useImport';

export function EnvCard() {
  const importEnv = useImportLegacyEnv();
  const report = importEnv.data && !('cancelled' in importEnv.data) ? importEnv.data : null;
  return (
    <section className="card db-card" aria-labelledby="import-env-title">
      <h2 id="import-env-title">
        <span className="import-step-number" aria-hidden>
          1
        </span>
        Bring your old settings (.env)
      </h2>
      <p>
        The old app kept its settings in a <span className="details__mono">.env</span> file next to it. Its{' '}
        <span className="details__mono">ENCRYPTION_KEY</span> lets Spending read the bank tokens the old app stored,
        which come with its PostgreSQL database; bring it before that database. Secrets go straight into the keychain
        (or the passphrase key file); this page only ever sees their names.
      </p>
      <div className="form__actions">
        <button type="button" className="button" disabled={importEnv.isPending} onClick={() => importEnv.mutate()}>
          {importEnv.isPending ? 'Reading the .env…' : 'Import the old app’s .env…'}
        </button>
      </div>
      {/* Without a keychain, its remedy points to Settings, where a passphrase key file can stand in. */}
      {importEnv.error && <ErrorMessage error={importEnv.error} title="Could not import the .env file." />}
      {report && <EnvReport report={report} />}
    </section>
  );
}
