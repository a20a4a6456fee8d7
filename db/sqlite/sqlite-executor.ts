// better-sqlite3 is synchronous and has one connection, so an open
// transaction must not let another caller's statement slip in between its
// awaits: every call goes through one mutex, and the transaction's own view
// runs statements directly.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import {
  bulkColumns,
  rowReader,
  forEachRow,
  peekFirst,
  type BulkColumnKind,
  type BulkRows,
  type BulkTable,
  type BulkValue,
} from '../bulk.js';
import { sqliteDialect } from '../sql/dialect.js';
import { ConstraintError, type Executor, type Row } from '../sql/executor.js';
import { Mutex } from '../sql/mutex.js';
import { withDerivedTablesRebuilt } from './derived-tables.js';
import { penceToReal } from '../money.js';
import { explainSqliteFailure } from './sqlite-errors.js';
import { diskFull, freeBytes } from '../store-errors.js';

const renderer = new SQLiteSyncDialect();

const fileSize = (path: string) => statSync(path, { throwIfNoEntry: false })?.size ?? 0;
const STATEMENT_CACHE_SIZE = 256;

type Param = string | number | bigint | Buffer | null;

function toParam(value: unknown): Param {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value as Param;
}

const CONSTRAINT_CODES: Record<string, ConstraintError['kind']> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_NOTNULL: 'not_null',
};

function translate(error: unknown, location: string): unknown {
  const code = (error as { code?: unknown }).code;
  const kind = typeof code === 'string' ? CONSTRAINT_CODES[code] : undefined;
  return kind ? new ConstraintError(kind, (error as Error).message) : explainSqliteFailure(error, location);
}

function bulkValue(value: BulkValue | undefined, kind: BulkColumnKind): Param {
  if (value === undefined || value === null) return null;
  return kind === 'money' ? penceToReal(Number(value)) : value;
}

class SqliteStatements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    readonly location: string,
  ) {}

  translate(error: unknown): unknown {
    return translate(error, this.location);
  }

  prepare(text: string): Database.Statement {
    let statement = this.cache.get(text);
    if (statement) {
      this.cache.delete(text);
    } else {
      statement = this.db.prepare(text);
      if (this.cache.size >= STATEMENT_CACHE_SIZE) {
        const oldest = this.cache.keys().next().value;
        if (oldest !== undefined) this.cache.delete(oldest);
      }
    }
    this.cache.set(text, statement);
    return statement;
  }

  all(query: SQL): Row[] {
    const { sql, params } = renderer.sqlToQuery(query);
    try {
      const statement = this.prepare(sql);
      const values = params.map(toParam);
      if (!statement.reader) {
        statement.run(...values);
        return [];
      }
      return statement.all(...values) as Row[];
    } catch (error) {
      throw this.translate(error);
    }
  }

  values(query: SQL): unknown[][] {
    const { sql, params } = renderer.sqlToQuery(query);
    try {
      const statement = this.prepare(sql);
      // raw() changes the cached statement for everyone; nothing else runs before it is put back.
      statement.raw(true);
      try {
        return statement.all(...params.map(toParam)) as unknown[][];
      } finally {
        statement.raw(false);
      }
    } catch (error) {
      throw this.translate(error);
    }
  }

  run(query: SQL): number {
    const { sql, params } = renderer.sqlToQuery(query);
    try {
      return this.prepare(sql).run(...params.map(toParam)).changes;
    } catch (error) {
      throw this.translate(error);
    }
  }

  async bulkInsert(table: BulkTable, input: BulkRows): Promise<number> {
    const { first, rows } = await peekFirst(input);
    if (!first) return 0;
    const columns = bulkColumns(table, first);
    const names = columns.map(([name]) => name);
    const statement = this.prepare(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    );
    const value = rowReader(table, columns, first);
    const load = () =>
      forEachRow(rows, (row) => statement.run(...columns.map(([, kind], i) => bulkValue(value(row, i), kind))));
    try {
      return await (table === 'transactions' ? withDerivedTablesRebuilt(this.db, load) : load());
    } catch (error) {
      throw this.translate(error);
    }
  }
}

/** The executor handed to a transaction's work: statements run directly. */
class SqliteTransactionExecutor implements Executor {
  readonly dialect = sqliteDialect;

  constructor(private readonly statements: SqliteStatements) {}

  all<T extends Row = Row>(query: SQL): Promise<T[]> {
    return Promise.resolve(this.statements.all(query) as T[]);
  }

  values(query: SQL): Promise<unknown[][]> {
    return Promise.resolve(this.statements.values(query));
  }

  run(query: SQL): Promise<number> {
    return Promise.resolve(this.statements.run(query));
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return work(this);
  }

  bulkInsert(table: BulkTable, rows: BulkRows): Promise<number> {
    return this.statements.bulkInsert(table, rows);
  }

  close(): Promise<void> {
    return Promise.reject(new Error('Cannot close the store inside a transaction'));
  }
}

export class SqliteExecutor implements Executor {
  readonly dialect = sqliteDialect;
  private readonly statements: SqliteStatements;
  private readonly mutex = new Mutex();
  private readonly inTransaction: SqliteTransactionExecutor;

  /** `location` names the store in errors; the file the connection opened unless it was read into memory. */
  constructor(
    readonly db: Database.Database,
    location: string = db.name,
  ) {
    this.statements = new SqliteStatements(db, location);
    this.inTransaction = new SqliteTransactionExecutor(this.statements);
  }

  get readOnly(): boolean {
    return this.db.readonly;
  }

  all<T extends Row = Row>(query: SQL): Promise<T[]> {
    return this.mutex.run(() => this.statements.all(query) as T[]);
  }

  values(query: SQL): Promise<unknown[][]> {
    return this.mutex.run(() => this.statements.values(query));
  }

  run(query: SQL): Promise<number> {
    return this.mutex.run(() => this.statements.run(query));
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      try {
        this.db.exec('BEGIN IMMEDIATE');
      } catch (error) {
        throw this.statements.translate(error);
      }
      try {
        const result = await work(this.inTransaction);
        this.ensureRoomToCommit();
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        // The rolled-back pages stay in the -wal file until a checkpoint: after a failed 1M-row
        // load, hundreds of MB on a disk that may just have filled up. They go now.
        this.checkpoint();
        throw this.statements.translate(error);
      }
    });
  }

  /**
   * At COMMIT a transaction's pages go to the -wal file, and a checkpoint then
   * copies them into the database file, which grows. When the disk can take
   * the first but not the second, COMMIT succeeds and every checkpoint after it
   * fails: the data lives on in a -wal file that cannot shrink, on a disk that
   * stays full. A transaction that would not fit both ways is refused before
   * COMMIT instead, with the space it needs.
   */
  private ensureRoomToCommit(): void {
    if (this.db.memory || this.db.readonly) return;
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const growth = (this.db.pragma('page_count', { simple: true }) as number) * pageSize - fileSize(this.db.name);
    if (growth <= 0) return;
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    // Changed pages still in the cache, not yet in the -wal file: at most the cache, at most the growth.
    const unwritten = Math.min(growth, cacheSize < 0 ? -cacheSize * 1024 : cacheSize * pageSize);
    const free = freeBytes(dirname(this.db.name));
    if (free === undefined || free >= growth + unwritten) return;
    throw diskFull({
      dir: dirname(this.db.name),
      neededBytes: growth + unwritten + fileSize(`${this.db.name}-wal`),
    });
  }

  /**
   * Copies committed pages into the database file and empties the -wal file,
   * without waiting: a reader still using the WAL makes it a no-op. Run after a
   * store is created or migrated, too: a load that fails on a full disk then
   * leaves only its own rolled-back pages in the -wal file, which truncate to
   * nothing, rather than committed ones that first need room in the file.
   */
  checkpoint(): void {
    if (this.db.readonly) return;
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    try {
      this.db.pragma('busy_timeout = 0');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Best effort: the space comes back at the next checkpoint or close.
    } finally {
      this.db.pragma(`busy_timeout = ${String(timeout)}`);
    }
  }

  bulkInsert(table: BulkTable, rows: BulkRows): Promise<number> {
    return this.transaction((tx) => tx.bulkInsert(table, rows));
  }

  close(): Promise<void> {
    return this.mutex.run(() => {
      if (!this.db.open) return;
      try {
        // Statistics are a hint: when another process holds the write lock, skip them rather
        // than make this close wait for it (or fail, and never close).
        if (!this.db.readonly) {
          this.db.pragma('busy_timeout = 0');
          this.db.pragma('optimize');
        }
      } catch {
        // See above.
      } finally {
        this.db.close();
      }
    });
  }
}
