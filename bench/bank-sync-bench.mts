// First sync of a bank with 10,000 transactions over 3 accounts (2 accounts
// and a card) through the TrueLayer emulator, then a re-sync with nothing
// new (the 14-day window) and a full-history re-read where every row is
// already stored (what a reconnect does), on SQLite and on PostgreSQL.
// Prints figures; asserts nothing.
//   npm run bench:bank [-- --transactions 10000 --runs 3]
import { startTestPostgres } from '../e2e/support/postgres-server.js';
import { runCleanups } from '../e2e/support/test-cleanup.js';
import { tempSqlitePath } from '../e2e/support/test-databases.js';
import { startBankHarness } from '../e2e/support/truelayer-harness.js';
import { positiveInt } from '../main/cli/number-args.js';
import { scriptArgs } from '../e2e/support/script-args.js';

const { transactions: total, runs } = scriptArgs(
  'bench:bank',
  'A first bank sync through the TrueLayer emulator (3 accounts), a re-sync and a full re-read, on SQLite and PostgreSQL.',
  (c) =>
    c
      .option('--transactions <n>', 'bank transactions, shared over the 3 accounts', positiveInt(10_000_000), 10_000)
      .option('--runs <n>', 'runs per figure (the median is shown)', positiveInt(100), 3),
).opts<{ transactions: number; runs: number }>();
const perAccount = Math.ceil(total / 3);

const server = await startTestPostgres();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Figures {
  first: number;
  resync: number;
  incremental: number;
  full: number;
  rows: number;
}

async function once(target: string): Promise<Figures> {
  const h = await startBankHarness({
    target,
    emulator: { mockBank: { transactionsPerAccount: perAccount, historyDays: 730, pendingPerAccount: 5 } },
  });
  try {
    let started = performance.now();
    const id = await h.link();
    const first = performance.now() - started;
    const rows = await h.store.countTransactions({});
    started = performance.now();
    const again = await h.service.sync(id);
    const resync = performance.now() - started;
    if (again.transactions.inserted !== 0) throw new Error('the re-sync inserted rows');
    started = performance.now();
    const reread = await h.service.sync(id, { initial: true });
    const full = performance.now() - started;
    if (reread.transactions.unchanged !== rows) throw new Error('the full re-read did not find every row unchanged');
    return { first, resync, incremental: again.transactions.unchanged, full, rows };
  } finally {
    await h.close();
  }
}

console.log(`Bank sync: ${perAccount * 3} transactions over 3 accounts, median of ${runs} runs\n`);
console.log(
  '| store | first sync (link + full history) | rows/s | re-sync, nothing new (14-day window) | rows re-read | full history again, all unchanged | rows/s |',
);
console.log('|---|---|---|---|---|---|---|');
try {
  for (const [name, target] of [
    ['SQLite', () => Promise.resolve(tempSqlitePath())],
    ['PostgreSQL', () => server.createDatabase('bench')],
  ] as const) {
    const results: Figures[] = [];
    for (let i = 0; i < runs; i++) results.push(await once(await target()));
    const first = median(results.map((r) => r.first));
    const resync = median(results.map((r) => r.resync));
    const full = median(results.map((r) => r.full));
    const rows = results[0]!.rows;
    const rate = (ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-GB');
    console.log(
      `| ${name} | ${(first / 1000).toFixed(2)} s | ${rate(first)} | ${resync.toFixed(0)} ms | ${results[0]!.incremental} | ${(full / 1000).toFixed(2)} s | ${rate(full)} |`,
    );
  }
} finally {
  await server.stop();
  await runCleanups(); // the SQLite files and the harness's data folders
}
