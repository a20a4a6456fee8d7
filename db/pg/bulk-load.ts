// Loading into an EMPTY transactions table the way pg_restore and pgloader
// do: secondary indexes dropped and rebuilt after the COPY, the running-totals
// trigger suspended and the totals recomputed in one GROUP BY. All inside the
// caller's transaction, so a failure restores indexes and trigger with it.
import type pg from 'pg';

const TOTALS_TRIGGER = 'transactions_totals_insert';

const REBUILD_TOTALS = `
  DELETE FROM transaction_totals;
  INSERT INTO transaction_totals (month, category, n, spend_pence, income_pence)
  SELECT to_char(date, 'YYYY-MM'), COALESCE(category, ''), COUNT(*),
    COALESCE(SUM(CASE WHEN amount < 0 THEN amount * 100 ELSE 0 END), 0)::bigint,
    COALESCE(SUM(CASE WHEN amount > 0 THEN amount * 100 ELSE 0 END), 0)::bigint
  FROM transactions GROUP BY 1, 2`;

export async function withTransactionsLoadedFast<T>(client: pg.PoolClient, load: () => Promise<T>): Promise<T> {
  const { rowCount } = await client.query('SELECT 1 FROM transactions LIMIT 1');
  if (rowCount) return load();
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
      WHERE x.indrelid = 'transactions'::regclass AND NOT x.indisunique AND NOT x.indisprimary`,
  );
  for (const index of indexes) await client.query(`DROP INDEX ${quoteIdent(index.name)}`);
  await client.query(`ALTER TABLE transactions DISABLE TRIGGER ${TOTALS_TRIGGER}`);
  const result = await load();
  await client.query(`ALTER TABLE transactions ENABLE TRIGGER ${TOTALS_TRIGGER}`);
  await client.query(REBUILD_TOTALS);
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const index of indexes) await client.query(index.definition);
  return result;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
