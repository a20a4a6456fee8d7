// Our schema's unique constraints, checked row by row while importing: the old
// file may not have declared them (or two values became one once fixed), and
// a second row with the same order id must be quarantined, not fail the whole
// import at COMMIT.
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { Canonical } from '../canonical.js';
import * as schema from '../schema/pg.js';
import { IdSet } from './id-set.js';

const UNIQUE = new Map<string, string[][]>(
  (Object.values(schema) as unknown[])
    .filter((t): t is PgTable => t instanceof PgTable)
    .map((t) => {
      const config = getTableConfig(t);
      return [
        config.name,
        [
          ...config.columns.filter((c) => c.isUnique).map((c) => [c.name]),
          ...config.indexes
            .filter((i) => i.config.unique)
            .map((i) => i.config.columns.map((c) => (c as { name: string }).name)),
          ...config.uniqueConstraints.map((u) => u.columns.map((c) => c.name)),
        ],
      ];
    }),
);

export class UniqueKeys {
  private readonly keys: { columns: string[]; taken: IdSet }[];

  constructor(table: string, columns: readonly string[]) {
    this.keys = (UNIQUE.get(table) ?? [])
      .filter((key) => key.every((c) => columns.includes(c)))
      .map((key) => ({ columns: key, taken: new IdSet() }));
  }

  private static key(row: Record<string, Canonical>, columns: string[]): number | string | undefined {
    const values = columns.map((c) => row[c] ?? null);
    if (values.includes(null)) return undefined; // NULLs never clash
    return values.length === 1 ? (values[0] as number | string) : JSON.stringify(values);
  }

  /** Why the row cannot join those imported before it, if it cannot. */
  clash(row: Record<string, Canonical>): string | undefined {
    for (const { columns, taken } of this.keys) {
      const key = UniqueKeys.key(row, columns);
      if (key !== undefined && taken.has(key))
        return `${columns.join(' and ')} ${columns.map((c) => JSON.stringify(row[c])).join(', ')} already belongs to an earlier row`;
    }
    return undefined;
  }

  add(row: Record<string, Canonical>): void {
    for (const { columns, taken } of this.keys) {
      const key = UniqueKeys.key(row, columns);
      if (key !== undefined) taken.add(key);
    }
  }
}
