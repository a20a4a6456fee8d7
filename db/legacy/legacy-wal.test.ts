// finance.db in WAL mode, with its newest rows still in finance.db-wal: they
// are imported and in the backup copy, the source's files are left exactly as
// they were, and the source is known by its content, not by one file's bytes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildLegacyFinanceDb } from '../../e2e/support/legacy-finance-db.js';
import { tempSqlitePath } from '../../e2e/support/test-databases.js';
import { parseStoreTarget } from '../open-store.js';
import { importLegacy } from './import-legacy.js';
import { openLegacySqlite } from './legacy-source.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const mode = (path: string) => statSync(path).mode & 0o777;
const WAL_ROWS = ['Still in the WAL 1', 'Still in the WAL 2', 'Still in the WAL 3'];

function legacyDb(): string {
  const dir = tempDir('legacy-wal');
  return buildLegacyFinanceDb(join(dir, 'finance.db'), 'base', 50).path;
}

/** The old app, still running: WAL mode, nothing checkpointed yet. */
function runningOldApp(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  const insert = db.prepare("INSERT INTO transactions (date, description, amount) VALUES ('2024-09-01', ?, -1.5)");
  for (const description of WAL_ROWS) insert.run(description);
  return db;
}

/** The old app, killed after writing: its rows stay in the -wal, which no one has checkpointed. */
function crashedOldApp(path: string): void {
  const script = `
    const db = new (require('better-sqlite3'))(process.argv[1]);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    const insert = db.prepare("INSERT INTO transactions (date, description, amount) VALUES ('2024-09-01', ?, -1.5)");
    for (const d of ${JSON.stringify(WAL_ROWS)}) insert.run(d);
    process.exit(0);`;
  const result = spawnSync(process.execPath, ['-e', script, path], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
}

const identity = async (path: string) => {
  const source = await openLegacySqlite(path);
  try {
    return await source.identity();
  } finally {
    await source.close();
  }
};

describe('a finance.db whose newest rows are still in finance.db-wal', () => {
  it('is imported and backed up whole, into a private copy, and its files stay as they were', async () => {
    const path = legacyDb();
    crashedOldApp(path);
    // Without its -shm, a reader has to rebuild the WAL index: still without writing the database or its -wal.
    rmSync(`${path}-shm`);
    const before = { db: sha(path), wal: sha(`${path}-wal`) };
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    const backups = join(tempDir('home'), 'backups');

    const report = await importLegacy({
      source: path,
      target: parseStoreTarget(tempSqlitePath()),
      backupDir: backups,
    });

    expect({ db: sha(path), wal: sha(`${path}-wal`) }).toEqual(before);
    expect(report.tables.transactions?.read).toBe(50 + 7 + WAL_ROWS.length);
    const backupPath = report.backupPath ?? '';
    // The copy and the CSV files of what was quarantined or fixed, nothing else (no .partial, no -wal).
    const written = [backupPath, report.rejectsCsv ?? '', report.fixesCsv ?? ''].map((f) => basename(f)).sort();
    expect(readdirSync(backups).sort()).toEqual(written);
    expect(mode(backupPath)).toBe(0o600);
    expect(mode(backups)).toBe(0o700);
    const copy = new Database(backupPath, { readonly: true });
    const inCopy = copy
      .prepare("SELECT description FROM transactions WHERE description LIKE 'Still in the WAL%'")
      .all();
    copy.close();
    expect(inCopy).toHaveLength(WAL_ROWS.length);
    // The copy is one file: opening it made no -wal or -shm.
    expect(readdirSync(backups).sort()).toEqual(written);
  });

  it('is known by its content: the same after a checkpoint, a VACUUM or leaving WAL, another once a row changes', async () => {
    const path = legacyDb();
    const oldApp = runningOldApp(path);
    try {
      const mainFile = sha(path);
      const first = await identity(path);
      const target = parseStoreTarget(tempSqlitePath());
      const backups = join(tempDir('home'), 'backups');
      mkdirSync(backups, { mode: 0o755 });
      const report = await importLegacy({ source: path, target, backupDir: backups });
      expect(report.sourceSha256).toBe(first);
      expect(mode(report.backupPath ?? '')).toBe(0o600);

      oldApp.pragma('wal_checkpoint(TRUNCATE)');
      expect(sha(path)).not.toBe(mainFile);
      expect(await identity(path)).toBe(first);
      expect(await importLegacy({ source: path, target })).toMatchObject({ alreadyDone: true });
      oldApp.exec('VACUUM');
      expect(await identity(path)).toBe(first);
      oldApp.pragma('journal_mode = DELETE');
      expect(existsSync(`${path}-wal`)).toBe(false);
      expect(await identity(path)).toBe(first);

      oldApp.pragma('journal_mode = WAL');
      const checkpointed = sha(path);
      oldApp
        .prepare("INSERT INTO transactions (date, description, amount) VALUES ('2024-09-02', 'Added later', -2)")
        .run();
      // Only the -wal holds the new row: the main file's bytes are what they were.
      expect(sha(path)).toBe(checkpointed);
      const added = await identity(path);
      expect(added).not.toBe(first);
      await expect(importLegacy({ source: path, target })).rejects.toThrow('already holds other data');

      oldApp.prepare("UPDATE transactions SET amount = -2.01 WHERE description = 'Added later'").run();
      expect(await identity(path)).not.toBe(added);
    } finally {
      oldApp.close();
    }
  });
});
