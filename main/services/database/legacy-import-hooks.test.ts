// The pg_dump of the old app's PostgreSQL database: the very snapshot the
// import reads, private, and nothing left behind when it fails.
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openLegacyPg } from '../../../db/legacy/legacy-source.js';
import { buildLegacyPostgres } from '../../../e2e/support/legacy-postgres-db.js';
import { createPgDatabase } from '../../../e2e/support/test-databases.js';
import { backupsDir } from '../backups/backup-files.js';
import { findPgTools } from '../postgres/host-pg-tools.js';
import { openKeyFile } from '../secrets/key-file.js';
import { SecretsService } from '../secrets/secrets-service.js';
import { legacyImportHooks } from './legacy-import-hooks.js';
import { tempDir } from '../../../e2e/support/test-cleanup.js';

const run = promisify(execFile);

async function hooks(dataDir: string) {
  const secrets = new SecretsService(await openKeyFile(join(dataDir, 'keys.json'), 'hooks test passphrase'));
  return legacyImportHooks(dataDir, secrets);
}

describe("the backup of the old app's PostgreSQL database", () => {
  it('holds the snapshot the import reads, not rows written after it, in a private file', async () => {
    const legacy = await createPgDatabase('legacy');
    await buildLegacyPostgres(legacy);
    const source = await openLegacyPg(legacy);
    const oldApp = new pg.Client({ connectionString: legacy });
    await oldApp.connect();
    try {
      await oldApp.query(
        "INSERT INTO transactions (date, description, amount) VALUES ('2024-09-01', 'Written after the snapshot', -1)",
      );
      const dataDir = tempDir('hooks');
      const { backupPostgres } = await hooks(dataDir);
      const file = await backupPostgres?.(legacy, await source.exportSnapshot?.());

      expect(readdirSync(backupsDir(dataDir))).toEqual([basename(file ?? '')]);
      expect(statSync(file ?? '').mode & 0o777).toBe(0o600);
      const { pgRestore } = await findPgTools(15);
      const { stdout } = await run(pgRestore, ['--data-only', '--table=transactions', '-f', '-', file ?? ''], {
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(stdout).toContain('[REFUND] Café «Zoë» 🍕');
      expect(stdout).not.toContain('Written after the snapshot');
    } finally {
      await oldApp.end();
      await source.close();
    }
  });

  it('leaves no part of the dump behind when pg_dump fails', async () => {
    const legacy = new URL(await createPgDatabase('legacy'));
    legacy.pathname = '/no_such_database';
    const dataDir = tempDir('hooks');
    const { backupPostgres } = await hooks(dataDir);
    await expect(backupPostgres?.(legacy.toString())).rejects.toThrow();
    expect(readdirSync(backupsDir(dataDir))).toEqual([]);
  });
});
