// Latency of the dashboard's reports, recurring-payment detection and budget
// status at 100k and 1M transactions, on seeded demo data. Prints figures;
// asserts nothing. Targets: p95 <= 50 ms per report, recurring <= 2 s at 1M.
//   npm run bench:reports                                  # SQLite and PostgreSQL, 100k and 1M
//   npm run bench:reports -- --sizes 100000 --dialects sqlite
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { openStore } from '../db/open-store.js';
import type { Store } from '../db/store.js';
import { startTestPostgres } from '../e2e/support/postgres-server.js';
import { scriptArgs } from '../e2e/support/script-args.js';
import { positiveInt, positiveIntList } from '../main/cli/number-args.js';
import { seedDemo } from '../main/services/demo/seed-demo.js';

const DIALECTS = ['sqlite', 'postgres'] as const;
type Dialect = (typeof DIALECTS)[number];

const { sizes, iterations, dialects } = scriptArgs(
  'bench:reports',
  'Report latency (p50 / p95): categories, months, comparison, merchants, recurring payments and budgets.',
  (c) =>
    c
      .option(
        '--sizes <n,n,...>',
        'transaction counts to seed and query',
        positiveIntList(50_000_000),
        [100_000, 1_000_000],
      )
      .option('--iterations <n>', 'runs per report (recurring: a fifth of it, at least 5)', positiveInt(10_000), 50)
      .option(
        '--dialects <d,d>',
        'sqlite, postgres or both',
        (text: string) => {
          const list = text.split(',').map((d) => d.trim());
          if (!list.length || list.some((d) => !(DIALECTS as readonly string[]).includes(d)))
            throw new InvalidArgumentError('Expected sqlite, postgres or sqlite,postgres.');
          return list as Dialect[];
        },
        [...DIALECTS],
      ),
).opts<{ sizes: number[]; iterations: number; dialects: Dialect[] }>();

/** The demo data ends here, so "this month" and "the last 12 months" are full of rows. */
const END = '2026-11-01';
const LAST_12_MONTHS = { from: '2025-11-01', to: '2026-10-31' };

interface Case {
  name: string;
  run: (store: Store) => Promise<unknown>;
  runs?: number;
}

const CASES: Case[] = [
  { name: 'categories, last 12 months', run: (s) => s.reports.categories(LAST_12_MONTHS) },
  { name: 'categories, 10 Oct to 20 Oct', run: (s) => s.reports.categories({ from: '2026-10-10', to: '2026-10-20' }) },
  { name: 'categories, all time', run: (s) => s.reports.categories({}) },
  { name: 'months (income, spend, net), 12 months', run: (s) => s.reports.months(LAST_12_MONTHS) },
  { name: 'months, all time', run: (s) => s.reports.months({}) },
  { name: 'compare October (whole month)', run: (s) => s.reports.compare({ from: '2026-10-01', to: '2026-10-31' }) },
  { name: 'compare 1-20 October (partial)', run: (s) => s.reports.compare({ from: '2026-10-01', to: '2026-10-20' }) },
  { name: 'top merchants, October', run: (s) => s.reports.merchants({ from: '2026-10-01', to: '2026-10-31' }) },
  { name: 'top merchants, last 12 months', run: (s) => s.reports.merchants(LAST_12_MONTHS) },
  { name: 'top merchants, all time', run: (s) => s.reports.merchants({}) },
  { name: 'budget status (3 budgets, rollover)', run: (s) => s.reports.budgetStatus('2026-10-20') },
  { name: 'recurring payments', run: (s) => s.reports.recurring(END), runs: Math.max(5, Math.floor(iterations / 5)) },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function measure(store: Store, c: Case): Promise<{ p50: number; p95: number }> {
  const runs = c.runs ?? iterations;
  for (let i = 0; i < Math.min(3, runs); i++) await c.run(store); // warm caches and plans
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await c.run(store);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

type Results = Map<string, Map<string, { p50: number; p95: number }>>;

async function benchStore(label: string, store: Store, size: number, results: Results): Promise<void> {
  const seedStart = performance.now();
  await seedDemo(store, { transactions: size, seed: 42, endDate: new Date(`${END}T12:00:00Z`) });
  console.error(
    `${label}: seeded ${size.toLocaleString('en-GB')} rows in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
  // Budgets count from when they were set: a year back, so rollover walks twelve months.
  for (const category of ['Groceries', 'Dining', 'Transport'])
    await store.reports.setBudget({ category, amountPence: 40_000, rollover: true }, '2025-10-15');
  const found = await store.reports.recurring(END);
  console.error(`${label}: ${found.payments.length} recurring payments found`);
  const column = `${label} ${size >= 1e6 ? `${size / 1e6}M` : `${size / 1e3}k`}`;
  for (const c of CASES) {
    const row = results.get(c.name) ?? new Map<string, { p50: number; p95: number }>();
    row.set(column, await measure(store, c));
    results.set(c.name, row);
  }
}

function print(results: Results): void {
  const columns = [...new Set([...results.values()].flatMap((row) => [...row.keys()]))];
  const nameWidth = Math.max(...[...results.keys()].map((k) => k.length));
  const cell = (v: { p50: number; p95: number } | undefined) => (v ? `${v.p50.toFixed(1)} / ${v.p95.toFixed(1)}` : '-');
  const widths = columns.map((c) => Math.max(c.length, ...[...results.values()].map((row) => cell(row.get(c)).length)));
  console.log(`\nReport latency in ms, p50 / p95 (${iterations} runs; recurring fewer)\n`);
  console.log([''.padEnd(nameWidth), ...columns.map((c, i) => c.padStart(widths[i] ?? 0))].join('  '));
  for (const [name, row] of results)
    console.log(
      [name.padEnd(nameWidth), ...columns.map((c, i) => cell(row.get(c)).padStart(widths[i] ?? 0))].join('  '),
    );
  console.log(`\nnode ${process.version}, ${process.platform}/${process.arch}`);
}

const results: Results = new Map();
const postgres = dialects.includes('postgres') ? await startTestPostgres({ durable: true }) : undefined;
const dir = mkdtempSync(join(tmpdir(), 'spending-reports-bench-'));
try {
  for (const size of sizes) {
    if (dialects.includes('sqlite')) {
      const lite = await openStore(join(dir, `bench-${size}.sqlite`));
      await benchStore('SQLite', lite, size, results);
      await lite.close();
    }
    if (postgres) {
      const pg = await openStore(await postgres.createDatabase('bench'));
      await benchStore('PostgreSQL', pg, size, results);
      await pg.close();
    }
  }
  print(results);
} finally {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
}
