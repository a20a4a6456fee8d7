// The progress of one bank's Sync now, from the bank:progress reports the
// service sends for every sync. Each report is kept with the run it belongs
// to, so an earlier sync's last report never shows for the next one.
import { useEffect, useState } from 'react';
import type { SyncProgress } from './link-state';

/** `run`: something unique to the sync under way (its start time), or null while none is. */
export function useSyncProgress(connectionId: number, run: number | null): SyncProgress | null {
  const [latest, setLatest] = useState<{ run: number; progress: SyncProgress } | null>(null);
  useEffect(() => {
    if (run === null || !('api' in window)) return;
    return window.api.on('bank:progress', (event) => {
      if (event.phase !== 'accounts' && event.phase !== 'account' && event.phase !== 'done') return;
      if (event.connectionId === connectionId) setLatest({ run, progress: event });
    });
  }, [connectionId, run]);
  return latest && latest.run === run ? latest.progress : null;
}
