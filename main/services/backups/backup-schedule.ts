// The daily (or weekly) backup while the app runs: checked at start-up and
// hourly; the check is cheap and the backup runs once when due. stop() is
// for quitting: it cancels a backup under way and resolves once that backup
// has removed its partial file, so the store is never closed under it and
// the data folder is left as a whole.
import type { Logger } from '../../log.js';
import type { DatabaseService } from '../database/database-service.js';

const HOUR_MS = 60 * 60 * 1000;

export interface BackupSchedule {
  stop(): Promise<void>;
}

export function scheduleBackups(
  database: Pick<DatabaseService, 'scheduledBackup'>,
  log: Pick<Logger, 'info' | 'warn'>,
): BackupSchedule {
  const cancel = new AbortController();
  let running: Promise<void> | undefined;
  const run = () => {
    // A backup that takes longer than the hour is not started a second time.
    running ??= database
      .scheduledBackup(new Date(), { signal: cancel.signal })
      .then(
        (made) => {
          if (made) log.info(`Scheduled backup ${made.id} (${String(made.bytes)} bytes, ${String(made.ms)} ms)`);
        },
        (error: unknown) => {
          if (cancel.signal.aborted) log.info('The scheduled backup was cancelled; Spending is quitting');
          else log.warn('The scheduled backup failed; earlier backups are untouched', error);
        },
      )
      .finally(() => (running = undefined));
  };
  run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      cancel.abort();
      await running;
    },
  };
}
