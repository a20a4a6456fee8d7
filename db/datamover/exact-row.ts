// The neutral form (db/canonical.ts) is what the data mover writes and what
// both sides' checksums hash, so a value it would change (a yes/no that is
// neither becoming 0, a rounded integer past 2^53, a BLOB becoming
// '{"type":"Buffer",...}') would be copied changed AND verified. A move is
// exact or it does not happen: such a value stops it, named.
import { canonicalValue, type Canonical } from '../canonical.js';
import { AppError } from '../errors.js';
import type { ColumnKind, TableColumns } from '../table-columns.js';

const YES_NO = new Set<unknown>([true, false, 0, 1, '0', '1', 't', 'f', 'true', 'false']);
const PLAIN_INTEGER = /^-?\d+$/;

const shown = (value: unknown) =>
  value instanceof Uint8Array
    ? `(${String(value.length)} bytes)`
    : typeof value === 'string'
      ? JSON.stringify(value)
      : String(value);

/** What is wrong with carrying the value exactly, or undefined when nothing is. */
function problem(kind: ColumnKind, value: unknown, canonical: Canonical): string | undefined {
  if (value instanceof Uint8Array) return 'is binary data (a BLOB), not a value of its column';
  switch (kind) {
    case 'int':
      if (typeof value === 'number')
        return Number.isSafeInteger(value) ? undefined : 'is not a whole number a move can carry exactly (past 2^53)';
      return typeof value === 'string' && PLAIN_INTEGER.test(value) && Number.isSafeInteger(canonical)
        ? undefined
        : 'is not a whole number';
    case 'real':
      return typeof canonical === 'number' && Number.isFinite(canonical) ? undefined : 'is not a finite number';
    case 'money':
      // REAL pounds are the double nearest a 2 dp value: x*100 is within a hair of whole pence.
      return typeof value === 'number' && Math.abs(value * 100 - (canonical as number)) > 1e-6
        ? 'has digits below a penny'
        : undefined;
    case 'bool':
      return YES_NO.has(value) ? undefined : 'is not yes or no';
    default:
      return undefined;
  }
}

/** Stops a move on a row it cannot carry exactly, saying which row and column and what to do. */
export function cannotMove(table: TableColumns, row: readonly unknown[], column: string, why: string): AppError {
  const names = Object.keys(table.columns);
  const key = table.key.map((k) => `${k} ${shown(row[names.indexOf(k)])}`).join(', ');
  return new AppError(
    'invalid_input',
    `Cannot move ${table.name} row ${key}: ${column} ${why}. Nothing was written.`,
    'Correct that value in the source store (for example with the sqlite3 tool), then move again.',
  );
}

/** Reads a table's rows (values in schema order) into the neutral form, refusing any value that form would change. */
export function exactRows(table: TableColumns): (row: readonly unknown[]) => Canonical[] {
  const columns = Object.entries(table.columns);
  return (row) =>
    columns.map(([column, kind], i) => {
      const value = row[i];
      if (value === null || value === undefined) return null;
      let canonical: Canonical;
      try {
        canonical = canonicalValue(kind, value);
      } catch (error) {
        throw cannotMove(table, row, column, `${shown(value)} cannot be read (${(error as Error).message})`);
      }
      const why = problem(kind, value, canonical);
      if (why) throw cannotMove(table, row, column, `${shown(value)} ${why}`);
      return canonical;
    });
}
