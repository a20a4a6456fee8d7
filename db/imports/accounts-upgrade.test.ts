// A store that synced banks before accounts were first-class : the upgrade (migration 0013_accounts) gives
// each synced account an account, named after the bank, and puts its synced rows in it; a row by hand stays in
// none. Both dialects.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as sqliteMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import { migrate as pgMigrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { storeTargets } from '../../e2e/support/test-databases.js';
import { tempDir } from '../../e2e/support/test-cleanup.js';
import { migrationsDir } from '../migrations-dir.js';
import { openStore } from '../open-store.js';
import { types } from '../pg/open-pg.js';

/** A copy of this dialect's migrations that stops before accounts were first-class. */
function migrationsBeforeAccounts(dialect: 'sqlite' | 'pg'): string {
  const dir = join(tempDir('migrations'), dialect);
  cpSync(migrationsDir(dialect), dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag.endsWith('_accounts')),
  );
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

const OLD_ROWS: SQL[] = [
  sql`INSERT INTO users (id, email) VALUES (1, 'default@local.app')`,
  sql`INSERT INTO bank_connections (id, user_id, provider_id, provider_name) VALUES (1, 1, 'ob-monzo', 'Monzo'), (2, 1, 'ob-amex', NULL)`,
  sql`INSERT INTO truelayer_accounts (id, connection_id, account_id, kind, account_type, display_name) VALUES
        (1, 1, 'a', 'account', 'TRANSACTION', 'Current Account'),
        (2, 1, 'b', 'account', 'TRANSACTION', 'Current Account'),
        (3, 1, 's', 'account', 'SAVINGS', 'Pot'),
        (4, 2, 'c', 'card', 'CREDIT_CARD', '')`,
  // An account a statement made already holds the name the card would get.
  sql`INSERT INTO accounts (id, name, kind) VALUES (1, 'Bank account', 'current')`,
  sql`INSERT INTO transactions (id, date, description, amount) VALUES
        (1, '2025-01-01', 'PRET', -4.55), (2, '2025-01-02', 'AMEX SHOP', -10.00), (3, '2025-01-03', 'BY HAND', -1.00)`,
  sql`INSERT INTO truelayer_transactions (account_id, normalised_provider_transaction_id, description, amount, ledger_transaction_id)
      VALUES (1, 'k1', 'PRET', -4.55, 1), (4, 'k2', 'AMEX SHOP', -10.00, 2)`,
];

async function previousVersionStore(dialect: 'sqlite' | 'postgres', target: string): Promise<void> {
  if (dialect === 'sqlite') {
    const db = new Database(target);
    try {
      const orm = sqliteDrizzle({ client: db });
      sqliteMigrate(orm, { migrationsFolder: migrationsBeforeAccounts('sqlite') });
      for (const statement of OLD_ROWS) orm.run(statement);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: target, types });
  await client.connect();
  try {
    const orm = pgDrizzle({ client });
    await pgMigrate(orm, { migrationsFolder: migrationsBeforeAccounts('pg') });
    for (const statement of OLD_ROWS) await orm.execute(statement);
    // Ids were given by hand: the sequences move past them, as a real store's would be.
    for (const table of ['users', 'bank_connections', 'truelayer_accounts', 'accounts', 'transactions'])
      await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT MAX(id) FROM ${table}))`);
  } finally {
    await client.end();
  }
}

describe.each(storeTargets)('accounts after an upgrade on $dialect', ({ dialect, target }) => {
  it('gives every synced account an account named after its bank and puts its synced rows in it', async () => {
    const location = await target();
    await previousVersionStore(dialect, location);
    const store = await openStore(location);
    try {
      const accounts = await store.accounts.list();
      expect(accounts.map((a) => [a.name, a.kind, a.transactions, a.bank?.connectionId ?? null])).toEqual([
        ['Bank account', 'current', 0, null],
        ['Bank account 4', 'credit_card', 1, 2],
        ['Current Account (Monzo) 1', 'current', 1, 1],
        ['Current Account (Monzo) 2', 'current', 0, 1],
        ['Pot (Monzo)', 'savings', 0, 1],
      ]);
      const rows = await store.listTransactions({ sort: 'date', direction: 'asc' });
      const byName = new Map(accounts.map((a) => [a.id, a.name]));
      expect(rows.items.map((t) => [t.description, t.accountId === null ? null : byName.get(t.accountId)])).toEqual([
        ['PRET', 'Current Account (Monzo) 1'],
        ['AMEX SHOP', 'Bank account 4'],
        ['BY HAND', null],
      ]);
      // A later sync of the same accounts adds none.
      await store.bank.upsertAccounts(1, [
        {
          accountId: 'a',
          kind: 'account',
          accountType: 'TRANSACTION',
          displayName: 'Current Account',
          currency: 'GBP',
          accountNumber: null,
          providerData: null,
        },
      ]);
      expect(await store.accounts.list()).toHaveLength(5);
    } finally {
      await store.close();
    }
  });
});
