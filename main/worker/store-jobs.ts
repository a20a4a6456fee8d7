// The long jobs (a move, a statement import) that run in a store worker for the main
// thread: their synchronous SQLite pages then block that thread, never the
// one answering the window. runJob (store-workers.ts) starts one there; the
// CLI and tests run the same functions in their own thread with runJobHere.
import type { MoveOptions } from '../../db/datamover/move-store.js';
import { moveStore } from '../../db/datamover/move-store.js';
import type { MoveProgress, MoveReport } from '../../db/datamover/move-report.js';
import type { Store } from '../../db/store.js';
import {
  importStatementFile,
  type FileImportReport,
  type ImportFileOptions,
} from '../services/finance/imports/import-statement.js';

/**
 * What each job takes (structured-cloneable), gives back, reports as it goes,
 * and the callbacks it may make into the main thread (`hooks`: a backup, the
 * keychain: what only the app's own services there can do).
 */
interface JobSpecs {
  importStatement: {
    input: ImportFileOptions & { path: string };
    output: FileImportReport;
    progress: never;
    hooks: Record<string, never>;
  };
  moveStore: {
    input: Omit<MoveOptions, 'beforeWrite' | 'signal' | 'onProgress'>;
    output: MoveReport;
    progress: MoveProgress;
    hooks: Pick<MoveOptions, 'beforeWrite'>;
  };
}

export type JobName = keyof JobSpecs;
export type JobInput<N extends JobName> = JobSpecs[N]['input'];
export type JobOutput<N extends JobName> = JobSpecs[N]['output'];
export type JobProgress<N extends JobName> = JobSpecs[N]['progress'];
export type JobHooks<N extends JobName> = JobSpecs[N]['hooks'];

export interface JobContext<N extends JobName> {
  /** The store in use, on the running thread's own connection. */
  store: () => Store;
  signal: AbortSignal;
  progress: (progress: JobProgress<N>) => void;
  hooks: Partial<JobHooks<N>>;
}

/** How the caller follows, cancels and serves one job; the same wherever it runs. */
export interface RunJobOptions<N extends JobName> {
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress<N>) => void;
  hooks?: Partial<JobHooks<N>>;
}

export type RunJob = <N extends JobName>(
  name: N,
  input: JobInput<N>,
  options?: RunJobOptions<N>,
) => Promise<JobOutput<N>>;

export const storeJobs: { [N in JobName]: (input: JobInput<N>, ctx: JobContext<N>) => Promise<JobOutput<N>> } = {
  importStatement: ({ path, ...options }, { store }) => importStatementFile(store(), path, options),
  moveStore: (input, { signal, progress, hooks }) => moveStore({ ...input, ...hooks, signal, onProgress: progress }),
};

const noStore = (): Store => {
  throw new Error('This job runner was given no store.');
};

/** Runs a job in this thread (the CLI, tests), with what runJob would give the worker. */
export function runJobHere(store: () => Store = noStore): RunJob {
  return (name, input, { signal = new AbortController().signal, onProgress, hooks = {} } = {}) =>
    storeJobs[name](input, { store, signal, progress: (p) => onProgress?.(p), hooks });
}
