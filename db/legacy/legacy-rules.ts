// Per table of the old finance.db: which columns are dates, money, links to
// other rows, and how each source row becomes a row of ours, a row with
// field fixes, or a quarantined row. LEGACY.md's "Import rules" 3-5.
import type { Canonical } from '../canonical.js';
import { AppError } from '../errors.js';
import { TABLES, type ColumnKind, type TableName } from '../table-columns.js';
import { originalText } from './exact-values.js';
import type { IdSet } from './id-set.js';
import {
  legacyBoolean,
  legacyConnectionStatus,
  legacyDate,
  legacyHuququllah,
  legacyId,
  legacyInteger,
  legacyJson,
  legacyMoney,
  legacyReal,
  legacyText,
  legacyTimestamp,
  shown,
  type Judged,
} from './legacy-values.js';
import { UniqueKeys } from './unique-keys.js';

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

/**
 * What has been imported so far, for checking links: ids by table, and old
 * ids whose row the store already had (a user merged by email), with the id
 * of the store's row that stands in for it.
 */
export interface Imported {
  ids: Record<string, IdSet>;
  standIns: Record<string, Map<number, number>>;
}

const text = (v: Canonical): string | null => (v === null ? null : String(v));

type Judge = (value: unknown) => Judged<Canonical>;

function judgeOf(table: LegacyTable, column: string, kind: ColumnKind, required: boolean, imported: Imported): Judge {
  const key = `${table}.${column}`;
  if (REQUIRED_DATES.has(key)) return legacyDate;
  if (key === 'transactions.huququllah_classification') return legacyHuququllah;
  if (key === 'bank_connections.connection_status') return legacyConnectionStatus;
  const link = REQUIRED_LINKS[key] ?? OPTIONAL_LINKS[key];
  if (link) {
    const linked = kind === 'text' ? legacyText : (v: unknown) => legacyInteger(v, true, column);
    return (value) => {
      const judged = linked(value);
      if (!judged.ok || judged.value === null) return judged;
      if (imported.ids[link]?.has(judged.value)) {
        const standIn = imported.standIns[link]?.get(judged.value as number);
        if (standIn === undefined || standIn === judged.value) return judged;
        const fix = `the old app's ${link} ${String(judged.value)} is this store's ${String(standIn)}`;
        return { ok: true, value: standIn, fix: [judged.fix, fix].filter(Boolean).join('; ') };
      }
      const reason = `${column} points at ${link} ${shown(judged.value)}, which does not exist`;
      return REQUIRED_LINKS[key]
        ? { ok: false, reason }
        : { ok: true, value: null, fix: [judged.fix, `${reason}; left empty`].filter(Boolean).join('; ') };
    };
  }
  switch (kind) {
    case 'money':
      return (v) => legacyMoney(v, required);
    case 'timestamp':
      return legacyTimestamp;
    case 'int':
      return (v) => legacyInteger(v, required, column);
    case 'real':
      return (v) => legacyReal(v, required, column);
    case 'bool':
      return (v) => legacyBoolean(v, required, column);
    case 'json':
      return (v) => legacyJson(v, required, column);
    case 'date':
      return legacyDate;
    case 'text':
      return legacyText;
  }
}

/** Columns our schema fills when they are left out, but refuses when given NULL: their judge decides what empty means. */
const JUDGED_WHEN_EMPTY = new Set(['bank_connections.connection_status']);

/** Every known table but categories (merged by name) is read by id. */
const keepsIds = (table: LegacyTable) => table !== 'categories';

/**
 * A known table must have the columns every row of ours needs; without them
 * there is nothing to import it into (a table made by hand, or another app's).
 */
export function requireColumns(table: LegacyTable, columns: readonly string[], location: string): void {
  const needed = [...(keepsIds(table) ? ['id'] : []), ...TABLES[table].required];
  const absent = needed.find((c) => !columns.includes(c));
  if (absent)
    throw new AppError(
      'invalid_input',
      `The ${table} table in ${location} has no "${absent}" column, which every ${table} row needs ` +
        `(its columns: ${columns.map((c) => JSON.stringify(c)).join(', ')}). Nothing was written.`,
      "Check that this is the old app's database. If a column was renamed, rename it back in a copy and import the copy.",
    );
}

/**
 * Turns one known table's source rows into rows of ours, with their fixes, or
 * the reason a row cannot be one. Holds what the table's rows claimed so far:
 * ids (the first row with an id keeps it; a later one is quarantined), unique
 * keys, and the highest id seen, which rows without an id are numbered after.
 */
export class RowConverter {
  /** The highest valid id of any source row, quarantined ones too: ids of new rows start above it. */
  highestId = 0;
  private readonly judges: { column: string; required: boolean; judgesEmpty: boolean; judge: Judge }[];
  private readonly unique: UniqueKeys;

  constructor(
    private readonly table: LegacyTable,
    columns: readonly string[],
    private readonly imported: Imported,
    private readonly ids: IdSet,
  ) {
    const { columns: kinds, required } = TABLES[table];
    this.judges = Object.entries(kinds)
      .filter(([column]) => column !== 'id' && columns.includes(column))
      .map(([column, kind]) => {
        const isRequired = required.includes(column);
        return {
          column,
          required: isRequired,
          judgesEmpty: JUDGED_WHEN_EMPTY.has(`${table}.${column}`),
          judge: judgeOf(table, column, kind, isRequired, imported),
        };
      });
    this.unique = new UniqueKeys(table, columns);
  }

  convert(source: Record<string, unknown>): RowOutcome {
    const row: Record<string, Canonical> = {};
    const fixes: FieldFix[] = [];
    const keepsId = keepsIds(this.table);
    const sourceId = source.id ?? null;
    if (keepsId && sourceId !== null) {
      const id = legacyId(sourceId);
      if (!id.ok) return id;
      this.highestId = Math.max(this.highestId, id.value);
      if (this.ids.has(id.value))
        return { ok: false, reason: `id ${String(id.value)} already belongs to an earlier ${this.table} row` };
      row.id = id.value;
    }
    for (const { column, required, judgesEmpty, judge } of this.judges) {
      const value = source[column] ?? null;
      if (value === null && !judgesEmpty) {
        if (required) return { ok: false, reason: `${column} is empty, and every ${this.table} row needs one` };
        row[column] = null;
        continue;
      }
      const judged = judge(value);
      if (!judged.ok) return judged;
      row[column] = judged.value;
      if (judged.fix) fixes.push(fieldFix(column, value, judged.value, judged.fix));
    }
    const clash = this.unique.clash(row);
    if (clash) return { ok: false, reason: clash };
    if (keepsId && sourceId === null) {
      // Nothing can point at a row without an id: it takes the next free one.
      // Rows are read with these last (legacy-source.ts), after every id the table uses.
      const id = this.highestId + 1;
      if (!legacyId(id).ok) return { ok: false, reason: 'the row has no id, and no id is left to give it' };
      this.highestId = id;
      row.id = id;
      fixes.unshift(fieldFix('id', null, id, 'no id; given the next one after every id the table uses'));
    }
    if (keepsId) this.ids.add(row.id as number);
    this.unique.add(row);
    return { ok: true, row, fixes };
  }
}

function fieldFix(column: string, original: unknown, fixed: Canonical, reason: string): FieldFix {
  const { text: originalValue, base64 } = originalText(original);
  return {
    column,
    original: originalValue,
    fixed: text(fixed),
    reason: base64 ? `${reason} (original_value: its bytes in base64)` : reason,
  };
}
