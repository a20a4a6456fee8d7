// Live refresh for a copy of Spending on a shared PostgreSQL store: the
// store's notifications (db/pg/store-listener.ts) become `store:changed`
// events for the renderer. I/O only, so it runs in the main process beside
// the store workers. A SQLite store has one computer: nothing to listen to.
import type { StoreTarget } from '../../../db/open-store.js';
import type { ListenerState, StoreListenerOptions } from '../../../db/pg/store-listener.js';
import type { NotifiedTable, StoreChange } from '../../../db/store-changes.js';
import type { EventPayload } from '../../../preload/contract.js';
import type { Logger } from '../../log.js';

export type StoreChanged = EventPayload<'store:changed'>;

export interface LiveRefresh {
  close(): Promise<void>;
}

export interface LiveRefreshOptions {
  emit: (payload: StoreChanged) => void;
  log?: Pick<Logger, 'info' | 'warn'>;
  /** For tests: when to try again after losing the server (see StoreListener). */
  delay?: StoreListenerOptions['delay'];
  onState?: (state: ListenerState) => void;
}

/**
 * One event per turn of the event loop: a rule apply or an import writes in
 * many statements, which arrive together; each would otherwise refetch the
 * same queries again.
 */
export function coalesceChanges(emit: (payload: StoreChanged) => void): (change: StoreChange) => void {
  let pending: { tables: Set<NotifiedTable>; revision: number; caughtUp: boolean } | undefined;
  return (change) => {
    if (!pending) {
      pending = { tables: new Set(), revision: 0, caughtUp: false };
      setImmediate(() => {
        const batch = pending;
        pending = undefined;
        if (batch) emit({ tables: [...batch.tables], revision: batch.revision, caughtUp: batch.caughtUp });
      });
    }
    for (const table of change.kind === 'catch-up' ? change.tables : [change.table]) pending.tables.add(table);
    pending.revision = Math.max(pending.revision, change.revision);
    pending.caughtUp ||= change.kind === 'catch-up';
  };
}

export async function startLiveRefresh(
  target: StoreTarget,
  options: LiveRefreshOptions,
): Promise<LiveRefresh | undefined> {
  if (target.kind !== 'postgres') return undefined;
  const { StoreListener } = await import('../../../db/pg/store-listener.js');
  let wasLost = false;
  const listener = await StoreListener.start(target.url, {
    onChange: coalesceChanges(options.emit),
    onState: (state, error) => {
      options.onState?.(state);
      if (state === 'reconnecting' && !wasLost) {
        options.log?.warn('Lost the connection that hears changes from other computers; reconnecting', error);
        wasLost = true;
      } else if (state === 'listening' && wasLost) {
        options.log?.info('Hearing changes from other computers again');
        wasLost = false;
      }
    },
    ...(options.delay ? { delay: options.delay } : {}),
  });
  return { close: () => listener.close() };
}
