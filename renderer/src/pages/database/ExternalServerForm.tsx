// "My own server": where it is, who to log in as, and how strictly to use
// TLS. The password goes to the keychain and never comes back, so the field
// always starts empty; leaving it empty keeps the saved one.
import { useMutation } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import type { z } from 'zod';
import { ExternalServer, type DatabaseSettings } from '../../../../preload/contract-database.js';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, InputField } from '../../components/Field';
import { useFormErrors } from '../../hooks/useFormErrors';
import { validate, type FieldErrors } from '../../validation';
import { StatusMessage } from './ServerStatusView';
import { useSaveDatabaseSettings } from './useDatabase';

type Server = z.infer<typeof ExternalServer>;
type Tls = Server['tls'];

const TLS_LABELS: Record<Tls, string> = {
  disable: 'Off',
  prefer: 'Prefer: use TLS when the server offers it',
  require: 'Require: always encrypt, do not check the certificate',
  'verify-full': 'Verify: encrypt and check the certificate and host name',
};
const TLS_MODES = Object.keys(TLS_LABELS) as Tls[];

const FIELDS = ['host', 'port', 'database', 'user', 'tls'] as const;

interface Draft {
  host: string;
  port: string;
  database: string;
  user: string;
  tls: Tls;
}

function initialDraft(saved: DatabaseSettings['external']): Draft {
  return saved
    ? { ...saved, port: String(saved.port) }
    : { host: 'localhost', port: '5432', database: '', user: '', tls: 'prefer' };
}

/** The draft as the contract wants it, or the problems to show next to each field. */
function parse(draft: Draft): { server: Server } | { errors: FieldErrors } {
  const port = /^\d+$/.test(draft.port.trim()) ? Number(draft.port) : Number.NaN;
  const server = { ...draft, port };
  const errors = validate(ExternalServer, server) ?? {};
  if (!Number.isInteger(port) || port < 1 || port > 65_535) errors.port = 'Enter a port from 1 to 65535.';
  return Object.keys(errors).length ? { errors } : { server: ExternalServer.parse(server) };
}

export function ExternalServerForm({ settings }: { settings: DatabaseSettings }) {
  const [draft, setDraft] = useState(() => initialDraft(settings.external));
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState(false);
  const test = useMutation({
    mutationFn: (server: Server) => call('testExternalConnection', { server, ...(password ? { password } : {}) }),
  });
  const save = useSaveDatabaseSettings();

  // The contract names these fields within `external` (save) or `server` (test).
  const { errorFor, formLevel, check, edited } = useFormErrors(FIELDS, [save, test], (field) =>
    field.replace(/^(external|server)\./, ''),
  );

  const change = (field: (typeof FIELDS)[number], patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    edited(field);
    // A result about other details would mislead.
    test.reset();
    setSaved(false);
  };

  const checked = (): Server | null => {
    const result = parse(draft);
    return check('errors' in result ? result.errors : null) && 'server' in result ? result.server : null;
  };

  const runTest = () => {
    const server = checked();
    if (server) test.mutate(server);
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const server = checked();
    test.reset();
    if (!server) return;
    save.mutate(
      { provider: 'external', external: server, ...(password ? { externalPassword: password } : {}) },
      {
        onSuccess: () => {
          setPassword('');
          setSaved(true);
        },
      },
    );
  };

  return (
    <form className="form external-form" aria-labelledby="external-form-title" onSubmit={submit} noValidate>
      <h3 id="external-form-title">Your PostgreSQL server</h3>
      <div className="external-form__grid">
        <InputField
          label="Host"
          error={errorFor('host')}
          autoComplete="off"
          spellCheck={false}
          value={draft.host}
          onValueChange={(host) => change('host', { host })}
        />
        <InputField
          label="Port"
          error={errorFor('port')}
          inputMode="numeric"
          autoComplete="off"
          value={draft.port}
          onValueChange={(port) => change('port', { port })}
        />
        <InputField
          label="Database"
          error={errorFor('database')}
          autoComplete="off"
          spellCheck={false}
          value={draft.database}
          onValueChange={(database) => change('database', { database })}
        />
        <InputField
          label="User"
          error={errorFor('user')}
          autoComplete="off"
          spellCheck={false}
          value={draft.user}
          onValueChange={(user) => change('user', { user })}
        />
        <InputField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={
            settings.externalHasPassword
              ? 'A password is saved in the keychain. Leave this empty to keep it.'
              : 'Kept in the keychain, never shown again.'
          }
          value={password}
          onValueChange={(value) => {
            setPassword(value);
            test.reset();
            save.reset();
            setSaved(false);
          }}
        />
        <Field label="TLS" error={errorFor('tls')}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              className="input"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={draft.tls}
              onChange={(event) => {
                const tls = TLS_MODES.find((mode) => mode === event.target.value);
                if (tls) change('tls', { tls });
              }}
            >
              {TLS_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {TLS_LABELS[mode]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {formLevel && <ErrorMessage problem={formLevel} />}
      {test.data && (
        <div className="external-form__result" aria-label="Connection test">
          <StatusMessage status={test.data} />
        </div>
      )}
      {test.isPending && (
        <p className="db-muted" role="status">
          Connecting…
        </p>
      )}
      {saved && (
        <p className="db-success" role="status">
          Saved.
        </p>
      )}
      <div className="form__actions">
        <button type="button" className="button" disabled={test.isPending} onClick={runTest}>
          Test connection
        </button>
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          Save
        </button>
      </div>
    </form>
  );
}
