import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  bulkColumns,
  peekFirst,
  rowReader,
  type BulkColumnKind,
  type BulkOptions,
  type BulkRow,
  type BulkRows,
  type BulkTable,
  type BulkValue,
} from '../bulk.js';
import { penceToDecimal } from '../money.js';
import { postgresDialect } from '../sql/dialect.js';
import { TABLES, type TableColumns } from '../table-columns.js';
import { copyOutRows } from './copy-out.js';
import { finishPendingIndexes, withTransactionsLoadedFast } from './bulk-load.js';
import { ConstraintError, type Executor, type Row } from '../sql/executor.js';
import { diskFull } from '../store-errors.js';

const renderer = new PgDialect();

const CONSTRAINT_CODES: Record<string, ConstraintError['kind']> = {
  '23505': 'unique',
  '23503': 'foreign_key',
  '23514': 'check',
  '23502': 'not_null',
};

function translate(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  const kind = typeof code === 'string' ? CONSTRAINT_CODES[code] : undefined;
  if (kind) return new ConstraintError(kind, (error as Error).message);
  // disk_full: "could not extend file" or "could not write to file" on the server.
  return code === '53100' ? diskFull({ onServer: true }) : error;
}

function csvField(value: BulkValue | undefined, kind: BulkColumnKind): string {
  if (value === undefined || value === null) return '';
  if (kind === 'money') return penceToDecimal(Number(value));
  if (typeof value === 'number') return String(value);
  // Canonical timestamps are UTC; saying so keeps the session's time zone out of it.
  const text = kind === 'timestamp' ? `${value}+00` : value;
  return `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;
}

const CHUNK = 1 << 16;

async function* csvChunks(
  table: BulkTable,
  rows: BulkRows,
  columns: [string, BulkColumnKind][],
  first: BulkRow,
  counter: { rows: number },
) {
  let chunk = '';
  const value = rowReader(table, columns, first);
  const kinds = columns.map(([, kind]) => kind);
  const line = (row: BulkRow) => {
    let text = csvField(value(row, 0), kinds[0] ?? 'text');
    for (let i = 1; i < kinds.length; i++) text += `,${csvField(value(row, i), kinds[i] ?? 'text')}`;
    return `${text}\n`;
  };
  if (Symbol.iterator in rows) {
    for (const row of rows) {
      chunk += line(row);
      counter.rows++;
      if (chunk.length > CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
  } else {
    for await (const row of rows) {
      chunk += line(row);
      counter.rows++;
      if (chunk.length > CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk) yield chunk;
}

type Queryable = pg.Pool | pg.PoolClient;

class PgQueries {
  constructor(private readonly target: Queryable) {}

  async all(query: SQL): Promise<Row[]> {
    const { sql, params } = renderer.sqlToQuery(query);
    try {
      return (await this.target.query(sql, params)).rows as Row[];
    } catch (error) {
      throw translate(error);
    }
  }

  async values(query: SQL): Promise<unknown[][]> {
    const { sql, params } = renderer.sqlToQuery(query);
    try {
      return (await this.target.query({ text: sql, values: params, rowMode: 'array' })).rows as unknown[][];
    } catch (error) {
      throw translate(error);
    }
  }

  async run(query: SQL): Promise<number> {
    const { sql, params } = renderer.sqlToQuery(query);
    try {
      return (await this.target.query(sql, params)).rowCount ?? 0;
    } catch (error) {
      throw translate(error);
    }
  }
}

/** The executor a transaction's work runs on: one client, BEGIN already sent. */
class PgClientExecutor implements Executor {
  readonly dialect = postgresDialect;
  private readonly queries: PgQueries;

  constructor(private readonly client: pg.PoolClient) {
    this.queries = new PgQueries(client);
  }

  all<T extends Row = Row>(query: SQL): Promise<T[]> {
    return this.queries.all(query) as Promise<T[]>;
  }

  values(query: SQL): Promise<unknown[][]> {
    return this.queries.values(query);
  }

  run(query: SQL): Promise<number> {
    return this.queries.run(query);
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return work(this);
  }

  streamTable(table: TableColumns): AsyncIterable<unknown[][]> {
    return copyOutRows(this.client, table);
  }

  async bulkInsert(table: BulkTable, input: BulkRows, options: BulkOptions = {}): Promise<number> {
    const { first, rows } = await peekFirst(input);
    if (!first) return 0;
    const columns = bulkColumns(table, first);
    const counter = { rows: 0 };
    const names = columns.map(([name]) => name).join(', ');
    const copy = () =>
      pipeline(
        Readable.from(csvChunks(table, rows, columns, first, counter)),
        this.client.query(copyFrom(`COPY ${table} (${names}) FROM STDIN (FORMAT csv)`)),
      );
    try {
      await (table === 'transactions' ? withTransactionsLoadedFast(this.client, copy, options) : copy());
      // Explicit ids bypass the identity sequence; move it past them.
      if ('id' in TABLES[table].columns)
        await this.client.query(
          `SELECT setval(pg_get_serial_sequence('${table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM ${table}`,
        );
    } catch (error) {
      throw translate(error);
    }
    return counter.rows;
  }

  close(): Promise<void> {
    return Promise.reject(new Error('Cannot close the store inside a transaction'));
  }
}

export class PgExecutor implements Executor {
  readonly dialect = postgresDialect;
  private readonly queries: PgQueries;

  constructor(readonly pool: pg.Pool) {
    this.queries = new PgQueries(pool);
  }

  all<T extends Row = Row>(query: SQL): Promise<T[]> {
    return this.queries.all(query) as Promise<T[]>;
  }

  values(query: SQL): Promise<unknown[][]> {
    return this.queries.values(query);
  }

  run(query: SQL): Promise<number> {
    return this.queries.run(query);
  }

  async transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(new PgClientExecutor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A client that cannot even roll back is dropped, not returned to the pool.
      await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError as Error));
      throw translate(error);
    } finally {
      client.release(broken);
    }
  }

  bulkInsert(table: BulkTable, rows: BulkRows, options?: BulkOptions): Promise<number> {
    return this.transaction((tx) => tx.bulkInsert(table, rows, options));
  }

  async finishPendingWork(): Promise<void> {
    await finishPendingIndexes(this.pool);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
