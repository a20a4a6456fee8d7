// The secrets service on a real key-file keychain and real stores: key on
// first need, no plaintext anywhere, rotation that survives interruption.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../db/errors.js';
import { openStore } from '../../../db/open-store.js';
import type { SqlStore } from '../../../db/sql-store.js';
import { storeTargets } from '../../../e2e/support/test-databases.js';
import { decryptText, InvalidToken } from './fernet.js';
import { openKeyFile } from './key-file.js';
import { osKeychain, probeKeychain, type Keychain } from './keychain.js';
import { SecretsService } from './secrets-service.js';
import { tempDir } from '../../../e2e/support/test-cleanup.js';

const keyFilePath = () => join(tempDir('keys'), 'keys.json');
const PASSPHRASE = 'correct horse battery staple';

/** A real keychain that fails the n-th write, the way a crash or a locked keychain would. */
function failingOnWrite(inner: Keychain, failAt: number): Keychain {
  let writes = 0;
  return {
    ...inner,
    set: async (account, secret) => {
      if (++writes === failAt) throw new Error('the machine lost power');
      await inner.set(account, secret);
    },
  };
}

async function addConnection(store: SqlStore, access: string | null, refresh: string | null): Promise<void> {
  await store.query(
    sql`INSERT INTO bank_connections (user_id, provider_id, access_token, refresh_token) VALUES (1, 'ob-monzo', ${access}, ${refresh})`,
  );
}

async function storedTokens(store: SqlStore): Promise<string[]> {
  const rows = (await store.query(sql`SELECT access_token, refresh_token FROM bank_connections ORDER BY id`)) as {
    access_token: string | null;
    refresh_token: string | null;
  }[];
  return rows.flatMap((r) => [r.access_token, r.refresh_token]).filter((t): t is string => t !== null);
}

describe('passphrase key file', () => {
  it('keeps entries under the passphrase, mode 0600, nothing readable in the file', async () => {
    const path = keyFilePath();
    const keychain = await openKeyFile(path, PASSPHRASE);
    await keychain.set('postgres-password', 'hunter2-very-secret');
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('postgres-password');
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = await openKeyFile(path, PASSPHRASE);
    expect(await again.get('postgres-password')).toBe('hunter2-very-secret');
    expect(await again.delete('postgres-password')).toBe(true);
    expect(await (await openKeyFile(path, PASSPHRASE)).get('postgres-password')).toBeNull();
  });

  it('refuses a wrong passphrase, and a short one for a new file', async () => {
    const path = keyFilePath();
    await openKeyFile(path, PASSPHRASE);
    const wrong = await openKeyFile(path, 'not the passphrase').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AppError);
    expect((wrong as AppError).message).toContain('does not unlock');
    await expect(openKeyFile(keyFilePath(), 'short')).rejects.toThrow('at least 8 characters');
  });
});

describe('without a keychain', () => {
  it('stores nothing and says how to fix it', async () => {
    const secrets = new SecretsService(null);
    expect(await secrets.status()).toMatchObject({ available: false, backend: 'none', hasKey: false });
    const error = await secrets.encrypt('token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).remedy).toContain('passphrase');
    await expect(secrets.setSecret('postgres-password:external', 'x')).rejects.toThrow(AppError);
  });

  it.runIf(process.platform === 'linux')(
    'reports a Linux session without a Secret Service as unavailable, with the reason',
    async () => {
      const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
      process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/spending-test-bus';
      try {
        const keychain = osKeychain(`Spending-test-${process.pid}`);
        const probe = await probeKeychain(keychain);
        expect(probe.available).toBe(false);
        const status = await new SecretsService(keychain).status();
        expect(status).toMatchObject({ available: false, backend: 'os-keychain', hasKey: false });
        expect(status.reason).toEqual(expect.any(String));
      } finally {
        if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
        else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
      }
    },
  );
});

describe.each(storeTargets)('secrets with a $dialect store', ({ target }) => {
  let store: SqlStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('creates the key on first need and keeps only Fernet tokens in the database', async () => {
    store = await openStore(await target());
    const keychain = await openKeyFile(keyFilePath(), PASSPHRASE);
    const secrets = new SecretsService(keychain);
    expect(await secrets.status()).toMatchObject({ available: true, hasKey: false, backend: 'passphrase-file' });
    await addConnection(store, await secrets.encrypt('access-AAAA'), await secrets.encrypt('refresh-BBBB'));
    expect(await secrets.status()).toMatchObject({ hasKey: true, rotationPending: false });
    const everything = JSON.stringify(await store.query(sql`SELECT * FROM bank_connections`));
    expect(everything).not.toContain('access-AAAA');
    expect(everything).not.toContain('refresh-BBBB');
    const [access] = await storedTokens(store);
    expect(await secrets.decrypt(access!)).toBe('access-AAAA');
  });

  it('rotates the key: every token re-encrypted in one go, the old key no longer opens them', async () => {
    store = await openStore(await target());
    const keychain = await openKeyFile(keyFilePath(), PASSPHRASE);
    const secrets = new SecretsService(keychain);
    for (let i = 0; i < 5; i++)
      await addConnection(
        store,
        await secrets.encrypt(`access-${i}`),
        i % 2 ? null : await secrets.encrypt(`refresh-${i}`),
      );
    const oldKey = (await keychain.get('fernet-key'))!;
    const before = await storedTokens(store);
    expect(await secrets.rotateKey(store)).toEqual({ rewritten: 5 });
    const after = await storedTokens(store);
    expect(after).toHaveLength(before.length);
    expect(await keychain.get('fernet-key')).not.toBe(oldKey);
    expect(await keychain.get('fernet-key-next')).toBeNull();
    for (const [i, token] of after.entries()) {
      expect(token).not.toBe(before[i]);
      expect(() => decryptText(oldKey, token)).toThrow(InvalidToken);
      expect(await secrets.decrypt(token)).toBe(await new SecretsService(keychain).decrypt(token));
    }
    expect(await Promise.all(after.slice(0, 2).map((t) => secrets.decrypt(t)))).toEqual(['access-0', 'refresh-0']);
  });

  it.each([
    ['before any token changed', 1],
    ['after the tokens changed, before the new key was promoted', 2],
  ])('an interrupted rotation (%s) leaves every token readable and finishes later', async (_when, failAt) => {
    store = await openStore(await target());
    const path = keyFilePath();
    const keychain = await openKeyFile(path, PASSPHRASE);
    const setup = new SecretsService(keychain);
    for (let i = 0; i < 3; i++)
      await addConnection(store, await setup.encrypt(`access-${i}`), await setup.encrypt(`refresh-${i}`));

    const interrupted = new SecretsService(failingOnWrite(await openKeyFile(path, PASSPHRASE), failAt));
    await expect(interrupted.rotateKey(store)).rejects.toThrow('lost power');

    // A fresh start, as after a crash: everything still decrypts.
    const restarted = new SecretsService(await openKeyFile(path, PASSPHRASE));
    const tokens = await storedTokens(store);
    expect(await Promise.all(tokens.map((t) => restarted.decrypt(t)))).toEqual([
      'access-0',
      'refresh-0',
      'access-1',
      'refresh-1',
      'access-2',
      'refresh-2',
    ]);
    expect((await restarted.status()).rotationPending).toBe(failAt === 2);
    expect(await restarted.resumeRotation(store)).toBe(failAt === 2);
    expect((await restarted.status()).rotationPending).toBe(false);
    const final = await storedTokens(store);
    expect(await Promise.all(final.map((t) => restarted.decrypt(t)))).toHaveLength(6);
  });
});
