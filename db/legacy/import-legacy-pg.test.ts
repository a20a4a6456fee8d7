// The old app's PostgreSQL database into a Spending store: the bank tables
// too, its Fernet tokens re-encrypted under our key and never stored in the clear.
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildLegacyPostgres, LEGACY_KEY, LEGACY_TOKENS } from '../../e2e/support/legacy-postgres-db.js';
import { storeTargets, createPgDatabase } from '../../e2e/support/test-databases.js';
import { openKeyFile } from '../../main/services/secrets/key-file.js';
import { protectLegacyTokens } from '../../main/services/secrets/legacy-tokens.js';
import { SecretsService } from '../../main/services/secrets/secrets-service.js';
import { openStore, parseStoreTarget } from '../open-store.js';
import { importLegacy } from './import-legacy.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';

describe.each(storeTargets)("the old app's PostgreSQL into $dialect", ({ target }) => {
  it('imports every table, re-encrypts the tokens, and keeps money, dates and JSON exact', async () => {
    const legacy = await createPgDatabase('legacy');
    const expected = await buildLegacyPostgres(legacy);
    const secrets = new SecretsService(await openKeyFile(join(tempDir('keys'), 'keys.json'), 'test passphrase'));
    const to = parseStoreTarget(await target());

    const report = await importLegacy({
      source: legacy,
      target: to,
      protectTokens: (rows) => protectLegacyTokens(rows, LEGACY_KEY, secrets),
    });
    expect(report.ok).toBe(true);
    expect(JSON.stringify(report)).not.toContain(new URL(legacy).password);
    expect(report.fixes).toEqual([]);
    expect(report.rejects).toEqual([]);
    expect(report.tokenProblems).toEqual([]);
    for (const table of [
      'transactions',
      'bank_connections',
      'truelayer_accounts',
      'truelayer_transactions',
      'truelayer_balances',
      'webhook_events',
      'connection_logs',
    ])
      expect(report.tables[table], table).toMatchObject({ rejected: 0, checksumMatch: true });

    const store = await openStore(to);
    try {
      const [totals] = (await store.query(
        store.dialect === 'sqlite'
          ? sql`SELECT COUNT(*) AS n, SUM(CAST(ROUND(amount * 100) AS INTEGER)) AS pence FROM transactions`
          : sql`SELECT COUNT(*) AS n, CAST(SUM(amount * 100) AS BIGINT) AS pence FROM transactions`,
      )) as { n: number | string; pence: number | string }[];
      expect(Number(totals?.n)).toBe(expected.transactions);
      expect(BigInt(totals?.pence ?? 0)).toBe(expected.pence);
      expect((await store.getTransaction(405))?.description).toBe('[REFUND] Café «Zoë» 🍕');
      expect((await store.getTransaction(1))?.date).toBe('2024-01-02');

      const connections = (await store.query(
        sql`SELECT id, access_token, refresh_token FROM bank_connections ORDER BY id`,
      )) as {
        access_token: string | null;
        refresh_token: string | null;
      }[];
      const everything = JSON.stringify(await store.query(sql`SELECT * FROM bank_connections`));
      expect(everything).not.toContain(LEGACY_TOKENS.access);
      expect(everything).not.toContain('plaintext-access-token');
      expect(await secrets.decrypt(connections[0]?.access_token ?? '')).toBe(LEGACY_TOKENS.access);
      expect(await secrets.decrypt(connections[0]?.refresh_token ?? '')).toBe(LEGACY_TOKENS.refresh);
      expect(await secrets.decrypt(connections[1]?.access_token ?? '')).toBe('plaintext-access-token');

      const [account] = (await store.query(sql`SELECT provider_data FROM truelayer_accounts`)) as {
        provider_data: unknown;
      }[];
      const data =
        typeof account?.provider_data === 'string'
          ? (JSON.parse(account.provider_data) as unknown)
          : account?.provider_data;
      expect(data).toEqual({ a: { x: true }, b: [1, 2.5] });
      const [tx] = (await store.query(
        sql`SELECT timestamp, amount, running_balance FROM truelayer_transactions`,
      )) as Record<string, unknown>[];
      expect(String(tx?.timestamp)).toMatch(/^2024-03-04[ T]09:11:12/);
    } finally {
      await store.close();
    }
    expect(await importLegacy({ source: legacy, target: to })).toMatchObject({ alreadyDone: true });
  });
});
