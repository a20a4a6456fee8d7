// Live refresh between two copies on one PostgreSQL: how long a write takes to
// reach the other copy's listener (p50/p95), and what the notifying triggers
// and attached listeners cost writers. Prints figures; asserts nothing. Usage:
//   npm run bench:notify                          # a store of 100k transactions
//   npm run bench:notify -- --transactions 1000000
import pg from 'pg';
import { openStore } from '../db/open-store.js';
import { StoreListener } from '../db/pg/store-listener.js';
import type { SqlStore } from '../db/sql-store.js';
import { NOTIFIED_TABLES, type StoreChange } from '../db/store-changes.js';
import { Inbox } from '../e2e/support/change-inbox.js';
import { startTestPostgres } from '../e2e/support/postgres-server.js';
import { scriptArgs } from '../e2e/support/script-args.js';
import { positiveInt } from '../main/cli/number-args.js';

const {
  transactions,
  samples,
  writes,
  bulk,
  runs,
  durable = false,
} = scriptArgs(
  'bench:notify',
  'Notification latency between two copies on one PostgreSQL, and write throughput with and without listeners.',
  (c) =>
    c
      .option('--transactions <n>', 'transactions in the store first', positiveInt(50_000_000), 100_000)
      .option('--samples <n>', 'edits timed for latency', positiveInt(100_000), 1000)
      .option('--writes <n>', 'single-row writes per throughput run', positiveInt(1_000_000), 2000)
      .option('--bulk <n>', 'rows per bulk insert run', positiveInt(10_000_000), 100_000)
      .option('--runs <n>', 'runs per throughput figure (the median is shown)', positiveInt(100), 3)
      .option('--durable', 'fsync every commit, as a real server does (the disk then hides the triggers’ cost)'),
).opts<{ transactions: number; samples: number; writes: number; bulk: number; runs: number; durable?: boolean }>();

const rows: [string, string, string][] = [];
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? Number.NaN;
const median = (xs: number[]) => percentile(xs, 50);
const ms = (x: number) => `${x.toFixed(2)} ms`;
const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-GB')} /s`;

const dateOf = (i: number) =>
  `${String(2020 + (i % 6))}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;

async function seed(store: SqlStore, count: number, tag: string): Promise<void> {
  for (let done = 0; done < count; done += 50_000) {
    const n = Math.min(50_000, count - done);
    await store.bulkInsert([
      {
        table: 'transactions',
        rows: Array.from({ length: n }, (_, k) => ({
          date: dateOf(done + k),
          description: `${tag} ${String(done + k)}`,
          amount: -1234,
          category: 'Groceries',
        })),
      },
    ]);
  }
}

async function setNotifyTriggers(admin: pg.Client, on: boolean): Promise<void> {
  for (const table of NOTIFIED_TABLES) {
    const verb = on ? 'ENABLE' : 'DISABLE';
    const actions = ['insert', 'update', 'delete', 'truncate'].map((op) => `${verb} TRIGGER ${table}_notify_${op}`);
    await admin.query(`ALTER TABLE ${table} ${actions.join(', ')}`);
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const server = await startTestPostgres({ durable });
const url = await server.createDatabase('notify_bench');
const a = await openStore(url, { poolSize: 4 });
const admin = new pg.Client({ connectionString: url });
await admin.connect();
try {
  await seed(a, transactions, 'seed');
  const [first] = (await a.listTransactions({ limit: 1 })).items;
  if (!first) throw new Error('the seed wrote nothing');

  // Latency: A edits one row; the clock stops when B's listener hears it.
  const heard = new Inbox<StoreChange>();
  const b = await StoreListener.start(url, { onChange: heard.push });
  const latency: number[] = [];
  const editOnly: number[] = [];
  const afterReturn: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await a.updateTransaction(first.id, { description: `edit ${String(i)}` });
    const returned = performance.now();
    await heard.next();
    const end = performance.now();
    editOnly.push(returned - start);
    latency.push(end - start);
    afterReturn.push(end - returned);
  }
  await b.close();
  rows.push(['edit in A → heard by B, p50', ms(median(latency)), `${String(samples)} edits`]);
  rows.push(['edit in A → heard by B, p95', ms(percentile(latency, 95)), '']);
  rows.push(['the edit call alone, p50', ms(median(editOnly)), `p95 ${ms(percentile(editOnly, 95))}`]);
  // The notification goes out at COMMIT, often before A's call has returned.
  rows.push(['heard by B after the call returned, p95', ms(percentile(afterReturn, 95)), '']);

  // Throughput: the same writes with the notifying triggers off (as before live refresh), on with
  // nobody listening, and on with two copies listening.
  const setups = ['triggers off', 'triggers on, no listener', 'triggers on, 2 listeners'] as const;
  const single: Record<string, number[]> = {};
  const bulkRates: Record<string, number[]> = {};
  for (let run = 0; run < runs; run++) {
    for (const setup of setups) {
      await setNotifyTriggers(admin, setup !== 'triggers off');
      const listeners =
        setup === 'triggers on, 2 listeners'
          ? await Promise.all([0, 1].map(() => StoreListener.start(url, { onChange: () => undefined })))
          : [];
      const ids: number[] = [];
      const elapsed = await timed(async () => {
        for (let i = 0; i < writes; i++)
          ids.push((await a.addTransaction({ date: '2026-12-01', description: `w ${String(i)}`, amountPence: -1 })).id);
      });
      (single[setup] ??= []).push(writes / (elapsed / 1000));
      const bulkMs = await timed(() => seed(a, bulk, 'bulk'));
      (bulkRates[setup] ??= []).push(bulk / (bulkMs / 1000));
      await Promise.all(listeners.map((l) => l.close()));
      await admin.query(`DELETE FROM transactions WHERE description LIKE 'bulk %' OR id = ANY($1)`, [ids]);
    }
  }
  await setNotifyTriggers(admin, true);
  const base = { single: median(single['triggers off'] ?? []), bulk: median(bulkRates['triggers off'] ?? []) };
  for (const setup of setups) {
    const s = median(single[setup] ?? []);
    const b2 = median(bulkRates[setup] ?? []);
    const overhead = (x: number, b: number) => `${(((b - x) / b) * 100).toFixed(1)} % slower`;
    rows.push([
      `single-row inserts, ${setup}`,
      perSecond(s),
      setup === 'triggers off' ? 'baseline' : overhead(s, base.single),
    ]);
    rows.push([
      `bulk insert of ${bulk.toLocaleString('en-GB')}, ${setup}`,
      perSecond(b2),
      setup === 'triggers off' ? 'baseline' : overhead(b2, base.bulk),
    ]);
  }
} finally {
  await admin.end();
  await a.close();
  await server.stop();
}

console.log(
  `\nLive refresh on PostgreSQL, store of ${transactions.toLocaleString('en-GB')} transactions (loopback, ${durable ? 'fsync on' : 'fsync off'})\n`,
);
const width = Math.max(...rows.map(([what]) => what.length));
for (const [what, value, note] of rows) console.log(`${what.padEnd(width)}  ${value.padStart(12)}  ${note}`);
