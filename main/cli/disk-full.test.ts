// A disk that fills up during a seed, a move, a backup or a restore, for real
// (a small tmpfs): the command says the disk is full, how much it needs and
// how much is free, and leaves behind nothing it wrote, so the space is back.
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../db/open-store.js';
import { CLI_BUNDLE, cliProcess } from '../../e2e/support/run-cli.js';
import { mountSmallDisk, smallDiskUnavailable, type SmallDisk } from '../../e2e/support/small-disk.js';
import { tempSqlitePath } from '../../e2e/support/test-databases.js';
import { toWireError } from '../ipc/dispatch.js';
import { seedDemo } from '../services/demo/seed-demo.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';

const unavailable = smallDiskUnavailable();
if (unavailable && process.env.CI === 'true' && process.getuid?.() === 0)
  throw new Error(`CI runs as root, so it must be able to mount a small disk: ${unavailable}`);
if (unavailable) console.warn(`Disk-full tests skipped: ${unavailable}`);

const MB = 1e6;

const json = (text: string) => JSON.parse(text) as { ok: boolean; error: { code: string; message: string } };

/** The source store: about 40 MB on disk, more than any of the small disks below can take. */
const SOURCE_TRANSACTIONS = 100_000;

// Each test seeds, moves or copies tens of MB through separate processes.
describe.skipIf(unavailable !== undefined || (!existsSync(CLI_BUNDLE) && process.env.CI !== 'true'))(
  'a full disk',
  { timeout: 180_000 },
  () => {
    let source: string;
    /** The room a copy of the source needs is told in MB, of the order of the source's own size. */
    const expectSourceSized = (message: string) => {
      const needed = Number(/It needs about (\d+) MB/.exec(message)?.[1]);
      const size = statSync(source).size / MB;
      expect(needed).toBeGreaterThan(size / 2);
      expect(needed).toBeLessThan(size * 2);
    };
    let disk: SmallDisk | undefined;
    const smallDisk = (megabytes: number) => (disk = mountSmallDisk(megabytes));

    beforeAll(async () => {
      source = tempSqlitePath('source');
      const store = await openStore(source);
      await seedDemo(store, { transactions: SOURCE_TRANSACTIONS, seed: 9 });
      await store.close();
    }, 120_000);

    afterEach(() => {
      disk?.unmount();
      disk = undefined;
    });

    it('during a seed: says how much it needs, and rolls back to an empty store with no -wal file', async () => {
      const { dir, freeBytes } = smallDisk(20);
      const free = freeBytes();
      const store = join(dir, 'demo.sqlite');
      const seed = await cliProcess([
        '--db',
        store,
        '--json',
        'seed-demo',
        '--transactions',
        String(SOURCE_TRANSACTIONS),
      ]);
      expect(seed.code).toBe(1);
      const { error } = json(seed.stdout);
      expect(error.code).toBe('disk_full');
      expect(error.message).toMatch(
        new RegExp(
          `^The disk is full: adding 100,000 demo transactions ran out of room on the disk holding ${dir}\\. It needs about \\d+ MB, and \\d+ MB are free\\.$`,
        ),
      );
      expect(readdirSync(dir)).toEqual(['demo.sqlite']);
      // What is left is the empty store the seed created: its schema, under 1 MB.
      expect(free - freeBytes()).toBeLessThan(1 * MB);
    });

    it('during a move into SQLite: the target is as it was, and its -wal file is gone', async () => {
      const { dir, freeBytes } = smallDisk(20);
      const free = freeBytes();
      const target = join(dir, 'moved.sqlite');
      const move = await cliProcess(['--json', 'migrate', '--from', source, '--to', target]);
      expect(move.code).toBe(1);
      const { error } = json(move.stdout);
      expect(error.code).toBe('disk_full');
      expect(error.message).toMatch(
        new RegExp(
          `^The disk is full: moving the data into ${target} ran out of room on the disk holding ${dir}\\. It needs about \\d+ MB`,
        ),
      );
      expect(readdirSync(dir)).toEqual(['moved.sqlite']);
      expect(free - freeBytes()).toBeLessThan(1 * MB);
    });

    it("during a move into PostgreSQL: says the server's disk is full, and the database is as it was", async () => {
      // The server's own disk: a tablespace on the small disk, which the server's account must own.
      const { dir } = smallDisk(24);
      const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
      await admin.connect();
      const name = `full_${randomBytes(5).toString('hex')}`;
      try {
        const [setting] = (await admin.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir")).rows;
        const server = statSync(setting?.dir ?? '');
        chownSync(dir, server.uid, server.gid);
        await admin.query(`CREATE TABLESPACE ${name} LOCATION '${dir}'`);
        await admin.query(`CREATE DATABASE ${name} TABLESPACE ${name}`);
        const url = new URL(inject('pgAdminUrl'));
        url.pathname = `/${name}`;

        const move = await cliProcess(['--json', 'migrate', '--from', source, '--to', url.toString()]);
        expect(move.code).toBe(1);
        const { error } = json(move.stdout);
        expect(error.code).toBe('disk_full');
        expectSourceSized(error.message);
        expect(error.message).toMatch(
          new RegExp(
            `^The disk is full: moving the data into postgres://postgres:\\*\\*\\*@[^/]+/${name} ran out of room on the PostgreSQL server's disk\\. It needs about (\\d+) MB\\.$`,
          ),
        );
        const target = await openStore(url.toString());
        expect(await target.countTransactions({})).toBe(0);
        await target.close();
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.query(`DROP TABLESPACE IF EXISTS ${name}`);
        await admin.end();
      }
    });

    it('during a backup: no partial file, journal or lock is left in the backups folder', async () => {
      const { dir } = smallDisk(8);
      const home = join(dir, 'home');
      mkdirSync(home);
      writeFileSync(join(home, 'config.json'), JSON.stringify({ version: 1, store: { kind: 'sqlite', path: source } }));
      const backup = await cliProcess(['--json', 'db', 'backup'], { env: { SPENDING_HOME: home } });
      expect(backup.code).toBe(1);
      const { error } = json(backup.stdout);
      expect(error.code).toBe('disk_full');
      expectSourceSized(error.message);
      expect(error.message).toMatch(
        new RegExp(
          `^The disk is full: backing up ${source} ran out of room on the disk holding ${home}/backups\\. It needs about (\\d+) MB, and \\d MB are free\\.$`,
        ),
      );
      expect(readdirSync(join(home, 'backups'))).toEqual([]);
    });

    it('during a restore: nothing is left where the restored file was to go', async () => {
      const home = tempDir('home');
      writeFileSync(join(home, 'config.json'), JSON.stringify({ version: 1, store: { kind: 'sqlite', path: source } }));
      const env = { SPENDING_HOME: home };
      const made = await cliProcess(['--json', 'db', 'backup'], { env });
      expect(made.code).toBe(0);
      const { id } = JSON.parse(made.stdout) as { id: string };

      const { dir, freeBytes } = smallDisk(8);
      const free = freeBytes();
      const restore = await cliProcess(['--json', 'db', 'restore', id, '--to', join(dir, 'restored.sqlite')], { env });
      expect(restore.code).toBe(1);
      const { error } = json(restore.stdout);
      expect(error.code).toBe('disk_full');
      expectSourceSized(error.message);
      expect(error.message).toMatch(
        new RegExp(
          `^The disk is full: restoring ${id} ran out of room on the disk holding ${dir}\\. It needs about (\\d+) MB, and \\d MB are free\\.$`,
        ),
      );
      expect(readdirSync(dir)).toEqual([]);
      expect(freeBytes()).toBe(free);
    });

    it('anywhere else: a raw ENOSPC is told as a full disk, never as "something went wrong"', () => {
      const { dir } = smallDisk(1);
      let raw: unknown;
      try {
        writeFileSync(join(dir, 'big'), Buffer.alloc(2 * MB));
      } catch (error) {
        raw = error;
      }
      expect((raw as { code?: string }).code).toBe('ENOSPC');
      expect(toWireError(raw)).toEqual({
        code: 'disk_full',
        message: 'The disk is full: Spending ran out of room on a disk it writes to.',
        remedy: 'Free up space on that disk, then try again.',
      });
    });
  },
);
