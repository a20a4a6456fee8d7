// The embedded provider against the real binaries from npm: the full life
// cycle, data kept across restarts, logs, and a verified backup round trip.
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../db/open-store.js';
import { BackupService } from '../backups/backup-service.js';
import { seedDemo } from '../demo/seed-demo.js';
import { EmbeddedProvider } from './embedded-provider.js';
import { findPgTools } from './host-pg-tools.js';
import { memoryPassword } from './memory-password.js';
import { selectOne } from './probe.js';
import { tempDir } from '../../../e2e/support/test-cleanup.js';

// Backups use the pg_dump installed on the computer; a laptop may not have one (CI always does).
const noPgDump = await findPgTools(15).then(
  () => undefined,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);
const needsPgDump = Boolean(noPgDump) && process.env.CI !== 'true';
if (needsPgDump) console.warn(`Skipping the embedded backup test: ${String(noPgDump)}`);

function tempHome(): string {
  const dir = tempDir('embedded');
  // When tests run as root the server runs as `postgres`, which must be able to reach its folder.
  chmodSync(dir, 0o755);
  return dir;
}

describe('embedded PostgreSQL provider', () => {
  const home = tempHome();
  const password = memoryPassword();
  const provider = new EmbeddedProvider({ dir: join(home, 'postgres', 'embedded'), password });
  afterAll(() => provider.destroy());

  it('reports "absent" before anything exists, with the next step', async () => {
    const status = await provider.status();
    expect(status).toMatchObject({ provider: 'embedded', state: 'absent', remedy: 'Start it to create one.' });
  });

  it('creates and starts a server on a loopback port that answers SELECT 1, with a random password', async () => {
    const phases: string[] = [];
    const status = await provider.start({ onProgress: (p) => phases.push(p.phase) });
    expect(phases).toEqual(['init', 'start', 'wait']);
    expect(status).toMatchObject({
      state: 'running',
      host: '127.0.0.1',
      database: 'spending_db',
      user: 'spending_user',
    });
    expect(status.version).toMatch(/^\d+\.\d+/);
    expect(password.value).toMatch(/^[\w-]{32}$/);
    expect(JSON.stringify(status)).not.toContain(password.value);
    expect(await selectOne(await provider.connectionUrl())).toBe(status.version);
    expect(status.psqlCommand).toBe(`psql -h 127.0.0.1 -p ${String(status.port)} -U spending_user -d spending_db`);
  });

  it('refuses a wrong password', async () => {
    const url = new URL(await provider.connectionUrl());
    url.password = 'wrong';
    await expect(selectOne(url.toString())).rejects.toThrow('refused the user name or password');
  });

  it('keeps the data when stopped and started again', async () => {
    const store = await openStore(await provider.connectionUrl());
    await seedDemo(store, { transactions: 2_000, seed: 7 });
    await store.addTransaction({ date: '2026-11-01', description: 'Kept across restarts', amountPence: -1234 });
    await store.close();
    expect((await provider.stop()).state).toBe('stopped');
    await expect(provider.connectionUrl()).rejects.toThrow('not running');
    expect((await provider.start()).state).toBe('running');
    const again = await openStore(await provider.connectionUrl());
    const page = await again.listTransactions({ search: 'Kept across' });
    const count = await again.countTransactions({});
    await again.close();
    expect(page.items.map((t) => t.amountPence)).toEqual([-1234]);
    expect(count).toBe(2_001);
  });

  it('shows the server log', async () => {
    const lines: string[] = [];
    await provider.logs({ tail: 50, onLine: (l) => lines.push(l) });
    expect(lines.some((l) => l.includes('database system is ready to accept connections'))).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(50);
  });

  it.skipIf(needsPgDump)(
    'backs up with pg_dump and restores into a fresh server, verified table by table',
    async () => {
      const store = await openStore(await provider.connectionUrl());
      const before = await store.fingerprints();
      await store.close();
      const backups = new BackupService(join(home, 'backups'));
      const backup = await backups.backup({ kind: 'postgres', provider });
      expect(backup.source).toMatchObject({ kind: 'postgres', provider: 'embedded' });
      expect(backup.tables).toEqual(before);

      await provider.destroy();
      expect(existsSync(join(home, 'postgres', 'embedded'))).toBe(false);
      expect(password.value).toBeNull();
      await provider.start();
      const report = await backups.restorePostgres(backup.id, provider);
      expect(report.tables.transactions).toEqual({ rows: before.transactions?.rows, checksumMatch: true });
      const restored = await openStore(await provider.connectionUrl());
      expect(await restored.fingerprints()).toEqual(before);
      expect(await restored.countTransactions({})).toBe(before.transactions?.rows);
      await restored.close();
    },
  );

  it.skipIf(needsPgDump)('refuses to restore into a database that already holds data', async () => {
    const backups = new BackupService(join(home, 'backups'));
    const [latest] = await backups.list();
    await expect(backups.restorePostgres(latest?.id ?? '', provider)).rejects.toThrow('is not empty');
  });
});
