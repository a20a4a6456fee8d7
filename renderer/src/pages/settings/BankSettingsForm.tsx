// The TrueLayer app's credentials, where TrueLayer is, how its answer gets
// back to Spending, and how often to sync. The client secret goes to the
// keychain and is never shown again, not even masked.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import type { BankSettings } from '../../../../preload/contract-bank.js';
import { call, fieldError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { InputField } from '../../components/Field';
import { RadioCards, type RadioCard } from '../../components/RadioCards';
import { bankKeys } from '../accounts/bank/bank-queries';
import {
  formFromSettings,
  inputFromForm,
  validateBankForm,
  type BankForm,
  type BankFormErrors,
  type BankSettingsPatch,
} from './bank-settings-form';

const ENVIRONMENTS: readonly RadioCard<BankSettings['environment']>[] = [
  { value: 'sandbox', label: 'Sandbox', hint: 'TrueLayer’s test banks, for trying Spending out' },
  { value: 'live', label: 'Live', hint: 'Your real banks' },
  { value: 'custom', label: 'Custom', hint: 'Other addresses, such as a local TrueLayer emulator' },
];

const REDIRECT_MODES: readonly RadioCard<BankSettings['redirectMode']>[] = [
  {
    value: 'loopback',
    label: 'Local listener (recommended)',
    hint: 'Spending listens on this computer for the bank’s answer, once, for a few minutes.',
  },
  {
    value: 'protocol',
    label: 'Spending link',
    hint: 'The browser hands the answer straight to Spending. TrueLayer does not document accepting such links.',
  },
  {
    value: 'bounce',
    label: 'Your bounce page',
    hint: 'An https page you host passes the answer on to Spending.',
  },
  {
    value: 'manual',
    label: 'Paste the address by hand',
    hint: 'After you allow access, you copy the address the browser shows into Spending.',
  },
];

/** The sandbox's own addresses as examples: the shape each field wants. */
const CUSTOM_HOSTS = [
  { part: 'auth', label: 'Auth address', example: 'https://auth.truelayer-sandbox.com' },
  { part: 'data', label: 'Data address', example: 'https://api.truelayer-sandbox.com/data/v1' },
  { part: 'api', label: 'API address', example: 'https://api.truelayer-sandbox.com' },
] as const;

const PROTOCOL_URI = 'spending://truelayer/callback';

interface Props {
  settings: BankSettings;
  onChange: (unsaved: boolean) => void;
}

export function BankSettingsForm({ settings, onChange }: Props) {
  const client = useQueryClient();
  const [form, setForm] = useState<BankForm>(() => formFromSettings(settings));
  const [dirty, setDirty] = useState(false);
  // Settings that change while the form is untouched (a save, the old .env imported) show at once;
  // an edit under way is never overwritten.
  const [shown, setShown] = useState(settings);
  if (shown !== settings && !dirty) {
    setShown(settings);
    setForm(formFromSettings(settings));
  }
  const [clientErrors, setClientErrors] = useState<BankFormErrors | null>(null);
  const save = useMutation({
    mutationFn: (input: BankSettingsPatch) => call('saveBankSettings', input),
    onSuccess: (next) => {
      setDirty(false);
      onChange(false);
      client.setQueryData(bankKeys.settings, next);
    },
  });
  const problem = save.isError ? fieldError(save.error) : null;
  const errorFor = (field: string) =>
    clientErrors ? clientErrors[field] : problem?.field === field ? problem.message : undefined;
  const formLevel = !clientErrors && problem && (!problem.field || !errorFor(problem.field)) ? problem : null;

  const update = (patch: Partial<BankForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setDirty(true);
    setClientErrors(null);
    save.reset();
    onChange(true);
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = inputFromForm(form);
    const errors = validateBankForm(input);
    setClientErrors(errors);
    if (!errors) save.mutate(input);
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="TrueLayer settings">
      <div className="form__row">
        <InputField
          label="Client id"
          error={errorFor('clientId')}
          autoComplete="off"
          spellCheck={false}
          value={form.clientId}
          onValueChange={(clientId) => update({ clientId })}
        />
        <InputField
          label="Client secret"
          type="password"
          error={errorFor('clientSecret')}
          hint={
            settings.hasClientSecret
              ? 'Saved in the keychain. Type a new one only to replace it.'
              : 'Goes into the keychain; Spending never shows it again.'
          }
          autoComplete="new-password"
          placeholder={settings.hasClientSecret ? '••••••••' : ''}
          value={form.clientSecret}
          onValueChange={(clientSecret) => update({ clientSecret })}
        />
      </div>
      <RadioCards
        name="bank-environment"
        legend="Environment"
        className="bank-choices"
        options={ENVIRONMENTS}
        value={form.environment}
        onChange={(environment) => update({ environment })}
      />
      {form.environment === 'custom' && (
        <div className="bank-custom">
          {CUSTOM_HOSTS.map(({ part, label, example }) => (
            <InputField
              key={part}
              label={label}
              error={errorFor(`custom.${part}`)}
              type="url"
              spellCheck={false}
              placeholder={example}
              value={form.custom[part]}
              onValueChange={(value) => update({ custom: { ...form.custom, [part]: value } })}
            />
          ))}
        </div>
      )}
      <RadioCards
        name="bank-redirect"
        legend="How the bank’s answer comes back"
        className="bank-choices"
        options={REDIRECT_MODES}
        value={form.redirectMode}
        onChange={(redirectMode) => update({ redirectMode })}
      />
      {form.redirectMode === 'loopback' && (
        <InputField
          label="Listener address"
          hint="Only localhost addresses; the old app registered http://localhost:5000/api/truelayer/callback."
          error={errorFor('loopbackUri')}
          type="url"
          spellCheck={false}
          value={form.loopbackUri}
          onValueChange={(loopbackUri) => update({ loopbackUri })}
        />
      )}
      {form.redirectMode === 'protocol' && (
        <p className="field__hint">
          The address is always <code>{PROTOCOL_URI}</code>.
        </p>
      )}
      {form.redirectMode === 'bounce' && (
        <InputField
          label="Bounce page address"
          hint="Where you host assets/truelayer-bounce.html, e.g. https://example.com/truelayer-bounce.html"
          error={errorFor('bounceUri')}
          type="url"
          spellCheck={false}
          value={form.bounceUri}
          onValueChange={(bounceUri) => update({ bounceUri })}
        />
      )}
      {form.redirectMode === 'manual' && (
        <InputField
          label="Page that shows the answer"
          hint="TrueLayer Console’s own redirect page shows the address to paste."
          error={errorFor('manualUri')}
          type="url"
          spellCheck={false}
          value={form.manualUri}
          onValueChange={(manualUri) => update({ manualUri })}
        />
      )}
      <InputField
        label="Sync every (hours)"
        hint="While Spending is open it syncs each linked bank this often, within the banks’ limits."
        error={errorFor('syncIntervalHours')}
        className="bank-hours"
        type="number"
        inputMode="numeric"
        min={1}
        max={168}
        value={form.syncIntervalHours}
        onValueChange={(syncIntervalHours) => update({ syncIntervalHours })}
      />
      {formLevel && <ErrorMessage problem={formLevel} title="The settings were not saved." />}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        {save.isSuccess && (
          <p className="db-success bank-saved" role="status">
            Saved.
          </p>
        )}
      </div>
    </form>
  );
}
