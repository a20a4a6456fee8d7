// Runs in a worker thread: opens its own connection to the active store and
// answers the store methods, so a long query blocks this thread, never the
// main one (which draws nothing but must answer the window, timers and IPC).
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../../db/open-store.js';
import type { Store } from '../../db/store.js';
import { createDispatcher, toWireError } from '../ipc/dispatch.js';
import { createStoreHandlers } from '../ipc/store-handlers.js';
import type { FromWorker, StoreWorkerData, ToWorker } from './worker-messages.js';

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

const dispatch = createDispatcher(createStoreHandlers({ store: () => store, appVersion: data.appVersion }), {
  onInternalError: (method, error) =>
    send({
      kind: 'internal-error',
      method,
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
    }),
});

async function handle(message: ToWorker): Promise<void> {
  if (message.kind === 'call') {
    send({ kind: 'answer', id: message.id, result: await dispatch(message.method, message.input) });
    return;
  }
  try {
    if (message.kind === 'reopen') {
      const previous = store;
      store = await open(message.target);
      await previous.close();
    } else {
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
    if (message.kind === 'call') running.add(call);
  });
  send({ kind: 'ready' });
} catch (error) {
  send({ kind: 'failed', error: toWireError(error) });
}
