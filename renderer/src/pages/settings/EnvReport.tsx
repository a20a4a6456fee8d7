// What importing the old app's .env did: which secrets went into the
// keychain, which settings were found, what was left out and what is wrong.
// Names only: the values of secrets never reach this window. Shown by
// Settings → Security and by the Import page's first step.
import type { LegacyEnvReport } from '../../../../preload/contract.js';

const SECRET_LABELS: Record<string, string> = {
  'legacy-encryption-key': 'the old app’s ENCRYPTION_KEY (to read its bank tokens)',
  'truelayer-client-secret': 'TrueLayer client secret',
  'legacy-postgres-password': 'the old app’s PostgreSQL password',
};

const SETTING_LABELS: Record<string, string> = {
  truelayerClientId: 'TrueLayer client id',
  truelayerRedirectUri: 'TrueLayer redirect URI',
  truelayerEnvironment: 'TrueLayer environment',
  postgresUser: 'PostgreSQL user',
  postgresDb: 'PostgreSQL database',
  postgresHost: 'PostgreSQL host',
  postgresPort: 'PostgreSQL port',
};

export function EnvReport({ report }: { report: Exclude<LegacyEnvReport, { cancelled: true }> }) {
  const settings = Object.entries(report.settings);
  return (
    <div className="env-report" role="status">
      <p>
        {report.storedSecrets.length
          ? `Stored in the keychain: ${report.storedSecrets.map((name) => SECRET_LABELS[name] ?? name).join('; ')}.`
          : 'No secrets were stored.'}
      </p>
      {settings.length > 0 && (
        <p>
          Settings found: {settings.map(([name, value]) => `${SETTING_LABELS[name] ?? name}: ${value}`).join('; ')}.
        </p>
      )}
      {report.ignoredKeys.length > 0 && <p>Not used by Spending: {report.ignoredKeys.join(', ')}.</p>}
      {report.problems.map((problem) => (
        <p key={problem} className="env-report__problem">
          {problem}
        </p>
      ))}
    </div>
  );
}
