// Every table's columns and what kind of value each holds, read from the
// PostgreSQL schema (the stricter of the two). Bulk loads, the data mover and
// the checksums all convert values by these kinds, so a row means the same on
// SQLite and on PostgreSQL. Derived columns (db/derived-columns.ts) are left
// out: they are recomputed wherever rows are written, never carried or hashed.
import type { Column } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { isDerived } from './derived-columns.js';
import * as schema from './schema/pg.js';

/**
 * int: whole numbers. money: integer pence (NUMERIC(12,2) / REAL pounds on disk).
 * real: floating point. date: 'YYYY-MM-DD'. timestamp: UTC 'YYYY-MM-DD HH:MM:SS[.ffffff]'.
 * bool: 0 or 1. json: JSON text. text: as stored.
 */
export type ColumnKind = 'int' | 'real' | 'money' | 'date' | 'timestamp' | 'text' | 'bool' | 'json';

export type TableName = {
  [K in keyof typeof schema]: (typeof schema)[K] extends PgTable ? K : never;
}[keyof typeof schema];

export interface TableColumns {
  name: TableName;
  /** Column name -> kind, in schema order. */
  columns: Record<string, ColumnKind>;
  /** Primary key columns, for reading in a stable order. */
  key: string[];
  /** Columns that must hold a value and have no default. */
  required: string[];
}

function kindOf(column: Column): ColumnKind {
  switch (column.columnType) {
    case 'PgInteger':
    case 'PgSerial':
    case 'PgBigInt53':
    case 'PgBigInt64':
    case 'PgSmallInt':
      return 'int';
    case 'PgNumeric':
      return 'money';
    case 'PgReal':
    case 'PgDoublePrecision':
      return 'real';
    case 'PgDateString':
    case 'PgDate':
      return 'date';
    case 'PgTimestampString':
    case 'PgTimestamp':
      return 'timestamp';
    case 'PgBoolean':
      return 'bool';
    case 'PgJsonb':
    case 'PgJson':
      return 'json';
    default:
      return 'text';
  }
}

export const TABLES: Record<TableName, TableColumns> = Object.fromEntries(
  (Object.values(schema) as unknown[])
    .filter((t): t is PgTable => t instanceof PgTable)
    .map((t) => {
      const config = getTableConfig(t);
      const columns = config.columns.filter((c) => !isDerived(config.name, c.name));
      const key = columns.filter((c) => c.primary).map((c) => c.name);
      return [
        config.name,
        {
          name: config.name as TableName,
          columns: Object.fromEntries(columns.map((c) => [c.name, kindOf(c)])),
          key: key.length ? key : (config.primaryKeys[0]?.columns.map((c) => c.name) ?? []),
          required: columns.filter((c) => c.notNull && !c.hasDefault && !c.primary).map((c) => c.name),
        },
      ];
    }),
) as Record<TableName, TableColumns>;

export const TABLE_NAMES = Object.keys(TABLES).sort() as TableName[];
