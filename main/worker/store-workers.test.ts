// The store workers with real SQLite files and real threads: the main thread
// stays free while a worker waits on the store, a dead worker is explained,
// and quitting closes every connection. Ordering only, no timings.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, parseStoreTarget } from '../../db/open-store.js';
import { tempSqlitePath } from '../../e2e/support/test-databases.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';
import { createDispatcher } from '../ipc/dispatch.js';
import { seedDemo } from '../services/demo/seed-demo.js';
import { RESTART, routeStoreMethods, startStoreWorkers, WORKER_GONE, type StoreWorkers } from './store-workers.js';

const opened: StoreWorkers[] = [];
// tsx, which runs the worker from source here, keeps its compile cache under TMPDIR: one for this file.
beforeAll(() => vi.stubEnv('TMPDIR', tempDir('tsx')));
afterAll(() => vi.unstubAllEnvs());
afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((w) => w.close()));
});

/** A store the main thread made first, as the app does; the workers only open it. */
async function madeStore(): Promise<string> {
  const path = tempSqlitePath();
  await (await openStore(path)).close();
  return path;
}

async function start(path: string, onError = vi.fn()): Promise<StoreWorkers> {
  const workers = startStoreWorkers({ target: parseStoreTarget(path), appVersion: '1.2.3', onError });
  opened.push(workers);
  await workers.ready;
  return workers;
}

const entry = { date: '2026-01-02', description: 'Coffee', amountPence: -250 };

// Each test starts real threads that load the store code through tsx: seconds on a busy machine.
describe('store workers', { timeout: 120_000 }, () => {
  it('answer the store methods with the same results as the in-thread dispatcher', async () => {
    const path = await madeStore();
    const { dispatch } = await start(path);
    expect(await dispatch('getAppInfo', undefined)).toMatchObject({
      ok: true,
      value: { version: '1.2.3', store: { dialect: 'sqlite', location: path } },
    });
    expect(await dispatch('addTransaction', entry)).toMatchObject({ ok: true, value: { description: 'Coffee' } });
    // A read may go to the other connection: it sees what the writer committed.
    expect(await dispatch('countTransactions', {})).toEqual({ ok: true, value: 1 });
    expect(await dispatch('addTransaction', { ...entry, amountPence: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'amountPence' },
    });
  });

  it('leave the main thread free while a store call waits: a timer and a main-thread call finish first', async () => {
    const path = await madeStore();
    const workers = await start(path);
    const dispatch = routeStoreMethods(
      workers,
      createDispatcher({ chooseLegacyFile: () => Promise.resolve({ path: null }) }),
    );
    // Another program holds the write lock, so the worker's write waits inside SQLite (busy_timeout),
    // a synchronous wait that would freeze the thread running it.
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const order: string[] = [];
    const write = dispatch('addTransaction', entry).then((result) => order.push(`write ${String(result.ok)}`));
    await new Promise((resolve) => setTimeout(resolve, 1)).then(() => order.push('timer'));
    await dispatch('chooseLegacyFile', undefined).then(() => order.push('main-thread call'));
    other.exec('ROLLBACK');
    other.close();
    await write;
    expect(order).toEqual(['timer', 'main-thread call', 'write true']);
  });

  it('answer the call in flight with a clear error when a worker dies, and the next call on a fresh one', async () => {
    const onError = vi.fn();
    const path = await madeStore();
    const workers = await start(path, onError);
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const inFlight = workers.dispatch('addTransaction', entry);
    const dead = workers.threads;
    await Promise.all(dead.map((t) => t.terminate()));
    other.exec('ROLLBACK');
    other.close();
    expect(await inFlight).toEqual({ ok: false, error: WORKER_GONE });
    expect(onError).toHaveBeenCalledWith('A store worker stopped', expect.any(Error));
    expect(workers.threads.some((t) => dead.includes(t))).toBe(false);
    // Both new threads answer: the writer and the reader.
    expect(await workers.dispatch('addTransaction', entry)).toMatchObject({ ok: true });
    expect(await workers.dispatch('countTransactions', {})).toEqual({ ok: true, value: 1 });
  });

  it('wait longer before each new thread when the replacements keep dying', async () => {
    const path = await madeStore();
    const workers = await start(path);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const killWriter = async () => {
        const [writer] = workers.threads;
        await writer?.terminate();
        return writer;
      };
      const write = () => workers.dispatch('addTransaction', entry);
      await killWriter();
      expect(await write()).toMatchObject({ ok: true });
      // Its replacement dies at once: the next thread waits, and calls meanwhile fail at once.
      for (const pause of [RESTART.firstPauseMs, 2 * RESTART.firstPauseMs]) {
        const dead = await killWriter();
        expect(workers.threads[0]).toBe(dead);
        vi.advanceTimersByTime(pause - 1);
        expect(await write()).toEqual({ ok: false, error: WORKER_GONE });
        vi.advanceTimersByTime(1);
        expect(workers.threads[0]).not.toBe(dead);
        expect(await write()).toMatchObject({ ok: true });
      }
      // A thread that has run a good while starts the count again.
      vi.advanceTimersByTime(RESTART.stableMs);
      const dead = await killWriter();
      expect(workers.threads[0]).not.toBe(dead);
      expect(await write()).toMatchObject({ ok: true });
    } finally {
      vi.useRealTimers();
    }
  });

  it('run a move in a thread of its own: its progress and its backup hook reach the main thread', async () => {
    const path = await madeStore();
    const seeded = await openStore(path);
    await seedDemo(seeded, { transactions: 200, seed: 7, endDate: new Date('2026-11-01T12:00:00Z') });
    await seeded.close();
    const workers = await start(path);
    const to = tempSqlitePath('moved');
    const seen: string[] = [];
    const report = await workers.runJob(
      'moveStore',
      { from: parseStoreTarget(path), to: parseStoreTarget(to) },
      {
        hooks: { beforeWrite: () => Promise.resolve(void seen.push('backup')) },
        onProgress: (p) => seen.at(-1) !== p.table && seen.push(p.table),
      },
    );
    expect(report).toMatchObject({ ok: true });
    expect(seen[0]).toBe('backup');
    expect(seen).toContain('transactions');
    const moved = await openStore(to);
    expect(await moved.countTransactions({})).toBe(200);
    await moved.close();
    // It ran in a third thread, started for it.
    expect(workers.threads).toHaveLength(3);
  });

  it('cancel a job in its thread: the cancel reaches it while it runs and its target is left as it was', async () => {
    const path = await madeStore();
    const workers = await start(path);
    const target = await madeStore();
    const fingerprints = async () => {
      const store = await openStore(target);
      const result = await store.fingerprints();
      await store.close();
      return result;
    };
    const before = await fingerprints();
    const controller = new AbortController();
    const moving = workers.runJob(
      'moveStore',
      { from: parseStoreTarget(path), to: parseStoreTarget(target), replace: true },
      {
        signal: controller.signal,
        // Cancelled while the job waits on the main thread: the cancel is sent before the hook's answer.
        hooks: {
          beforeWrite: () => {
            controller.abort();
            return Promise.resolve();
          },
        },
      },
    );
    await expect(moving).rejects.toMatchObject({ code: 'unavailable', message: 'Cancelled; the target is as it was.' });
    expect(await fingerprints()).toEqual(before);
  });

  it('import a statement file as a job, into the store the store methods read', async () => {
    const path = await madeStore();
    const workers = await start(path);
    const file = join(tempDir('statement'), 'march.csv');
    writeFileSync(file, 'Date,Description,Amount\r\n01/03/2025,COSTA COFFEE,-3.10\r\n02/03/2025,TESCO,-42.17\r\n');
    expect(await workers.runJob('importStatement', { path: file, account: 'Current' })).toMatchObject({
      added: 2,
      duplicates: 0,
    });
    expect(await workers.dispatch('countTransactions', {})).toEqual({ ok: true, value: 2 });
    await expect(workers.runJob('importStatement', { path: `${file}.gone` })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('does not exist') as unknown,
    });
  });

  it('close every connection when quitting, after the calls under way', async () => {
    const path = await madeStore();
    const workers = await start(path);
    const adding = workers.dispatch('addTransaction', entry);
    await workers.dispatch('listCategories', undefined);
    expect(existsSync(`${path}-wal`)).toBe(true);
    await workers.close();
    expect(await adding).toMatchObject({ ok: true });
    // SQLite removes the write-ahead log when the last connection closes.
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(await workers.dispatch('listCategories', undefined)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('follow a switch to another store', async () => {
    const [first, second] = [await madeStore(), await madeStore()];
    const workers = await start(first);
    await workers.reopen(parseStoreTarget(second));
    expect(await workers.dispatch('getAppInfo', undefined)).toMatchObject({
      ok: true,
      value: { store: { location: second } },
    });
    expect(existsSync(`${first}-wal`)).toBe(false);
  });

  it('stay on the store they have when the one to switch to cannot be opened', async () => {
    const path = await madeStore();
    const workers = await start(path);
    const missing = tempSqlitePath('missing');
    await expect(workers.reopen(parseStoreTarget(missing))).rejects.toMatchObject({ code: 'not_found' });
    for (let i = 0; i < 2; i++)
      expect(await workers.dispatch('getAppInfo', undefined)).toMatchObject({
        ok: true,
        value: { store: { location: path } },
      });
  });

  it('refuse to start on a store that is not there, saying which, to the caller and to every call', async () => {
    const path = tempSqlitePath('missing');
    const workers = startStoreWorkers({ target: parseStoreTarget(path), appVersion: '1', onError: vi.fn() });
    opened.push(workers);
    const early = workers.dispatch('listCategories', undefined);
    const notThere = { code: 'not_found', message: expect.stringContaining(path) as unknown };
    await expect(workers.ready).rejects.toMatchObject(notThere);
    expect(await early).toMatchObject({ ok: false, error: notThere });
    expect(await workers.dispatch('getAppInfo', undefined)).toMatchObject({ ok: false, error: notThere });
  });
});
