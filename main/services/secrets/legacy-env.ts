// The old Flask app's .env: its ENCRYPTION_KEY (which encrypted its stored
// OAuth tokens), TrueLayer credentials and PostgreSQL settings. Secrets go
// straight into the keychain; the report names what was found, never values.
import { readFile } from 'node:fs/promises';
import { parse } from 'dotenv';
import { AppError } from '../../../db/errors.js';
import { isValidKey } from './fernet.js';
import type { SecretsService } from './secrets-service.js';

export interface LegacySettings {
  truelayerClientId?: string;
  truelayerRedirectUri?: string;
  truelayerEnvironment?: string;
  postgresUser?: string;
  postgresDb?: string;
  postgresHost?: string;
  postgresPort?: string;
}

export interface LegacyEnvReport {
  /** Secrets now in the keychain, by name. */
  storedSecrets: ('legacy-encryption-key' | 'truelayer-client-secret' | 'legacy-postgres-password')[];
  /** Non-secret settings, for the features that use them. */
  settings: LegacySettings;
  /** Keys present in the file that Spending does not use (names only). */
  ignoredKeys: string[];
  problems: string[];
}

const SETTINGS: Record<string, keyof LegacySettings> = {
  TRUELAYER_CLIENT_ID: 'truelayerClientId',
  TRUELAYER_REDIRECT_URI: 'truelayerRedirectUri',
  TRUELAYER_ENVIRONMENT: 'truelayerEnvironment',
  POSTGRES_USER: 'postgresUser',
  POSTGRES_DB: 'postgresDb',
  POSTGRES_HOST: 'postgresHost',
  POSTGRES_PORT: 'postgresPort',
};
const SECRETS = {
  ENCRYPTION_KEY: 'legacy-encryption-key',
  TRUELAYER_CLIENT_SECRET: 'truelayer-client-secret',
  POSTGRES_PASSWORD: 'legacy-postgres-password',
} as const;

export async function importLegacyEnv(path: string, secrets: SecretsService): Promise<LegacyEnvReport> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError(
      'invalid_input',
      `Cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      'Choose the .env file next to the old app.',
    );
  }
  const env = parse(text);
  const report: LegacyEnvReport = { storedSecrets: [], settings: {}, ignoredKeys: [], problems: [] };
  for (const [name, value] of Object.entries(env)) {
    const setting = Object.hasOwn(SETTINGS, name) ? SETTINGS[name] : undefined;
    if (setting) {
      if (value) report.settings[setting] = value;
    } else if (!Object.hasOwn(SECRETS, name)) {
      report.ignoredKeys.push(name);
    }
  }
  if (Object.keys(env).length === 0) {
    throw new AppError('invalid_input', `${path} holds no settings.`, 'Choose the .env file next to the old app.');
  }
  for (const [name, secretName] of Object.entries(SECRETS)) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (name === 'ENCRYPTION_KEY' && !isValidKey(value)) {
      report.problems.push(
        'ENCRYPTION_KEY is not a Fernet key (44 characters of URL-safe base64); tokens the old app encrypted cannot be read without the right one.',
      );
      continue;
    }
    await secrets.setSecret(secretName, value);
    report.storedSecrets.push(secretName);
  }
  if (!env.ENCRYPTION_KEY) {
    report.problems.push(
      'No ENCRYPTION_KEY: the old app stored its bank tokens in plaintext; they are encrypted when imported.',
    );
  }
  return report;
}
