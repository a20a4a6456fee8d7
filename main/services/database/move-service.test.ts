// The wizard's service: preflight, backup first, verified move, and a switch
// that refuses when the store in use changed after the move.
import { chmodSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../db/open-store.js';
import { buildLegacyFinanceDb } from '../../../e2e/support/legacy-finance-db.js';
import { backupsDir } from '../backups/backup-files.js';
import { activeStore, loadConfig } from '../config/config.js';
import { seedDemo } from '../demo/seed-demo.js';
import type { SecretName } from '../secrets/secrets-service.js';
import { DatabaseService } from './database-service.js';
import { MoveService } from './move-service.js';
import { tempDir } from '../../../e2e/support/test-cleanup.js';

function setup() {
  const dataDir = tempDir('move');
  chmodSync(dataDir, 0o755);
  const values = new Map<SecretName, string>();
  const secrets = {
    getSecret: (name: SecretName) => Promise.resolve(values.get(name) ?? null),
    setSecret: (name: SecretName, value: string) => Promise.resolve(void values.set(name, value)),
    deleteSecret: (name: SecretName) => Promise.resolve(values.delete(name)),
  };
  const database = new DatabaseService({ dataDir, secrets });
  const move = new MoveService(dataDir, database, async () => ({
    dataDir,
    config: await loadConfig(dataDir),
    secrets,
  }));
  return { dataDir, database, move };
}

describe('MoveService', () => {
  it('plans, backs up, moves to a new SQLite file, and switches only while nothing changed', async () => {
    const { dataDir, database, move } = setup();
    const store = await openStore(join(dataDir, 'spending.sqlite'));
    await seedDemo(store, { transactions: 700, seed: 4 });

    const plan = await move.plan({ kind: 'sqlite' });
    expect(plan).toMatchObject({ transactions: 700, targetHoldsData: false });
    expect(plan.destination.kind === 'sqlite' && plan.destination.path).toMatch(/spending-\d{8}-\d{6}\.sqlite$/);
    expect(plan.freeBytes).toBeGreaterThan(0);

    const phases = new Set<string>();
    const report = await move.run(plan.destination, { onPhase: (p) => phases.add(p.phase) });
    expect(report.ok).toBe(true);
    expect([...phases]).toEqual(['backup', 'copy', 'done']);
    // Made by Spending itself, not by the user: listed as such (they were all "Manual" once).
    expect((await database.backups.list()).map((b) => [b.id, b.trigger])).toEqual([[report.backupId, 'before-move']]);

    await store.addTransaction({ date: '2026-11-25', description: 'Written after the move', amountPence: -99 });
    await expect(move.switchTo(plan.destination)).rejects.toThrow('has changed since the move');
    await store.close();

    const again = await move.run(plan.destination, { replace: true });
    expect(again.tables.transactions?.written).toBe(701);
    await move.switchTo(plan.destination);
    expect(activeStore(dataDir, await loadConfig(dataDir))).toEqual(plan.destination);
    expect(existsSync(join(dataDir, 'spending.sqlite'))).toBe(true);
  });

  it("imports the old app's finance.db into the store in use, after a backup, once", async () => {
    const { dataDir, database, move } = setup();
    const fixture = buildLegacyFinanceDb(join(dataDir, 'finance.db'), 'base', 40);
    await (await openStore(join(dataDir, 'spending.sqlite'))).close(); // the app's store, as it exists once the app ran
    const phases = new Set<string>();
    const report = await move.importLegacy(fixture.path, { onPhase: (p) => phases.add(p.phase) });
    expect(report.tables.transactions).toMatchObject({ written: fixture.validTransactions, rejected: 4 });
    expect([...phases]).toEqual(['start', 'backup', 'copy', 'done']);
    expect((await database.backups.list()).map((b) => b.trigger)).toEqual(['before-import']);
    const written = readdirSync(backupsDir(dataDir)).sort();
    expect(written.filter((n) => n.startsWith('legacy-') && n.endsWith('finance.db'))).toHaveLength(1);

    // Nothing to write: no backup of the store and no copy of the source (each costs a full copy at 1M rows).
    expect((await move.importLegacy(fixture.path)).alreadyDone).toBe(true);
    const other = buildLegacyFinanceDb(join(dataDir, 'other.db'), 'base', 5);
    await expect(move.importLegacy(other.path)).rejects.toThrow('already holds other data');
    await expect(move.importLegacy(join(dataDir, 'spending.sqlite'))).rejects.toThrow(
      "is both the old app's database to import and the store to import into",
    );
    expect(readdirSync(backupsDir(dataDir)).sort()).toEqual(written);
  });

  it('backs up nothing for a move that is refused or already done', async () => {
    const { dataDir, database, move } = setup();
    const store = await openStore(join(dataDir, 'spending.sqlite'));
    await seedDemo(store, { transactions: 50, seed: 4 });
    await store.close();
    const occupied = join(dataDir, 'occupied.sqlite');
    const other = await openStore(occupied);
    await seedDemo(other, { transactions: 20, seed: 9 });
    await other.close();
    await expect(move.run({ kind: 'sqlite', path: occupied })).rejects.toThrow('already holds other data');
    expect(await database.backups.list()).toEqual([]);

    const copy = join(dataDir, 'copy.sqlite');
    expect((await move.run({ kind: 'sqlite', path: copy })).backupId).not.toBeNull();
    const again = await move.run({ kind: 'sqlite', path: copy });
    expect(again).toMatchObject({ alreadyDone: true, backupId: null });
    expect(await database.backups.list()).toHaveLength(1);
  });

  it('says when the data is already there', async () => {
    const { dataDir, move } = setup();
    await expect(move.plan({ kind: 'sqlite', path: join(dataDir, 'spending.sqlite') })).rejects.toThrow(
      'already there',
    );
  });
});
