// The old app's .env and its stored tokens: secrets into the keychain,
// tokens re-encrypted (or encrypted, where it kept them in plaintext), and
// not a single plaintext token left in the database afterwards.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../db/open-store.js';
import { storeTargets } from '../../../e2e/support/test-databases.js';
import { encrypt, generateKey } from './fernet.js';
import { openKeyFile } from './key-file.js';
import { importLegacyEnv } from './legacy-env.js';
import { looksLikeFernet, protectLegacyTokens } from './legacy-tokens.js';
import { SecretsService } from './secrets-service.js';
import { tempDir } from '../../../e2e/support/test-cleanup.js';

const ENV_FIXTURE = new URL('../../../e2e/fixtures/legacy/old-app.env', import.meta.url).pathname;
const LEGACY_KEY = 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=';

async function newSecrets(): Promise<SecretsService> {
  const path = join(tempDir('legacy'), 'keys.json');
  return new SecretsService(await openKeyFile(path, 'legacy test passphrase'));
}

describe("the old app's .env", () => {
  it('puts its secrets in the keychain and reports settings by name, never values', async () => {
    const secrets = await newSecrets();
    const report = await importLegacyEnv(ENV_FIXTURE, secrets);
    expect(report.storedSecrets.sort()).toEqual([
      'legacy-encryption-key',
      'legacy-postgres-password',
      'truelayer-client-secret',
    ]);
    expect(await secrets.getSecret('legacy-postgres-password')).toBe('s3cret pass#word');
    expect(await secrets.getSecret('truelayer-client-secret')).toBe('tl-client-secret-9b1c');
    expect(await secrets.getSecret('legacy-encryption-key')).toBe(LEGACY_KEY);
    expect(report.settings).toEqual({
      truelayerClientId: 'sandbox-spending-4f2a',
      truelayerRedirectUri: 'http://localhost:5000/api/truelayer/callback',
      truelayerEnvironment: 'sandbox',
      postgresUser: 'spending_user',
      postgresDb: 'spending_db',
      postgresHost: 'localhost',
      postgresPort: '5433',
    });
    expect(report.ignoredKeys.sort()).toEqual(['FLASK_ENV', 'SECRET_KEY']);
    expect(JSON.stringify(report)).not.toMatch(/s3cret|tl-client-secret|cw_0x689/);
  });

  it('says so when the key is missing or malformed, and refuses an unreadable or empty file', async () => {
    const dir = tempDir('env');
    writeFileSync(join(dir, 'no-key.env'), 'TRUELAYER_CLIENT_ID=x\n');
    writeFileSync(join(dir, 'bad-key.env'), 'ENCRYPTION_KEY=not-a-key\n');
    writeFileSync(join(dir, 'empty.env'), '# nothing\n');
    const secrets = await newSecrets();
    expect((await importLegacyEnv(join(dir, 'no-key.env'), secrets)).problems[0]).toContain('plaintext');
    const bad = await importLegacyEnv(join(dir, 'bad-key.env'), secrets);
    expect(bad.storedSecrets).toEqual([]);
    expect(bad.problems[0]).toContain('not a Fernet key');
    await expect(importLegacyEnv(join(dir, 'empty.env'), secrets)).rejects.toThrow('holds no settings');
    await expect(importLegacyEnv(join(dir, 'missing.env'), secrets)).rejects.toThrow('Cannot read');
  });
});

describe.each(storeTargets)("the old app's tokens, into a $dialect store", ({ target }) => {
  it('re-encrypts, encrypts plaintext, lists what cannot be read by id, drops nothing', async () => {
    const secrets = await newSecrets();
    const otherKey = generateKey();
    const legacy: { id: number; access_token: string | null; refresh_token: string | null }[] = [
      { id: 1, access_token: encrypt(LEGACY_KEY, 'access-one'), refresh_token: encrypt(LEGACY_KEY, 'refresh-one') },
      { id: 2, access_token: 'eyJhbGciOiJSUzI1NiJ9.plain-access-two', refresh_token: 'plain-refresh-two' },
      { id: 3, access_token: encrypt(otherKey, 'access-three'), refresh_token: null },
    ];
    const cells = legacy.flatMap((row) =>
      (['access_token', 'refresh_token'] as const).flatMap((column) => {
        const value = row[column];
        return value === null ? [] : [{ id: row.id, table: 'bank_connections', column, value }];
      }),
    );
    const result = await protectLegacyTokens(cells, LEGACY_KEY, secrets);
    expect(result.plaintext).toBe(2);
    expect(result.failures).toEqual([
      { id: 3, column: 'access_token', reason: "does not decrypt with the old app's ENCRYPTION_KEY" },
    ]);
    expect(result.values).toHaveLength(cells.length);
    const protectedRows = legacy.map((row) => ({ ...row }));
    cells.forEach((cell, i) => {
      const row = protectedRows.find((r) => r.id === cell.id);
      if (row) row[cell.column] = result.values[i] ?? null;
    });

    const store = await openStore(await target());
    for (const row of protectedRows) {
      await store.query(
        sql`INSERT INTO bank_connections (id, user_id, provider_id, access_token, refresh_token)
            VALUES (${row.id}, 1, 'ob-legacy', ${row.access_token}, ${row.refresh_token})`,
      );
    }
    const dump = JSON.stringify(await store.query(sql`SELECT * FROM bank_connections`));
    for (const plaintext of ['access-one', 'refresh-one', 'plain-access-two', 'plain-refresh-two', 'access-three']) {
      expect(dump).not.toContain(plaintext);
    }
    const rows = (await store.query(sql`SELECT id, access_token, refresh_token FROM bank_connections ORDER BY id`)) as {
      access_token: string | null;
      refresh_token: string | null;
    }[];
    for (const row of rows)
      for (const token of [row.access_token, row.refresh_token]) if (token) expect(looksLikeFernet(token)).toBe(true);
    expect(await secrets.decrypt(rows[0]!.access_token!)).toBe('access-one');
    expect(await secrets.decrypt(rows[1]!.refresh_token!)).toBe('plain-refresh-two');
    await store.close();
  });

  it('without the old key, keeps encrypted tokens as they are and says why', async () => {
    const secrets = await newSecrets();
    const token = encrypt(LEGACY_KEY, 'access');
    const result = await protectLegacyTokens(
      [{ id: 7, table: 'bank_connections', column: 'access_token', value: token }],
      null,
      secrets,
    );
    expect(result.values).toEqual([token]);
    expect(result.failures[0]).toMatchObject({ id: 7, column: 'access_token' });
    expect(result.failures[0]!.reason).toContain('ENCRYPTION_KEY was not given');
  });
});
