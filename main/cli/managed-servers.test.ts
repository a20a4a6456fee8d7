// `spending` on the PostgreSQL server Spending runs, from a shell, as a new
// user would: the server named instead of a URL (its password is read from
// where the app keeps it, here a passphrase key file made from the CLI), a
// URL without the password refused in words, and, where the secrets cannot
// be read, `db status` saying so rather than advising to destroy the server.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/open-store.js';
import { configFile } from '../services/config/app-paths.js';
import { seedDemo } from '../services/demo/seed-demo.js';

const CLI = 'out/cli/spending.js';
const PASSPHRASE = 'a long test passphrase';

describe.skipIf(!existsSync(CLI) && process.env.CI !== 'true')('spending on the embedded server it runs', () => {
  const home = mkdtempSync(join(tmpdir(), 'spending-cli-managed-'));
  chmodSync(home, 0o755); // the embedded server may run as `postgres` when tests run as root
  const dataDir = join(home, 'data');
  const demo = join(home, 'demo.sqlite');

  /** The built command in its own process; a deadline so a hang fails instead of waiting for the server. */
  const spending = (args: string[], env: NodeJS.ProcessEnv = { SPENDING_PASSPHRASE: PASSPHRASE }) => {
    const result = spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      env: { ...process.env, SPENDING_PASSPHRASE: undefined, SPENDING_HOME: dataDir, ...env },
      timeout: 45_000,
    });
    return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
  };

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:cli`);
    const store = await openStore(demo);
    await seedDemo(store, { transactions: 300, seed: 8 });
    await store.close();
    expect(spending(['secrets', 'key-file'])).toMatchObject({ code: 0 });
    expect(spending(['db', 'start', '--provider', 'embedded'])).toMatchObject({ code: 0 });
  }, 180_000);
  afterAll(() => {
    spending(['db', 'destroy', '--provider', 'embedded', '--yes']);
    rmSync(home, { recursive: true, force: true });
  });

  it('creates a key file from the command line, where there is no keychain', () => {
    const status = spending(['--json', 'secrets', 'status']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ backend: 'passphrase-file', available: true });
    expect(spending(['secrets', 'key-file'], {})).toMatchObject({ code: 2 });
  });

  it('takes the server by name for --to, --a, --b, --from and --db, fetching its password itself', () => {
    expect(spending(['migrate', '--from', demo, '--to', 'embedded'])).toMatchObject({ code: 0 });
    expect(spending(['verify', '--a', demo, '--b', 'embedded'])).toMatchObject({ code: 0 });
    const back = join(home, 'back.sqlite');
    expect(spending(['migrate', '--from', 'embedded', '--to', back])).toMatchObject({ code: 0 });
    const listed = spending(['--db', 'embedded', '--json', 'list', '--limit', '5']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { items: unknown[] }).items).toHaveLength(5);
  });

  it('refuses a URL without the password in words, at once, naming no log that does not exist', () => {
    const status = spending(['--json', 'db', 'status', '--provider', 'embedded']);
    const { port } = JSON.parse(status.stdout) as { port: number };
    const url = `postgres://spending_user@127.0.0.1:${String(port)}/spending_db`;
    const refused = spending(['migrate', '--from', demo, '--to', url, '--replace']);
    expect(refused.signal).toBeNull(); // it exited by itself, not at the deadline
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('asks for a password, and none was given');
    expect(refused.stderr).not.toContain('Something went wrong');
    expect(refused.stderr).not.toContain('log file');
  });

  it('says the secrets cannot be read, and how to give them, instead of advising to destroy the server', () => {
    // The key file, locked: no passphrase in the environment.
    const locked = spending(['db', 'status', '--provider', 'embedded'], {});
    expect(locked.code).toBe(0);
    expect(locked.stdout).toContain('cannot log in to it');
    expect(locked.stdout).toContain('SPENDING_PASSPHRASE');
    expect(locked.stdout).not.toMatch(/destroy/i);

    // The OS keychain, with no Secret Service to reach.
    if (process.platform !== 'linux') return;
    const config = readFileSync(configFile(dataDir), 'utf8');
    try {
      const withoutKeyFile = { ...(JSON.parse(config) as Record<string, unknown>), secrets: undefined };
      writeFileSync(configFile(dataDir), JSON.stringify(withoutKeyFile));
      const none = spending(['db', 'status', '--provider', 'embedded'], {
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/spending-test-bus',
      });
      expect(none.code).toBe(0);
      expect(none.stdout).toContain('cannot be reached');
      expect(none.stdout).toContain('spending secrets key-file');
      expect(none.stdout).not.toMatch(/destroy/i);
    } finally {
      writeFileSync(configFile(dataDir), config);
    }
  });
});
