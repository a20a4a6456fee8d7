// The main thread's side of the store workers: starts them, routes the store
// methods to them and everything else to the main thread's own handlers,
// answers with the same ApiResult the in-thread dispatcher gives.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../db/errors.js';
import type { StoreTarget } from '../../db/open-store.js';
import type { ApiResult, WireError } from '../../preload/contract.js';
import type { Dispatch } from '../ipc/dispatch.js';
import { STORE_READS, STORE_WRITES, type StoreMethod } from '../ipc/store-handlers.js';
import { toWireError } from '../ipc/dispatch.js';
import type { JobName, RunJob, RunJobOptions } from './store-jobs.js';
import { fromWireError, type FromWorker, type StoreWorkerData, type ToWorker } from './worker-messages.js';

/**
 * Two connections: the writer takes every change in order, and a read goes to
 * whichever worker has less to do, so a one-second report leaves the other free
 * for the quick queries a page makes meanwhile. More would only add memory.
 */
const WORKERS = 2;

export const WORKER_GONE: WireError = {
  code: 'unavailable',
  message: 'The part of Spending that reads and writes the store stopped unexpectedly.',
  remedy: 'Try again in a moment: Spending starts it again. If it keeps happening, the log has the details.',
};
const CLOSED: WireError = { code: 'unavailable', message: 'The store is closed.' };

const writes = new Set<string>(STORE_WRITES);
const storeMethods = new Set<string>([...STORE_WRITES, ...STORE_READS]);
export const isStoreMethod = (method: string): method is StoreMethod => storeMethods.has(method);

export interface StoreWorkersOptions extends StoreWorkerData {
  /**
   * A built worker bundle to run (the UI harness runs the app's out/main/store-worker.js);
   * by default the one beside this module, or its source.
   */
  script?: string;
  /** Unexpected failures inside a worker, and a worker that died, for the log. */
  onError: (message: string, error: Error) => void;
}

/**
 * A dead thread is replaced at once the first time; if its replacement dies
 * too before it has run a minute, the next waits 0.5 s, then 1 s, 2 s… up to
 * 30 s, so a store that kills every thread (a corrupt page, a native crash)
 * does not spin one up after another. Calls meanwhile get WORKER_GONE at once.
 */
export const RESTART = { firstPauseMs: 500, maxPauseMs: 30_000, stableMs: 60_000 };

/** How long to wait before the next thread, after `crashes` deaths in a row (the one just now included). */
export function restartPause(crashes: number): number {
  return crashes <= 1 ? 0 : Math.min(RESTART.maxPauseMs, RESTART.firstPauseMs * 2 ** (crashes - 2));
}

export interface StoreWorkers {
  /**
   * Settles once every thread has opened the store, or rejects with why one could not
   * (its calls get that error too). Handle its rejection: nothing else does.
   */
  ready: Promise<void>;
  /** Answers the store methods (isStoreMethod) in a worker. */
  dispatch: Dispatch;
  /**
   * Runs a long job (store-jobs.ts) in a thread of its own, started on the first
   * job, so neither the main thread nor the store methods wait on its pages.
   * Fails with the job's AppError, as running it here would.
   */
  runJob: RunJob;
  /** Points every worker at the store the user switched to. */
  reopen(target: StoreTarget): Promise<void>;
  /** Lets the calls under way finish, closes the workers' connections and ends the threads. */
  close(): Promise<void>;
  /** The threads running now, for diagnostics (and tests that see what a dead one does). */
  readonly threads: readonly Worker[];
}

/**
 * The bundle beside the built main process (out/main/store-worker.js); when
 * running from source (tests, benches) the TypeScript file, through tsx's
 * tsImport: Node 20 does not apply `--import tsx` to a worker's first module.
 */
function newWorkerThread(workerData: StoreWorkerData, script: string | undefined): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = script ?? join(here, 'store-worker.js');
  if (existsSync(built)) return new Worker(built, { workerData });
  if (script) throw new Error(`There is no store worker at ${script}: build the app first (npx electron-vite build).`);
  const source = pathToFileURL(join(here, 'store-worker.ts')).href;
  const boot = `import { tsImport } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};
await tsImport(${JSON.stringify(source)}, import.meta.url);`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData });
}

/** A message to a worker that it answers, before it gets its id. */
type Request = {
  [K in 'call' | 'job' | 'reopen' | 'close']: Omit<Extract<ToWorker, { kind: K }>, 'id'>;
}['call' | 'job' | 'reopen' | 'close'];

type AnyHook = (...args: unknown[]) => Promise<unknown>;

class StoreWorker {
  readonly worker: Worker;
  /** Settles when the thread has opened the store, or could not. */
  readonly ready: Promise<void>;
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();
  /** The jobs under way: where their progress goes and the hooks they may call. */
  private readonly jobs = new Map<number, Pick<RunJobOptions<JobName>, 'onProgress' | 'hooks'>>();
  private nextId = 0;
  /** Why this worker answers no more: every call gets this instead. */
  private gone: WireError | undefined;
  /** It ended as asked (closed) or could not open the store: either way no new thread would help. */
  private meantToEnd = false;

  constructor(
    data: StoreWorkerData,
    { onError, script }: Pick<StoreWorkersOptions, 'onError' | 'script'>,
    /** The thread died unexpectedly, after every call it had was answered with WORKER_GONE. */
    onCrash: () => void,
  ) {
    this.worker = newWorkerThread(data, script);
    this.ready = new Promise((resolve, reject) => {
      const fail = (reason: WireError) => {
        this.stop(reason);
        reject(fromWireError(reason));
      };
      this.worker.on('message', (message: FromWorker) => {
        if (message.kind === 'ready') resolve();
        else if (message.kind === 'failed') {
          this.meantToEnd = true;
          fail(message.error);
        } else if (message.kind === 'answer') this.settle(message.id, message.result);
        else if (message.kind === 'progress') this.jobs.get(message.id)?.onProgress?.(message.progress as never);
        else if (message.kind === 'hook') void this.serveHook(message, onError);
        else onError(`${message.method} failed`, Object.assign(new Error(message.message), { stack: message.stack }));
      });
      this.worker.on('error', (error) => {
        onError('A store worker failed', error);
        fail(WORKER_GONE);
      });
      this.worker.on('exit', (code) => {
        const crashed = !this.meantToEnd;
        if (crashed) onError('A store worker stopped', new Error(`The thread ended with code ${String(code)}`));
        fail(WORKER_GONE);
        if (crashed) onCrash();
      });
    });
  }

  get load(): number {
    return this.pending.size;
  }

  send(message: Request): Promise<ApiResult<unknown>> {
    if (this.gone) return Promise.resolve({ ok: false, error: this.gone });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      // Sent before the thread has opened the store, it waits in the thread's queue.
      this.worker.postMessage({ ...message, id } satisfies ToWorker);
    });
  }

  /** Runs a job in this thread; its progress and hook calls come back here while it runs. */
  async runJob<N extends JobName>(
    name: N,
    input: unknown,
    { signal, onProgress, hooks = {} }: RunJobOptions<N>,
  ): Promise<ApiResult<unknown>> {
    // The id send() is about to give the job, so progress arriving for it finds its listener.
    const id = this.nextId;
    this.jobs.set(id, { onProgress, hooks });
    const cancel = () => this.worker.postMessage({ kind: 'cancel', id } satisfies ToWorker);
    signal?.addEventListener('abort', cancel);
    try {
      const answer = this.send({ kind: 'job', name, input, hooks: Object.keys(hooks) });
      if (signal?.aborted) cancel();
      return await answer;
    } finally {
      signal?.removeEventListener('abort', cancel);
      this.jobs.delete(id);
    }
  }

  private async serveHook(
    { id, call, name, args }: Extract<FromWorker, { kind: 'hook' }>,
    onError: StoreWorkersOptions['onError'],
  ): Promise<void> {
    const hook = (this.jobs.get(id)?.hooks as Record<string, AnyHook> | undefined)?.[name];
    let result: ApiResult<unknown>;
    try {
      if (!hook) throw new Error(`The job has no hook ${name}`);
      result = { ok: true, value: await hook(...args) };
    } catch (error) {
      if (!(error instanceof AppError)) onError(`The job's ${name} failed`, error as Error);
      result = { ok: false, error: toWireError(error) };
    }
    if (!this.gone) this.worker.postMessage({ kind: 'hook-answer', call, result } satisfies ToWorker);
  }

  async close(): Promise<void> {
    this.meantToEnd = true;
    const closed = this.gone ? undefined : await this.send({ kind: 'close' });
    this.stop(CLOSED);
    await this.worker.terminate();
    if (closed && !closed.ok) throw fromWireError(closed.error);
  }

  /** From now on every call, those still waiting included, gets `reason` (the first one given). */
  private stop(reason: WireError): void {
    this.gone ??= reason;
    for (const id of this.pending.keys()) this.settle(id, { ok: false, error: this.gone });
  }

  private settle(id: number, result: ApiResult<unknown>): void {
    this.pending.get(id)?.(result);
    this.pending.delete(id);
  }
}

/** One thread's place: the worker in it now, replaced when it dies (see RESTART). */
class WorkerSlot {
  worker: StoreWorker;
  private crashes = 0;
  private startedAt = Date.now();
  private pause: NodeJS.Timeout | undefined;

  constructor(
    private readonly start: (onCrash: () => void) => StoreWorker,
    private readonly onError: StoreWorkersOptions['onError'],
  ) {
    this.worker = start(() => this.crashed());
  }

  private crashed(): void {
    // A thread that ran a good while died of something new: start counting again.
    if (Date.now() - this.startedAt >= RESTART.stableMs) this.crashes = 0;
    const pause = restartPause(++this.crashes);
    const restart = () => {
      this.pause = undefined;
      this.startedAt = Date.now();
      this.worker = this.start(() => this.crashed());
      this.worker.ready.catch((error: unknown) =>
        this.onError('A restarted store worker could not open the store', error as Error),
      );
    };
    if (pause === 0) restart();
    else this.pause = setTimeout(restart, pause);
  }

  async close(): Promise<void> {
    clearTimeout(this.pause);
    await this.worker.close();
  }
}

function throwIfFailed(result: ApiResult<unknown>): void {
  if (!result.ok) throw fromWireError(result.error);
}

/**
 * Starts the threads without waiting for them: calls made meanwhile queue in
 * them, so the first page is not held back by a thread opening the store.
 */
export function startStoreWorkers(options: StoreWorkersOptions): StoreWorkers {
  const { onError, script, ...data } = options;
  // A replacement opens the store the others have now, not the one they started on.
  let current = data.target;
  const slot = () =>
    new WorkerSlot(
      (onCrash) => new StoreWorker({ ...data, target: current }, { onError, ...(script ? { script } : {}) }, onCrash),
      onError,
    );
  const slots = Array.from({ length: WORKERS }, slot);
  const [writer] = slots as [WorkerSlot, ...WorkerSlot[]];
  let jobs: WorkerSlot | undefined;
  const jobThread = () => {
    if (jobs) return jobs.worker;
    jobs = slot();
    slots.push(jobs);
    // Its jobs get the reason it could not start; nothing else waits on it.
    jobs.worker.ready.catch(() => undefined);
    return jobs.worker;
  };
  const workers = () => slots.map((s) => s.worker);
  const readers = () => slots.filter((s) => s !== jobs).map((s) => s.worker);
  // Ties go to the last worker, keeping the writer free for the next change.
  const leastBusy = () => readers().reduce((best, w) => (w.load <= best.load ? w : best));
  return {
    ready: Promise.all(workers().map((w) => w.ready)).then(() => undefined),
    runJob: async (name, input, options = {}) => {
      const result = await jobThread().runJob(name, input, options);
      if (!result.ok) throw fromWireError(result.error);
      return result.value as never;
    },
    dispatch: (method, input) =>
      (writes.has(method) ? writer.worker : leastBusy()).send({ kind: 'call', method, input }),
    reopen: async (target) => {
      const switching = workers();
      const results = await Promise.all(switching.map((w) => w.send({ kind: 'reopen', target })));
      const failed = results.find((r) => !r.ok);
      if (!failed) {
        current = target;
        return;
      }
      // All or none: the threads that switched go back, so every connection names the same store.
      await Promise.all(
        switching.filter((_, i) => results[i]?.ok).map((w) => w.send({ kind: 'reopen', target: current })),
      );
      throwIfFailed(failed);
    },
    close: async () => {
      await Promise.all(slots.map((s) => s.close()));
    },
    get threads() {
      return workers().map((w) => w.worker);
    },
  };
}

/** Store methods to the workers, the rest (dialogs, the browser, services not moved yet) to `local`. */
export function routeStoreMethods(workers: Pick<StoreWorkers, 'dispatch'>, local: Dispatch): Dispatch {
  return (method, input) => (isStoreMethod(method) ? workers.dispatch(method, input) : local(method, input));
}
