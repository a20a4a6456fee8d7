// How an account is told in words on the Accounts and Transactions pages.
import type { Account } from '../../../../db/imports/account-model.js';
import type { AccountKind } from '../../../../db/imports/import-model.js';
import { formatDate } from '../../format';

export const KIND_LABELS: Record<AccountKind, string> = {
  current: 'Current account',
  credit_card: 'Credit card',
  savings: 'Savings',
};

/** Where its balance comes from, e.g. "reported by the bank, 3 May 2025" or "sum of 12 transactions". */
export function balanceSource(a: Account): string {
  if (a.balanceFrom === 'bank')
    return `reported by the bank${a.balanceAt ? `, ${formatDate(a.balanceAt.slice(0, 10))}` : ''}`;
  return 'sum of its transactions';
}

/** When rows last arrived, e.g. "Synced 3 May 2025" or "Imported 1 Apr 2025"; "Never" for neither. */
export function lastArrival(a: Account): string {
  const parts: string[] = [];
  if (a.lastSyncAt) parts.push(`Synced ${formatDate(a.lastSyncAt.slice(0, 10))}`);
  if (a.lastImportAt) parts.push(`Imported ${formatDate(a.lastImportAt.slice(0, 10))}`);
  return parts.join(' · ') || (a.bank ? 'Not synced yet' : 'Nothing imported');
}
