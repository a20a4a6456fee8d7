// The few places where SQLite and PostgreSQL SQL differ, so that every query
// in db/sql/*-queries.ts is written once for both.
import { sql, type SQL } from 'drizzle-orm';
import { decimalToPence, penceToDecimal, penceToReal, realToPence } from '../money.js';

export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Case-insensitive substring test; `pattern` is already a LIKE pattern. */
  ilike(column: SQL, pattern: string): SQL;
  /** A money value as a query parameter. */
  money(pence: number): number | string;
  /** Reads a money column into pence. */
  readMoney(value: unknown): number;
  /** An exact sum of a money expression, as integer pence (0 when there are no rows). */
  sumPence(expr: SQL): SQL;
  /** 'YYYY-MM' of a date column. */
  month(column: SQL): SQL;
  /** An instant column as ISO 8601 UTC text. */
  isoInstant(column: SQL): SQL;
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  ilike: (column, pattern) => sql`${column} LIKE ${pattern} ESCAPE '\\'`,
  money: penceToReal,
  readMoney: (value) => realToPence(Number(value)),
  // Each REAL is rounded to pence first, so the sum is over exact integers.
  sumPence: (expr) => sql`COALESCE(SUM(CAST(ROUND(${expr} * 100) AS INTEGER)), 0)`,
  month: (column) => sql`substr(${column}, 1, 7)`,
  isoInstant: (column) => sql`strftime('%Y-%m-%dT%H:%M:%SZ', ${column})`,
};

export const postgresDialect: Dialect = {
  name: 'postgres',
  ilike: (column, pattern) => sql`${column} ILIKE ${pattern}`,
  money: penceToDecimal,
  readMoney: (value) => decimalToPence(String(value)),
  sumPence: (expr) => sql`(COALESCE(SUM(${expr}), 0) * 100)::bigint`,
  month: (column) => sql`to_char(${column}, 'YYYY-MM')`,
  isoInstant: (column) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
};

/** Escapes LIKE wildcards so user text matches literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Counts and pence sums arrive as number (SQLite) or bigint text (PostgreSQL). */
export function readInt(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Expected an integer, got ${String(value)}`);
  return n;
}
