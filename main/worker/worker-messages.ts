// What the main thread and a store worker say to each other (structured clones).
import { AppError, type ErrorCode } from '../../db/errors.js';
import type { StoreTarget } from '../../db/open-store.js';
import type { ApiResult, WireError } from '../../preload/contract.js';
import type { JobName } from './store-jobs.js';

export interface StoreWorkerData {
  target: StoreTarget;
  appVersion: string;
  /** better-sqlite3 built for Electron, in development (see main/index.ts). */
  nativeBinding?: string;
}

export type ToWorker =
  | { kind: 'call'; id: number; method: string; input: unknown }
  /** A long job (store-jobs.ts); `hooks` names the callbacks the main thread serves for it. */
  | { kind: 'job'; id: number; name: JobName; input: unknown; hooks: string[] }
  /** The user cancelled job `id`. */
  | { kind: 'cancel'; id: number }
  /** What a hook call (`call`) gave. */
  | { kind: 'hook-answer'; call: number; result: ApiResult<unknown> }
  /** The user switched stores: open this one, then close the old. */
  | { kind: 'reopen'; id: number; target: StoreTarget }
  /** Quitting: cancel the jobs, finish the calls under way, then close the store. */
  | { kind: 'close'; id: number };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'failed'; error: WireError }
  | { kind: 'answer'; id: number; result: ApiResult<unknown> }
  /** Job `id` got this far. */
  | { kind: 'progress'; id: number; progress: unknown }
  /** Job `id` asks the main thread to run one of its hooks. */
  | { kind: 'hook'; id: number; call: number; name: string; args: unknown[] }
  /** An unexpected failure, for the main thread's log; the caller got a generic message. */
  | { kind: 'internal-error'; method: string; message: string; stack?: string };

/** Back from the wire: the errors sent come from toWireError, which only makes ErrorCode codes. */
export const fromWireError = (error: WireError) =>
  new AppError(error.code as ErrorCode, error.message, error.remedy, error.field);
