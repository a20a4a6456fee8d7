// One backup at a time per store in this process, whatever asks for it (the
// Database page, the schedule, a move or an import): a second request for the
// same store joins the backup already running and gets the same result, rather
// than copying the whole store again seconds later. The running one stays
// findable, with its latest progress, so a page opened later can show it and
// cancel it.
import type { BackupManifest } from './backup-files.js';
import type { BackupProgress, RunOptions } from './backup-service.js';

export interface RunningBackup {
  /** The store being backed up: a SQLite path, or `postgres:<provider>`. */
  store: string;
  trigger: BackupManifest['trigger'];
  startedAt: string;
  progress: BackupProgress | null;
}

interface Job extends RunningBackup {
  controller: AbortController;
  listeners: Set<(progress: BackupProgress) => void>;
  result: Promise<BackupManifest>;
}

export class RunningBackups {
  private readonly jobs = new Map<string, Job>();

  /** Runs `work` for `store`, or joins the backup of that store already running. */
  run(
    store: string,
    options: RunOptions,
    work: (options: RunOptions & { signal: AbortSignal }) => Promise<BackupManifest>,
  ): Promise<BackupManifest> {
    const running = this.jobs.get(store);
    if (running) return join(running, options);
    const controller = new AbortController();
    // The caller that started it (Ctrl-C, a cancelled move) can still cancel it.
    if (options.signal?.aborted) controller.abort();
    options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const listeners = new Set<(progress: BackupProgress) => void>();
    if (options.onProgress) listeners.add(options.onProgress);
    const job: Job = {
      store,
      trigger: options.trigger ?? 'manual',
      startedAt: new Date().toISOString(),
      progress: null,
      controller,
      listeners,
      result: Promise.resolve(null as unknown as BackupManifest),
    };
    job.result = work({
      ...options,
      signal: controller.signal,
      onProgress: (progress) => {
        job.progress = progress;
        for (const listener of listeners) listener(progress);
      },
    }).finally(() => this.jobs.delete(store));
    this.jobs.set(store, job);
    return job.result;
  }

  find(store: string): RunningBackup | undefined {
    const job = this.jobs.get(store);
    return job && { store: job.store, trigger: job.trigger, startedAt: job.startedAt, progress: job.progress };
  }

  /** Waits for the running backup of `store`; undefined when there is none. */
  follow(store: string): Promise<BackupManifest> | undefined {
    const job = this.jobs.get(store);
    return job && join(job, {});
  }

  cancel(store: string): boolean {
    const job = this.jobs.get(store);
    job?.controller.abort();
    return Boolean(job);
  }
}

/** A joiner's own cancel stops its wait, not the backup someone else asked for. */
function join(job: Job, options: RunOptions): Promise<BackupManifest> {
  const listener = options.onProgress;
  if (listener) job.listeners.add(listener);
  const done = job.result.finally(() => listener && job.listeners.delete(listener));
  const signal = options.signal;
  if (!signal) return done;
  return Promise.race([
    done,
    new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason as Error);
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
    }),
  ]);
}
