// Is the main thread free while the store works? On a seeded SQLite store, a
// slow store call (a full-table text search, about a second at 1M rows) runs
// while the main thread keeps a 1 ms timer and, 50 ms in, asks for the
// categories: first with the in-thread dispatcher (as before the store
// workers), then through the store workers (main/worker/). Then the same
// timer while a long job (a SQLite-to-SQLite move of its own store) runs in
// this thread (runJobHere, as before) and in the store workers' job thread.
// Prints figures; asserts nothing. Usage:
//   npm run bench:main-thread                       # 1,000,000 rows, 5 runs; a move of 100,000
//   npm run bench:main-thread -- --rows 200000 --runs 3 --job-rows 50000
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../db/open-store.js';
import { positiveInt } from '../main/cli/number-args.js';
import { createDispatcher, type Dispatch } from '../main/ipc/dispatch.js';
import { createStoreHandlers } from '../main/ipc/store-handlers.js';
import { seedDemo } from '../main/services/demo/seed-demo.js';
import { runJobHere, type RunJob } from '../main/worker/store-jobs.js';
import { startStoreWorkers } from '../main/worker/store-workers.js';
import { scriptArgs } from '../e2e/support/script-args.js';

const { rows, runs, jobRows } = scriptArgs(
  'bench:main-thread',
  'Main-thread delays (a 1 ms timer, a quick query) while a slow store call or a move runs: in this thread against the store workers.',
  (c) =>
    c
      .option('--rows <n>', 'transactions to seed', positiveInt(50_000_000), 1_000_000)
      .option('--runs <n>', 'slow calls per dispatcher', positiveInt(1000), 5)
      .option('--job-rows <n>', 'transactions in the store the move copies', positiveInt(50_000_000), 100_000),
).opts<{ rows: number; runs: number; jobRows: number }>();

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

/** A 1 ms setInterval on this thread; stop() gives how late each tick came. */
function tickTimer(): { stop(): number[] } {
  let last = performance.now();
  const late: number[] = [];
  const timer = setInterval(() => {
    const now = performance.now();
    late.push(Math.max(0, now - last - 1));
    last = now;
  }, 1);
  return {
    stop: () => {
      clearInterval(timer);
      return late;
    },
  };
}

async function once(dispatch: Dispatch): Promise<Run> {
  const timer = tickTimer();
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
  return { slowMs, timerLateMs: max(timer.stop()), quickMs };
}

async function measure(dispatch: Dispatch): Promise<Run[]> {
  await once(dispatch); // warm the page cache and the statements
  const out: Run[] = [];
  for (let i = 0; i < runs; i++) out.push(await once(dispatch));
  return out;
}

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] ?? NaN;
const median = (values: number[]) => quantile(values, 0.5);
const max = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);

interface JobRun {
  jobMs: number;
  late: number[];
}

/** One move of `from` into a new file, timed, with the 1 ms timer running on this thread. */
async function moveWithTimer(runJob: RunJob, from: string, to: string): Promise<JobRun> {
  rmSync(to, { force: true });
  const timer = tickTimer();
  const started = performance.now();
  await runJob('moveStore', { from: { kind: 'sqlite', path: from }, to: { kind: 'sqlite', path: to } });
  const jobMs = performance.now() - started;
  return { jobMs, late: timer.stop() };
}

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

  const jobFrom = join(dir, 'job.sqlite');
  const jobTo = join(dir, 'job-moved.sqlite');
  const jobStore = await openStore(jobFrom);
  await seedDemo(jobStore, { transactions: jobRows, seed: 7, endDate: new Date('2026-11-01T12:00:00Z') });
  await jobStore.close();
  const jobBefore = await moveWithTimer(runJobHere(), jobFrom, jobTo);

  const workers = startStoreWorkers({
    target: { kind: 'sqlite', path },
    appVersion: 'bench',
    onError: (message, error) => console.error(message, error),
  });
  let after: Run[];
  let jobAfter: JobRun;
  try {
    await workers.ready;
    after = await measure(workers.dispatch);
    jobAfter = await moveWithTimer(workers.runJob, jobFrom, jobTo);
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

  const jobRow = (label: string, pick: (r: JobRun) => number) =>
    [label.padEnd(44), ...[jobBefore, jobAfter].map((r) => pick(r).toFixed(1).padStart(18))].join('');
  console.log(
    `\nA move of ${jobRows.toLocaleString('en-GB')} transactions (SQLite to a new SQLite file); ms\n` +
      `${''.padEnd(44)}${'in this thread'.padStart(18)}${'job thread'.padStart(18)}`,
  );
  console.log(jobRow('the move', (r) => r.jobMs));
  console.log(jobRow('1 ms timer: ticks while it ran', (r) => r.late.length));
  console.log(jobRow('1 ms timer: median lateness', (r) => median(r.late)));
  console.log(jobRow('1 ms timer: 99th percentile lateness', (r) => quantile(r.late, 0.99)));
  console.log(jobRow('1 ms timer: most late', (r) => max(r.late)));
  console.log(
    `\nnode ${process.version}, ${process.platform}/${process.arch}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
