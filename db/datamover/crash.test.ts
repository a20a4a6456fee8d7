// Crash safety for real: `spending migrate` is killed with SIGKILL at random
// moments of a 200k-transaction move, in both directions. After each kill the
// target must hold exactly what it held before (a marker row, nothing else)
// or the complete, verified copy; and running the move again must succeed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, tempSqlitePath } from '../../e2e/support/test-databases.js';
import { seedDemo } from '../../main/services/demo/seed-demo.js';
import { openStore, type StoreTarget } from '../open-store.js';
import type { Fingerprints } from '../verify/table-fingerprints.js';
import { verifyStores } from './verify-stores.js';

const CLI = 'out/cli/spending.js';
const TRIALS_PER_DIRECTION = 10;
const TRANSACTIONS = 200_000;

/** Runs the CLI; with `killAfterMs`, SIGKILLs it then (the experiment, not a wait). */
function migrate(
  from: string,
  to: string,
  killAfterMs?: number,
): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--json', 'migrate', '--from', from, '--to', to, '--replace'], {
      stdio: 'ignore',
    });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

const location = (t: StoreTarget) => (t.kind === 'sqlite' ? t.path : t.url);

async function fingerprints(target: StoreTarget): Promise<Fingerprints> {
  const store = await openStore(target);
  try {
    return await store.fingerprints();
  } finally {
    await store.close();
  }
}

/** A target that already holds one row of its own, so "untouched" is visible. */
async function markedTarget(target: StoreTarget): Promise<Fingerprints> {
  const store = await openStore(target);
  await store.addTransaction({
    date: '2020-02-02',
    description: 'Marker: must survive a killed move',
    amountPence: 4242,
  });
  await store.close();
  return fingerprints(target);
}

// A small deterministic generator, so a failing trial can be replayed.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe.skipIf(!existsSync(CLI) && process.env.CI !== 'true')('kill -9 during `spending migrate`', () => {
  let sqliteSource: StoreTarget;
  let pgSource: StoreTarget;
  const durations: Record<string, number> = {};

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:cli`);
    sqliteSource = { kind: 'sqlite', path: tempSqlitePath('source') };
    const store = await openStore(sqliteSource);
    await seedDemo(store, { transactions: TRANSACTIONS, seed: 21 });
    await store.close();
    pgSource = { kind: 'postgres', url: await createPgDatabase('crashsrc') };
    for (const [name, from, to] of [
      ['to-postgres', sqliteSource, pgSource],
      ['to-sqlite', pgSource, { kind: 'sqlite', path: tempSqlitePath('timing') } as StoreTarget],
    ] as const) {
      const started = performance.now();
      expect((await migrate(location(from), location(to))).code).toBe(0);
      durations[name] = performance.now() - started;
    }
  }, 300_000);

  it.each([
    [
      'to-postgres',
      () => sqliteSource,
      async (): Promise<StoreTarget> => ({ kind: 'postgres', url: await createPgDatabase('crash') }),
    ],
    [
      'to-sqlite',
      () => pgSource,
      (): Promise<StoreTarget> => Promise.resolve({ kind: 'sqlite', path: tempSqlitePath('crash') }),
    ],
  ] as const)(
    `${String(TRIALS_PER_DIRECTION)} random kills, %s: untouched or complete, and a re-run succeeds`,
    async (direction, source, newTarget) => {
      const next = random(direction === 'to-postgres' ? 7 : 11);
      const outcomes: string[] = [];
      for (let trial = 0; trial < TRIALS_PER_DIRECTION; trial++) {
        const target = await newTarget();
        const before = await markedTarget(target);
        const killAt = Math.round(next() * (durations[direction] ?? 5_000));
        const killed = await migrate(location(source()), location(target), killAt);
        const after = await fingerprints(target);
        const untouched = JSON.stringify(after) === JSON.stringify(before);
        const complete = untouched ? false : (await verifyStores(source(), target)).ok;
        outcomes.push(
          `${String(killAt)} ms: ${killed.signal ?? `exit ${String(killed.code)}`}, ${untouched ? 'untouched' : complete ? 'complete' : 'BROKEN'}`,
        );
        expect(untouched || complete, outcomes.join('\n')).toBe(true);
        // Exit 0 means the copy was verified against the source before it committed.
        expect((await migrate(location(source()), location(target))).code).toBe(0);
      }
      console.log(`kill -9 trials ${direction}:\n${outcomes.join('\n')}`);
      expect(outcomes.some((o) => o.includes('SIGKILL'))).toBe(true);
    },
    600_000,
  );
});
