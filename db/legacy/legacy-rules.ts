// Per table of the old finance.db: which columns are dates, money, links to
// other rows, and how each source row becomes a row of ours, a row with
// field fixes, or a quarantined row. LEGACY.md's "Import rules" 3-5.
import { canonicalValue, type Canonical } from '../canonical.js';
import { TABLES, type TableName } from '../table-columns.js';
import type { IdSet } from './id-set.js';
import { legacyDate, legacyHuququllah, legacyMoney, legacyTimestamp, type Judged } from './legacy-values.js';

/** The old app's tables we have a home for, in an order where every link points backwards. */
export const LEGACY_TABLES = [
  'categories',
  'category_keywords',
  'account_mappings',
  'transactions',
  'amazon_orders',
  'amazon_transaction_matches',
  'amazon_returns',
  'apple_transactions',
  'apple_transaction_matches',
  // Only the old app's PostgreSQL database has these.
  'users',
  'bank_connections',
  'truelayer_accounts',
  'truelayer_transactions',
  'truelayer_balances',
  'webhook_events',
  'connection_logs',
  'oauth_state',
] as const satisfies readonly TableName[];
export type LegacyTable = (typeof LEGACY_TABLES)[number];

const REQUIRED_DATES = new Set([
  'transactions.date',
  'amazon_orders.order_date',
  'amazon_returns.refund_completion_date',
  'apple_transactions.order_date',
]);

/** Links: the table whose ids (or, for categories, names) a column must name. */
const REQUIRED_LINKS: Record<string, string> = {
  'category_keywords.category_name': 'categories',
  'amazon_transaction_matches.transaction_id': 'transactions',
  'amazon_transaction_matches.amazon_order_id': 'amazon_orders',
  'apple_transaction_matches.apple_transaction_id': 'apple_transactions',
  'apple_transaction_matches.bank_transaction_id': 'transactions',
  'bank_connections.user_id': 'users',
  'truelayer_accounts.connection_id': 'bank_connections',
  'truelayer_transactions.account_id': 'truelayer_accounts',
  'truelayer_balances.account_id': 'truelayer_accounts',
  'connection_logs.connection_id': 'bank_connections',
};
const OPTIONAL_LINKS: Record<string, string> = {
  'amazon_returns.original_transaction_id': 'transactions',
  'amazon_returns.refund_transaction_id': 'transactions',
};

export interface FieldFix {
  column: string;
  original: string | null;
  fixed: string | null;
  reason: string;
}

export type RowOutcome =
  { ok: true; row: Record<string, Canonical>; fixes: FieldFix[] } | { ok: false; reason: string };

/** What has been imported so far, for checking links. */
export type Imported = Record<string, IdSet>;

const text = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : `${v as string | number}`;

function judge(table: LegacyTable, column: string, value: unknown, imported: Imported): Judged<Canonical> {
  const key = `${table}.${column}`;
  const kind = TABLES[table].columns[column] ?? 'text';
  // Emptiness of required columns is judged by the caller; an optional one may be empty.
  if (value === null || value === undefined) return { ok: true, value: null };
  if (REQUIRED_DATES.has(key)) return legacyDate(value);
  if (kind === 'money') return legacyMoney(value);
  if (kind === 'timestamp') return legacyTimestamp(value);
  if (key === 'transactions.huququllah_classification') return legacyHuququllah(value);
  const required = REQUIRED_LINKS[key];
  if (required) {
    const id = typeof value === 'string' && kind !== 'text' ? Number(value) : (value as number | string);
    return imported[required]?.has(id)
      ? { ok: true, value: id }
      : { ok: false, reason: `${column} points at ${required} ${JSON.stringify(value)}, which does not exist` };
  }
  const optional = OPTIONAL_LINKS[key];
  if (optional && !imported[optional]?.has(Number(value)))
    return {
      ok: true,
      value: null,
      fix: `points at ${optional} ${text(value) ?? ''}, which does not exist; left empty`,
    };
  try {
    return { ok: true, value: canonicalValue(kind, value) };
  } catch {
    return { ok: false, reason: `${column} ${JSON.stringify(text(value))} is not a valid ${kind}` };
  }
}

/** One source row (by column name) as a row of ours, with its fixes, or the reason it cannot be one. */
export function convertRow(table: LegacyTable, source: Record<string, unknown>, imported: Imported): RowOutcome {
  const row: Record<string, Canonical> = {};
  const fixes: FieldFix[] = [];
  const { columns, required } = TABLES[table];
  for (const column of Object.keys(columns)) {
    if (!(column in source)) continue;
    if ((source[column] === null || source[column] === undefined) && required.includes(column))
      return { ok: false, reason: `${column} is empty, and every ${table} row needs one` };
    const judged = judge(table, column, source[column], imported);
    if (!judged.ok) return judged;
    row[column] = judged.value;
    if (judged.fix)
      fixes.push({ column, original: text(source[column]), fixed: text(judged.value), reason: judged.fix });
  }
  return { ok: true, row, fixes };
}
