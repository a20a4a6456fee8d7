// `spending db` end to end with the real keychain (tier 3): the embedded
// server's password goes to gnome-keyring, and a psql client gets in with it.
import { execFile } from 'node:child_process';
import { chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../e2e/support/run-cli.js';
import { candidateBinDirs } from '../services/postgres/host-pg-tools.js';
import { KEYCHAIN_SERVICE, osKeychain } from '../services/secrets/keychain.js';
import { existsSync } from 'node:fs';
import { tempDir } from '../../e2e/support/test-cleanup.js';

const run = promisify(execFile);

const keychain = osKeychain(KEYCHAIN_SERVICE);
const psql = candidateBinDirs()
  .map((dir) => join(dir, 'psql'))
  .find((path) => existsSync(path));

describe('spending db with the embedded provider', () => {
  const previousHome = process.env.SPENDING_HOME;
  beforeAll(() => {
    const home = tempDir('cli-db');
    chmodSync(home, 0o755);
    process.env.SPENDING_HOME = join(home, 'data');
  });
  afterAll(async () => {
    await cli('db', 'destroy', '--provider', 'embedded', '--yes');
    if (previousHome === undefined) delete process.env.SPENDING_HOME;
    else process.env.SPENDING_HOME = previousHome;
  });

  it('starts a server that `db status --json` reports and a psql client can use', async () => {
    const started = await cli('--json', 'db', 'start', '--provider', 'embedded');
    expect(started.code).toBe(0);
    // Without --provider: `start` remembered the choice.
    const status = await cli('--json', 'db', 'status');
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      provider: 'embedded',
      state: 'running',
      host: '127.0.0.1',
      database: 'spending_db',
      user: 'spending_user',
    });
    expect(report.port).toEqual(expect.any(Number));
    const password = await keychain.get('postgres-password:embedded');
    expect(password).toBeTruthy();
    expect(status.stdout + status.stderr + started.stdout + started.stderr).not.toContain(password);

    const args = [
      '-h',
      '127.0.0.1',
      '-p',
      String(report.port),
      '-U',
      'spending_user',
      '-d',
      'spending_db',
      '-tAc',
      'SELECT 40 + 2',
    ];
    if (!psql) return; // the pg-based SELECT 1 inside `status` already proved the server answers
    const { stdout } = await run(psql, args, { env: { ...process.env, PGPASSWORD: password ?? '' } });
    expect(stdout.trim()).toBe('42');
  });

  it('backs up the provider, lists the backup, stops keeping data, and destroys only with --yes', async () => {
    const status = JSON.parse((await cli('--json', 'db', 'status')).stdout) as { port: number };
    const password = encodeURIComponent((await keychain.get('postgres-password:embedded')) ?? '');
    const url = `postgres://spending_user:${password}@127.0.0.1:${String(status.port)}/spending_db`;
    expect((await cli('--db', url, 'seed-demo', '--transactions', '500')).code).toBe(0);

    const backup = await cli('--json', 'db', 'backup', '--provider', 'embedded');
    expect(backup.code).toBe(0);
    const made = JSON.parse(backup.stdout) as { id: string; tables: Record<string, { rows: number }> };
    expect(made.tables.transactions?.rows).toBe(500);
    const list = JSON.parse((await cli('--json', 'db', 'backups')).stdout) as { id: string }[];
    expect(list.map((b) => b.id)).toContain(made.id);

    expect(JSON.parse((await cli('--json', 'db', 'stop')).stdout)).toMatchObject({ state: 'stopped' });
    const refused = await cli('db', 'destroy', '--provider', 'embedded');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(JSON.parse((await cli('--json', 'db', 'status')).stdout)).toMatchObject({ state: 'stopped' });

    expect((await cli('db', 'destroy', '--provider', 'embedded', '--yes')).code).toBe(0);
    expect(JSON.parse((await cli('--json', 'db', 'status')).stdout)).toMatchObject({ state: 'absent' });
    expect(await keychain.get('postgres-password:embedded')).toBeNull();
  });
});

// As root (CI containers, servers) the embedded server runs as the postgres account, which cannot
// enter a home of mode 0700 such as /root: initdb failed half way on the password file it could not open.
describe.skipIf(process.getuid?.() !== 0)('spending db --provider embedded as root, home closed to postgres', () => {
  // mkdtemp makes the folder mode 0700 and root's, just like /root.
  const home = tempDir('root-home');
  const dataDir = join(home, '.config', 'Spending');
  const previousHome = process.env.SPENDING_HOME;
  beforeAll(() => {
    process.env.SPENDING_HOME = dataDir;
  });
  afterAll(async () => {
    await keychain.delete('postgres-password:embedded').catch(() => false);
    if (previousHome === undefined) delete process.env.SPENDING_HOME;
    else process.env.SPENDING_HOME = previousHome;
  });

  it('refuses to start before writing anything, naming the closed folder and what to do', async () => {
    const started = await cli('db', 'start', '--provider', 'embedded');
    expect(started.code).toBe(1);
    expect(started.stderr).toContain(`the "postgres" account, and that account cannot enter ${home} (mode 700`);
    expect(started.stderr).toContain(`to reach its data folder at ${join(dataDir, 'postgres', 'embedded')}`);
    expect(started.stderr).toContain('Run Spending as a normal user');
    expect(started.stderr).toContain('SPENDING_HOME=');
    expect(started.stderr).not.toContain('initdb');
    // No cluster, no password file, no password in the keychain.
    // Not even the settings: the provider is remembered only once a server has started.
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([]);
    expect(await keychain.get('postgres-password:embedded')).toBeNull();
  });

  it('then reports no server, and stopping does nothing', async () => {
    const status = await cli('--json', 'db', 'status', '--provider', 'embedded');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ provider: 'embedded', state: 'absent' });
    const stopped = await cli('--json', 'db', 'stop', '--provider', 'embedded');
    expect(stopped.code).toBe(0);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ provider: 'embedded', state: 'absent' });
  });
});
