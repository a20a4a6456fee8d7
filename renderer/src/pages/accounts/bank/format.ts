// How linked banks are told in words: statuses, times, sync progress and results.
import { format, parseISO } from 'date-fns';
import type { BankConnection, SyncSummary } from '../../../../../preload/contract-bank.js';
import { formatCount, plural } from '../../../format';
import type { SyncProgress } from './link-state';

export const STATUS_LABELS: Record<BankConnection['status'], string> = {
  active: 'Active',
  needs_reconnect: 'Needs reconnect',
  disconnected: 'Disconnected',
};

/** The Database page's badge colours: good, bad, idle. */
export const STATUS_BADGES: Record<BankConnection['status'], string> = {
  active: 'state-badge--good',
  needs_reconnect: 'state-badge--bad',
  disconnected: 'state-badge--idle',
};

/** "12 Mar 2026, 14:05", in local time. */
export function formatDateTime(iso: string): string {
  return format(parseISO(iso), 'd MMM yyyy, HH:mm');
}

export function consentText(daysLeft: number): string {
  if (daysLeft === 0) return 'Consent ends today';
  return `Consent ends in ${plural(daysLeft, 'day')}`;
}

export function syncMessage(progress: SyncProgress): string {
  switch (progress.phase) {
    case 'accounts':
      return 'Finding your accounts…';
    case 'account':
      return `Syncing ${progress.account ?? 'an account'} (${progress.accountsDone + 1} of ${progress.accountsTotal}), ${plural(progress.transactions, 'transaction')}`;
    case 'done':
      return `Synced ${plural(progress.accountsTotal, 'account')}, ${plural(progress.transactions, 'transaction')}`;
  }
}

/** "5 new transactions, 2 updated, 6 pending": what a sync brought. */
export function syncCounts(summary: SyncSummary): string {
  const parts = [plural(summary.inserted, 'new transaction')];
  if (summary.updated) parts.push(`${formatCount(summary.updated)} updated`);
  parts.push(`${formatCount(summary.pending)} pending`);
  return parts.join(', ');
}

/** Empty when every transaction could be read. */
export function unreadableText({ unreadable }: SyncSummary): string {
  if (!unreadable) return '';
  const what = plural(unreadable, 'transaction the bank sent', 'transactions the bank sent');
  return `${what} could not be read: kept in the sync log (spending bank log), not in your transactions.`;
}

/** What the bank would not give, e.g. "Standing orders for Easy Saver (endpoint_not_supported)". */
export function skippedText(skipped: SyncSummary['skipped']): string {
  return skipped
    .map(
      ({ account, feature, reason }) =>
        `${feature.replace(/_/g, ' ')}${account === '*' ? '' : ` for ${account}`} (${reason})`,
    )
    .join('; ');
}
