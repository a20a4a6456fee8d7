// Filters, keyset pagination and aggregates over `transactions`, written once
// for both dialects.
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../errors.js';
import {
  IsoDate,
  Pence,
  type SortDirection,
  type SortKey,
  type Transaction,
  type TransactionFilter,
} from '../model.js';
import { foldForSearch } from '../search-fold.js';
import { readInt, type Dialect } from './dialect.js';
import type { Row } from './executor.js';

const PLAIN_COLUMNS = sql.raw(
  'id, date, description, amount, category, merchant, source_file, huququllah_classification, account_id',
);
/** The columns as stored, for inner queries whose rows are formatted by an outer one. */
const RAW_COLUMNS = sql`${PLAIN_COLUMNS}, created_at`;

export function transactionColumns(d: Dialect): SQL {
  return sql`${PLAIN_COLUMNS}, ${d.isoInstant(sql`created_at`)} AS created_at`;
}

export function rowToTransaction(d: Dialect, row: Row): Transaction {
  return {
    id: readInt(row.id),
    date: String(row.date),
    description: String(row.description),
    amountPence: d.readMoney(row.amount),
    category: (row.category as string | null) ?? null,
    merchant: (row.merchant as string | null) ?? null,
    sourceFile: (row.source_file as string | null) ?? null,
    huququllahClassification: (row.huququllah_classification as Transaction['huququllahClassification']) ?? null,
    accountId: row.account_id === null || row.account_id === undefined ? null : readInt(row.account_id),
    createdAt: (row.created_at as string | null) ?? null,
  };
}

/** The exact text test: the folded term is a substring of the folded description or merchant. */
export function searchCondition(d: Dialect, term: string): SQL {
  const folded = foldForSearch(term);
  return sql`(${d.contains(sql`description_folded`, folded)} OR ${d.contains(sql`merchant_folded`, folded)})`;
}

/**
 * A transaction's category as grouped and filtered: '' for none. Data from
 * elsewhere (the old app, other tools) may hold '' where we write NULL; both
 * mean "Uncategorised", here and only here.
 */
export const CATEGORY_KEY = sql`COALESCE(category, '')`;

/** No category. Written as an expression no index matches, so the planner walks the sort order's index and filters. */
export const UNCATEGORISED = sql`${CATEGORY_KEY} = ''`;

/**
 * WHERE conditions for a filter. `search: 'omit'` leaves the text test out
 * (the caller applies it itself); otherwise it is the exact test narrowed by
 * the dialect's search index when there is one.
 */
export function filterConditions(d: Dialect, f: TransactionFilter, search: 'indexed' | 'omit' = 'indexed'): SQL[] {
  const where: SQL[] = [];
  if (f.search && search === 'indexed') {
    const candidates = d.searchCandidates(foldForSearch(f.search));
    if (candidates) where.push(candidates);
    where.push(searchCondition(d, f.search));
  }
  if (f.dateFrom) where.push(sql`date >= ${f.dateFrom}`);
  if (f.dateTo) where.push(sql`date <= ${f.dateTo}`);
  // Several categories are usually a large share of all rows, so walking the
  // sort order's index and filtering beats gathering them all and sorting.
  // SQLite's planner picks the latter, so `+category` hides the column's
  // index from it; PostgreSQL's cost model already chooses well.
  const categoryColumn =
    f.categories && f.categories.length > 1 && d.name === 'sqlite' ? sql`+category` : sql`category`;
  const categories = f.categories?.length
    ? sql`${categoryColumn} IN (${sql.join(
        f.categories.map((c) => sql`${c}`),
        sql`, `,
      )})`
    : undefined;
  if (categories && f.uncategorised) where.push(sql`(${categories} OR ${UNCATEGORISED})`);
  else if (categories) where.push(categories);
  else if (f.uncategorised) where.push(UNCATEGORISED);
  if (f.minAmountPence !== undefined) where.push(sql`amount >= ${d.money(f.minAmountPence)}`);
  if (f.maxAmountPence !== undefined) where.push(sql`amount <= ${d.money(f.maxAmountPence)}`);
  if (f.merchant) where.push(sql`merchant = ${f.merchant}`);
  if (f.accountId !== undefined) where.push(sql`account_id = ${f.accountId}`);
  if (f.huququllah) where.push(huququllahCondition(d, f.huququllah));
  return where;
}

/**
 * No column index serves these (the classes are a few large shares of all
 * rows), so the planner walks the sort order's index and filters, as for
 * "Uncategorised". `+amount` keeps SQLite off the amount index, which would
 * gather nearly every row (most are expenses) and then sort them; PostgreSQL's
 * cost model already chooses well.
 */
function huququllahCondition(d: Dialect, value: NonNullable<TransactionFilter['huququllah']>): SQL {
  const amount = d.name === 'sqlite' ? sql`+amount` : sql`amount`;
  if (value === 'unclassified') return sql`${amount} < 0 AND huququllah_classification IS NULL`;
  return sql`huququllah_classification = ${value}`;
}

export function whereClause(conditions: SQL[]): SQL {
  return conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
}

// Cursors are opaque to callers but checked on the way back in: a cursor
// from another sort order is refused rather than silently misapplied.
const CursorShape = z.union([
  z.tuple([z.literal('date'), z.enum(['asc', 'desc']), IsoDate, z.number().int()]),
  z.tuple([z.literal('amount'), z.enum(['asc', 'desc']), Pence, z.number().int()]),
]);

export function encodeCursor(sort: SortKey, direction: SortDirection, last: Transaction): string {
  const key = sort === 'date' ? last.date : last.amountPence;
  return Buffer.from(JSON.stringify([sort, direction, key, last.id])).toString('base64url');
}

export function keysetCondition(d: Dialect, sort: SortKey, direction: SortDirection, cursor: string): SQL {
  let parsed: z.infer<typeof CursorShape>;
  try {
    parsed = CursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('invalid_input', 'That page cursor is not valid.', 'Start again from the first page.');
  }
  const [cursorSort, cursorDirection, key, id] = parsed;
  if (cursorSort !== sort || cursorDirection !== direction) {
    throw new AppError(
      'invalid_input',
      'That page cursor belongs to another sort order.',
      'Start again from the first page.',
    );
  }
  const column = sort === 'date' ? sql`date` : sql`amount`;
  const value = typeof key === 'number' ? d.money(key) : key;
  return direction === 'desc' ? sql`(${column}, id) < (${value}, ${id})` : sql`(${column}, id) > (${value}, ${id})`;
}

export function orderBy(sort: SortKey, direction: SortDirection): SQL {
  const dir = direction === 'desc' ? sql`DESC` : sql`ASC`;
  return sort === 'date' ? sql`ORDER BY date ${dir}, id ${dir}` : sql`ORDER BY amount ${dir}, id ${dir}`;
}

export interface ListShape {
  sort: SortKey;
  direction: SortDirection;
  limit: number;
  cursor?: string | null | undefined;
  offset?: number | undefined;
}

function pageConditions(d: Dialect, q: TransactionFilter & ListShape, search: 'indexed' | 'omit'): SQL[] {
  const conditions = filterConditions(d, q, search);
  if (q.cursor) conditions.push(keysetCondition(d, q.sort, q.direction, q.cursor));
  return conditions;
}

/** One page (limit + 1 rows, to tell whether another page follows). */
export function pageQuery(d: Dialect, q: TransactionFilter & ListShape): SQL {
  const where = whereClause(pageConditions(d, q, 'indexed'));
  const order = orderBy(q.sort, q.direction);
  if (!q.offset) return sql`SELECT ${transactionColumns(d)} FROM transactions ${where} ${order} LIMIT ${q.limit + 1}`;
  // The rows passed over are walked as ids only, which the sort order's index
  // holds (an index-only scan), and just the page's rows are read: a jump to
  // the 900,000th row of a million costs tens of milliseconds, not a second.
  return sql`SELECT ${transactionColumns(d)} FROM transactions WHERE id IN (
      SELECT id FROM transactions ${where} ${order} LIMIT ${q.limit + 1} OFFSET ${q.offset}
    ) ${order}`;
}

/** The matches among the next `window` rows in sort order (see db/sql/search-plan.ts). */
export function windowedSearchQuery(
  d: Dialect,
  q: TransactionFilter & ListShape & { search: string },
  window: number,
): SQL {
  return sql`SELECT ${transactionColumns(d)} FROM (
      SELECT ${RAW_COLUMNS}, description_folded, merchant_folded FROM transactions ${whereClause(pageConditions(d, q, 'omit'))}
      ${orderBy(q.sort, q.direction)} LIMIT ${window}
    ) AS recent WHERE ${searchCondition(d, q.search)} ${orderBy(q.sort, q.direction)} LIMIT ${q.limit + 1}`;
}

/**
 * All matches first, then sorted: the materialised CTE stops PostgreSQL from
 * walking the date index past a million rows hunting for a rare word.
 */
export function indexedSearchQuery(d: Dialect, q: TransactionFilter & ListShape): SQL {
  if (d.name === 'sqlite') return pageQuery(d, q);
  return sql`WITH matches AS MATERIALIZED (
      SELECT ${RAW_COLUMNS} FROM transactions ${whereClause(pageConditions(d, q, 'indexed'))}
    ) SELECT ${transactionColumns(d)} FROM matches ${orderBy(q.sort, q.direction)} LIMIT ${q.limit + 1}
    OFFSET ${q.offset ?? 0}`;
}
