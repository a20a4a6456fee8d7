// finance.db files (and one old PostgreSQL database) with what a hand-edited
// or half-migrated old database can hold: bytes that are not UTF-8, BLOBs in
// text columns, integers past 2^53, numbers written as text, ids that repeat
// or are missing, odd column names, FTS5, WITHOUT ROWID tables and views.
import Database from 'better-sqlite3';
import pg from 'pg';

/** Columns declared without a type keep text as text (no affinity turns '1e2' into 100). */
const TRANSACTIONS = `CREATE TABLE transactions (id INTEGER PRIMARY KEY AUTOINCREMENT, date TEXT NOT NULL,
  description TEXT NOT NULL, amount NOT NULL, category TEXT DEFAULT 'Other', source_file TEXT, merchant TEXT,
  huququllah_classification TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)`;

/** Bytes of the values the import must keep exactly. */
export const HOSTILE_BYTES = {
  invalidUtf8: '48C3A9FF80FE6C6C6F',
  blobUtf8: '436166C3A9',
  nul: '6E756C00627974',
  huququllah: 'FF',
  productNames: '426F6F6BFE',
};

/** Every kind of value that used to change without a record. */
export function buildValuesDb(path: string): void {
  const db = new Database(path);
  const b = HOSTILE_BYTES;
  db.exec(`${TRANSACTIONS};
    CREATE TABLE categories (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE NOT NULL, rule_pattern TEXT,
      ai_suggested BOOLEAN DEFAULT 0);
    CREATE TABLE amazon_orders (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT UNIQUE NOT NULL, order_date TEXT NOT NULL,
      website TEXT NOT NULL, currency TEXT NOT NULL, total_owed REAL NOT NULL, product_names TEXT NOT NULL, order_status TEXT,
      shipment_status TEXT, source_file TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
    CREATE TABLE apple_transactions (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT UNIQUE NOT NULL,
      order_date TEXT NOT NULL, total_amount REAL NOT NULL, currency TEXT NOT NULL, app_names TEXT NOT NULL, publishers TEXT,
      item_count INTEGER DEFAULT 1, source_file TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
    INSERT INTO transactions (id, date, description, amount, huququllah_classification) VALUES
      (1, '2024-01-01', CAST(X'${b.invalidUtf8}' AS TEXT), -1.5, NULL),
      (2, '2024-01-02', X'${b.blobUtf8}', -2, NULL),
      (3, '2024-01-03', 'Real ' || char(65533) || ' kept', -3, NULL),
      (4, '2024-01-04', CAST(X'${b.nul}' AS TEXT), -4, NULL),
      (5, '2024-01-05', 'Plain', -5, CAST(X'${b.huququllah}' AS TEXT)),
      (6, '2024-01-06', 'Hex amount', '0x10', NULL),
      (7, '2024-01-07', 'Exponent', '1e2', NULL),
      (8, '2024-01-08', 'Spaces', ' 12.5 ', NULL),
      (9, '2024-01-09', 'Sub-penny text', '12.345', NULL),
      (10, '2024-01-10', 'Decimal text', '-7.50', NULL),
      (11, 20240111, 'Date as a number', -11, NULL),
      (12, '2024-01-12', 'Café', -12, 'essential');
    INSERT INTO categories (name, ai_suggested) VALUES ('Pets', 'maybe'), ('Kids', 'true'), ('Gifts', 2), ('Garden', 1);
    INSERT INTO amazon_orders (id, order_id, order_date, website, currency, total_owed, product_names) VALUES
      (5, 'O-5', '2024-02-01', 'Amazon.co.uk', 'GBP', 9.99, CAST(X'${b.productNames}' AS TEXT)),
      (9007199254740992, 'O-big-1', '2024-02-02', 'Amazon.co.uk', 'GBP', 1, 'Big id'),
      (9007199254740993, 'O-big-2', '2024-02-03', 'Amazon.co.uk', 'GBP', 1, 'Bigger id');
    INSERT INTO apple_transactions (id, order_id, order_date, total_amount, currency, app_names, item_count) VALUES
      (1, 'A1', '2024-03-01', 0.99, 'GBP', 'Game', 'many'),
      (2, 'A2', '2024-03-02', 1.99, 'GBP', 'Weather', 9007199254740993),
      (3, 'A3', '2024-03-03', 2.99, 'GBP', 'Notes', 3);`);
  db.close();
}

/** Rows that must be quarantined one by one: ids repeated, missing, not numbers, past 2^53; values that are no number. */
export function buildBadRowsDb(path: string): void {
  const db = new Database(path);
  db.exec(`
    CREATE TABLE transactions (id, date TEXT NOT NULL, description TEXT NOT NULL, amount REAL NOT NULL, category TEXT);
    CREATE TABLE amazon_orders (id INTEGER PRIMARY KEY, order_id TEXT NOT NULL, order_date TEXT NOT NULL, website TEXT NOT NULL,
      currency TEXT NOT NULL, total_owed REAL NOT NULL, product_names TEXT NOT NULL);
    CREATE TABLE amazon_transaction_matches (id INTEGER PRIMARY KEY, transaction_id INTEGER NOT NULL,
      amazon_order_id INTEGER NOT NULL, match_confidence REAL NOT NULL);
    CREATE TABLE apple_transactions (id INTEGER PRIMARY KEY, order_id TEXT NOT NULL, order_date TEXT NOT NULL,
      total_amount REAL NOT NULL, currency TEXT NOT NULL, app_names TEXT NOT NULL);
    CREATE TABLE apple_transaction_matches (id INTEGER PRIMARY KEY, apple_transaction_id INTEGER NOT NULL,
      bank_transaction_id INTEGER NOT NULL, confidence INTEGER NOT NULL);
    INSERT INTO transactions (rowid, id, date, description, amount) VALUES
      (1, 3, '2024-01-03', 'First with id 3', -3),
      (2, 3, '2024-01-04', 'Second with id 3', -4),
      (3, NULL, '2024-01-05', 'No id', -5),
      (4, 'abc', '2024-01-06', 'Text id', -6),
      (5, '12', '2024-01-07', 'Id 12 as text', -7),
      (6, 1, '2024-01-01', 'Id 1', -1),
      (7, 9007199254740993, '2024-01-08', 'Past 2^53', -8),
      (8, 9007199254740992, '2024-01-09', 'Rounds to the same double', -9);
    INSERT INTO amazon_orders VALUES (1, 'O-1', '2024-02-01', 'Amazon.co.uk', 'GBP', 5, 'Cable'),
      (2, 'O-1', '2024-02-02', 'Amazon.co.uk', 'GBP', 6, 'Same order id');
    INSERT INTO amazon_transaction_matches VALUES (1, 1, 1, 'abc'), (2, 3, 1, 0.5);
    INSERT INTO apple_transactions VALUES (1, 'A1', '2024-03-01', 0.99, 'GBP', 'Game');
    INSERT INTO apple_transaction_matches VALUES (1, 1, 1, 'high'), (2, 1, 12, 90);`);
  db.close();
}

/** Odd column names on a known table, and tables of every sort: WITHOUT ROWID, FTS5, views, a module we lack. */
export function buildOddTablesDb(path: string): void {
  const db = new Database(path);
  db.exec(`
    CREATE TABLE transactions (id INTEGER PRIMARY KEY AUTOINCREMENT, date TEXT NOT NULL, description TEXT NOT NULL,
      amount REAL NOT NULL, "__rowid" TEXT, "we""ird (name)" TEXT, "select" TEXT, "with space" INTEGER);
    CREATE TABLE notes (id INTEGER PRIMARY KEY, "__rowid" TEXT, body TEXT);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
    CREATE TABLE shadowed ("rowid" TEXT, x TEXT);
    CREATE VIRTUAL TABLE search USING fts5(body);
    CREATE VIEW spending AS SELECT * FROM transactions WHERE amount < 0;
    INSERT INTO transactions VALUES (1, '2024-01-01', 'Odd columns', -1, 'kept', 'q"uote', 'keyword', 7);
    INSERT INTO notes VALUES (1, 'mine', 'a note');
    INSERT INTO settings VALUES ('theme', 'dark'), ('rows', 50);
    INSERT INTO shadowed VALUES ('r1', 'x1');
    INSERT INTO search (body) VALUES ('full text'), ('more text');`);
  // A virtual table whose module only the app that made it had.
  // better-sqlite3 takes a factory (a module CREATE VIRTUAL TABLE can use); its types know only the options.
  const defineModule = db.table.bind(db) as unknown as (
    name: string,
    factory: () => Parameters<Database.Database['table']>[1],
  ) => void;
  defineModule('old_plugin', () => ({
    columns: ['x'],
    *rows() {
      yield { x: 1 };
    },
  }));
  db.exec('CREATE VIRTUAL TABLE plugin_rows USING old_plugin()');
  db.close();
}

/** The old app's PostgreSQL with a transactions table that lost its primary key: NULL and repeated ids past a page. */
export async function buildBadRowsPostgres(url: string): Promise<{ rows: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      CREATE TABLE transactions (id INTEGER, date DATE NOT NULL, description TEXT NOT NULL, amount NUMERIC(12,2) NOT NULL);
      INSERT INTO transactions SELECT g, DATE '2024-01-01', 'Row ' || g, -1.00 FROM generate_series(1, 5001) g;
      INSERT INTO transactions VALUES (5000, DATE '2024-01-02', 'Id 5000 again', -2.00), (NULL, DATE '2024-01-03', 'No id', -3.00);
      CREATE TABLE apple_transactions (id SERIAL PRIMARY KEY, order_id VARCHAR(50) UNIQUE NOT NULL, order_date DATE NOT NULL,
        total_amount NUMERIC(12,2) NOT NULL, currency VARCHAR(3) NOT NULL, app_names TEXT NOT NULL, item_count BIGINT);
      INSERT INTO apple_transactions (order_id, order_date, total_amount, currency, app_names, item_count)
        VALUES ('A1', DATE '2024-03-01', 0.99, 'GBP', 'Game', 9007199254740993);`);
    return { rows: 5003 };
  } finally {
    await client.end();
  }
}

/** The old app's PostgreSQL whose default user is not id 1 (it was re-created), with its bank connections in states ours has no place for. */
export async function buildMovedUserPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      CREATE TABLE transactions (id SERIAL PRIMARY KEY, date DATE NOT NULL, description TEXT NOT NULL, amount NUMERIC(12,2) NOT NULL);
      CREATE TABLE users (id SERIAL PRIMARY KEY, email VARCHAR(255) UNIQUE NOT NULL);
      CREATE TABLE bank_connections (id SERIAL PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
        provider_id VARCHAR(100) NOT NULL, connection_status VARCHAR(30) DEFAULT 'active');
      INSERT INTO users VALUES (7, 'default@local.app');
      INSERT INTO bank_connections (user_id, provider_id, connection_status) VALUES
        (7, 'ob-monzo', 'active'), (7, 'ob-lloyds', NULL), (7, 'ob-hsbc', 'revoked');`);
  } finally {
    await client.end();
  }
}
