// The order tables are copied in: every table after the tables it refers to,
// so foreign keys hold at every step. transaction_totals and huququllah_totals
// are derived from transactions and rebuilt by the target, never copied.
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../schema/pg.js';
import { TABLE_NAMES, type TableName } from '../table-columns.js';

export const DERIVED_TABLES: readonly TableName[] = ['transaction_totals', 'huququllah_totals'];

function references(): Map<string, Set<string>> {
  const refs = new Map<string, Set<string>>();
  for (const table of Object.values(schema) as unknown[]) {
    if (!(table instanceof PgTable)) continue;
    const config = getTableConfig(table);
    refs.set(
      config.name,
      new Set(
        config.foreignKeys
          .map((fk) => getTableConfig(fk.reference().foreignTable).name)
          .filter((n) => n !== config.name),
      ),
    );
  }
  return refs;
}

/** Topological order, ties broken by name so the order never changes between runs. */
export const COPY_ORDER: readonly TableName[] = (() => {
  const refs = references();
  const done: TableName[] = [];
  const pending = TABLE_NAMES.filter((t) => !DERIVED_TABLES.includes(t));
  while (pending.length) {
    const next = pending.find((t) => [...(refs.get(t) ?? [])].every((r) => done.includes(r as TableName)));
    if (!next) throw new Error(`Foreign keys form a cycle among ${pending.join(', ')}`);
    done.push(next);
    pending.splice(pending.indexOf(next), 1);
  }
  return done;
})();
