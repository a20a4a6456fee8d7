// Settings → Bank linking's form state, and what of it goes to saveBankSettings.
// Checked against the contract's own schema so every problem shows at once;
// problems are keyed by path ("custom.auth") so each sits by its field.
import { z } from 'zod';
import { BankSettingsInput, type BankSettings } from '../../../../preload/contract-bank.js';

export interface BankForm {
  clientId: string;
  /** Empty keeps the secret already in the keychain. */
  clientSecret: string;
  environment: BankSettings['environment'];
  custom: { auth: string; data: string; api: string };
  redirectMode: BankSettings['redirectMode'];
  loopbackUri: string;
  bounceUri: string;
  manualUri: string;
  syncIntervalHours: string;
}

export type BankFormErrors = Partial<Record<string, string>>;

export function formFromSettings(s: BankSettings): BankForm {
  return {
    clientId: s.clientId ?? '',
    clientSecret: '',
    environment: s.environment,
    custom: s.custom ?? { auth: '', data: '', api: '' },
    redirectMode: s.redirectMode,
    loopbackUri: s.loopbackUri,
    bounceUri: s.bounceUri ?? '',
    manualUri: s.manualUri,
    syncIntervalHours: String(s.syncIntervalHours),
  };
}

export type BankSettingsPatch = z.input<typeof BankSettingsInput>;

/** Blank optional fields are left out: an empty client secret or bounce page means "unchanged". */
export function inputFromForm(form: BankForm): BankSettingsPatch {
  const optional = (text: string) => (text.trim() ? text.trim() : undefined);
  return {
    clientId: optional(form.clientId),
    clientSecret: optional(form.clientSecret),
    environment: form.environment,
    // The custom addresses are only needed, and so only checked, for the custom environment.
    custom:
      form.environment === 'custom'
        ? { auth: form.custom.auth.trim(), data: form.custom.data.trim(), api: form.custom.api.trim() }
        : undefined,
    redirectMode: form.redirectMode,
    loopbackUri: form.loopbackUri.trim(),
    bounceUri: optional(form.bounceUri),
    manualUri: form.manualUri.trim(),
    syncIntervalHours: form.syncIntervalHours.trim() === '' ? Number.NaN : Number(form.syncIntervalHours),
  };
}

const MESSAGES: Record<string, string> = {
  'custom.auth': 'Enter the auth address, e.g. https://auth.truelayer-sandbox.com',
  'custom.data': 'Enter the data address, e.g. https://api.truelayer-sandbox.com/data/v1',
  'custom.api': 'Enter the API address, e.g. https://api.truelayer-sandbox.com',
  loopbackUri: 'Enter an address such as http://localhost:5000/api/truelayer/callback',
  bounceUri: 'Enter the https address of your bounce page',
  manualUri: 'Enter the address of the page that shows the answer',
  syncIntervalHours: 'Enter a whole number of hours from 1 to 168',
};

export function validateBankForm(input: BankSettingsPatch): BankFormErrors | null {
  const result = BankSettingsInput.safeParse(input);
  if (result.success) return null;
  const errors: BankFormErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    errors[path] ??= MESSAGES[path] ?? issue.message;
  }
  return errors;
}
