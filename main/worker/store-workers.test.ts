// The store workers with real SQLite files and real threads: the main thread
// stays free while a worker waits on the store, a dead worker is explained,
// and quitting closes every connection. Ordering only, no timings.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore, parseStoreTarget } from '../../db/open-store.js';
import { tempSqlitePath } from '../../e2e/support/test-databases.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';
import { createDispatcher } from '../ipc/dispatch.js';
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
describe('store workers', { timeout: 60_000 }, () => {
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
