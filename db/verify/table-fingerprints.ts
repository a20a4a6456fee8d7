// Per table: how many rows and a checksum of their content, computed the same
// way on SQLite and PostgreSQL (each row's values in schema order, read in
// primary-key order, serialised canonically, hashed with SHA-256). Two stores
// with the same fingerprints hold the same data; backups record them so a
// restore can prove it brought back exactly what was saved.
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../schema/sqlite.js';
import type { Executor, Row } from '../sql/executor.js';

export interface TableFingerprint {
  rows: number;
  checksum: string;
}
export type Fingerprints = Record<string, TableFingerprint>;

interface TableShape {
  name: string;
  columns: string[];
  key: string[];
}

/** Every table of the schema with its columns and primary key, in name order. */
export const TABLE_SHAPES: TableShape[] = (Object.values(schema) as unknown[])
  .filter((t): t is SQLiteTable => t instanceof SQLiteTable)
  .map((t) => {
    const config = getTableConfig(t);
    const key = config.columns.filter((c) => c.primary).map((c) => c.name);
    return {
      name: config.name,
      columns: config.columns.map((c) => c.name),
      key: key.length ? key : (config.primaryKeys[0]?.columns.map((c) => c.name) ?? []),
    };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  return value;
}

const list = (names: string[]) =>
  sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );

function page(shape: TableShape, after: unknown[] | undefined, limit: number): SQL {
  const where = after
    ? sql` WHERE (${list(shape.key)}) > (${sql.join(
        after.map((v) => sql`${v}`),
        sql`, `,
      )})`
    : sql``;
  return sql`SELECT ${list(shape.columns)} FROM ${sql.identifier(shape.name)}${where} ORDER BY ${list(shape.key)} LIMIT ${limit}`;
}

export type ReadRows = (query: SQL) => Promise<Row[]>;

export async function fingerprintTable(read: ReadRows, shape: TableShape, batch = 5_000): Promise<TableFingerprint> {
  const hash = createHash('sha256');
  let rows = 0;
  let after: unknown[] | undefined;
  for (;;) {
    const chunk = await read(page(shape, after, batch));
    for (const row of chunk) hash.update(`${JSON.stringify(shape.columns.map((c) => canonical(row[c])))}\n`);
    rows += chunk.length;
    const last = chunk.at(-1);
    if (!last || chunk.length < batch) break;
    after = shape.key.map((k) => last[k]);
  }
  return { rows, checksum: hash.digest('hex') };
}

/** Callers make `read` see one consistent moment (a transaction or snapshot, or a file nobody writes). */
export async function fingerprintAll(read: ReadRows, only?: (table: string) => boolean): Promise<Fingerprints> {
  const result: Fingerprints = {};
  for (const shape of TABLE_SHAPES) {
    if (!only || only(shape.name)) result[shape.name] = await fingerprintTable(read, shape);
  }
  return result;
}

export function tableFingerprints(db: Executor): Promise<Fingerprints> {
  return db.transaction((tx) => fingerprintAll((query) => tx.all(query)));
}

/** The tables whose fingerprints differ, with both sides; empty when equal. */
export function compareFingerprints(expected: Fingerprints, actual: Fingerprints) {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names
    .filter((n) => expected[n]?.rows !== actual[n]?.rows || expected[n]?.checksum !== actual[n]?.checksum)
    .map((table) => ({ table, expected: expected[table], actual: actual[table] }));
}
