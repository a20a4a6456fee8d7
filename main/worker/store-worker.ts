// Runs in a worker thread: opens its own connection to the active store and
// answers the store methods, so a long query blocks this thread, never the
// main one (which draws nothing but must answer the window, timers and IPC).
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../db/errors.js';
import { openStore } from '../../db/open-store.js';
import type { Store } from '../../db/store.js';
import { createDispatcher, toWireError } from '../ipc/dispatch.js';
import { createStoreHandlers } from '../ipc/store-handlers.js';
import { storeJobs, type JobContext, type JobName } from './store-jobs.js';
import type { ApiResult } from '../../preload/contract.js';
import { fromWireError, type FromWorker, type StoreWorkerData, type ToWorker } from './worker-messages.js';

const port = parentPort;
if (!port) throw new Error('store-worker.ts runs only as a worker thread');
const data = workerData as StoreWorkerData;
const send = (message: FromWorker) => port.postMessage(message);

// The main thread opened (and migrated) the store first, so it must be there.
const open = (target: StoreWorkerData['target']) =>
  openStore(target, { mustExist: true, ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) });

let store: Store;
/** Calls under way: a close waits for them, as closing one connection always did. */
const running = new Set<Promise<unknown>>();

/** Jobs under way, by id, to cancel. */
const jobs = new Map<number, AbortController>();
/** Hook calls waiting for the main thread's answer. */
const hookCalls = new Map<number, (result: ApiResult<unknown>) => void>();
let nextHookCall = 0;

const reportInternal = (method: string, error: unknown) =>
  send({
    kind: 'internal-error',
    method,
    message: error instanceof Error ? error.message : String(error),
    ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
  });

const dispatch = createDispatcher(createStoreHandlers({ store: () => store, appVersion: data.appVersion }), {
  onInternalError: reportInternal,
});

/** Stand-ins for the main thread's hooks: each call goes there and waits for its answer. */
function hooksFor(id: number, names: string[]) {
  const call = (name: string, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const call = nextHookCall++;
      hookCalls.set(call, (result) => {
        hookCalls.delete(call);
        if (result.ok) resolve(result.value);
        else reject(fromWireError(result.error));
      });
      send({ kind: 'hook', id, call, name, args });
    });
  return Object.fromEntries(names.map((name) => [name, (...args: unknown[]) => call(name, args)]));
}

async function runJob(message: Extract<ToWorker, { kind: 'job' }>): Promise<ApiResult<unknown>> {
  const controller = new AbortController();
  jobs.set(message.id, controller);
  const run = storeJobs[message.name] as (input: unknown, ctx: JobContext<JobName>) => Promise<unknown>;
  try {
    const value = await run(message.input, {
      store: () => store,
      signal: controller.signal,
      progress: (progress) => send({ kind: 'progress', id: message.id, progress }),
      hooks: hooksFor(message.id, message.hooks),
    });
    return { ok: true, value };
  } catch (error) {
    if (!(error instanceof AppError) && !controller.signal.aborted) reportInternal(message.name, error);
    return { ok: false, error: toWireError(error) };
  } finally {
    jobs.delete(message.id);
  }
}

async function handle(message: ToWorker): Promise<void> {
  if (message.kind === 'call') {
    send({ kind: 'answer', id: message.id, result: await dispatch(message.method, message.input) });
    return;
  }
  if (message.kind === 'job') {
    send({ kind: 'answer', id: message.id, result: await runJob(message) });
    return;
  }
  if (message.kind === 'cancel') {
    jobs.get(message.id)?.abort();
    return;
  }
  if (message.kind === 'hook-answer') {
    hookCalls.get(message.call)?.(message.result);
    return;
  }
  try {
    if (message.kind === 'reopen') {
      const previous = store;
      store = await open(message.target);
      await previous.close();
    } else {
      // A job cancelled leaves its target as it was; quitting must not wait for a whole move.
      for (const job of jobs.values()) job.abort();
      await Promise.allSettled(running);
      await store.close();
    }
    send({ kind: 'answer', id: message.id, result: { ok: true, value: null } });
  } catch (error) {
    send({ kind: 'answer', id: message.id, result: { ok: false, error: toWireError(error) } });
  }
}

try {
  store = await open(data.target);
  port.on('message', (message: ToWorker) => {
    const call = handle(message).finally(() => running.delete(call));
    if (message.kind === 'call' || message.kind === 'job') running.add(call);
  });
  send({ kind: 'ready' });
} catch (error) {
  send({ kind: 'failed', error: toWireError(error) });
}
