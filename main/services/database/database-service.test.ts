// The Database page's and `spending db`'s service: choices are remembered,
// the active store is protected, and scheduled backups run when due.
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../db/open-store.js';
import { activeStore, loadConfig, saveConfig } from '../config/config.js';
import { HeldBackups } from '../../../e2e/support/held-backups.js';
import { backupsDir } from '../backups/backup-files.js';
import { seedDemo } from '../demo/seed-demo.js';
import type { SecretName } from '../secrets/secrets-service.js';
import { DatabaseService } from './database-service.js';
import { tempDir } from '../../../e2e/support/test-cleanup.js';

function memorySecrets() {
  const values = new Map<SecretName, string>();
  return {
    getSecret: (name: SecretName) => Promise.resolve(values.get(name) ?? null),
    setSecret: (name: SecretName, value: string) => Promise.resolve(void values.set(name, value)),
    deleteSecret: (name: SecretName) => Promise.resolve(values.delete(name)),
  };
}

function tempDataDir() {
  const dir = tempDir('database');
  chmodSync(dir, 0o755); // the embedded server may run as `postgres` when tests run as root
  return dir;
}

describe('DatabaseService', () => {
  const dataDir = tempDataDir();
  const service = new DatabaseService({ dataDir, secrets: memorySecrets() });
  afterAll(async () => {
    await saveConfig(dataDir, { version: 1 });
    await service.destroy('embedded', 'embedded postgres').catch(() => undefined);
  });

  it('remembers the provider it started, so later calls need not name it', async () => {
    expect((await service.start('embedded')).state).toBe('running');
    expect((await loadConfig(dataDir)).postgres?.provider).toBe('embedded');
    const overview = await service.overview();
    expect(overview.server).toMatchObject({ provider: 'embedded', state: 'running' });
    expect(overview.active).toEqual({ kind: 'sqlite', path: join(dataDir, 'spending.sqlite') });
  });

  it('remembers neither the provider nor its settings when it fails to start', async () => {
    const elsewhere = tempDataDir();
    const fresh = new DatabaseService({ dataDir: elsewhere, secrets: memorySecrets() });
    await saveConfig(elsewhere, { version: 1, postgres: { provider: 'embedded' } });
    const engine = join(elsewhere, 'no-docker-here.sock');
    await expect(fresh.start('docker', { docker: { engine } })).rejects.toThrow();
    expect((await loadConfig(elsewhere)).postgres).toEqual({ provider: 'embedded' });
  });

  it('will not stop or destroy the server the app keeps its data in', async () => {
    await saveConfig(dataDir, { ...(await loadConfig(dataDir)), store: { kind: 'postgres', provider: 'embedded' } });
    await expect(service.stop()).rejects.toThrow('would cut the app off');
    await expect(service.destroy('embedded', 'embedded postgres')).rejects.toThrow('will not be destroyed');
    await saveConfig(dataDir, { ...(await loadConfig(dataDir)), store: undefined });
  });

  it('destroys only with the exact confirmation', async () => {
    await expect(service.destroy('embedded', 'yes')).rejects.toThrow('Type "embedded postgres"');
    await service.destroy('embedded', 'embedded postgres');
    expect((await service.overview('embedded')).server.state).toBe('absent');
  });

  it('runs the scheduled backup when due, once, and restores it into a new file it can switch to', async () => {
    const store = await openStore(join(dataDir, 'spending.sqlite'));
    await seedDemo(store, { transactions: 800, seed: 3 });
    await store.close();
    const now = new Date();
    const made = await service.scheduledBackup(now);
    expect(made).toMatchObject({ trigger: 'scheduled', source: { kind: 'sqlite' } });
    expect(made?.tables.transactions?.rows).toBe(800);
    expect(await service.scheduledBackup(now)).toBeUndefined();

    const report = await service.restore(made?.id ?? '');
    expect(existsSync(report.restoredTo)).toBe(true);
    expect(report.restoredTo).toMatch(/spending-restored-\d{8}-\d{6}\.sqlite$/);
    await service.useSqliteFile(report.restoredTo);
    expect(activeStore(dataDir, await loadConfig(dataDir))).toEqual({ kind: 'sqlite', path: report.restoredTo });
  });

  it('runs one backup of a store at a time: a second request joins it, a page opened later finds it', async () => {
    const dir = tempDataDir();
    const store = await openStore(join(dir, 'spending.sqlite'));
    await seedDemo(store, { transactions: 200, seed: 5 });
    await store.close();
    const backups = new HeldBackups(backupsDir(dir));
    const held = new DatabaseService({ dataDir: dir, secrets: memorySecrets(), backups });

    const first = held.backupNow();
    await backups.entered;
    expect(await held.runningBackup()).toMatchObject({ store: join(dir, 'spending.sqlite'), trigger: 'manual' });
    const second = held.backupNow(undefined, { trigger: 'scheduled' });
    const followed = held.followBackup();
    backups.release();
    const [a, b, c] = await Promise.all([first, second, followed]);
    expect([b.id, c?.id]).toEqual([a.id, a.id]);
    expect(await backups.list()).toHaveLength(1);
    expect(await held.runningBackup()).toBeUndefined();
    expect(await held.followBackup()).toBeNull();
  });

  it('cancels the running backup of the store in use with a clear message, keeping earlier backups', async () => {
    const dir = tempDataDir();
    const store = await openStore(join(dir, 'spending.sqlite'));
    await seedDemo(store, { transactions: 200, seed: 5 });
    await store.close();
    const backups = new HeldBackups(backupsDir(dir));
    const held = new DatabaseService({ dataDir: dir, secrets: memorySecrets(), backups });
    const running = held.backupNow();
    await backups.entered;
    expect(await held.cancelBackup()).toBe(true);
    backups.release();
    await expect(running).rejects.toThrow('The backup was cancelled.');
    expect(await backups.list()).toEqual([]);
    expect(await held.cancelBackup()).toBe(false);
  });
});
