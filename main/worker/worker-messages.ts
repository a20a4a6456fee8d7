// What the main thread and a store worker say to each other (structured clones).
import type { StoreTarget } from '../../db/open-store.js';
import type { ApiResult, WireError } from '../../preload/contract.js';

export interface StoreWorkerData {
  target: StoreTarget;
  appVersion: string;
  /** better-sqlite3 built for Electron, in development (see main/index.ts). */
  nativeBinding?: string;
}

export type ToWorker =
  | { kind: 'call'; id: number; method: string; input: unknown }
  /** The user switched stores: open this one, then close the old. */
  | { kind: 'reopen'; id: number; target: StoreTarget }
  /** Quitting: finish the calls under way, then close the store. */
  | { kind: 'close'; id: number };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'failed'; error: WireError }
  | { kind: 'answer'; id: number; result: ApiResult<unknown> }
  /** An unexpected failure, for the main thread's log; the caller got a generic message. */
  | { kind: 'internal-error'; method: string; message: string; stack?: string };
