// The external provider's TLS modes against a real server that accepts only
// TLS, with a self-signed certificate made for the test.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedProvider } from './embedded-provider.js';
import { ExternalProvider } from './external-provider.js';
import { memoryPassword } from './memory-password.js';
import type { TlsMode } from './types.js';
import { tempDir } from '../../../e2e/support/test-cleanup.js';

// The certificate comes from the openssl program; CI always has it, a laptop might not.
const noOpenssl = spawnSync('openssl', ['version']).status !== 0 && process.env.CI !== 'true';

const home = tempDir('tls');
chmodSync(home, 0o755);
const password = memoryPassword();
const server = new EmbeddedProvider({ dir: join(home, 'pg'), password });
let port = 0;

beforeAll(async () => {
  if (noOpenssl) return;
  await server.start();
  const admin = new pg.Client({ connectionString: await server.connectionUrl() });
  await admin.connect();
  await admin.query('CREATE DATABASE tls_only');
  await admin.end();
  await server.stop();
  const data = join(home, 'pg', 'data');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-keyout',
      join(data, 'server.key'),
      '-out',
      join(data, 'server.crt'),
    ],
    { stdio: 'ignore' },
  );
  const owner = statSync(data);
  for (const file of ['server.key', 'server.crt']) {
    chownSync(join(data, file), owner.uid, owner.gid);
    chmodSync(join(data, file), 0o600);
  }
  writeFileSync(join(data, 'postgresql.conf'), `${readFileSync(join(data, 'postgresql.conf'), 'utf8')}\nssl = on\n`);
  writeFileSync(
    join(data, 'pg_hba.conf'),
    // TLS only for tls_only; the provider's own readiness check still reaches spending_db.
    [
      'hostssl tls_only all 127.0.0.1/32 scram-sha-256',
      'hostnossl tls_only all 127.0.0.1/32 reject',
      'host spending_db all 127.0.0.1/32 scram-sha-256',
      '',
    ].join('\n'),
  );
  port = (await server.start()).port ?? 0;
});
afterAll(() => server.destroy());

const external = (tls: TlsMode) =>
  new ExternalProvider({ host: '127.0.0.1', port, database: 'tls_only', user: 'spending_user', tls }, password);

describe.skipIf(noOpenssl)('external server that accepts only TLS', () => {
  it('says TLS is required when the mode is "disable"', async () => {
    const status = await external('disable').status();
    expect(status.state).toBe('unreachable');
    expect(status.message).toContain('accepts only TLS connections');
    expect(status.remedy).toContain('"require"');
  });

  it.each(['require', 'prefer'] as const)('connects with "%s"', async (tls) => {
    expect((await external(tls).status()).state).toBe('running');
  });

  it('says the certificate is not trusted with "verify-full" and a self-signed certificate', async () => {
    const status = await external('verify-full').status();
    expect(status.state).toBe('unreachable');
    expect(status.message).toContain('is not trusted');
  });
});
