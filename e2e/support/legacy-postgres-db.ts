// The old app's PostgreSQL database (LEGACY.md's schema: NUMERIC money, DATE,
// TIMESTAMPTZ, JSONB, enforced links, the bank tables), with Fernet tokens
// made under its ENCRYPTION_KEY, for the import tests.
import pg from 'pg';
import { encrypt } from '../../main/services/secrets/fernet.js';

const DDL = `
CREATE TABLE transactions (id SERIAL PRIMARY KEY, date DATE NOT NULL, description TEXT NOT NULL,
  amount NUMERIC(12,2) NOT NULL, category VARCHAR(100) DEFAULT 'Other', source_file VARCHAR(255), merchant VARCHAR(255),
  huququllah_classification VARCHAR(20), created_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE categories (id SERIAL PRIMARY KEY, name VARCHAR(100) UNIQUE NOT NULL, rule_pattern TEXT, ai_suggested BOOLEAN DEFAULT false);
CREATE TABLE category_keywords (id SERIAL PRIMARY KEY, category_name VARCHAR(100) NOT NULL, keyword VARCHAR(255) NOT NULL,
  created_at TIMESTAMPTZ DEFAULT now(), UNIQUE(category_name, keyword));
CREATE TABLE account_mappings (id SERIAL PRIMARY KEY, sort_code VARCHAR(6) NOT NULL, account_number VARCHAR(8) NOT NULL,
  friendly_name VARCHAR(255) NOT NULL, created_at TIMESTAMPTZ DEFAULT now(), UNIQUE(sort_code, account_number));
CREATE TABLE amazon_orders (id SERIAL PRIMARY KEY, order_id VARCHAR(50) UNIQUE NOT NULL, order_date DATE NOT NULL,
  website VARCHAR(50) NOT NULL, currency VARCHAR(3) NOT NULL, total_owed NUMERIC(12,2) NOT NULL, product_names TEXT NOT NULL,
  order_status VARCHAR(50), shipment_status VARCHAR(50), source_file VARCHAR(255), created_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE amazon_transaction_matches (id SERIAL PRIMARY KEY,
  transaction_id INTEGER NOT NULL UNIQUE REFERENCES transactions(id) ON DELETE CASCADE,
  amazon_order_id INTEGER NOT NULL REFERENCES amazon_orders(id) ON DELETE CASCADE, match_confidence REAL NOT NULL,
  matched_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE amazon_returns (id SERIAL PRIMARY KEY, order_id VARCHAR(50) NOT NULL, reversal_id VARCHAR(50) UNIQUE NOT NULL,
  refund_completion_date DATE NOT NULL, currency VARCHAR(3) NOT NULL, amount_refunded NUMERIC(12,2) NOT NULL, status VARCHAR(50),
  disbursement_type VARCHAR(50), source_file VARCHAR(255),
  original_transaction_id INTEGER REFERENCES transactions(id) ON DELETE SET NULL,
  refund_transaction_id INTEGER REFERENCES transactions(id) ON DELETE SET NULL, created_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE apple_transactions (id SERIAL PRIMARY KEY, order_id VARCHAR(50) UNIQUE NOT NULL, order_date DATE NOT NULL,
  total_amount NUMERIC(12,2) NOT NULL, currency VARCHAR(3) NOT NULL, app_names TEXT NOT NULL, publishers TEXT,
  item_count INTEGER DEFAULT 1, source_file VARCHAR(255), created_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE apple_transaction_matches (id SERIAL PRIMARY KEY,
  apple_transaction_id INTEGER NOT NULL REFERENCES apple_transactions(id) ON DELETE CASCADE,
  bank_transaction_id INTEGER NOT NULL UNIQUE REFERENCES transactions(id) ON DELETE CASCADE, confidence INTEGER NOT NULL,
  matched_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE users (id SERIAL PRIMARY KEY, email VARCHAR(255) UNIQUE NOT NULL, created_at TIMESTAMPTZ DEFAULT now(),
  updated_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE bank_connections (id SERIAL PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), provider_id VARCHAR(100) NOT NULL,
  provider_name VARCHAR(255), access_token TEXT, refresh_token TEXT, token_expires_at TIMESTAMPTZ,
  refresh_token_expires_at TIMESTAMPTZ, connection_status VARCHAR(30) DEFAULT 'active', last_synced_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ DEFAULT now(), updated_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE truelayer_accounts (id SERIAL PRIMARY KEY, connection_id INTEGER NOT NULL REFERENCES bank_connections(id),
  account_id VARCHAR(100) NOT NULL, account_type VARCHAR(50), display_name VARCHAR(255), currency VARCHAR(3),
  account_number_json JSONB, provider_data JSONB, last_synced_at TIMESTAMPTZ, created_at TIMESTAMPTZ DEFAULT now(),
  updated_at TIMESTAMPTZ DEFAULT now(), UNIQUE(connection_id, account_id));
CREATE TABLE truelayer_transactions (id SERIAL PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES truelayer_accounts(id),
  transaction_id VARCHAR(255), normalised_provider_transaction_id VARCHAR(255) UNIQUE NOT NULL, timestamp TIMESTAMPTZ,
  description TEXT, amount NUMERIC(12,2), currency VARCHAR(3), transaction_type VARCHAR(10), transaction_category VARCHAR(50),
  merchant_name VARCHAR(255), running_balance NUMERIC(12,2), metadata JSONB, created_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE truelayer_balances (id SERIAL PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES truelayer_accounts(id),
  current_balance NUMERIC(12,2), available_balance NUMERIC(12,2), overdraft NUMERIC(12,2), currency VARCHAR(3),
  snapshot_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE webhook_events (id SERIAL PRIMARY KEY, event_id VARCHAR(255) UNIQUE NOT NULL, event_type VARCHAR(100), payload JSONB,
  signature TEXT, processed BOOLEAN DEFAULT false, processed_at TIMESTAMPTZ, received_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE connection_logs (id SERIAL PRIMARY KEY, connection_id INTEGER REFERENCES bank_connections(id), event_type VARCHAR(100),
  details JSONB, created_at TIMESTAMPTZ DEFAULT now());
CREATE TABLE oauth_state (id SERIAL PRIMARY KEY, state VARCHAR(255) UNIQUE NOT NULL, code_verifier TEXT, expires_at TIMESTAMPTZ);
`;

export const LEGACY_KEY = 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=';
export const LEGACY_TOKENS = { access: 'access-token-from-the-old-app', refresh: 'refresh-token-from-the-old-app' };

/** Fills an empty database with the old app's schema and data; returns what the tests check. */
export async function buildLegacyPostgres(url: string): Promise<{ transactions: number; pence: bigint }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(DDL);
    await client.query(
      `INSERT INTO categories (name) SELECT unnest(ARRAY['Groceries','Transport','Dining','Entertainment','Utilities','Shopping','Health','Income','Other','Pets'])`,
    );
    await client.query(`INSERT INTO transactions (id, date, description, amount, category, merchant, huququllah_classification, created_at)
      SELECT g, DATE '2024-01-01' + (g % 300), 'CARD PAYMENT ' || g, -((g * 7919) % 25000 + 1) / 100.0, 'Groceries', 'Shop ' || (g % 30),
             CASE WHEN g % 5 = 0 THEN 'essential' END, TIMESTAMPTZ '2024-06-01 10:00:00+01' + g * INTERVAL '1 minute'
      FROM generate_series(1, 400) g`);
    await client.query(
      `INSERT INTO transactions (id, date, description, amount) VALUES (405, '2024-05-07', '[REFUND] Café «Zoë» 🍕', 19.99)`,
    );
    await client.query(`SELECT setval('transactions_id_seq', 405)`);
    await client.query(
      `INSERT INTO amazon_orders (order_id, order_date, website, currency, total_owed, product_names) VALUES ('203-1', '2024-03-01', 'Amazon.co.uk', 'GBP', 12.99, 'Cable')`,
    );
    await client.query(
      `INSERT INTO amazon_transaction_matches (transaction_id, amazon_order_id, match_confidence) VALUES (1, 1, 0.95)`,
    );
    await client.query(`INSERT INTO users (id, email) VALUES (1, 'default@local.app')`);
    const access = encrypt(LEGACY_KEY, LEGACY_TOKENS.access);
    const refresh = encrypt(LEGACY_KEY, LEGACY_TOKENS.refresh);
    await client.query(
      `INSERT INTO bank_connections (id, user_id, provider_id, provider_name, access_token, refresh_token, token_expires_at, connection_status)
       VALUES (1, 1, 'ob-monzo', 'Monzo', $1, $2, '2024-07-01 12:00:00+00', 'active'),
              (2, 1, 'ob-lloyds', 'Lloyds', 'plaintext-access-token', NULL, NULL, 'expired')`,
      [access, refresh],
    );
    await client.query(`INSERT INTO truelayer_accounts (connection_id, account_id, display_name, currency, account_number_json, provider_data)
      VALUES (1, 'acc-1', 'Current', 'GBP', '{"number": "12345678", "sort_code": "040004"}', '{"b": [1, 2.5], "a": {"x": true}}')`);
    await client.query(`INSERT INTO truelayer_transactions (account_id, transaction_id, normalised_provider_transaction_id, timestamp, description, amount, currency, transaction_type, running_balance, metadata)
      VALUES (1, 'tx-1', 'norm-1', '2024-03-04T10:11:12+01:00', 'TESCO', -12.34, 'GBP', 'DEBIT', 1000.01, '{"k": "v"}')`);
    await client.query(
      `INSERT INTO truelayer_balances (account_id, current_balance, available_balance, currency) VALUES (1, 1000.01, 950.00, 'GBP')`,
    );
    await client.query(
      `INSERT INTO webhook_events (event_id, event_type, payload, processed) VALUES ('ev-1', 'sync', '{"z": 1}', true)`,
    );
    await client.query(
      `INSERT INTO connection_logs (connection_id, event_type, details) VALUES (1, 'synced', '{"rows": 10}')`,
    );
    const { rows } = await client.query<{ n: string; pence: string }>(
      `SELECT count(*) AS n, SUM(amount * 100)::bigint AS pence FROM transactions`,
    );
    return { transactions: Number(rows[0]?.n), pence: BigInt(rows[0]?.pence ?? 0) };
  } finally {
    await client.end();
  }
}
