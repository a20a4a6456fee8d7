// The `spending` command end to end, in process, on real stores.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { storeTargets } from '../e2e/support/test-databases.js';
import { cli } from '../e2e/support/run-cli.js';
import { runCli } from './cli.js';

describe.each(storeTargets)('spending CLI on $dialect', ({ target }) => {
  it('seeds demo data, lists and aggregates it; --json keeps stdout to one document', async () => {
    const db = await target();
    const seeded = await cli('--db', db, '--json', 'seed-demo', '--transactions', '2500', '--seed', '3');
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.stdout)).toMatchObject({ ok: true, transactions: 2500 });

    const list = await cli('--db', db, 'list', '--search', 'tesco', '--limit', '7', '--json');
    expect(list.code).toBe(0);
    const page = JSON.parse(list.stdout) as { items: { description: string; merchant: string }[]; nextCursor: string };
    expect(page.items).toHaveLength(7);
    for (const t of page.items) expect(`${t.description} ${t.merchant}`.toLowerCase()).toContain('tesco');
    expect(page.nextCursor).toEqual(expect.any(String));

    // Any position, in either amount order: --asc puts the largest spend first.
    const top = JSON.parse(
      (await cli('--db', db, 'list', '--sort', 'amount', '--asc', '--limit', '8', '--json')).stdout,
    ) as {
      items: { id: number; amountPence: number }[];
    };
    const later = await cli('--db', db, 'list', '--sort', 'amount', '--asc', '--offset', '3', '--limit', '5', '--json');
    expect(later.code).toBe(0);
    expect((JSON.parse(later.stdout) as { items: { id: number }[] }).items.map((t) => t.id)).toEqual(
      top.items.slice(3).map((t) => t.id),
    );
    expect(top.items[0]!.amountPence).toBeLessThan(0);

    const stats = await cli('--db', db, '--json', 'stats');
    const { categories, months } = JSON.parse(stats.stdout) as {
      categories: { count: number }[];
      months: { count: number }[];
    };
    expect(categories.reduce((n, c) => n + c.count, 0)).toBe(2500);
    expect(months.reduce((n, m) => n + m.count, 0)).toBe(2500);

    const human = await cli('--db', db, 'list', '--limit', '3');
    expect(human.stdout.split('\n')[0]).toMatch(/^Date\s+Amount\s+Category\s+Description$/);
    expect(human.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('refuses to seed a store that holds data, says what to do, and writes nothing', async () => {
    const db = await target();
    await cli('--db', db, 'seed-demo', '--transactions', '10');
    const again = await cli('--db', db, '--json', 'seed-demo', '--transactions', '10');
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(again.stderr).toContain('Next: Point --db at a new file');
    const stats = JSON.parse((await cli('--db', db, '--json', 'stats')).stdout) as { months: { count: number }[] };
    expect(stats.months.reduce((n, m) => n + m.count, 0)).toBe(10);
  });
});

describe('spending CLI usage', () => {
  it('prints help and rejects bad arguments with exit code 2', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('seed-demo');
    const bad = await cli('list', '--limit', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Expected a whole number');
  });

  it('explains a file that is not a database', async () => {
    const notDb = new URL('../README.md', import.meta.url).pathname;
    const result = await cli('--db', notDb, 'list');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a SQLite database Spending can open');
  });

  it('stops a seed when cancelled and leaves the store empty', async () => {
    const db = await storeTargets[0].target();
    const controller = new AbortController();
    controller.abort();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await runCli(
      ['--db', db, 'seed-demo', '--transactions', '50000'],
      { stdout, stderr },
      controller.signal,
    );
    expect(code).toBe(130);
    expect(err).toContain('Cancelled; nothing was written.');
    expect(JSON.parse((await cli('--db', db, '--json', 'stats')).stdout)).toEqual({ categories: [], months: [] });
  });
});
