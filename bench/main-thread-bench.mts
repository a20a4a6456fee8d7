// Is the main thread free while the store works? On a seeded SQLite store, a
// slow store call (a full-table text search, about a second at 1M rows) runs
// while the main thread keeps a 1 ms timer and, 50 ms in, asks for the
// categories: first with the in-thread dispatcher (as before the store
// workers), then through the store workers (main/worker/). Prints figures;
// asserts nothing. Usage:
//   npm run bench:main-thread                       # 1,000,000 rows, 5 runs
//   npm run bench:main-thread -- --rows 200000 --runs 3
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../db/open-store.js';
import { positiveInt } from '../main/cli/number-args.js';
import { createDispatcher, type Dispatch } from '../main/ipc/dispatch.js';
import { createStoreHandlers } from '../main/ipc/store-handlers.js';
import { seedDemo } from '../main/services/demo/seed-demo.js';
import { startStoreWorkers } from '../main/worker/store-workers.js';
import { scriptArgs } from '../e2e/support/script-args.js';

const { rows, runs } = scriptArgs(
  'bench:main-thread',
  'Main-thread delays (a 1 ms timer, a quick query) while a slow store call runs: in-thread dispatcher against the store workers.',
  (c) =>
    c
      .option('--rows <n>', 'transactions to seed', positiveInt(50_000_000), 1_000_000)
      .option('--runs <n>', 'slow calls per dispatcher', positiveInt(1000), 5),
).opts<{ rows: number; runs: number }>();

/** Two letters no row has: every row's text is read (about a second at 1M rows). */
const SLOW = { method: 'countTransactions', input: { search: 'xq' } };
const QUICK = { method: 'listCategories', input: undefined };
const QUICK_AFTER_MS = 50;

interface Run {
  slowMs: number;
  /** The longest a 1 ms setInterval tick came late while the slow call ran. */
  timerLateMs: number;
  /** From when the quick query was due (50 ms in) to its answer. */
  quickMs: number;
}

async function once(dispatch: Dispatch): Promise<Run> {
  let last = performance.now();
  let timerLateMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    timerLateMs = Math.max(timerLateMs, now - last - 1);
    last = now;
  }, 1);
  const started = performance.now();
  const due = started + QUICK_AFTER_MS;
  const quick = new Promise<number>((resolve) => {
    setTimeout(() => {
      void dispatch(QUICK.method, QUICK.input).then((result) => {
        if (!result.ok) throw new Error(result.error.message);
        resolve(performance.now() - due);
      });
    }, QUICK_AFTER_MS);
  });
  const slow = await dispatch(SLOW.method, SLOW.input);
  if (!slow.ok) throw new Error(slow.error.message);
  const slowMs = performance.now() - started;
  const quickMs = await quick;
  clearInterval(timer);
  return { slowMs, timerLateMs, quickMs };
}

async function measure(dispatch: Dispatch): Promise<Run[]> {
  await once(dispatch); // warm the page cache and the statements
  const out: Run[] = [];
  for (let i = 0; i < runs; i++) out.push(await once(dispatch));
  return out;
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const max = (values: number[]) => Math.max(...values);

const dir = mkdtempSync(join(tmpdir(), 'spending-main-thread-bench-'));
try {
  const path = join(dir, 'bench.sqlite');
  const store = await openStore(path);
  const seedStart = performance.now();
  await seedDemo(store, { transactions: rows, seed: 42, endDate: new Date('2026-11-01T12:00:00Z') });
  console.error(
    `seeded ${rows.toLocaleString('en-GB')} rows in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const before = await measure(createDispatcher(createStoreHandlers({ store: () => store, appVersion: 'bench' })));
  await store.close();

  const workers = startStoreWorkers({
    target: { kind: 'sqlite', path },
    appVersion: 'bench',
    onError: (message, error) => console.error(message, error),
  });
  let after: Run[];
  try {
    await workers.ready;
    after = await measure(workers.dispatch);
  } finally {
    await workers.close();
  }

  const row = (label: string, pick: (r: Run) => number) =>
    [
      label.padEnd(44),
      ...[before, after]
        .flatMap((runsOf) => [median(runsOf.map(pick)), max(runsOf.map(pick))])
        .map((v) => v.toFixed(1).padStart(9)),
    ].join('');
  console.log(
    `\n${rows.toLocaleString('en-GB')} rows, ${runs} runs each; ms (median, max)\n` +
      `${''.padEnd(44)}${'in-thread'.padStart(18)}${'workers'.padStart(18)}\n` +
      `${''.padEnd(44)}${['median', 'max', 'median', 'max'].map((h) => h.padStart(9)).join('')}`,
  );
  console.log(row('slow call (text search, full scan)', (r) => r.slowMs));
  console.log(row('1 ms timer on the main thread: most late', (r) => r.timerLateMs));
  console.log(row(`quick query (${QUICK.method}) due ${QUICK_AFTER_MS} ms in`, (r) => r.quickMs));
  console.log(`\nnode ${process.version}, ${process.platform}/${process.arch}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
