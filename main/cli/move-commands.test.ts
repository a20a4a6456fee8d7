// `spending migrate` and `spending verify` in process: one JSON document on
// stdout with the documented shape, and exit 0 only when verified.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLegacyFinanceDb } from '../../e2e/support/legacy-finance-db.js';
import { openStore } from '../../db/open-store.js';
import { cli } from '../../e2e/support/run-cli.js';
import { createPgDatabase, tempSqlitePath } from '../../e2e/support/test-databases.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';

describe('spending migrate / verify', () => {
  it('moves SQLite -> PostgreSQL with a per-table JSON report, then verifies both ways', async () => {
    const from = tempSqlitePath();
    expect((await cli('--db', from, 'seed-demo', '--transactions', '1500')).code).toBe(0);
    const to = await createPgDatabase('cli');

    const dry = await cli('--json', 'migrate', '--from', from, '--to', to, '--dry-run');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ ok: true, dryRun: true });

    const moved = await cli('--json', 'migrate', '--from', from, '--to', to);
    expect(moved.code).toBe(0);
    const report = JSON.parse(moved.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ ok: true, dryRun: false, rejects: [], fixes: [] });
    expect((report.tables as Record<string, unknown>).transactions).toEqual({
      read: 1500,
      written: 1500,
      rejected: 0,
      fixed: 0,
      ms: expect.any(Number) as number,
      checksumMatch: true,
    });

    const same = await cli('--json', 'verify', '--a', from, '--b', to);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ ok: true });

    const store = await openStore(to);
    await store.addTransaction({ date: '2026-11-25', description: 'Only in PostgreSQL', amountPence: -1 });
    await store.close();
    const differs = await cli('--json', 'verify', '--a', from, '--b', to);
    expect(differs.code).toBe(1);
    const diff = JSON.parse(differs.stdout) as { ok: boolean; tables: Record<string, { checksumMatch: boolean }> };
    expect(diff.ok).toBe(false);
    expect(diff.tables.transactions?.checksumMatch).toBe(false);
    expect(differs.stdout.trim().split('\n')).toHaveLength(1);

    const refused = await cli('--json', 'migrate', '--from', from, '--to', to);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(refused.stderr).toContain('--replace');
  });
});

describe('spending import-legacy', () => {
  it('imports finance.db with a JSON report, backs the original up, and is a no-op the second time', async () => {
    const home = tempDir('cli-legacy');
    const previous = process.env.SPENDING_HOME;
    process.env.SPENDING_HOME = home;
    try {
      const fixture = buildLegacyFinanceDb(join(home, 'finance.db'), 'base', 50);
      const db = tempSqlitePath();
      const first = await cli('--db', db, '--json', 'import-legacy', fixture.path);
      expect(first.code).toBe(0);
      const report = JSON.parse(first.stdout) as {
        ok: boolean;
        tables: Record<string, { read: number; written: number; rejected: number }>;
        rejects: { table: string; id: number; reason: string }[];
        fixes: { table: string; column: string; original: string }[];
      };
      expect(report.ok).toBe(true);
      expect(report.tables.transactions).toMatchObject({ rejected: 4, written: fixture.validTransactions });
      expect(report.rejects.filter((r) => r.table === 'transactions')).toHaveLength(4);
      expect(report.fixes.length).toBeGreaterThan(0);
      expect(readdirSync(join(home, 'backups')).some((f) => f.startsWith('legacy-') && f.endsWith('finance.db'))).toBe(
        true,
      );

      const again = await cli('--db', db, '--json', 'import-legacy', fixture.path);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, alreadyDone: true });
    } finally {
      if (previous === undefined) delete process.env.SPENDING_HOME;
      else process.env.SPENDING_HOME = previous;
    }
  });
});
