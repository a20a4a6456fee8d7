// SQLite backups end to end on real files, and the rules that keep earlier
// backups safe when a later one fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../db/open-store.js';
import { tempSqlitePath } from '../../../e2e/support/test-databases.js';
import { seedDemo } from '../demo/seed-demo.js';
import { removePartials, type BackupManifest } from './backup-files.js';
import { BackupService } from './backup-service.js';
import { backupsToPrune, scheduledBackupDue } from './retention.js';
import { tempDir } from '../../../e2e/support/test-cleanup.js';

/** Another process in the middle of a backup: it holds the backup's lock and has written part of it. */
async function runningBackup(dir: string, id: string): Promise<ChildProcess> {
  const lock = new URL('./backup-lock.ts', import.meta.url).pathname;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { writeFileSync } from 'node:fs';
       import { lockBackup } from ${JSON.stringify(lock)};
       const held = lockBackup(${JSON.stringify(dir)}, ${JSON.stringify(id)});
       writeFileSync(${JSON.stringify(join(dir, `${id}.sqlite.partial`))}, 'half a backup');
       writeFileSync(${JSON.stringify(join(dir, `${id}.sqlite.partial-journal`))}, 'its journal');
       process.stdout.write('holding\\n');
       setInterval(() => held, 60_000); // referenced, so the lock's connection is never collected`,
    ],
    // tsx keeps its compile cache under TMPDIR: one of its own, removed with the test.
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TMPDIR: tempDir('tsx') } },
  );
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  expect(line.toString()).toBe('holding\n');
  return child;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function seededStore(transactions = 1_500) {
  const path = tempSqlitePath();
  const store = await openStore(path);
  await seedDemo(store, { transactions, seed: 11 });
  return { path, store };
}

describe('SQLite backups', () => {
  it('copies the open store, records its fingerprints, and restores a verified copy into a new file', async () => {
    const { path, store } = await seededStore();
    const backups = new BackupService(tempDir('backups'));
    const made = await backups.backup({ kind: 'sqlite', path });
    // Written while the store is open and usable.
    await store.addTransaction({ date: '2026-11-02', description: 'After the backup', amountPence: -500 });
    const expected = await store.fingerprints();
    await store.close();

    expect(made.tables.transactions?.rows).toBe(1_500);
    expect(made.sha256).toBe(sha(join(backups.dir, made.file)));
    expect(await backups.list()).toEqual([made]);

    const target = join(tempDir('restore'), 'restored.sqlite');
    const report = await backups.restoreSqlite(made.id, target);
    expect(report.tables.transactions).toEqual({ rows: 1_500, checksumMatch: true });
    const restored = await openStore(target);
    const fingerprints = await restored.fingerprints();
    await restored.close();
    expect(fingerprints.transactions).toEqual(made.tables.transactions);
    expect(fingerprints.transactions).not.toEqual(expected.transactions);
  });

  it('leaves only the backup and its manifest, and only the restored file, with no -wal or -shm beside them', async () => {
    const { path, store } = await seededStore(200);
    const backups = new BackupService(tempDir('backups'));
    const made = await backups.backup({ kind: 'sqlite', path });
    await store.close();
    expect(readdirSync(backups.dir).sort()).toEqual([`${made.id}.json`, made.file].sort());

    const restoreDir = tempDir('restore');
    await backups.restoreSqlite(made.id, join(restoreDir, 'restored.sqlite'));
    expect(readdirSync(restoreDir)).toEqual(['restored.sqlite']);
  });

  it('refuses a backup file that changed since it was made, and never overwrites a file', async () => {
    const { path, store } = await seededStore(200);
    await store.close();
    const backups = new BackupService(tempDir('backups'));
    const made = await backups.backup({ kind: 'sqlite', path });
    await expect(backups.restoreSqlite(made.id, path)).rejects.toThrow('never overwrites');
    const file = join(backups.dir, made.file);
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    writeFileSync(file, bytes);
    await expect(backups.restoreSqlite(made.id, join(tmpdir(), `never-${made.id}.sqlite`))).rejects.toThrow(
      'has changed since it was made',
    );
  });

  it('leaves earlier backups byte-for-byte intact when a backup is cancelled half way', async () => {
    const { path, store } = await seededStore(3_000);
    await store.close();
    const backups = new BackupService(tempDir('backups'));
    const first = await backups.backup({ kind: 'sqlite', path });
    const before = Object.fromEntries(readdirSync(backups.dir).map((n) => [n, sha(join(backups.dir, n))]));

    const controller = new AbortController();
    const cancelled = backups.backup(
      { kind: 'sqlite', path },
      { signal: controller.signal, onProgress: (p) => p.phase === 'copy' && controller.abort() },
    );
    await expect(cancelled).rejects.toThrow();
    const after = Object.fromEntries(readdirSync(backups.dir).map((n) => [n, sha(join(backups.dir, n))]));
    expect(after).toEqual(before);
    expect(await backups.list()).toEqual([first]);
  });

  it('clears what a killed backup left at once, but never the files of one still running', async () => {
    const dir = tempDir('backups');
    const killed = await runningBackup(dir, 'spending-sqlite-killed');
    const running = await runningBackup(dir, 'spending-sqlite-running');
    const filesOf = (id: string) => [`${id}.lock`, `${id}.sqlite.partial`, `${id}.sqlite.partial-journal`];
    killed.kill('SIGKILL');
    await once(killed, 'exit');

    expect((await removePartials(dir)).sort()).toEqual(filesOf('spending-sqlite-killed'));
    expect(readdirSync(dir).sort()).toEqual(filesOf('spending-sqlite-running'));

    running.kill('SIGKILL');
    await once(running, 'exit');
    expect((await removePartials(dir)).sort()).toEqual(filesOf('spending-sqlite-running'));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to back up a store that does not exist', async () => {
    const backups = new BackupService(tempDir('backups'));
    await expect(backups.backup({ kind: 'sqlite', path: join(tmpdir(), 'nope', 'x.sqlite') })).rejects.toThrow(
      'There is no store',
    );
  });
});

function manifest(createdAt: string, trigger: BackupManifest['trigger'] = 'scheduled'): BackupManifest {
  return {
    format: 'spending-backup',
    version: 1,
    id: `b-${createdAt}`,
    createdAt,
    trigger,
    source: { kind: 'sqlite', path: '/x' },
    file: 'x',
    bytes: 1,
    sha256: '',
    tables: {},
    ms: 1,
  };
}

describe('backup retention and schedule', () => {
  it('keeps the newest scheduled backup of each of 7 days and of 4 ISO weeks, and every manual one', () => {
    // Two scheduled backups a day for 60 days up to Wednesday 2026-11-25, plus an old manual one.
    const all: BackupManifest[] = [manifest('2026-01-01T09:00:00.000Z', 'manual')];
    for (let day = 0; day < 60; day++) {
      const date = new Date(Date.UTC(2026, 10, 25 - day));
      for (const hour of [3, 15]) all.push(manifest(new Date(date.getTime() + hour * 3_600_000).toISOString()));
    }
    const pruned = new Set(backupsToPrune(all, { keepDaily: 7, keepWeekly: 4 }).map((b) => b.id));
    const kept = all.filter((b) => !pruned.has(b.id)).map((b) => b.createdAt.slice(0, 13));
    expect(kept).toEqual([
      '2026-01-01T09', // manual
      '2026-11-25T15',
      '2026-11-24T15',
      '2026-11-23T15', // Monday; also the newest of the week before
      '2026-11-22T15', // Sunday: newest of ISO week 47
      '2026-11-21T15',
      '2026-11-20T15',
      '2026-11-19T15',
      '2026-11-15T15', // week 46
      '2026-11-08T15', // week 45
    ]);
  });

  it('is due when the newest backup is a day (or a week) old, never when off', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    const recent = [manifest('2026-11-25T03:00:00.000Z')];
    expect(scheduledBackupDue([], 'daily', now)).toBe(true);
    expect(scheduledBackupDue(recent, 'daily', now)).toBe(false);
    expect(scheduledBackupDue(recent, 'daily', new Date('2026-11-26T03:00:00Z'))).toBe(true);
    expect(scheduledBackupDue(recent, 'weekly', new Date('2026-11-30T03:00:00Z'))).toBe(false);
    expect(scheduledBackupDue([], 'off', now)).toBe(false);
  });
});
