// Filters, keyset pagination and aggregates over `transactions`, written once
// for both dialects.
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../errors.js';
import {
  IsoDate,
  Pence,
  UNCATEGORISED_CATEGORY,
  type SortDirection,
  type SortKey,
  type Transaction,
  type TransactionFilter,
} from '../model.js';
import { containsPattern, readInt, type Dialect } from './dialect.js';
import type { Row } from './executor.js';

export function transactionColumns(d: Dialect): SQL {
  return sql`id, date, description, amount, category, merchant, source_file, huququllah_classification, ${d.isoInstant(sql`created_at`)} AS created_at`;
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
    createdAt: (row.created_at as string | null) ?? null,
  };
}

export function filterConditions(d: Dialect, f: TransactionFilter): SQL[] {
  const where: SQL[] = [];
  if (f.search) {
    const pattern = containsPattern(f.search);
    where.push(sql`(${d.ilike(sql`description`, pattern)} OR ${d.ilike(sql`merchant`, pattern)})`);
  }
  if (f.dateFrom) where.push(sql`date >= ${f.dateFrom}`);
  if (f.dateTo) where.push(sql`date <= ${f.dateTo}`);
  const uncategorised = sql`(category IS NULL OR category = '' OR category = ${UNCATEGORISED_CATEGORY})`;
  const categories = f.categories?.length
    ? sql`category IN (${sql.join(
        f.categories.map((c) => sql`${c}`),
        sql`, `,
      )})`
    : undefined;
  if (categories && f.uncategorised) where.push(sql`(${categories} OR ${uncategorised})`);
  else if (categories) where.push(categories);
  else if (f.uncategorised) where.push(uncategorised);
  if (f.minAmountPence !== undefined) where.push(sql`amount >= ${d.money(f.minAmountPence)}`);
  if (f.maxAmountPence !== undefined) where.push(sql`amount <= ${d.money(f.maxAmountPence)}`);
  if (f.merchant) where.push(sql`merchant = ${f.merchant}`);
  return where;
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

export function keysetCondition(
  d: Dialect,
  sort: SortKey,
  direction: SortDirection,
  cursor: string,
): SQL {
  let parsed: z.infer<typeof CursorShape>;
  try {
    parsed = CursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('invalid_input', 'That page cursor is not valid.', 'Start again from the first page.');
  }
  const [cursorSort, cursorDirection, key, id] = parsed;
  if (cursorSort !== sort || cursorDirection !== direction) {
    throw new AppError('invalid_input', 'That page cursor belongs to another sort order.', 'Start again from the first page.');
  }
  const column = sort === 'date' ? sql`date` : sql`amount`;
  const value = typeof key === 'number' ? d.money(key) : key;
  return direction === 'desc' ? sql`(${column}, id) < (${value}, ${id})` : sql`(${column}, id) > (${value}, ${id})`;
}

export function orderBy(sort: SortKey, direction: SortDirection): SQL {
  const dir = direction === 'desc' ? sql`DESC` : sql`ASC`;
  return sort === 'date' ? sql`ORDER BY date ${dir}, id ${dir}` : sql`ORDER BY amount ${dir}, id ${dir}`;
}

export function spendIncomeColumns(d: Dialect): SQL {
  return sql`COUNT(*) AS n,
    ${d.sumPence(sql`CASE WHEN amount < 0 THEN amount ELSE 0 END`)} AS spend,
    ${d.sumPence(sql`CASE WHEN amount > 0 THEN amount ELSE 0 END`)} AS income`;
}
