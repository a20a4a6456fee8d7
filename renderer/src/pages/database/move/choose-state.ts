// Step 1's decisions, apart from its looks: which server to suggest, and why
// "Check the move" cannot be pressed yet.
import type { DatabaseOverview } from '../../../../../preload/contract-database.js';
import type { Provider } from '../useDatabase';
import type { Choice, StoreSetting } from './wizard-state';

/**
 * The server to suggest: the main process's current one, unless the data is
 * already there. Worked out on every render, because the overview may answer
 * after the step first shows (it always does on the first visit to the page).
 */
export function suggestedProvider(overview: DatabaseOverview | undefined): Provider | null {
  if (!overview) return null;
  const inUse = overview.active.kind === 'postgres' ? overview.active.provider : null;
  return overview.server.provider === inUse ? null : overview.server.provider;
}

/** Why "Check the move" cannot be pressed yet, or null when it can. */
export function checkBlocked(state: {
  active: StoreSetting | undefined;
  overviewFailed: boolean;
  target: Choice['target'];
  provider: Provider | null;
  inUse: Provider | null;
}): string | null {
  if (!state.active)
    return state.overviewFailed
      ? 'Spending could not read where your data is now; try again above.'
      : 'Reading where your data is now…';
  if (state.target !== 'postgres') return null;
  if (!state.provider) return 'Choose the PostgreSQL server to move to.';
  if (state.provider === state.inUse) return 'Your data is already in this server. Choose another one.';
  return null;
}
