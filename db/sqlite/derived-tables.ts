// transactions_search (full-text index), transaction_totals and huququllah_totals
// are derived from transactions by row triggers (migrations 0001, 0002, 0011). Row by row they
// cost ~25 µs per inserted transaction; loading into an EMPTY table instead
// suspends those triggers and rebuilds each derived table in one pass,
// inside the same database transaction, so a failure leaves nothing behind.
import type Database from 'better-sqlite3';

const INSERT_TRIGGERS = ['transactions_search_insert', 'transactions_totals_insert', 'transactions_huququllah_insert'];

const REBUILD = [
  `INSERT INTO transactions_search (transactions_search) VALUES ('rebuild')`,
  `DELETE FROM transaction_totals`,
  `INSERT INTO transaction_totals (month, category, n, spend_pence, income_pence)
   SELECT substr(date, 1, 7), COALESCE(category, ''), COUNT(*),
     SUM(CASE WHEN amount < 0 THEN CAST(ROUND(amount * 100) AS INTEGER) ELSE 0 END),
     SUM(CASE WHEN amount > 0 THEN CAST(ROUND(amount * 100) AS INTEGER) ELSE 0 END)
   FROM transactions GROUP BY 1, 2`,
  `DELETE FROM huququllah_totals`,
  `INSERT INTO huququllah_totals (month, class, n, pence)
   SELECT substr(date, 1, 7), COALESCE(huququllah_classification, ''), COUNT(*), SUM(CAST(ROUND(amount * 100) AS INTEGER))
   FROM transactions WHERE amount < 0 GROUP BY 1, 2`,
];

/** Runs `load` with the insert triggers suspended when `transactions` is empty; call inside a transaction. */
export async function withDerivedTablesRebuilt<T>(db: Database.Database, load: () => Promise<T>): Promise<T> {
  if (db.prepare('SELECT 1 FROM transactions LIMIT 1').get()) return load();
  const triggers = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${INSERT_TRIGGERS.map(() => '?').join(', ')})`,
    )
    .all(...INSERT_TRIGGERS) as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  const result = await load();
  for (const statement of REBUILD) db.exec(statement);
  for (const t of triggers) db.exec(t.sql);
  return result;
}
