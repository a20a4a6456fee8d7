// Two processes on one store, and stores this user may not write: readers are
// never held up by a writer, and whatever cannot proceed says why, as the
// separate `spending` processes users run.
import { chmodSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/open-store.js';
import { postgresDialect } from '../../db/sql/dialect.js';
import { CLI_BUNDLE, cliProcess } from '../../e2e/support/run-cli.js';
import { createPgDatabase, tempSqlitePath } from '../../e2e/support/test-databases.js';
import { seedDemo } from '../services/demo/seed-demo.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';

async function sqliteStore(transactions: number, path = tempSqlitePath()): Promise<string> {
  const store = await openStore(path);
  if (transactions) await seedDemo(store, { transactions, seed: 5 });
  await store.close();
  return path;
}

/** Another process's long write (a seed, a sync): an open write transaction with rows not yet committed. */
function holdWrite(path: string): { release: () => void } {
  const writer = new Database(path);
  writer.exec('BEGIN IMMEDIATE');
  writer
    .prepare("INSERT INTO transactions (date, description, amount) VALUES ('2099-01-01', 'Not committed yet', -1)")
    .run();
  return {
    release: () => {
      writer.exec('ROLLBACK');
      writer.close();
    },
  };
}

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

// Each test runs several processes, one of which waits out the store's 5 s busy timeout.
describe.skipIf(!existsSync(CLI_BUNDLE) && process.env.CI !== 'true')(
  'a store another process is writing',
  { timeout: 120_000 },
  () => {
    it('is read at once, showing what is committed, while the writer holds its transaction', async () => {
      const path = await sqliteStore(300);
      const writer = holdWrite(path);
      try {
        const list = await cliProcess(['--db', path, '--json', 'list', '--limit', '500']);
        expect(list.stderr).toBe('');
        expect(list.code).toBe(0);
        const items = (json(list.stdout) as { items: { description: string }[] }).items;
        expect(items).toHaveLength(300);
        expect(items.map((t) => t.description)).not.toContain('Not committed yet');
        const stats = await cliProcess(['--db', path, '--json', 'stats']);
        expect(stats.code).toBe(0);
        const months = (json(stats.stdout) as { months: { count: number }[] }).months;
        expect(months.reduce((n, m) => n + m.count, 0)).toBe(300);
      } finally {
        writer.release();
      }
    });

    it('makes a second writer say that another Spending process is writing, not "database is locked"', async () => {
      const path = await sqliteStore(0);
      const writer = holdWrite(path);
      try {
        const seed = await cliProcess(['--db', path, '--json', 'seed-demo', '--transactions', '10']);
        expect(seed.code).toBe(1);
        expect(json(seed.stdout)).toEqual({
          ok: false,
          error: {
            code: 'unavailable',
            message: `Another Spending process is writing to ${path}.`,
            remedy: 'Try again when it finishes. Nothing was changed.',
          },
        });
      } finally {
        writer.release();
      }
      const seeded = await cliProcess(['--db', path, '--json', 'seed-demo', '--transactions', '10']);
      expect(seeded.code).toBe(0);
    });

    it('on PostgreSQL, makes a second seed say another is adding data, not "conflicts with existing data"', async () => {
      const url = await createPgDatabase('contention');
      await (await openStore(url)).close();
      // What a running seed holds for its whole load: the bulk-load lock, inside its transaction.
      const running = new pg.Client({ connectionString: url });
      await running.connect();
      try {
        await running.query('BEGIN');
        if (!postgresDialect.bulkLoadLock) throw new Error('PostgreSQL loads take a lock');
        const lock = new PgDialect().sqlToQuery(postgresDialect.bulkLoadLock);
        expect((await running.query(lock.sql, lock.params)).rows).toEqual([{ locked: true }]);
        const second = await cliProcess(['--db', url, '--json', 'seed-demo', '--transactions', '10']);
        expect(second.code).toBe(1);
        const { message } = (json(second.stdout) as { error: { message: string } }).error;
        expect(json(second.stdout)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
        expect(message).toMatch(/^Another Spending process is adding data to postgres:\/\/.+ right now\.$/);
        await running.query('COMMIT');
      } finally {
        await running.end();
      }
      expect((await cliProcess(['--db', url, 'seed-demo', '--transactions', '10'])).code).toBe(0);
    });
  },
);

// Root may write anything, so as root the command runs as `nobody` to be the user who may not.
const otherUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe.skipIf(!existsSync(CLI_BUNDLE) && process.env.CI !== 'true')(
  'a store this user may not write',
  { timeout: 120_000 },
  () => {
    it.each([
      ['a read-only file', 'file'],
      ['a read-only folder', 'folder'],
    ] as const)('%s is listed, says changes cannot be saved, and refuses a write by saying so', async (_, what) => {
      const dir = tempDir('readonly');
      const full = await sqliteStore(120, join(dir, 'full.sqlite'));
      const empty = await sqliteStore(0, join(dir, 'empty.sqlite'));
      if (what === 'file') {
        for (const file of [full, empty]) chmodSync(file, 0o444);
        chmodSync(dir, otherUser.uid === undefined ? 0o700 : 0o777);
      } else {
        for (const file of [full, empty]) chmodSync(file, 0o644);
        chmodSync(dir, 0o555);
      }
      try {
        const list = await cliProcess(['--db', full, '--json', 'list', '--limit', '500'], otherUser);
        expect(list.stderr).toBe(`${full} is read-only: it can be read, but changes cannot be saved.\n`);
        expect(list.code).toBe(0);
        expect((json(list.stdout) as { items: unknown[] }).items).toHaveLength(120);

        const seed = await cliProcess(['--db', empty, '--json', 'seed-demo', '--transactions', '10'], otherUser);
        expect(seed.code).toBe(1);
        expect(json(seed.stdout)).toMatchObject({
          ok: false,
          error: { code: 'forbidden', message: `${empty} is read-only, so changes cannot be saved.` },
        });
        if (what === 'folder') expect(readdirSync(dir).sort()).toEqual(['empty.sqlite', 'full.sqlite']);
      } finally {
        chmodSync(dir, 0o700);
      }
    });
  },
);
