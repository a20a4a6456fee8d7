// What a PostgreSQL store tells the other copies of Spending using it when a
// write commits (the triggers of migration 0015_live_refresh): one channel,
// one small JSON payload per statement. No driver import, so the renderer and
// the contract can use the names.
import { z } from 'zod';

export const STORE_CHANNEL = 'spending_store_changed';

/** The tables whose writes other copies must see; the migration puts a trigger on each. */
export const NOTIFIED_TABLES = [
  'transactions',
  'categories',
  'category_keywords',
  'rules',
  'rule_runs',
  'accounts',
  'account_mappings',
  'statement_imports',
  'import_profiles',
  'bank_connections',
  'truelayer_accounts',
  'truelayer_balances',
  'budgets',
] as const;
export type NotifiedTable = (typeof NOTIFIED_TABLES)[number];

/** Per table a sequence counts its writing statements; `store_revision` counts them all. */
export const REVISION_SEQUENCE = 'store_revision';
export const tableRevisionSequence = (table: NotifiedTable) => `${REVISION_SEQUENCE}_${table}`;

export const StoreNotification = z.object({
  table: z.enum(NOTIFIED_TABLES),
  op: z.enum(['insert', 'update', 'delete', 'truncate']),
  /** Rows the statement wrote; null for a TRUNCATE. */
  count: z.number().int().nullable(),
  /** The rows' ids when there were at most 100 of them (and the table has an id column). */
  ids: z.array(z.number().int().nullable()).nullable(),
  revision: z.number().int(),
  tableRevision: z.number().int(),
});
export type StoreNotification = z.infer<typeof StoreNotification>;

/** What a copy learns: from one notification, or after a gap by comparing revisions. */
export type StoreChange =
  ({ kind: 'notification' } & StoreNotification) | { kind: 'catch-up'; tables: NotifiedTable[]; revision: number };
