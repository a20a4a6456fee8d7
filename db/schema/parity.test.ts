// The two dialects must agree on tables, columns and nullability. Checked on
// real databases after migrations, so drift between a schema file and its
// generated migrations is caught too.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createPgDatabase, tempSqlitePath } from '../../e2e/support/test-databases.js';
import { openStore } from '../open-store.js';

type Shape = Record<string, Record<string, { nullable: boolean }>>;

async function sqliteShape(): Promise<Shape> {
  const store = await openStore(tempSqlitePath());
  const shape: Shape = {};
  const tables = await store.query(
    // transactions_search* is SQLite's full-text index; PostgreSQL's equivalent is a GIN index, not a table.
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
        AND name NOT LIKE '__drizzle%' AND name NOT LIKE 'transactions_search%'`,
  );
  for (const { name } of tables as { name: string }[]) {
    const columns = (await store.query(sql`SELECT name, "notnull" AS nn, pk FROM pragma_table_info(${name})`)) as {
      name: string;
      nn: number;
      pk: number;
    }[];
    // A SQLite primary key is implicitly NOT NULL only for INTEGER PRIMARY KEY; treat any pk as not null.
    shape[name] = Object.fromEntries(columns.map((c) => [c.name, { nullable: c.nn === 0 && c.pk === 0 }]));
  }
  await store.close();
  return shape;
}

async function pgShape(): Promise<Shape> {
  const store = await openStore(await createPgDatabase('parity'));
  const rows = (await store.query(
    sql`SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
  )) as { table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }[];
  await store.close();
  const shape: Shape = {};
  for (const r of rows) (shape[r.table_name] ??= {})[r.column_name] = { nullable: r.is_nullable === 'YES' };
  return shape;
}

describe('schema parity', () => {
  it('SQLite and PostgreSQL have the same tables, columns and nullability', async () => {
    const [lite, pg] = await Promise.all([sqliteShape(), pgShape()]);
    expect(Object.keys(lite).sort()).toEqual(Object.keys(pg).sort());
    expect(lite).toEqual(pg);
  });

  it('has every legacy table plus the import, extras, meta, totals, rules, statement-import and purchase tables', async () => {
    const tables = Object.keys(await sqliteShape());
    const legacy = [
      'transactions',
      'categories',
      'category_keywords',
      'account_mappings',
      'amazon_orders',
      'amazon_transaction_matches',
      'amazon_returns',
      'apple_transactions',
      'apple_transaction_matches',
      'users',
      'bank_connections',
      'truelayer_accounts',
      'truelayer_transactions',
      'truelayer_balances',
      'webhook_events',
      'connection_logs',
      'oauth_state',
    ];
    const added = [
      'import_rejects',
      'import_fixes',
      'legacy_extras',
      'app_meta',
      'transaction_totals',
      'huququllah_totals',
      'truelayer_pending_transactions',
      'rules',
      'rule_runs',
      'rule_run_changes',
      'accounts',
      'statement_imports',
      'import_profiles',
      'budgets',
      'recurring_decisions',
      'purchase_imports',
      'purchases',
      'purchase_matches',
      'purchase_rejections',
    ];
    expect(tables.sort()).toEqual([...legacy, ...added].sort());
  });
});
