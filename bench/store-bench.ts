// Store latency at 100k and 1M transactions, SQLite and PostgreSQL side by
// side. Prints figures; asserts nothing. Usage:
//   npm run bench                      # 100k and 1M
//   npm run bench -- --sizes 100000    # just one size
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TransactionQuery } from '../db/model.js';
import { openStore } from '../db/open-store.js';
import type { Store } from '../db/store.js';
import { startTestPostgres } from '../e2e/support/postgres-server.js';
import { positiveInt, positiveIntList } from '../main/cli/number-args.js';
import { seedDemo } from '../main/services/demo/seed-demo.js';
import { scriptArgs } from '../e2e/support/script-args.js';

const { sizes, iterations } = scriptArgs(
  'bench',
  'Store latency (p50 / p95) of the queries the app makes, SQLite and PostgreSQL side by side, on seeded demo data.',
  (c) =>
    c
      .option(
        '--sizes <n,n,...>',
        'transaction counts to seed and query',
        positiveIntList(50_000_000),
        [100_000, 1_000_000],
      )
      .option('--iterations <n>', 'runs per query (counts and aggregates: 30)', positiveInt(100_000), 200),
).opts<{ sizes: number[]; iterations: number }>();

interface Case {
  name: string;
  run: (store: Store, i: number) => Promise<unknown>;
  /** Aggregates are slow by nature; fewer runs keep the bench short. */
  runs?: number;
}

/** The i-th of positions spread evenly (by a prime stride) over [0, upTo). */
const spread = (upTo: number) => (i: number) => Math.floor((((i * 7919) % 1000) / 1000) * upTo);

const page = (q: TransactionQuery) => (store: Store) => store.listTransactions({ limit: 100, ...q });

/**
 * The demo data is all ASCII: one row in a thousand more, spread over the
 * years, gives a non-ASCII word in upper and lower case to search for.
 */
async function addAccentedRows(store: Store, size: number): Promise<void> {
  const count = Math.max(1, Math.round(size / 1000));
  const start = Date.parse('2019-01-01');
  const span = Date.parse('2026-11-01') - start;
  await store.bulkInsert([
    {
      table: 'transactions',
      rows: Array.from({ length: count }, (_, i) => ({
        date: new Date(start + Math.floor((span * i) / count)).toISOString().slice(0, 10),
        description: i % 2 ? `CAFÉ ROUGE ${1000 + i} CONTACTLESS` : `Café Rouge ${1000 + i}`,
        amount: -450 - (i % 300),
        category: 'Dining',
      })),
    },
  ]);
}

async function cursorsDeep(store: Store, pages: number): Promise<string[]> {
  const cursors: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const result = await store.listTransactions({ limit: 100, cursor });
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
    cursors.push(cursor);
  }
  return cursors;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(store: Store, c: Case): Promise<{ p50: number; p95: number }> {
  const runs = c.runs ?? iterations;
  for (let i = 0; i < Math.min(5, runs); i++) await c.run(store, i); // warm caches and plans
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await c.run(store, i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

type Results = Map<string, Map<string, { p50: number; p95: number }>>;

async function benchStore(label: string, store: Store, size: number, results: Results): Promise<void> {
  const seedStart = performance.now();
  await seedDemo(store, { transactions: size, seed: 42, endDate: new Date('2026-11-01T12:00:00Z') });
  const seedSeconds = (performance.now() - seedStart) / 1000;
  console.error(`${label}: seeded ${size.toLocaleString('en-GB')} rows in ${seedSeconds.toFixed(1)} s`);
  await addAccentedRows(store, size);
  const cursors = await cursorsDeep(store, 200);
  const cases: Case[] = [
    { name: 'first page (100 rows)', run: page({}) },
    {
      name: 'next page (keyset, up to 200 deep)',
      run: (s, i) => s.listTransactions({ limit: 100, cursor: cursors[i % cursors.length]! }),
    },
    { name: 'text search "tesco" (1 row in 10)', run: page({ search: 'tesco' }) },
    { name: 'text search "ikea" (1 row in 340)', run: page({ search: 'ikea' }) },
    { name: 'text search "specsavers" (1 in 830)', run: page({ search: 'specsavers' }) },
    { name: 'text search "café" (1 in 1000)', run: page({ search: 'café' }) },
    { name: 'text search "ｔｅｓｃｏ" (fullwidth)', run: page({ search: 'ｔｅｓｃｏ' }) },
    { name: 'category filter Dining', run: page({ categories: ['Dining'] }) },
    { name: 'categories Dining+Health, amount sort', run: page({ categories: ['Dining', 'Health'], sort: 'amount' }) },
    { name: 'uncategorised only', run: page({ uncategorised: true }) },
    // The grid reaches a position from the nearer end, so a jump passes over at most half the rows.
    {
      name: 'jump to any position (offset)',
      run: (s, i) => s.listTransactions({ limit: 100, offset: spread(size / 2)(i) }),
    },
    {
      name: 'jump, newest first, amount sort',
      run: (s, i) => s.listTransactions({ limit: 100, sort: 'amount', offset: spread(size / 2)(i) }),
    },
    {
      name: 'jump among "tesco" matches',
      run: (s, i) => s.listTransactions({ limit: 100, search: 'tesco', offset: spread(size / 14)(i) }),
      runs: 30,
    },
    { name: 'count, text search "tesco"', run: (s) => s.countTransactions({ search: 'tesco' }), runs: 30 },
    { name: 'count, no filter', run: (s) => s.countTransactions({}), runs: 30 },
    { name: 'per-category aggregate', run: (s) => s.categoryStats({}), runs: 30 },
    { name: 'per-month aggregate', run: (s) => s.monthlyStats({}), runs: 30 },
    { name: 'per-category, last 12 months', run: (s) => s.categoryStats({ dateFrom: '2025-11-01' }), runs: 30 },
  ];
  const column = `${label} ${size >= 1e6 ? `${size / 1e6}M` : `${size / 1e3}k`}`;
  for (const c of cases) {
    const row = results.get(c.name) ?? new Map<string, { p50: number; p95: number }>();
    row.set(column, await measure(store, c));
    results.set(c.name, row);
  }
  const seedRow = results.get('seed (rows/s)') ?? new Map<string, { p50: number; p95: number }>();
  seedRow.set(column, { p50: size / seedSeconds, p95: NaN });
  results.set('seed (rows/s)', seedRow);
}

function print(results: Results): void {
  const columns = [...new Set([...results.values()].flatMap((row) => [...row.keys()]))];
  const nameWidth = Math.max(...[...results.keys()].map((k) => k.length));
  const cell = (v: { p50: number; p95: number } | undefined) =>
    !v
      ? '-'
      : Number.isNaN(v.p95)
        ? Math.round(v.p50).toLocaleString('en-GB')
        : `${v.p50.toFixed(2)} / ${v.p95.toFixed(2)}`;
  const widths = columns.map((c) => Math.max(c.length, ...[...results.values()].map((row) => cell(row.get(c)).length)));
  console.log(`\nStore latency in ms, p50 / p95 (${iterations} runs; aggregates and counts 30)\n`);
  console.log([''.padEnd(nameWidth), ...columns.map((c, i) => c.padStart(widths[i]!))].join('  '));
  for (const [name, row] of results) {
    console.log([name.padEnd(nameWidth), ...columns.map((c, i) => cell(row.get(c)).padStart(widths[i]!))].join('  '));
  }
  console.log(`\nnode ${process.version}, ${process.platform}/${process.arch}`);
}

const results: Results = new Map();
const postgres = await startTestPostgres({ durable: true });
const dir = mkdtempSync(join(tmpdir(), 'spending-bench-'));
try {
  for (const size of sizes) {
    const lite = await openStore(join(dir, `bench-${size}.sqlite`));
    await benchStore('SQLite', lite, size, results);
    await lite.close();
    const pg = await openStore(await postgres.createDatabase('bench'));
    await benchStore('PostgreSQL', pg, size, results);
    await pg.close();
  }
  print(results);
} finally {
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
