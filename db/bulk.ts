// Bulk appends: rows in the neutral form of db/canonical.ts (money as integer
// pence, timestamps as UTC text, booleans as 0/1, JSON as text), written by
// each dialect's fastest path. Any table of the schema can take them.
import { derive, derivedFrom } from './derived-columns.js';
import { TABLES, type ColumnKind, type TableName } from './table-columns.js';

export type BulkColumnKind = ColumnKind;
export type BulkTable = TableName;
export type BulkValue = string | number | null;
export type BulkRecord = Readonly<Record<string, BulkValue>>;
/** By column name, or every column of the table in schema order (the data mover's fast form). */
export type BulkRow = BulkRecord | readonly BulkValue[];
export type BulkRows = Iterable<BulkRow> | AsyncIterable<BulkRow>;
export interface BulkOptions {
  /** PostgreSQL: build the secondary indexes after COMMIT, in parallel (see Executor.finishPendingWork). */
  deferIndexes?: boolean;
}

export interface BulkPart {
  table: BulkTable;
  rows: BulkRows;
}

/**
 * The columns a bulk insert writes: those the first row carries, in schema
 * order, so the database fills defaults (created_at) and assigns ids when
 * rows leave them out. A later row without one of them writes NULL. Then the
 * derived columns of those (db/derived-columns.ts), which rows never carry.
 */
export function bulkColumns(table: BulkTable, first: BulkRow | undefined): [string, ColumnKind][] {
  const all = Object.entries(TABLES[table].columns);
  const carried = Array.isArray(first)
    ? all
    : all.filter(([name]) => (first as BulkRecord | undefined)?.[name] !== undefined);
  const derived = derivedFrom(
    table,
    carried.map(([name]) => name),
  ).map(({ name }): [string, ColumnKind] => [name, 'text']);
  return [...carried, ...derived];
}

/** Reads each row's values in `columns` order, whichever form the rows come in, computing derived ones. */
export function rowReader(
  table: BulkTable,
  columns: readonly [string, ColumnKind][],
  first: BulkRow,
): (row: BulkRow, index: number) => BulkValue | undefined {
  const names = columns.map(([name]) => name);
  const carried: (row: BulkRow, index: number) => BulkValue | undefined = Array.isArray(first)
    ? (row, i) => (row as readonly BulkValue[])[i]
    : (row, i) => (row as BulkRecord)[names[i] ?? ''];
  const sources = new Map(derivedFrom(table, names).map((d) => [names.indexOf(d.name), d.source]));
  if (!sources.size) return carried;
  return (row, i) => {
    const source = sources.get(i);
    return source === undefined ? carried(row, i) : derive(carried(row, source));
  };
}

/** Reads the first row without losing it, for streams that can be iterated once. */
export async function peekFirst(rows: BulkRows): Promise<{ first: BulkRow | undefined; rows: BulkRows }> {
  if (Symbol.iterator in rows) {
    const iterator = rows[Symbol.iterator]();
    const head = iterator.next();
    if (head.done) return { first: undefined, rows: [] };
    return {
      first: head.value,
      rows: (function* () {
        yield head.value;
        yield* { [Symbol.iterator]: () => iterator };
      })(),
    };
  }
  const iterator = rows[Symbol.asyncIterator]();
  const head = await iterator.next();
  if (head.done) return { first: undefined, rows: [] };
  return {
    first: head.value,
    rows: (async function* () {
      yield head.value;
      yield* { [Symbol.asyncIterator]: () => iterator };
    })(),
  };
}

/** Calls `each` per row; a plain iterable is walked without awaiting between rows. */
export async function forEachRow(rows: BulkRows, each: (row: BulkRow) => void): Promise<number> {
  let count = 0;
  if (Symbol.iterator in rows) {
    for (const row of rows) {
      each(row);
      count++;
    }
  } else {
    for await (const row of rows) {
      each(row);
      count++;
    }
  }
  return count;
}
