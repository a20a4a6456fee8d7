// What the legacy import needs from the app layer: the old .env's secrets in
// the keychain, the old tokens re-encrypted under our key, and a pg_dump of
// the old PostgreSQL database before anything is imported.
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { format } from 'date-fns';
import type { LegacyImportOptions } from '../../../db/legacy/import-legacy.js';
import { backupsDir } from '../backups/backup-files.js';
import { ExternalProvider, parseServerUrl } from '../postgres/external-provider.js';
import { memoryPassword } from '../postgres/memory-password.js';
import { importLegacyEnv, type LegacyEnvReport } from '../secrets/legacy-env.js';
import { protectLegacyTokens } from '../secrets/legacy-tokens.js';
import type { SecretsService } from '../secrets/secrets-service.js';

export type LegacyImportHooks = Pick<LegacyImportOptions, 'backupPostgres' | 'protectSecrets'>;

/** `secrets` must be the app's own instance: a passphrase key file is unlocked in it, not in a new one. */
export async function legacyImportHooks(
  dataDir: string,
  secrets: SecretsService,
  envFile?: string,
): Promise<LegacyImportHooks & { envReport?: LegacyEnvReport }> {
  const envReport = envFile ? await importLegacyEnv(envFile, secrets) : undefined;
  return {
    ...(envReport ? { envReport } : {}),
    protectSecrets: async (cells) =>
      protectLegacyTokens(cells, await secrets.getSecret('legacy-encryption-key'), secrets),
    // Private, and named only once pg_dump has finished: a failed dump (a full disk) leaves nothing.
    backupPostgres: async (url, snapshot) => {
      const { server, password } = parseServerUrl(url);
      const dir = backupsDir(dataDir);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const file = join(dir, `legacy-${format(new Date(), 'yyyyMMdd-HHmmss-SSS')}-${server.database}.dump`);
      const partial = `${file}.partial`;
      try {
        await new ExternalProvider(server, memoryPassword(password ?? null)).dump(
          createWriteStream(partial, { mode: 0o600, flags: 'wx' }),
          snapshot ? { snapshot } : {},
        );
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return file;
    },
  };
}
