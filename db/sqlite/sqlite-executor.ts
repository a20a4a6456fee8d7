// better-sqlite3 is synchronous and has one connection, so an open
// transaction must not let another caller's statement slip in between its
// awaits: every call goes through one mutex, and the transaction's own view
// runs statements directly.
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

const renderer = new SQLiteSyncDialect();
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

function translate(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  const kind = typeof code === 'string' ? CONSTRAINT_CODES[code] : undefined;
  return kind ? new ConstraintError(kind, (error as Error).message) : error;
}

function bulkValue(value: BulkValue | undefined, kind: BulkColumnKind): Param {
  if (value === undefined || value === null) return null;
  return kind === 'money' ? penceToReal(Number(value)) : value;
}

class SqliteStatements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

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
      throw translate(error);
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
      throw translate(error);
    }
  }

  run(query: SQL): number {
    const { sql, params } = renderer.sqlToQuery(query);
    try {
      return this.prepare(sql).run(...params.map(toParam)).changes;
    } catch (error) {
      throw translate(error);
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
    const value = rowReader(columns, first);
    const load = () =>
      forEachRow(rows, (row) => statement.run(...columns.map(([, kind], i) => bulkValue(value(row, i), kind))));
    try {
      return await (table === 'transactions' ? withDerivedTablesRebuilt(this.db, load) : load());
    } catch (error) {
      throw translate(error);
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

  constructor(readonly db: Database.Database) {
    this.statements = new SqliteStatements(db);
    this.inTransaction = new SqliteTransactionExecutor(this.statements);
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
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.inTransaction);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  bulkInsert(table: BulkTable, rows: BulkRows): Promise<number> {
    return this.transaction((tx) => tx.bulkInsert(table, rows));
  }

  close(): Promise<void> {
    return this.mutex.run(() => {
      if (this.db.open) {
        this.db.pragma('optimize');
        this.db.close();
      }
    });
  }
}
