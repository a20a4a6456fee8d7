// Rules preview and apply (with its undo) over seeded demo data with the
// default rules, and the Huququllah summary, SQLite and PostgreSQL side by
// side. Prints figures; asserts nothing. Usage:
//   npm run bench:rules                          # 100k and 1M
//   npm run bench:rules -- --sizes 100000 --sqlite-only
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../db/open-store.js';
import type { ApplyRequest } from '../db/rules/rule-model.js';
import type { Store } from '../db/store.js';
import { startTestPostgres } from '../e2e/support/postgres-server.js';
import { scriptArgs } from '../e2e/support/script-args.js';
import { positiveInt, positiveIntList } from '../main/cli/number-args.js';
import { seedDemo } from '../main/services/demo/seed-demo.js';

const { sizes, runs, summaryRuns, sqliteOnly } = scriptArgs(
  'bench:rules',
  'Rules preview, apply and undo with the default rules, and the Huququllah summary (p50 / p95), ' +
    'SQLite and PostgreSQL side by side, on seeded demo data.',
  (c) =>
    c
      .option(
        '--sizes <n,n,...>',
        'transaction counts to seed and run the rules over',
        positiveIntList(50_000_000),
        [100_000, 1_000_000],
      )
      .option('--runs <n>', 'runs of each preview and apply (the median is shown)', positiveInt(100), 3)
      .option('--summary-runs <n>', 'runs of each Huququllah summary', positiveInt(100_000), 100)
      .option('--sqlite-only', 'leave PostgreSQL out', false),
).opts<{ sizes: number[]; runs: number; summaryRuns: number; sqliteOnly: boolean }>();

/** The ms of each run, sorted. */
async function timeRuns(count: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

type Results = Map<string, Map<string, string>>;

const UNCATEGORISED: ApplyRequest = { scope: { kind: 'uncategorised' } };
/** Everything, hand-set categories included: the most a run can be asked to look at and change. */
const EVERYTHING: ApplyRequest = { scope: { kind: 'all' }, includeManual: true };

async function benchStore(label: string, store: Store, size: number, results: Results): Promise<void> {
  const seedStart = performance.now();
  await seedDemo(store, { transactions: size, seed: 42, endDate: new Date('2026-11-01T12:00:00Z') });
  console.error(
    `${label}: seeded ${size.toLocaleString('en-GB')} rows in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
  const column = `${label} ${size >= 1e6 ? `${size / 1e6}M` : `${size / 1e3}k`}`;
  const set = (name: string, value: string) => {
    const row = results.get(name) ?? new Map<string, string>();
    row.set(column, value);
    results.set(name, row);
  };
  const median = (times: number[]) => Math.round(percentile(times, 50)).toLocaleString('en-GB');

  for (const [name, request] of [
    ['uncategorised', UNCATEGORISED],
    ['everything', EVERYTHING],
  ] as const) {
    const preview = await store.rules.preview(request);
    set(`preview, ${name}: rows scanned / would change`, `${preview.scanned} / ${preview.changed}`);
    set(`preview, ${name} (ms)`, median(await timeRuns(runs, () => store.rules.preview(request))));
    // Each apply is undone before the next, so every run changes the same rows.
    const applies: number[] = [];
    const undos: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const applied = await store.rules.apply(request);
      applies.push(performance.now() - start);
      if (applied.runId === null) continue;
      const undoStart = performance.now();
      await store.rules.undo(applied.runId);
      undos.push(performance.now() - undoStart);
    }
    set(`apply, ${name} (ms)`, median(applies.sort((a, b) => a - b)));
    set(`undo, ${name} (ms)`, undos.length ? median(undos.sort((a, b) => a - b)) : '-');
  }

  for (const [name, period] of [
    ['all time', {}],
    ['one year', { from: '2025-11-01', to: '2026-10-31' }],
  ] as const) {
    await store.huququllah.summary(period); // warm caches and plans
    const times = await timeRuns(summaryRuns, () => store.huququllah.summary(period));
    set(
      `Huququllah summary, ${name}: p50 / p95 (ms)`,
      `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)}`,
    );
  }
}

function print(results: Results): void {
  const columns = [...new Set([...results.values()].flatMap((row) => [...row.keys()]))];
  const nameWidth = Math.max(...[...results.keys()].map((k) => k.length));
  const widths = columns.map((c) =>
    Math.max(c.length, ...[...results.values()].map((row) => (row.get(c) ?? '-').length)),
  );
  console.log(`\nRules and Huququllah, ms (median of ${runs} runs; summaries ${summaryRuns} runs)\n`);
  console.log([''.padEnd(nameWidth), ...columns.map((c, i) => c.padStart(widths[i]!))].join('  '));
  for (const [name, row] of results)
    console.log(
      [name.padEnd(nameWidth), ...columns.map((c, i) => (row.get(c) ?? '-').padStart(widths[i]!))].join('  '),
    );
  console.log(`\nnode ${process.version}, ${process.platform}/${process.arch}`);
}

const results: Results = new Map();
const postgres = sqliteOnly ? undefined : await startTestPostgres({ durable: true });
const dir = mkdtempSync(join(tmpdir(), 'spending-rules-bench-'));
try {
  for (const size of sizes) {
    const lite = await openStore(join(dir, `bench-${size}.sqlite`));
    await benchStore('SQLite', lite, size, results);
    await lite.close();
    if (!postgres) continue;
    const pg = await openStore(await postgres.createDatabase('bench'));
    await benchStore('PostgreSQL', pg, size, results);
    await pg.close();
  }
  print(results);
} finally {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
}
