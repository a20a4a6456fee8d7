// Tier 3: the OS keychain for real. On Linux, `npm test` runs this file
// inside dbus-run-session with an unlocked gnome-keyring (see
// e2e/support/run-all-tests.mjs); entries use a throwaway service name.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../db/open-store.js';
import { tempSqlitePath } from '../../../e2e/support/test-databases.js';
import { sql } from 'drizzle-orm';
import { PassThrough } from 'node:stream';
import { runCli } from '../../cli.js';
import { KEYCHAIN_SERVICE, osKeychain, probeKeychain } from './keychain.js';
import { SecretsService } from './secrets-service.js';
import { tempDir } from '../../../e2e/support/test-cleanup.js';

const service = `Spending-test-${randomBytes(4).toString('hex')}`;
const keychain = osKeychain(service);
const used = new Set<string>();

afterAll(async () => {
  for (const account of used) await keychain.delete(account);
});

describe(`the OS keychain (${keychain.description})`, () => {
  it('is available', async () => {
    expect(await probeKeychain(keychain)).toEqual({ available: true });
  });

  it('stores, reads back and deletes a secret', async () => {
    used.add('postgres-password');
    await keychain.set('postgres-password', 'p@ss wörd 🍕');
    expect(await keychain.get('postgres-password')).toBe('p@ss wörd 🍕');
    expect(await osKeychain(service).get('postgres-password')).toBe('p@ss wörd 🍕');
    expect(await keychain.delete('postgres-password')).toBe(true);
    expect(await keychain.get('postgres-password')).toBeNull();
  });

  it('holds the Fernet key the secrets service creates, and rotation moves it', async () => {
    used.add('fernet-key').add('fernet-key-next');
    const store = await openStore(tempSqlitePath());
    const secrets = new SecretsService(keychain);
    expect(await secrets.status()).toMatchObject({ backend: 'os-keychain', available: true, hasKey: false });
    const token = await secrets.encrypt('access-token-value');
    await store.query(
      sql`INSERT INTO bank_connections (user_id, provider_id, access_token) VALUES (1, 'ob-lloyds', ${token})`,
    );
    const key = await keychain.get('fernet-key');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    await secrets.rotateKey(store);
    expect(await keychain.get('fernet-key')).not.toBe(key);
    const [row] = (await store.query(sql`SELECT access_token FROM bank_connections`)) as { access_token: string }[];
    expect(await new SecretsService(osKeychain(service)).decrypt(row!.access_token)).toBe('access-token-value');
    await store.close();
  });
});

describe('spending secrets status', () => {
  it('reports the working keychain and the key, never the key itself', async () => {
    const app = osKeychain(KEYCHAIN_SERVICE);
    const secrets = new SecretsService(app);
    await secrets.encrypt('creates the key');
    const key = await app.get('fernet-key');
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    process.env.SPENDING_HOME = tempDir('cli-home');
    try {
      expect(await runCli(['secrets', 'status', '--json'], { stdout, stderr: new PassThrough() })).toBe(0);
    } finally {
      delete process.env.SPENDING_HOME;
      await app.delete('fernet-key');
    }
    expect(JSON.parse(out)).toMatchObject({ backend: 'os-keychain', available: true, hasKey: true });
    expect(out).not.toContain(key!);
  });
});
