// Finance data is private: every store, backup, settings file and log
// Spending writes is 0600 and its folders 0700, whatever the umask (here the
// usual 022, under which files come out 0644 unless asked otherwise).
import { chownSync, chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/open-store.js';
import { CLI_BUNDLE, cliProcess } from '../../e2e/support/run-cli.js';
import { createFileLogger } from '../log.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';

const mode = (path: string) => `0${(statSync(path).mode & 0o777).toString(8)}`;

/** Every file and folder below `dir` (and `dir` itself) with its mode. */
function modes(dir: string): Record<string, string> {
  const found: Record<string, string> = { '.': mode(dir) };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    found[path.slice(dir.length + 1)] = mode(path);
  }
  return found;
}

describe.skipIf(process.platform === 'win32' || (!existsSync(CLI_BUNDLE) && process.env.CI !== 'true'))(
  'what Spending writes is private to its owner',
  () => {
    let umask: number;
    beforeAll(() => {
      umask = process.umask(0o022);
    });
    afterAll(() => {
      process.umask(umask);
    });

    it('its folder, the store, backups and their manifests, restores, a move target, settings and logs', async () => {
      const root = tempDir('private');
      const home = join(root, 'home');
      const env = { SPENDING_HOME: home };
      const elsewhere = join(root, 'elsewhere');
      mkdirSync(elsewhere, { mode: 0o755 });

      expect((await cliProcess(['seed-demo', '--transactions', '200'], { env })).code).toBe(0);
      const backup = await cliProcess(['--json', 'db', 'backup'], { env });
      expect(backup.code).toBe(0);
      const { id } = JSON.parse(backup.stdout) as { id: string };
      const restored = join(elsewhere, 'restored.sqlite');
      expect((await cliProcess(['db', 'restore', id, '--to', restored, '--switch'], { env })).code).toBe(0);
      const moved = join(elsewhere, 'moved.sqlite');
      expect((await cliProcess(['migrate', '--from', restored, '--to', moved], { env })).code).toBe(0);
      createFileLogger(join(home, 'logs', 'main.log')).info('written');

      expect(modes(home)).toEqual({
        '.': '0700',
        'spending.sqlite': '0600',
        // Left by the backup's read-only connection, which SQLite never lets remove them.
        'spending.sqlite-shm': '0600',
        'spending.sqlite-wal': '0600',
        'config.json': '0600',
        backups: '0700',
        [`backups/${id}.sqlite`]: '0600',
        [`backups/${id}.json`]: '0600',
        logs: '0700',
        'logs/main.log': '0600',
      });
      // The folder the user chose keeps its own mode; what Spending put in it does not follow it.
      expect(modes(elsewhere)).toEqual({ '.': '0755', 'restored.sqlite': '0600', 'moved.sqlite': '0600' });
    }, 180_000);

    it("a store's -wal and -shm files while it is open", async () => {
      const path = join(tempDir('private'), 'open.sqlite');
      const store = await openStore(path);
      try {
        await store.addTransaction({ date: '2026-01-02', description: 'Written', amountPence: -100 });
        expect([mode(path), mode(`${path}-wal`), mode(`${path}-shm`)]).toEqual(['0600', '0600', '0600']);
      } finally {
        await store.close();
      }
    });

    it('tightens the folder an earlier version left open to others', async () => {
      const home = join(tempDir('private'), 'home');
      mkdirSync(home);
      chmodSync(home, 0o755);
      chmodSync(join(home, '..'), 0o755);
      // Root's folders are left as they are (see ensurePrivateDir), so the owner is someone else here.
      const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      if (user.uid !== undefined) chownSync(home, user.uid, user.gid);
      const list = await cliProcess(['list'], { env: { SPENDING_HOME: home }, ...user });
      expect(list.stderr).toBe('');
      expect(modes(home)).toEqual({ '.': '0700', 'spending.sqlite': '0600' });
    }, 60_000);
  },
);
