// Settings → Security: where the encryption key lives, the passphrase file
// for machines without a keychain, key rotation, and the old app's .env.
// Nothing secret ever arrives here; only names and states.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import type { SecurityStatus } from '../../../../preload/contract.js';
import { call } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField } from '../../components/Field';
import { useFormErrors } from '../../hooks/useFormErrors';
import { keys } from '../../queries';
import { bankKeys } from '../accounts/bank/bank-queries';
import { EnvReport } from './EnvReport';

function StatusLine({ status }: { status: SecurityStatus }) {
  return (
    <dl className="details">
      <dt>Kept in</dt>
      <dd>{status.description}</dd>
      <dt>State</dt>
      <dd>{status.available ? 'Working' : `Not available: ${status.reason ?? 'unknown reason'}`}</dd>
      <dt>Encryption key</dt>
      <dd>{status.hasKey ? 'Present' : 'Created when first needed'}</dd>
      {status.rotationPending && (
        <>
          <dt>Key rotation</dt>
          <dd>Interrupted; it finishes when Spending next starts.</dd>
        </>
      )}
    </dl>
  );
}

function KeyFileForm({ status }: { status: SecurityStatus }) {
  const client = useQueryClient();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const creating = !status.keyFile.exists;
  const mismatch = creating && confirm !== '' && confirm !== passphrase;
  const use = useMutation({
    mutationFn: () => call('useKeyFile', { passphrase }),
    onSuccess: (next) => {
      setPassphrase('');
      setConfirm('');
      client.setQueryData(keys.security, next);
    },
  });
  const { errorFor, formLevel, edited } = useFormErrors(['passphrase'] as const, [use]);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!mismatch) use.mutate();
  };
  return (
    <form className="form" onSubmit={submit}>
      <p>
        {creating
          ? 'There is no keychain here, so Spending will not store secrets. Choose a passphrase to keep the encryption key in a protected file instead; you will enter it each time Spending starts.'
          : `Enter the passphrase of ${status.keyFile.path}.`}
      </p>
      <InputField
        label="Passphrase"
        error={errorFor('passphrase')}
        type="password"
        autoComplete={creating ? 'new-password' : 'current-password'}
        value={passphrase}
        onValueChange={(value) => {
          setPassphrase(value);
          edited('passphrase');
        }}
      />
      {creating && (
        <InputField
          label="Passphrase again"
          error={mismatch ? 'The two passphrases differ.' : null}
          type="password"
          autoComplete="new-password"
          value={confirm}
          onValueChange={(value) => {
            setConfirm(value);
            edited('passphrase');
          }}
        />
      )}
      {formLevel && <ErrorMessage problem={formLevel} />}
      <div>
        <button type="submit" className="button button--primary" disabled={use.isPending || mismatch || !passphrase}>
          {creating ? 'Create key file' : 'Unlock'}
        </button>
      </div>
    </form>
  );
}

export function SecuritySettings() {
  const client = useQueryClient();
  const status = useQuery({ queryKey: keys.security, queryFn: () => call('getSecurityStatus', undefined) });
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [rotated, setRotated] = useState<number | null>(null);
  const importEnv = useMutation({
    mutationFn: () => call('importLegacyEnv', undefined),
    // The .env may carry the TrueLayer client id and secret too.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.security }),
        client.invalidateQueries({ queryKey: bankKeys.settings }),
      ]),
  });
  const report = importEnv.data && !('cancelled' in importEnv.data) ? importEnv.data : null;

  return (
    <section className="card settings-group" aria-labelledby="security-title">
      <h2 id="security-title" className="settings-group__title">
        Security
      </h2>
      {status.error && (
        <ErrorMessage error={status.error} title="Could not read the keychain" onRetry={() => void status.refetch()} />
      )}
      {status.data && <StatusLine status={status.data} />}
      {status.data && !status.data.available && <KeyFileForm status={status.data} />}
      {status.data?.available && (
        <div className="settings-actions">
          <button type="button" className="button" onClick={() => setConfirmRotate(true)}>
            Rotate encryption key
          </button>
          <button type="button" className="button" disabled={importEnv.isPending} onClick={() => importEnv.mutate()}>
            Import the old app’s .env…
          </button>
        </div>
      )}
      {rotated !== null && (
        <p role="status">
          New key in use; {rotated} bank {rotated === 1 ? 'connection' : 'connections'} re-encrypted.
        </p>
      )}
      {importEnv.error && <ErrorMessage error={importEnv.error} title="Could not import the .env file" />}
      {report && <EnvReport report={report} />}
      <ConfirmDialog
        open={confirmRotate}
        onOpenChange={setConfirmRotate}
        title="Rotate the encryption key?"
        description="Spending makes a new key and re-encrypts every stored bank token with it, in one step. If it is interrupted, nothing becomes unreadable."
        confirmLabel="Rotate key"
        onConfirm={async () => {
          const result = await call('rotateEncryptionKey', undefined);
          setRotated(result.rewritten);
          await client.invalidateQueries({ queryKey: keys.security });
        }}
      />
    </section>
  );
}
