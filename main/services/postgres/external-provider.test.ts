// The external provider against a real server: a working connection, and
// each way one fails, in words that say what to fix.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../../e2e/support/postgres-server.js';
import { ExternalProvider, parseServerUrl } from './external-provider.js';
import { memoryPassword } from './memory-password.js';

const admin = new URL(inject('pgAdminUrl'));
const user = `ext_${randomBytes(4).toString('hex')}`;
const secret = `pw ${randomBytes(6).toString('hex')} #&`;
const server = {
  host: admin.hostname,
  port: Number(admin.port),
  database: user,
  user,
  tls: 'prefer' as const,
};

beforeAll(async () => {
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE ROLE ${user} LOGIN PASSWORD '${secret.replaceAll("'", "''")}'`);
  await client.query(`CREATE DATABASE ${user} OWNER ${user}`);
  await client.end();
});

describe('external PostgreSQL provider', () => {
  it('connects (TLS preferred, plain when the server has none) and reports the server, not the password', async () => {
    const provider = new ExternalProvider(server, memoryPassword(secret));
    const status = await provider.start();
    expect(status).toMatchObject({ provider: 'external', state: 'running', host: server.host, database: user, user });
    expect(status.version).toMatch(/^\d+/);
    expect(JSON.stringify(status)).not.toContain(secret);
    expect(await provider.connectionUrl()).toContain('sslmode=disable');
  });

  it.each([
    ['a wrong password', { ...server }, 'wrong', 'refused the user name or password'],
    ['a missing database', { ...server, database: `${user}_missing` }, secret, 'does not exist'],
    [
      'TLS required by us, not offered by the server',
      { ...server, tls: 'require' as const },
      secret,
      'does not accept TLS',
    ],
  ])('explains %s', async (_case, settings, password, expected) => {
    const status = await new ExternalProvider(settings, memoryPassword(password)).status();
    expect(status.state).toBe('unreachable');
    expect(status.message).toContain(expected);
    expect(status.remedy).toBeTruthy();
    expect(status.message + (status.remedy ?? '')).not.toContain(password);
  });

  it('explains a refused connection', async () => {
    const status = await new ExternalProvider({ ...server, port: await freePort() }, memoryPassword(secret)).status();
    expect(status).toMatchObject({
      state: 'unreachable',
      remedy: 'Start the PostgreSQL server or check the host and port.',
    });
    expect(status.message).toContain('Nothing is accepting connections');
  });

  it('does not stop or delete a server it does not run; "destroy" only forgets the password', async () => {
    const password = memoryPassword(secret);
    const provider = new ExternalProvider(server, password);
    await expect(provider.stop()).rejects.toThrow('does not stop a server it does not run');
    await provider.destroy();
    expect(password.value).toBeNull();
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [user]);
    await client.end();
    expect(rows).toHaveLength(1);
  });

  it('reads a URL into fields, keeping the password apart for the keychain', () => {
    expect(parseServerUrl('postgres://me:p%40ss@db.example:6543/money?sslmode=require')).toEqual({
      server: { host: 'db.example', port: 6543, database: 'money', user: 'me', tls: 'require' },
      password: 'p@ss',
    });
    expect(parseServerUrl('postgresql://db.example/x').server).toMatchObject({
      port: 5432,
      user: 'postgres',
      tls: 'prefer',
    });
    expect(() => parseServerUrl('mysql://x')).toThrow('postgres://');
  });
});
