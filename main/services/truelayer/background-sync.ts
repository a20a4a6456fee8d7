// Sync while the app runs and the user is away. Each linked bank is synced
// once `syncIntervalHours` (6 by default) have passed since its last sync or
// background attempt, counted from what the store says rather than from when
// the app started: someone who opens Spending for an hour a day still gets a
// sync, and a "Sync now" pushes the next background one back. The unattended
// budget caps calls per account at the banks' allowance whatever the timing.
import type { TrueLayerService } from './truelayer-service.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Start-up and the user's own first clicks come before any bank traffic. */
export const FIRST_CHECK_MS = MINUTE_MS;
/**
 * The longest sleep between checks, so a new link, a changed interval or a
 * laptop waking from sleep is noticed within the hour; a check reads only
 * settings and the connection list.
 */
export const MAX_SLEEP_MS = HOUR_MS;

export interface BackgroundSync {
  /**
   * For quitting: no more checks, a sync under way is cancelled at its next bank call, and the
   * promise resolves once it has ended, so the store is not closed under it.
   */
  stop(): Promise<void>;
}

type Syncs = Pick<TrueLayerService, 'settings' | 'syncableConnections' | 'sync'>;

export function scheduleBackgroundSync(
  service: Syncs,
  log: { warn(message: string, ...details: unknown[]): void },
  now: () => number = Date.now,
): BackgroundSync {
  // A failed attempt waits a whole interval too, instead of hammering a bank that is down.
  const attempted = new Map<number, number>();
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<void> | undefined;
  const stopping = new AbortController();
  const stopped = stopping.signal;

  const arm = (ms: number) => {
    if (stopped.aborted) return;
    timer = setTimeout(
      () => {
        checking = check().finally(() => (checking = undefined));
      },
      Math.min(MAX_SLEEP_MS, Math.max(MINUTE_MS, ms)),
    );
    timer.unref();
  };

  const check = async () => {
    let sleep = MAX_SLEEP_MS;
    try {
      const interval = (await service.settings()).syncIntervalHours * HOUR_MS;
      const dueAt = (c: { id: number; lastSyncedAt: string | null }) =>
        Math.max(c.lastSyncedAt ? Date.parse(c.lastSyncedAt) : 0, attempted.get(c.id) ?? 0) + interval;
      for (const c of await service.syncableConnections()) {
        if (stopped.aborted) return;
        if (dueAt(c) > now()) continue;
        attempted.set(c.id, now());
        await service.sync(c.id, { unattended: true, signal: stopped }).catch((error: unknown) => {
          if (stopped.aborted) return;
          log.warn(
            `Background sync of bank connection ${c.id} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
      }
      const next = (await service.syncableConnections()).map(dueAt);
      if (next.length) sleep = Math.min(...next) - now();
    } catch (error) {
      log.warn('Background bank sync could not run; it tries again within the hour', error);
    }
    arm(sleep);
  };

  arm(FIRST_CHECK_MS);
  return {
    stop: async () => {
      stopping.abort();
      clearTimeout(timer);
      await checking;
    },
  };
}
