// Tier 2: the Docker provider against a real dockerd that the test run starts
// (--bridge=none; see e2e/support/dockerd.ts) and a PostgreSQL image built
// from this machine's binaries. The container runs on the host network on a
// loopback port, the provider's documented option for engines without a bridge.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../../../db/open-store.js';
import { freePort } from '../../../../e2e/support/postgres-server.js';
import { BackupService } from '../../backups/backup-service.js';
import { seedDemo } from '../../demo/seed-demo.js';
import { memoryPassword } from '../memory-password.js';
import { postgresUrl, selectOne, waitFor } from '../probe.js';
import { CONTAINER_NAME, OWNER_LABEL, VOLUME_NAME, containerSpec } from './container-spec.js';
import { DockerProvider } from './docker-provider.js';
import { detectEngine, dockerFor } from './engine.js';
import { tempDir } from '../../../../e2e/support/test-cleanup.js';

const run = promisify(execFile);
const engine = inject('dockerHost');
const image = inject('testPostgresImage');
const psql = join(inject('pgBinDir'), 'psql');
const docker = dockerFor(engine);
const password = memoryPassword();

function provider(preferredPort: number, overrides: { image?: string; network?: 'host' | 'published' } = {}) {
  return new DockerProvider({
    settings: { image, preferredPort, network: 'host', engine, ...overrides },
    password,
  });
}

/**
 * A real login over TCP to 127.0.0.1, as anyone on the computer could try it:
 * the host's psql, never prompting, with no password file.
 */
async function login(port: number, secret?: string): Promise<string> {
  const env = {
    PATH: process.env.PATH ?? '',
    PGPASSFILE: join(tmpdir(), 'no-such-pgpass'),
    ...(secret ? { PGPASSWORD: secret } : {}),
  };
  const args = ['-w', '-h', '127.0.0.1', '-p', String(port), '-U', 'spending_user', '-d', 'spending_db'];
  try {
    const { stdout } = await run(psql, [...args, '-tAc', 'SELECT current_user'], { env });
    return `logged in as ${stdout.trim()}`;
  } catch (error) {
    return (error as { stderr?: string }).stderr?.trim() ?? String(error);
  }
}

async function inContainer(cmd: string[]): Promise<string> {
  const { stdout } = await run('docker', ['-H', engine, 'exec', '--user', 'postgres', CONTAINER_NAME, ...cmd]);
  return stdout;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('finding the Docker engine', () => {
  it('says Docker is not installed when there is no engine and no docker program', async () => {
    const found = await detectEngine(undefined, {
      candidates: [join(tmpdir(), 'no-such-dir', 'docker.sock')],
      env: { PATH: '' },
      platform: 'linux',
    });
    expect(found).toMatchObject({ state: 'not-installed', message: 'Docker is not installed on this computer.' });
    expect(found.remedy).toContain('Without Docker');
  });

  it('says Docker is installed but not running when its socket is there and nobody answers', async () => {
    const socket = join(tempDir('engine'), 'docker.sock');
    writeFileSync(socket, ''); // what a stopped engine leaves behind
    const found = await detectEngine(undefined, { candidates: [socket], env: { PATH: '' }, platform: 'linux' });
    expect(found.state).toBe('not-running');
    expect(found.message).toContain(socket);
    expect(found.remedy).toContain('systemctl start docker');
    const stopped = new DockerProvider({ settings: { engine: socket }, password: memoryPassword() });
    expect(await stopped.status()).toMatchObject({ provider: 'docker', state: 'not-running' });
    await expect(stopped.start()).rejects.toThrow('does not answer');
  });

  it('finds the running engine and its version', async () => {
    const found = await detectEngine(engine);
    expect(found.state).toBe('ready');
    expect(found.version).toMatch(/^\d+\.\d+/);
  });
});

describe('the spending-postgres container', () => {
  let port = 0;
  let blocker: Server | undefined;
  const backups = new BackupService(tempDir('docker-backups'));
  afterAll(async () => {
    blocker?.close();
    await provider(port).destroy();
  });

  it('fails clearly when the image is missing and cannot be downloaded', async () => {
    const offline = provider(await freePort(), { image: 'postgres:16-alpine' });
    await expect(offline.start()).rejects.toThrow('Could not download the PostgreSQL image postgres:16-alpine');
    expect((await offline.status()).state).toBe('absent');
  });

  it('takes the next free port when the preferred one is taken, and is ready only when SELECT 1 answers', async () => {
    const preferred = await freePort();
    blocker = createServer();
    await new Promise<void>((resolve) => blocker?.listen(preferred, '127.0.0.1', resolve));
    const phases = new Set<string>();
    const status = await provider(preferred).start({ onProgress: (p) => phases.add(p.phase) });
    port = status.port ?? 0;
    expect(port).toBeGreaterThan(preferred);
    expect(status).toMatchObject({
      provider: 'docker',
      state: 'running',
      host: '127.0.0.1',
      database: 'spending_db',
      user: 'spending_user',
      image,
      psqlCommand: `docker exec -it ${CONTAINER_NAME} psql -p ${String(port)} -U spending_user -d spending_db`,
    });
    expect([...phases]).toEqual(['create', 'start', 'wait']);
    expect(JSON.stringify(status)).not.toContain(password.value);

    const info = await docker.getContainer(CONTAINER_NAME).inspect();
    expect(info.State.Health?.Status).toBe('healthy');
    expect(info.Config.Labels['app.spending.owner']).toBe('spending');
    expect(info.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
    expect(info.Mounts.map((m) => [m.Type, m.Name])).toEqual([['volume', VOLUME_NAME]]);
    expect(info.Config.Env).toEqual(expect.arrayContaining(['POSTGRES_USER=spending_user', 'POSTGRES_DB=spending_db']));
  });

  it('asks every TCP login for the password: on the host network 127.0.0.1 is the whole computer', async () => {
    expect(await login(port)).toContain('fe_sendauth: no password supplied');
    expect(await login(port, 'wrong')).toContain('password authentication failed for user "spending_user"');
    expect(await login(port, password.value ?? '')).toBe('logged in as spending_user');
    // From initdb on: nothing had to be rewritten, so the rules never trusted anyone, even for a moment.
    expect(await inContainer(['cat', '/var/lib/postgresql/data/pg_hba.conf'])).not.toContain('was "trust"');
    // The psql command shown uses the container's own socket, which needs no password.
    const shown = (await provider(port).status()).psqlCommand?.split(' ') ?? [];
    expect(await inContainer([...shown.slice(shown.indexOf('psql')), '-tAc', 'SELECT 42'])).toBe('42\n');
  });

  it('shows the container log', async () => {
    const lines: string[] = [];
    await provider(port).logs({ tail: 100, onLine: (l) => lines.push(l) });
    expect(lines.some((l) => l.includes('database system is ready to accept connections'))).toBe(true);
  });

  it('keeps the data through stop and start', async () => {
    const p = provider(port);
    const store = await openStore(await p.connectionUrl());
    await seedDemo(store, { transactions: 3_000, seed: 5 });
    await store.close();
    expect((await p.stop()).state).toBe('stopped');
    expect((await p.start()).state).toBe('running');
    const again = await openStore(await p.connectionUrl());
    expect(await again.countTransactions({})).toBe(3_000);
    await again.close();
  });

  it('backs up with pg_dump inside the container, and restores into a fresh one, verified', async () => {
    const p = provider(port);
    const store = await openStore(await p.connectionUrl());
    const before = await store.fingerprints();
    await store.close();
    const made = await backups.backup({ kind: 'postgres', provider: p });
    expect(made.source).toMatchObject({ kind: 'postgres', provider: 'docker' });
    expect(made.tables).toEqual(before);

    await p.destroy();
    expect((await docker.listVolumes()).Volumes.map((v) => v.Name)).not.toContain(VOLUME_NAME);
    expect(password.value).toBeNull();
    expect((await p.status()).state).toBe('absent');
    port = (await p.start()).port ?? 0;
    const fresh = provider(port);
    const report = await backups.restorePostgres(made.id, fresh);
    expect(report.tables.transactions).toEqual({ rows: 3_000, checksumMatch: true });
    const restored = await openStore(await fresh.connectionUrl());
    expect(await restored.fingerprints()).toEqual(before);
    await restored.close();
  });

  it('reports a container killed during a backup, and leaves earlier backups intact', async () => {
    const p = provider(port);
    const before = Object.fromEntries(readdirSync(backups.dir).map((n) => [n, sha(join(backups.dir, n))]));
    // A lock that pg_dump must wait for holds the dump still at a known point; then the container dies.
    const holder = new pg.Client({ connectionString: await p.connectionUrl() });
    holder.on('error', () => undefined);
    await holder.connect();
    await holder.query('BEGIN; LOCK TABLE transactions IN ACCESS EXCLUSIVE MODE');
    const backup = backups.backup({ kind: 'postgres', provider: p });
    backup.catch(() => undefined);
    // Another session: inside the holder's transaction pg_stat_activity would stay frozen.
    const watcher = new pg.Client({ connectionString: await p.connectionUrl() });
    watcher.on('error', () => undefined);
    await watcher.connect();
    await waitFor(
      async () => {
        const { rows } = await watcher.query(
          "SELECT 1 FROM pg_stat_activity WHERE application_name = 'pg_dump' AND wait_event_type = 'Lock'",
        );
        if (!rows.length) throw new Error('pg_dump is not waiting yet');
      },
      { timeoutMs: 30_000, what: 'pg_dump' },
    );
    await docker.getContainer(CONTAINER_NAME).kill();
    await expect(backup).rejects.toThrow('stopped during the backup');
    await Promise.all([holder.end(), watcher.end()].map((p) => p.catch(() => undefined)));

    const after = Object.fromEntries(readdirSync(backups.dir).map((n) => [n, sha(join(backups.dir, n))]));
    expect(after).toEqual(before);
    expect((await backups.list()).length).toBe(1);
    expect((await p.start()).state).toBe('running');
  });

  it('destroys the container, its volume and its password', async () => {
    const p = provider(port);
    await p.destroy();
    expect((await docker.listContainers({ all: true })).flatMap((c) => c.Names)).not.toContain(`/${CONTAINER_NAME}`);
    expect((await docker.listVolumes()).Volumes.map((v) => v.Name)).not.toContain(VOLUME_NAME);
    expect(password.value).toBeNull();
    expect((await p.status()).state).toBe('absent');
  });
});

describe('login rules and networks', () => {
  afterAll(async () => {
    await provider(0).destroy();
  });

  it('makes a volume initialised before the fix ask for the password, and notes it in pg_hba.conf', async () => {
    const port = await freePort();
    // What a version without POSTGRES_INITDB_ARGS created: initdb's loopback rules say "trust".
    const old = containerSpec({ image, password: 'old-secret-1', hostPort: port, network: 'host' });
    old.Env = old.Env?.filter((e) => !e.startsWith('POSTGRES_INITDB_ARGS='));
    await password.set('old-secret-1');
    await docker.createVolume({ Name: VOLUME_NAME, Labels: { [OWNER_LABEL]: 'spending' } });
    await (await docker.createContainer(old)).start();
    const url = postgresUrl({
      host: '127.0.0.1',
      port,
      database: 'spending_db',
      user: 'spending_user',
      password: 'old-secret-1',
    });
    await waitFor(() => selectOne(url), { timeoutMs: 60_000, what: 'the old container' });
    expect(await login(port)).toBe('logged in as spending_user'); // the fault, as the official image has it

    const messages: string[] = [];
    expect((await provider(port).start({ onProgress: (p) => messages.push(p.message) })).state).toBe('running');
    expect(await login(port)).toContain('no password supplied');
    expect(await login(port, 'wrong')).toContain('password authentication failed');
    expect(await login(port, 'old-secret-1')).toBe('logged in as spending_user');
    expect(messages.join('\n')).toContain('asks for the password now where 4 of its login rules');

    const hba = await inContainer(['cat', '/var/lib/postgresql/data/pg_hba.conf']);
    const rules = hba.split('\n').filter((line) => /^(local|host)/.test(line));
    expect(rules.filter((line) => line.startsWith('host')).every((line) => line.endsWith('scram-sha-256'))).toBe(true);
    expect(rules.filter((line) => line.startsWith('local')).every((line) => line.endsWith('trust'))).toBe(true);
    expect(hba.match(/^# Spending \S+: was "trust"/gm)).toHaveLength(4);
    // Again: nothing left to change, nothing noted twice.
    messages.length = 0;
    await provider(port).stop();
    await provider(port).start({ onProgress: (p) => messages.push(p.message) });
    expect(messages.join('\n')).not.toContain('asks for the password now');
    expect((await inContainer(['cat', '/var/lib/postgresql/data/pg_hba.conf'])).match(/^# Spending/gm)).toHaveLength(4);
  });

  it('fails at once on an engine without a bridge network, keeping a volume that was there', async () => {
    const port = await freePort();
    const store = await openStore(await provider(port).connectionUrl());
    await store.addTransaction({ date: '2026-01-02', description: 'Kept through a failed start', amountPence: -500 });
    await store.close();
    await provider(port).stop();

    const published = provider(port, { network: 'published' });
    await expect(published.start()).rejects.toMatchObject({
      message: expect.stringContaining(`Docker started ${CONTAINER_NAME} without a network`) as unknown,
      remedy: expect.stringContaining('--network host') as unknown,
    });
    expect((await docker.listContainers({ all: true })).flatMap((c) => c.Names)).not.toContain(`/${CONTAINER_NAME}`);
    expect((await docker.listVolumes()).Volumes.map((v) => v.Name)).toContain(VOLUME_NAME);
    expect(password.value).toBe('old-secret-1');

    const again = provider(port);
    expect((await again.start()).state).toBe('running');
    const reopened = await openStore(await again.connectionUrl());
    expect((await reopened.listTransactions({ search: 'Kept through' })).items.map((t) => t.amountPence)).toEqual([
      -500,
    ]);
    await reopened.close();
  });

  it('removes the container, volume and password that a failed start without a network created', async () => {
    await provider(0).destroy();
    const published = provider(await freePort(), { network: 'published' });
    await expect(published.start()).rejects.toThrow('this Docker engine has no bridge network');
    expect((await docker.listContainers({ all: true })).flatMap((c) => c.Names)).not.toContain(`/${CONTAINER_NAME}`);
    expect((await docker.listVolumes()).Volumes.map((v) => v.Name)).not.toContain(VOLUME_NAME);
    expect(password.value).toBeNull();
    expect((await published.status()).state).toBe('absent');
  });

  it('tells what to do about a container an earlier version left running without a network, and replaces it', async () => {
    const port = await freePort();
    await password.set('leftover-1');
    await docker.createVolume({ Name: VOLUME_NAME, Labels: { [OWNER_LABEL]: 'spending' } });
    const spec = containerSpec({ image, password: 'leftover-1', hostPort: port, network: 'published' });
    await (await docker.createContainer(spec)).start();
    // Long since initialised, as such a container would be: its log says the real server is up.
    await waitFor(
      async () => {
        const { stdout, stderr } = await run('docker', ['-H', engine, 'logs', CONTAINER_NAME]);
        if (!(stdout + stderr).split('init process complete')[1]?.includes('ready to accept connections'))
          throw new Error('still initialising');
      },
      { timeoutMs: 60_000, what: 'the leftover container' },
    );
    const published = provider(port, { network: 'published' });
    expect(await published.status()).toMatchObject({
      state: 'unreachable',
      message: expect.stringContaining('without a network') as unknown,
      remedy: expect.stringContaining('"Host network"') as unknown,
    });
    expect((await provider(port).start()).state).toBe('running');
    expect(await login(port)).toContain('no password supplied');
  });
});
