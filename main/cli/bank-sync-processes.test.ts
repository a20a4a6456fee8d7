// Two `spending bank sync` processes on one store (a CLI beside the app, or
// two computers on one PostgreSQL database) after the access token expired.
// TrueLayer rotates on every refresh, so only one of them may use the refresh
// token; the other must wait for the pair it stores, not give up the consent.
// Ordered deterministically: the emulator handles the first process's refresh
// (rotating) but holds its answer until the second process has made its move.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { KEY_FILE_PASSPHRASE, startBankHarness, type BankHarness } from '../../e2e/support/truelayer-harness.js';

const CLI = 'out/cli/spending.js';

let h: BankHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Run {
  /** Settles when the process says it waits for another one's refresh. */
  waiting: Promise<void>;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function bankSync(harness: BankHarness, db: string): Run {
  const child = spawn(process.execPath, [CLI, '--db', db, '--json', 'bank', 'sync'], {
    env: { ...process.env, SPENDING_HOME: harness.dataDir, SPENDING_PASSPHRASE: KEY_FILE_PASSPHRASE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let waited!: () => void;
  const waiting = new Promise<void>((resolve) => (waited = resolve));
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
    if (stderr.includes('Waiting for another Spending process')) waited();
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { waiting, done };
}

describe.skipIf(!existsSync(CLI) && process.env.CI !== 'true').each(storeTargets)(
  'two `spending bank sync` processes on one $dialect store',
  ({ target }) => {
    it('share one refresh after the access token expired: both sync, the bank stays active', async () => {
      if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:cli`);
      const db = await target();
      h = await startBankHarness({ target: db });
      const id = await h.link();
      const accounts = (await h.store.bank.listAccounts(id)).length;
      const ledger = await h.store.countTransactions({});
      // An hour on: TrueLayer refuses the access token, and the stored pair says it has expired.
      h.emulator.clock.advance({ minutes: 61 });
      const stored = (await h.store.bank.getConnection(id)).tokens!;
      await h.store.bank.saveTokens(id, { ...stored, accessExpiresAt: new Date(0).toISOString() });
      h.emulator.clearRequests();

      let release!: () => void;
      let answered!: () => void;
      const rotated = new Promise<void>((resolve) => (answered = resolve));
      h.emulator.injectFault({
        kind: 'hold',
        answer: true,
        until: new Promise<void>((resolve) => (release = resolve)),
        held: () => answered(),
        match: { path: '/connect/token' },
      });
      const first = bankSync(h, db);
      // TrueLayer has rotated the first process's refresh token; the new pair is not stored yet.
      await Promise.race([rotated, first.done]);
      const second = bankSync(h, db);
      // The second either waits for the first (or, as before the fix, gives up on its own).
      await Promise.race([second.waiting, second.done]);
      release();
      const [a, b] = await Promise.all([first.done, second.done]);

      for (const run of [a, b]) {
        expect(run.stderr).not.toMatch(/^Error:/m);
        expect(run.code).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, reports: [{ connectionId: id, accounts }] });
        expect(run.stdout + run.stderr).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
      }
      expect(b.stderr).toContain('Waiting for another Spending process');
      expect(await h.store.bank.getConnection(id)).toMatchObject({ status: 'active', lastError: null });
      // One refresh reached TrueLayer, and it was the one that rotated.
      const refreshes = h.emulator.requests().filter((r) => r.grantType === 'refresh_token');
      expect(refreshes.map((r) => r.status)).toEqual([200]);
      expect(h.emulator.connections()[0]!.refreshCount).toBe(1);
      // Both wrote the same transactions at once: each is still there once.
      expect(await h.store.countTransactions({})).toBe(ledger);
    }, 180_000); // two real processes starting up and syncing: minutes on a loaded machine
  },
);
