// Reads a whole table in primary-key order, one bounded page at a time
// (keyset pagination), so memory stays flat however large the table is.
import { sql, type SQL } from 'drizzle-orm';
import type { Row } from './sql/executor.js';
import type { TableColumns } from './table-columns.js';

export type ReadRows = (query: SQL) => Promise<Row[]>;

const list = (names: string[]) =>
  sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );

function page(table: TableColumns, after: unknown[] | undefined, limit: number): SQL {
  const where = after
    ? sql` WHERE (${list(table.key)}) > (${sql.join(
        after.map((v) => sql`${v}`),
        sql`, `,
      )})`
    : sql``;
  return sql`SELECT ${list(Object.keys(table.columns))} FROM ${sql.identifier(table.name)}${where} ORDER BY ${list(table.key)} LIMIT ${limit}`;
}

export async function* tablePages(read: ReadRows, table: TableColumns, batch = 5_000): AsyncGenerator<Row[]> {
  let after: unknown[] | undefined;
  for (;;) {
    const rows = await read(page(table, after, batch));
    if (rows.length) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < batch) return;
    after = table.key.map((k) => last[k]);
  }
}
