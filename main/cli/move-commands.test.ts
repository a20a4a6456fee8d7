// `spending migrate` and `spending verify` in process: one JSON document on
// stdout with the documented shape, and exit 0 only when verified.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildLegacyFinanceDb } from '../../e2e/support/legacy-finance-db.js';
import { openStore } from '../../db/open-store.js';
import { cli, cliProcess } from '../../e2e/support/run-cli.js';
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

describe('spending import-legacy, its CSV files', () => {
  it('writes the quarantined rows and fixed fields next to the backup, privately, says where, and defuses formulas', async () => {
    const home = tempDir('cli-csv');
    const env = { SPENDING_HOME: home };
    const fixture = buildLegacyFinanceDb(join(home, 'finance.db'), 'base', 20);
    const old = new Database(fixture.path);
    old
      .prepare(
        "INSERT INTO transactions (date, description, amount, huququllah_classification) VALUES ('2024-05-10', 'Formula', -3, ?)",
      )
      .run('=HYPERLINK("http://evil.example","click")');
    old.close();

    const run = await cliProcess(['--db', tempSqlitePath(), '--json', 'import-legacy', fixture.path], { env });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      backupPath: string;
      rejectsCsv: string;
      fixesCsv: string;
      rejects: unknown[];
      fixes: unknown[];
    };
    const backups = join(home, 'backups');
    expect(readdirSync(backups).sort()).toEqual(
      [report.backupPath, report.rejectsCsv, report.fixesCsv].map((f) => f.slice(backups.length + 1)).sort(),
    );
    for (const file of [report.rejectsCsv, report.fixesCsv]) expect(statSync(file).mode & 0o777).toBe(0o600);
    const rejects = readFileSync(report.rejectsCsv, 'utf8');
    expect(rejects.startsWith('\uFEFFtable,id,reason,original\r\n')).toBe(true);
    expect(rejects.trimEnd().split('\r\n')).toHaveLength(1 + report.rejects.length);
    expect(rejects).toContain('Amount is nan');
    const fixes = readFileSync(report.fixesCsv, 'utf8');
    expect(fixes.trimEnd().split('\r\n')).toHaveLength(1 + report.fixes.length);
    expect(fixes).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);

    const human = await cliProcess(['--db', tempSqlitePath(), 'import-legacy', fixture.path], { env });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/written to:\n {2}\S+-rejects\.csv\n {2}\S+-fixes\.csv/);
  });
});

describe("the old guide's path, each step its own process", () => {
  it.each([
    { into: 'a new SQLite file', store: () => Promise.resolve(tempSqlitePath('imported')) },
    { into: 'a PostgreSQL database', store: () => createPgDatabase('imported') },
  ])('import-legacy into $into, then migrate to PostgreSQL and verify', async ({ store }) => {
    const home = tempDir('cli-guide');
    const env = { SPENDING_HOME: home };
    const fixture = buildLegacyFinanceDb(join(home, 'finance.db'), 'base', 50);
    const imported = await store();
    const moved = await createPgDatabase('moved');

    const steps = [
      ['--db', imported, '--json', 'import-legacy', fixture.path],
      ['--json', 'migrate', '--from', imported, '--to', moved],
      ['--json', 'verify', '--a', imported, '--b', moved],
    ];
    for (const argv of steps) {
      const run = await cliProcess(argv, { env });
      expect(run.code, `${argv.join(' ')}\n${run.stderr}`).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: true });
    }
  });
});

describe('spending import-legacy on a full disk', () => {
  it('leaves no part of the backup copy behind and imports nothing', async () => {
    const home = tempDir('cli-full');
    const fixture = buildLegacyFinanceDb(join(home, 'finance.db'), 'base', 5_000);
    const before = createHash('sha256').update(readFileSync(fixture.path)).digest('hex');
    // An empty store made beforehand: the disk fills while the old database is copied, before any import.
    const target = tempSqlitePath();
    await (await openStore(target)).close();

    const run = await cliProcess(['--db', target, 'import-legacy', fixture.path], {
      env: { SPENDING_HOME: home },
      fileSizeLimitKiB: 64,
    });

    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('could not be written');
    expect(run.stderr).toContain('Nothing was imported');
    expect(readdirSync(join(home, 'backups'))).toEqual([]);
    const store = await openStore(target);
    expect(await store.countTransactions({})).toBe(0);
    await store.close();
    expect(createHash('sha256').update(readFileSync(fixture.path)).digest('hex')).toBe(before);
  });
});
