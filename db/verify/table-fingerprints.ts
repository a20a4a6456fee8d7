// Per table: how many rows and a checksum of their content, computed the same
// way on SQLite and PostgreSQL (each row's values in schema order, read in
// primary-key order, serialised canonically, hashed with SHA-256). Two stores
// with the same fingerprints hold the same data; backups record them so a
// restore can prove it brought back exactly what was saved.
import { createHash } from 'node:crypto';
import { canonicalValue, type Canonical } from '../canonical.js';
import type { Executor } from '../sql/executor.js';
import { TABLE_NAMES, TABLES, type TableColumns } from '../table-columns.js';
import { tablePages, type ReadRows } from '../table-pages.js';

export type { ReadRows };

export interface TableFingerprint {
  rows: number;
  checksum: string;
}
export type Fingerprints = Record<string, TableFingerprint>;

/** A row's values (an object by column name, or an array in schema order) in the neutral form. */
export function canonicalRow(table: TableColumns, row: Record<string, unknown> | readonly unknown[]): Canonical[] {
  const kinds = Object.values(table.columns);
  if (Array.isArray(row)) return kinds.map((kind, i) => canonicalValue(kind, row[i]));
  const record = row as Record<string, unknown>;
  return Object.keys(table.columns).map((name, i) => canonicalValue(kinds[i] ?? 'text', record[name]));
}

/** Hashes rows the way fingerprints do, for code that streams them anyway (the data mover). */
export class RowHasher {
  private readonly hash = createHash('sha256');
  rows = 0;

  /** One page at a time: one hash update per page is much cheaper than one per row. */
  addPage(rows: readonly Canonical[][]): void {
    let text = '';
    for (const values of rows) text += `${JSON.stringify(values)}\n`;
    this.hash.update(text);
    this.rows += rows.length;
  }

  result(): TableFingerprint {
    return { rows: this.rows, checksum: this.hash.digest('hex') };
  }
}

/** `read` runs queries; `stream`, when the executor has one, reads whole tables faster. */
export type TableReader =
  ReadRows | { read: ReadRows; stream?: ((table: TableColumns) => AsyncIterable<unknown[][]>) | undefined };

export async function fingerprintTable(reader: TableReader, table: TableColumns): Promise<TableFingerprint> {
  const { read, stream } = typeof reader === 'function' ? { read: reader, stream: undefined } : reader;
  const hasher = new RowHasher();
  const pages = stream ? stream(table) : tablePages(read, table);
  for await (const page of pages)
    hasher.addPage(page.map((row) => canonicalRow(table, row as Record<string, unknown>)));
  return hasher.result();
}

/** An executor as a table reader, with its fast path when it has one. */
export const executorReader = (db: Executor): TableReader => ({
  read: (query) => db.all(query),
  stream: db.streamTable?.bind(db),
});

/** Callers make `read` see one consistent moment (a transaction or snapshot, or a file nobody writes). */
export async function fingerprintAll(reader: TableReader, only?: (table: string) => boolean): Promise<Fingerprints> {
  const result: Fingerprints = {};
  for (const name of TABLE_NAMES) {
    if (!only || only(name)) result[name] = await fingerprintTable(reader, TABLES[name]);
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
