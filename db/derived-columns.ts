// Columns the database keeps only so that search is exact and fast: each is
// another column of the same row folded by foldForSearch. Neither SQLite nor
// PostgreSQL can compute that fold, so every write computes it here and sets
// it together with its source column: the Store's inserts and updates, bank
// sync, and every bulk load (db/bulk.ts: demo data, the data mover, legacy
// import). They are not part of a table's columns as the mover, checksums and
// backups see them (db/table-columns.ts): a store's data is the same whatever
// version of the fold wrote it, and a move recomputes them on the target.
import { foldNullable } from './search-fold.js';

type Derived = Readonly<Record<string, string>>;
type Source = string | number | null | undefined;

/**
 * The app_meta key a migration that adds or changes derived columns leaves:
 * SQL cannot fold, so the store's next open fills them for every stored row
 * (db/sqlite/refold.ts, db/pg/refold.ts) before anything can search, then
 * removes it. In one database transaction: an interrupted refold starts over.
 */
export const REFOLD_NOTE = 'search_fold';

/** Per table: derived column -> the column it is folded from. */
export const DERIVED_COLUMNS: Readonly<Record<string, Derived>> = {
  transactions: { description_folded: 'description', merchant_folded: 'merchant' },
};

export function isDerived(table: string, column: string): boolean {
  return Object.hasOwn(DERIVED_COLUMNS[table] ?? {}, column);
}

/** The derived columns a write of `columns` also sets, each with the index of its source in `columns`. */
export function derivedFrom(table: string, columns: readonly string[]): { name: string; source: number }[] {
  return Object.entries(DERIVED_COLUMNS[table] ?? {})
    .map(([name, from]) => ({ name, source: columns.indexOf(from) }))
    .filter((d) => d.source >= 0);
}

/** The derived columns to set, with their values, when `column` of `table` is set to `value`. */
export function derivedValues(table: string, column: string, value: Source): [string, string | null][] {
  return Object.entries(DERIVED_COLUMNS[table] ?? {})
    .filter(([, from]) => from === column)
    .map(([name]) => [name, derive(value)]);
}

/** A derived column's value from its source's. */
export function derive(source: Source): string | null {
  return foldNullable(source === null || source === undefined ? null : String(source));
}
