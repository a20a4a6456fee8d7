// Builds the old app's finance.db in each variant LEGACY.md describes, with
// the data quirks found in the wild, for the import tests.
import Database from 'better-sqlite3';
import { DEFAULT_CATEGORIES } from '../../db/model.js';

export type LegacyVariant = 'base' | 'older' | 'later-branch';

// The old app seeded the same nine categories as ours.
const CATEGORIES = DEFAULT_CATEGORIES;

function transactionsTable(variant: LegacyVariant): string {
  if (variant === 'later-branch')
    return `CREATE TABLE transactions (id INTEGER PRIMARY KEY AUTOINCREMENT, date TEXT NOT NULL, description TEXT NOT NULL,
      amount REAL NOT NULL, source_file TEXT, huququllah_classification TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
      lookup_description TEXT, provider TEXT, variant TEXT, payee TEXT, reference TEXT, mandate_number TEXT, branch TEXT,
      entity TEXT, trip_date TEXT, sender TEXT, rate TEXT, tax TEXT, payment_count INTEGER, extraction_confidence INTEGER)`;
  // The old app declared a CHECK here that never took effect (any text got in); the fixture lets it in too.
  const huququllah = variant === 'base' ? ', huququllah_classification TEXT' : '';
  return `CREATE TABLE transactions (id INTEGER PRIMARY KEY AUTOINCREMENT, date TEXT NOT NULL, description TEXT NOT NULL,
    amount REAL NOT NULL, category TEXT DEFAULT 'Other', source_file TEXT, merchant TEXT${huququllah},
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)`;
}

const SCHEMA = `
CREATE TABLE categories (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE NOT NULL, rule_pattern TEXT, ai_suggested BOOLEAN DEFAULT 0);
CREATE TABLE category_keywords (id INTEGER PRIMARY KEY AUTOINCREMENT, category_name TEXT NOT NULL, keyword TEXT NOT NULL,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, UNIQUE(category_name, keyword));
CREATE TABLE account_mappings (id INTEGER PRIMARY KEY AUTOINCREMENT, sort_code TEXT NOT NULL, account_number TEXT NOT NULL,
  friendly_name TEXT NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, UNIQUE(sort_code, account_number));
CREATE TABLE amazon_orders (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT UNIQUE NOT NULL, order_date TEXT NOT NULL,
  website TEXT NOT NULL, currency TEXT NOT NULL, total_owed REAL NOT NULL, product_names TEXT NOT NULL, order_status TEXT,
  shipment_status TEXT, source_file TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE amazon_transaction_matches (id INTEGER PRIMARY KEY AUTOINCREMENT, transaction_id INTEGER NOT NULL UNIQUE,
  amazon_order_id INTEGER NOT NULL, match_confidence REAL NOT NULL, matched_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE amazon_returns (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT NOT NULL, reversal_id TEXT UNIQUE NOT NULL,
  refund_completion_date TEXT NOT NULL, currency TEXT NOT NULL, amount_refunded REAL NOT NULL, status TEXT,
  disbursement_type TEXT, source_file TEXT, original_transaction_id INTEGER, refund_transaction_id INTEGER,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE apple_transactions (id INTEGER PRIMARY KEY AUTOINCREMENT, order_id TEXT UNIQUE NOT NULL, order_date TEXT NOT NULL,
  total_amount REAL NOT NULL, currency TEXT NOT NULL, app_names TEXT NOT NULL, publishers TEXT, item_count INTEGER DEFAULT 1,
  source_file TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE apple_transaction_matches (id INTEGER PRIMARY KEY AUTOINCREMENT, apple_transaction_id INTEGER NOT NULL,
  bank_transaction_id INTEGER NOT NULL UNIQUE, confidence INTEGER NOT NULL, matched_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
`;

const LATER_BRANCH_TABLES = `
CREATE TABLE merchants (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, website TEXT);
CREATE TABLE transaction_enrichments (id INTEGER PRIMARY KEY AUTOINCREMENT, transaction_id INTEGER NOT NULL,
  primary_category TEXT, merchant_id INTEGER, confidence REAL);
CREATE TABLE llm_enrichment_cache (id INTEGER PRIMARY KEY AUTOINCREMENT, prompt_hash TEXT, response TEXT);
CREATE TABLE llm_enrichment_failures (id INTEGER PRIMARY KEY AUTOINCREMENT, transaction_id INTEGER, error TEXT);
CREATE TABLE llm_model_config (id INTEGER PRIMARY KEY AUTOINCREMENT, model TEXT, temperature REAL);
`;

export interface LegacyFixture {
  path: string;
  /** Source transaction ids that must be quarantined, with the reason's key words. */
  rejectedTransactions: Record<number, string>;
  /** Pence of every valid source transaction, summed (rule 6). */
  validPence: bigint;
  validTransactions: number;
}

/** A finance.db with `bulk` ordinary transactions plus every quirk. */
export function buildLegacyFinanceDb(path: string, variant: LegacyVariant, bulk = 500): LegacyFixture {
  const db = new Database(path);
  db.exec(transactionsTable(variant));
  db.exec(SCHEMA);
  if (variant === 'later-branch') db.exec(LATER_BRANCH_TABLES);
  db.exec('BEGIN');
  const insertCategory = db.prepare('INSERT INTO categories (name) VALUES (?)');
  for (const name of [...CATEGORIES, 'Pets']) insertCategory.run(name);

  const hasCategory = variant !== 'later-branch';
  const hasHuququllah = variant !== 'older';
  const columns = [
    'id',
    'date',
    'description',
    'amount',
    ...(hasCategory ? ['category', 'merchant'] : []),
    ...(hasHuququllah ? ['huququllah_classification'] : []),
    'created_at',
  ];
  const insert = db.prepare(
    `INSERT INTO transactions (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  let validPence = 0n;
  let validTransactions = 0;
  const add = (row: Record<string, unknown>, valid: boolean, pence = 0) => {
    insert.run(...columns.map((c) => (c in row ? row[c] : c === 'category' ? 'Other' : null)));
    if (valid) {
      validPence += BigInt(pence);
      validTransactions++;
    }
  };
  // Gaps in ids are normal (AUTOINCREMENT never reuses them).
  let id = 1;
  for (let i = 0; i < bulk; i++, id += i % 7 === 0 ? 2 : 1) {
    const pence = -((i * 7_919) % 25_000) - 1;
    add(
      {
        id,
        date: `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        description: `CARD PAYMENT TO SHOP ${i}`,
        amount: pence / 100,
        category: i % 3 ? 'Groceries' : 'Dining',
        merchant: `Shop ${i % 40}`,
        created_at: '2024-06-01 10:00:00',
      },
      true,
      pence,
    );
  }
  const quirks = id + 10;
  add(
    {
      id: quirks,
      date: '03/04/2024',
      description: 'DD/MM/YYYY date',
      amount: -12.5,
      huququllah_classification: 'essential',
      created_at: '2024-04-03 09:00:00',
    },
    true,
    -1250,
  );
  add(
    { id: quirks + 1, date: '2024-05-06', description: 'Float artefact', amount: 0.1 + 0.2, created_at: 'not a time' },
    true,
    30,
  );
  add(
    {
      id: quirks + 2,
      date: '2024-05-07',
      description: '[REFUND] Café «Zoë» 🍕 — Ünïcödé',
      amount: 19.99,
      huququllah_classification: 'maybe',
    },
    true,
    1999,
  );
  add({ id: quirks + 3, date: 'yesterday', description: 'Unparseable date', amount: -1 }, false);
  add({ id: quirks + 4, date: '2024-05-08', description: 'Amount is nan', amount: 'nan' }, false);
  add({ id: quirks + 5, date: '2024-02-30', description: 'Date that does not exist', amount: -2 }, false);
  add({ id: quirks + 6, date: '2024-05-09', description: 'Amount out of range', amount: 1e13 }, false);

  db.prepare(
    "INSERT INTO category_keywords (category_name, keyword) VALUES ('Groceries', 'tesco'), ('Pets', 'vets'), ('Ghost', 'boo')",
  ).run();
  db.prepare(
    "INSERT INTO account_mappings (sort_code, account_number, friendly_name) VALUES ('040004', '12345678', 'Joint account')",
  ).run();
  db.prepare(
    `INSERT INTO amazon_orders (id, order_id, order_date, website, currency, total_owed, product_names) VALUES
    (1, '203-1111111-1111111', '2024-03-01', 'Amazon.co.uk', 'GBP', 12.99, 'USB cable'),
    (2, '203-2222222-2222222', '15/03/2024', 'Amazon.co.uk', 'GBP', 7.5, 'Book'),
    (3, '203-3333333-3333333', '2024-03-20', 'Amazon.co.uk', 'GBP', 'nan', 'nan')`,
  ).run();
  // Match 3 points at a transaction "Clear Database" deleted.
  db.prepare(
    `INSERT INTO amazon_transaction_matches (id, transaction_id, amazon_order_id, match_confidence) VALUES
    (1, 1, 1, 0.95), (2, 2, 2, 0.875), (3, 999999, 1, 0.5)`,
  ).run();
  db.prepare(
    `INSERT INTO amazon_returns (id, order_id, reversal_id, refund_completion_date, currency, amount_refunded, original_transaction_id, refund_transaction_id) VALUES
    (1, '203-1111111-1111111', 'R1', '2024-03-10', 'GBP', 12.99, 1, 999998)`,
  ).run();
  db.prepare(
    `INSERT INTO apple_transactions (id, order_id, order_date, total_amount, currency, app_names, publishers) VALUES
    (1, 'MXABC', '2024-04-01', 2.99, 'GBP', 'Weather', 'Apple'), (2, 'MXDEF', '2024-04-02', 0.99, 'GBP', 'Game', NULL)`,
  ).run();
  db.prepare(
    'INSERT INTO apple_transaction_matches (apple_transaction_id, bank_transaction_id, confidence) VALUES (1, 3, 90), (7, 4, 80)',
  ).run();

  if (variant === 'later-branch') {
    db.prepare(
      "UPDATE transactions SET lookup_description = 'shop', provider = 'Monzo', payment_count = 2 WHERE id = 1",
    ).run();
    db.prepare("INSERT INTO merchants (name, website) VALUES ('Shop 0', 'shop.example')").run();
    db.prepare(
      "INSERT INTO transaction_enrichments (transaction_id, primary_category, confidence) VALUES (1, 'Shopping', 0.9), (2, 'Transport', 0.8)",
    ).run();
    db.prepare(
      'INSERT INTO llm_enrichment_cache (prompt_hash, response) VALUES (\'abc\', \'{"category":"Shopping"}\')',
    ).run();
    db.prepare("INSERT INTO llm_model_config (model, temperature) VALUES ('gpt-x', 0.2)").run();
  }
  db.exec('COMMIT');
  db.close();
  return {
    path,
    rejectedTransactions: {
      [quirks + 3]: 'cannot be read',
      [quirks + 4]: 'not a number',
      [quirks + 5]: 'does not exist',
      [quirks + 6]: 'out of range',
    },
    validPence,
    validTransactions,
  };
}
