// Sources that are not what they claim: each is refused with a message that
// says what is wrong and what to do, and the target is never created.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempSqlitePath } from '../../e2e/support/test-databases.js';
import { seedDemo } from '../../main/services/demo/seed-demo.js';
import { openStore } from '../open-store.js';
import { moveStore } from './move-store.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';

const folder = () => tempDir('bad-source');

async function realStore(): Promise<string> {
  const path = tempSqlitePath('real');
  const store = await openStore(path);
  await seedDemo(store, { transactions: 2_000, seed: 2 });
  await store.close();
  return path;
}

async function refused(from: string, expected: string): Promise<void> {
  const to = join(folder(), 'target.sqlite');
  await expect(moveStore({ from: { kind: 'sqlite', path: from }, to: { kind: 'sqlite', path: to } })).rejects.toThrow(
    expected,
  );
  expect(existsSync(to)).toBe(false);
}

describe('a move from a bad source writes nothing', () => {
  it('a text file', async () => {
    const path = join(folder(), 'notes.sqlite');
    writeFileSync(path, 'These are my notes, not a database.\n'.repeat(200));
    await refused(path, 'is not a SQLite database, or it is damaged');
  });

  it('a truncated copy of a real store', async () => {
    const path = join(folder(), 'truncated.sqlite');
    const bytes = readFileSync(await realStore());
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 3)));
    await refused(path, 'is not a SQLite database, or it is damaged');
  });

  it('an empty file', async () => {
    const path = join(folder(), 'empty.sqlite');
    writeFileSync(path, '');
    await refused(path, 'is not a Spending store (it is empty)');
  });

  it("another program's database", async () => {
    const path = join(folder(), 'other.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)');
    db.close();
    await refused(path, 'is not a Spending store (its tables are not ours)');
  });

  it("the old app's finance.db, pointed at import-legacy", async () => {
    const path = join(folder(), 'finance.db');
    const db = new Database(path);
    db.exec(
      'CREATE TABLE transactions (id INTEGER PRIMARY KEY AUTOINCREMENT, date TEXT NOT NULL, description TEXT NOT NULL, amount REAL NOT NULL)',
    );
    db.close();
    const to = join(folder(), 'target.sqlite');
    const error = await moveStore({ from: { kind: 'sqlite', path }, to: { kind: 'sqlite', path: to } }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain("looks like the old app's database");
    expect((error as { remedy?: string }).remedy).toContain('import-legacy');
    expect(existsSync(to)).toBe(false);
  });

  it('a store without its schema version says how to complete it, and opening it does', async () => {
    const path = await realStore();
    const db = new Database(path);
    db.exec("DELETE FROM app_meta WHERE key = 'schema_version'");
    db.close();
    const error = await moveStore({
      from: { kind: 'sqlite', path },
      to: { kind: 'sqlite', path: tempSqlitePath() },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('no schema version');
    expect((error as { remedy?: string }).remedy).toContain('Open it once with Spending');
    await (await openStore(path)).close();
    const moved = await moveStore({ from: { kind: 'sqlite', path }, to: { kind: 'sqlite', path: tempSqlitePath() } });
    expect(moved.ok).toBe(true);
  });

  it('a file that does not exist', async () => {
    await refused(join(folder(), 'missing.sqlite'), 'There is no file');
  });

  it('a store locked by another program', async () => {
    const path = await realStore();
    const holder = new Database(path);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      await refused(path, 'is locked by another program');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('a file the user may not read', async () => {
    const dir = folder();
    chmodSync(dir, 0o755);
    const path = join(dir, 'private.sqlite');
    copyFileSync(await realStore(), path);
    chmodSync(path, 0o000);
    const to = join(dir, 'target.sqlite');
    // Root reads anything, so as root the CLI runs as the unprivileged `postgres` account.
    const migrate = [process.execPath, 'out/cli/spending.js', 'migrate', '--from', path, '--to', to];
    const result =
      process.getuid?.() === 0
        ? spawnSync('runuser', ['-u', 'postgres', '--', ...migrate], { encoding: 'utf8' })
        : spawnSync(process.execPath, migrate.slice(1), { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('cannot be opened for reading');
    expect(existsSync(to)).toBe(false);
  });
});
