// Sync while the app runs and the user is away: every `syncIntervalHours`
// (6 by default, so each endpoint is called four times a day, the banks'
// unattended allowance), every active connection, budgeted per account.
import type { TrueLayerService } from './truelayer-service.js';

const HOUR_MS = 3_600_000;

export interface BackgroundSync {
  stop(): void;
}

export function scheduleBackgroundSync(
  service: TrueLayerService,
  log: { warn(message: string, ...details: unknown[]): void },
): BackgroundSync {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const plan = async () => {
    const hours = (await service.settings()).syncIntervalHours;
    if (stopped) return;
    timer = setTimeout(() => void run(), hours * HOUR_MS);
    timer.unref();
  };
  const run = async () => {
    try {
      for (const r of await service.syncAll({ unattended: true })) {
        if (!r.ok) log.warn(`Background sync of bank connection ${r.connectionId} failed: ${r.error ?? ''}`);
      }
    } catch (error) {
      log.warn('Background bank sync failed', error);
    }
    await plan().catch((error: unknown) => log.warn('Could not schedule the next bank sync', error));
  };
  void plan().catch((error: unknown) => log.warn('Could not schedule bank sync', error));
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
