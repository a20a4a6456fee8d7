// What a Store needs from a database connection. SQLite and PostgreSQL each
// provide one (db/sqlite/sqlite-executor.ts, db/pg/pg-executor.ts).
import type { SQL } from 'drizzle-orm';
import type { BulkOptions, BulkRows, BulkTable } from '../bulk.js';
import type { TableColumns } from '../table-columns.js';
import type { Dialect } from './dialect.js';

export type Row = Record<string, unknown>;

export interface Executor {
  readonly dialect: Dialect;
  /** Opened read-only (a file or folder the user may not write): reads work, writes fail. */
  readonly readOnly?: boolean;
  all<T extends Row = Row>(query: SQL): Promise<T[]>;
  /** Rows as arrays in the SELECT's column order: no object per row, for scans over every transaction. */
  values(query: SQL): Promise<unknown[][]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(query: SQL): Promise<number>;
  /** Runs `work` in one database transaction; rolls back if it throws. */
  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T>;
  /**
   * Every row of a table in primary-key order, as arrays in schema order, by the
   * dialect's fastest path. Only some executors have one; readers fall back to pages.
   */
  streamTable?(table: TableColumns): AsyncIterable<unknown[][]>;
  /** Appends rows with the dialect's fastest path; call it inside `transaction`. */
  bulkInsert(table: BulkTable, rows: BulkRows, options?: BulkOptions): Promise<number>;
  /** Work a bulk load left for after COMMIT (PostgreSQL's deferred index builds). */
  finishPendingWork?(): Promise<void>;
  /** Folds committed work into the store's file, leaving SQLite's -wal file empty; never waits. */
  checkpoint?(): void;
  close(): Promise<void>;
}

/** A constraint the database refused, named in driver-neutral terms. */
export type ConstraintKind = 'unique' | 'foreign_key' | 'check' | 'not_null';

export class ConstraintError extends Error {
  constructor(
    readonly kind: ConstraintKind,
    message: string,
  ) {
    super(message);
    this.name = 'ConstraintError';
  }
}
