// What the Settings page and the CLI do with secrets: report the keychain,
// switch to a passphrase key file where there is no keychain, rotate the key,
// and take in the old app's .env. Electron's file picker is passed in.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../../db/store.js';
import { loadConfig, saveConfig, type Config } from '../config/config.js';
import { openKeyFile } from './key-file.js';
import { osKeychain } from './keychain.js';
import { importLegacyEnv, type LegacyEnvReport } from './legacy-env.js';
import { SecretsService, type SecretsStatus } from './secrets-service.js';

export const keyFilePath = (dataDir: string) => join(dataDir, 'keys.json');

export interface SecurityStatus extends SecretsStatus {
  keyFile: { path: string; exists: boolean };
}

/**
 * The secrets service the config asks for. A key file needs its passphrase,
 * so it starts locked (no keychain) until `useKeyFile` is called.
 */
export function secretsFromConfig(config: Config): SecretsService {
  return new SecretsService(config.secrets?.backend === 'passphrase-file' ? null : osKeychain());
}

/**
 * The secrets service for a process that cannot ask for the passphrase (the
 * CLI): the key file is unlocked with `passphrase` when the config uses one and
 * a passphrase was given (SPENDING_PASSPHRASE), else it stays locked.
 */
export async function unlockedSecrets(dataDir: string, passphrase: string | undefined): Promise<SecretsService> {
  const config = await loadConfig(dataDir);
  const secrets = secretsFromConfig(config);
  if (config.secrets?.backend === 'passphrase-file' && passphrase) {
    secrets.use(await openKeyFile(keyFilePath(dataDir), passphrase));
  }
  return secrets;
}

/** The keychain's state as people need it; a locked key file is reported as such. */
export async function securityStatus(dataDir: string, secrets: SecretsService): Promise<SecurityStatus> {
  const path = keyFilePath(dataDir);
  const status = await secrets.status();
  const config = await loadConfig(dataDir);
  const locked = status.backend === 'none' && config.secrets?.backend === 'passphrase-file';
  return {
    ...status,
    ...(locked
      ? {
          backend: 'passphrase-file' as const,
          description: `Passphrase-protected key file (${path})`,
          reason: 'Locked: enter the passphrase.',
        }
      : {}),
    keyFile: { path, exists: existsSync(path) },
  };
}

/** Creates or unlocks the key file and makes it the keychain from now on (the app's and the CLI's). */
export async function useKeyFile(
  dataDir: string,
  secrets: SecretsService,
  passphrase: string,
): Promise<SecurityStatus> {
  secrets.use(await openKeyFile(keyFilePath(dataDir), passphrase));
  const config = await loadConfig(dataDir);
  if (config.secrets?.backend !== 'passphrase-file') {
    await saveConfig(dataDir, { ...config, secrets: { backend: 'passphrase-file' } });
  }
  return securityStatus(dataDir, secrets);
}

export class SecuritySettings {
  constructor(
    private readonly dataDir: string,
    readonly secrets: SecretsService,
    private readonly store: () => Store,
    private readonly chooseFile: (title: string) => Promise<string | null>,
  ) {}

  status(): Promise<SecurityStatus> {
    return securityStatus(this.dataDir, this.secrets);
  }

  /** Creates or unlocks the key file and makes it the keychain from now on. */
  useKeyFile(passphrase: string): Promise<SecurityStatus> {
    return useKeyFile(this.dataDir, this.secrets, passphrase);
  }

  rotateKey(): Promise<{ rewritten: number }> {
    return this.secrets.rotateKey(this.store());
  }

  async importLegacyEnv(): Promise<LegacyEnvReport | { cancelled: true }> {
    const path = await this.chooseFile("Choose the old app's .env file");
    if (!path) return { cancelled: true };
    return importLegacyEnv(path, this.secrets);
  }
}
