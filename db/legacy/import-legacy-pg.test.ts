// The old app's PostgreSQL database into a Spending store: the bank tables
// too, its Fernet tokens re-encrypted under our key and never stored in the clear.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildLegacyPostgres, LEGACY_KEY, LEGACY_TOKENS } from '../../e2e/support/legacy-postgres-db.js';
import { encrypt } from '../../main/services/secrets/fernet.js';
import { storeTargets, createPgDatabase } from '../../e2e/support/test-databases.js';
import { openKeyFile } from '../../main/services/secrets/key-file.js';
import { protectLegacyTokens } from '../../main/services/secrets/legacy-tokens.js';
import { SecretsService } from '../../main/services/secrets/secrets-service.js';
import { openStore, parseStoreTarget } from '../open-store.js';
import { TABLE_NAMES } from '../table-columns.js';
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
      protectSecrets: (cells) => protectLegacyTokens(cells, LEGACY_KEY, secrets),
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

describe.each(storeTargets)("secrets in the old app's PostgreSQL, into $dialect", ({ target }) => {
  const SECRETS = [
    LEGACY_TOKENS.access,
    LEGACY_TOKENS.refresh,
    'plaintext-access-token',
    'orphan-access-in-the-clear',
    'orphan-refresh-under-the-old-key',
    'pkce-verifier-in-the-clear',
    'account-api-key-in-the-clear',
    'partner-client-secret',
    'partner-access-token',
  ];

  /** The fixture plus a connection whose user is gone, a PKCE verifier and secrets in columns and tables we do not know. */
  async function legacyWithSecrets(): Promise<string> {
    const legacy = await createPgDatabase('legacy');
    await buildLegacyPostgres(legacy);
    const client = new pg.Client({ connectionString: legacy });
    await client.connect();
    try {
      await client.query('ALTER TABLE bank_connections DROP CONSTRAINT bank_connections_user_id_fkey');
      await client.query(
        `INSERT INTO bank_connections (id, user_id, provider_id, access_token, refresh_token) VALUES (3, 99, 'ob-orphan', $1, $2)`,
        ['orphan-access-in-the-clear', encrypt(LEGACY_KEY, 'orphan-refresh-under-the-old-key')],
      );
      await client.query(
        "INSERT INTO oauth_state (state, code_verifier, expires_at) VALUES ('state-1', 'pkce-verifier-in-the-clear', now())",
      );
      await client.query('ALTER TABLE truelayer_accounts ADD COLUMN api_key TEXT');
      await client.query("UPDATE truelayer_accounts SET api_key = 'account-api-key-in-the-clear'");
      await client.query(
        'CREATE TABLE partner_credentials (id SERIAL PRIMARY KEY, partner TEXT, client_secret TEXT, "accessToken" TEXT)',
      );
      await client.query(
        "INSERT INTO partner_credentials (partner, client_secret, \"accessToken\") VALUES ('amazon', 'partner-client-secret', 'partner-access-token')",
      );
    } finally {
      await client.end();
    }
    return legacy;
  }

  it('keeps every one encrypted, whatever becomes of its row, and says nothing of them', async () => {
    const legacy = await legacyWithSecrets();
    const secrets = new SecretsService(await openKeyFile(join(tempDir('keys'), 'keys.json'), 'test passphrase'));
    const to = parseStoreTarget(await target());

    const report = await importLegacy({
      source: legacy,
      target: to,
      backupDir: join(tempDir('home'), 'backups'),
      protectSecrets: (cells) => protectLegacyTokens(cells, LEGACY_KEY, secrets),
    });

    expect(report.rejects).toEqual([
      expect.objectContaining({
        table: 'bank_connections',
        id: 3,
        reason: expect.stringContaining('user_id') as string,
      }),
    ]);
    const store = await openStore(to);
    try {
      const everything = [JSON.stringify(report), readFileSync(report.rejectsCsv ?? '', 'utf8')];
      for (const table of TABLE_NAMES)
        everything.push(JSON.stringify(await store.query(sql`SELECT * FROM ${sql.identifier(table)}`)));
      for (const secret of SECRETS) expect(everything.join('\n'), secret).not.toContain(secret);

      const [reject] = (await store.query(
        sql`SELECT original FROM import_rejects WHERE source_table = 'bank_connections'`,
      )) as { original: unknown }[];
      const original = (
        typeof reject?.original === 'string' ? JSON.parse(reject.original) : reject?.original
      ) as Record<string, string>;
      expect(await secrets.decrypt(original.access_token ?? '')).toBe('orphan-access-in-the-clear');
      expect(await secrets.decrypt(original.refresh_token ?? '')).toBe('orphan-refresh-under-the-old-key');
      const [state] = (await store.query(sql`SELECT code_verifier FROM oauth_state`)) as { code_verifier: string }[];
      expect(await secrets.decrypt(state?.code_verifier ?? '')).toBe('pkce-verifier-in-the-clear');
    } finally {
      await store.close();
    }
  });

  it('refuses a source with secrets when there is no key to encrypt them, writing nothing', async () => {
    const legacy = await legacyWithSecrets();
    const to = parseStoreTarget(await target());
    await expect(importLegacy({ source: legacy, target: to })).rejects.toThrow('holds secrets');
    const store = await openStore(to);
    expect((await store.fingerprints()).bank_connections?.rows).toBe(0);
    await store.close();
  });
});

describe("the old app's PostgreSQL database as its own target", () => {
  it('is refused before it is opened as a store, whoever connects and with whichever options', async () => {
    const legacy = await createPgDatabase('legacy');
    await buildLegacyPostgres(legacy);
    const spelled = new URL(legacy);
    spelled.hostname = 'localhost';
    spelled.search = '?application_name=elsewhere';
    await expect(
      importLegacy({ source: legacy, target: { kind: 'postgres', url: spelled.toString() } }),
    ).rejects.toThrow("is both the old app's database to import and the store to import into");
    const client = new pg.Client({ connectionString: legacy });
    await client.connect();
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('app_meta', '__drizzle_migrations')",
    );
    await client.end();
    expect(Number(rows[0]?.n)).toBe(0);
  });
});
