// How the move wizard words stores, times, rates and sizes.
import { formatMegabytes } from '../format';
import { PROVIDER_LABELS } from '../useDatabase';
import type { StoreSetting } from './wizard-state';

/** "PostgreSQL (Without Docker)" or "SQLite file", with the file's path apart so it can be set in mono. */
export function describeStore(store: StoreSetting): { kind: string; path: string | null } {
  return store.kind === 'sqlite'
    ? { kind: 'SQLite file', path: store.path }
    : { kind: `PostgreSQL (${PROVIDER_LABELS[store.provider]})`, path: null };
}

/** One line, for sentences: "PostgreSQL (Without Docker)", "the SQLite file /home/…/spending.sqlite". */
export function storeName(store: StoreSetting): string {
  const { kind, path } = describeStore(store);
  return path ? `the SQLite file ${path}` : kind;
}

/** For a store's name at the start of a sentence. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const count = (n: number) => Math.round(n).toLocaleString('en-GB');

/** "about 4 seconds", "about 3 minutes": a rough figure, worded as one. */
export function formatSeconds(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 1.5) return 'about a second';
  if (seconds < 90) return `about ${count(seconds)} seconds`;
  if (seconds < 90 * 60) return `about ${count(seconds / 60)} minutes`;
  return `about ${(seconds / 3600).toLocaleString('en-GB', { maximumFractionDigits: 1 })} hours`;
}

export function formatRate(rowsPerSecond: number): string {
  return `${count(rowsPerSecond)} rows/s`;
}

/** Free disk space: GB once it is that large, else MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1e9) return formatMegabytes(bytes);
  return `${(bytes / 1e9).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} GB`;
}

/** "transactions" as is; "amazon_orders" as "amazon orders". */
export function tableLabel(table: string): string {
  return table.replaceAll('_', ' ');
}
