// SQLite schema. Names and columns follow the legacy app (LEGACY.md) so its
// SQL keeps working; db/schema/parity.test.ts holds it equal to pg.ts.
// Money is REAL rounded to 2 dp on write (code works in integer pence);
// dates are ISO text, which sorts chronologically.
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';

const id = () => integer('id').primaryKey({ autoIncrement: true });
const createdAt = () => text('created_at').default(sql`CURRENT_TIMESTAMP`);
const updatedAt = () => text('updated_at').default(sql`CURRENT_TIMESTAMP`);
const json = (name: string) => text(name, { mode: 'json' });
const isoDate = (column: string) => sql.raw(`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`);

export const transactions = sqliteTable(
  'transactions',
  {
    id: id(),
    date: text('date').notNull(),
    description: text('description').notNull(),
    amount: real('amount').notNull(),
    category: text('category').default('Other'),
    source_file: text('source_file'),
    merchant: text('merchant'),
    huququllah_classification: text('huququllah_classification'),
    created_at: createdAt(),
    // description and merchant as search compares them (db/search-fold.ts); every write
    // sets them with their source column (db/derived-columns.ts). Not moved or checksummed.
    description_folded: text('description_folded'),
    merchant_folded: text('merchant_folded'),
    /**
     * Who set the category: 'manual' (the user; rules leave it alone unless asked), 'rule', 'import' or
     * 'bank'; NULL where nobody knows (rows from before rules, the old app, demo data).
     */
    category_source: text('category_source'),
    /** Its account: the one a statement import or bank sync put it in, or the user chose; NULL for the old app's rows. */
    account_id: integer('account_id').references((): AnySQLiteColumn => accounts.id, { onDelete: 'set null' }),
    /** The bank's own id for it in that account (OFX FITID), when the statement gave one. */
    import_id: text('import_id'),
    /** The statement import that added it: undoing that import removes it. */
    statement_import_id: integer('statement_import_id').references((): AnySQLiteColumn => statement_imports.id),
  },
  (t) => [
    index('idx_transactions_date').on(t.date, t.id),
    index('idx_transactions_account_import').on(t.account_id, t.import_id),
    index('idx_transactions_statement_import').on(t.statement_import_id),
    index('idx_transactions_category').on(t.category, t.date, t.id),
    index('idx_transactions_category_amount').on(t.category, t.amount, t.id),
    index('idx_transactions_merchant').on(t.merchant),
    index('idx_transactions_amount').on(t.amount, t.id),
    index('idx_transactions_source_file').on(t.source_file),
    check('transactions_date_iso', isoDate('date')),
    check(
      'transactions_huququllah_valid',
      sql`huququllah_classification IS NULL OR huququllah_classification IN ('essential', 'discretionary')`,
    ),
    check(
      'transactions_category_source_valid',
      sql`category_source IS NULL OR category_source IN ('manual', 'rule', 'import', 'bank')`,
    ),
  ],
);

/**
 * Running totals per month and category, kept exact by triggers on
 * `transactions` (migration 0001), so dashboard aggregates over a million
 * rows read a few hundred rows instead. category '' stands for none.
 */
export const transaction_totals = sqliteTable(
  'transaction_totals',
  {
    month: text('month').notNull(),
    category: text('category').notNull(),
    n: integer('n').notNull(),
    spend_pence: integer('spend_pence').notNull(),
    income_pence: integer('income_pence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.category] })],
);

/**
 * Expenses per month and Huququllah class (class '' for none), kept exact by
 * triggers on `transactions` like transaction_totals, so the Huququllah
 * summary over a million rows reads a few hundred rows. pence is the sum of
 * the (negative) amounts.
 */
export const huququllah_totals = sqliteTable(
  'huququllah_totals',
  {
    month: text('month').notNull(),
    class: text('class').notNull(),
    n: integer('n').notNull(),
    pence: integer('pence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.class] })],
);

export const categories = sqliteTable('categories', {
  id: id(),
  name: text('name').notNull().unique(),
  rule_pattern: text('rule_pattern'),
  ai_suggested: integer('ai_suggested', { mode: 'boolean' }).default(false),
});

export const category_keywords = sqliteTable(
  'category_keywords',
  {
    id: id(),
    category_name: text('category_name')
      .notNull()
      .references(() => categories.name, { onDelete: 'cascade', onUpdate: 'cascade' }),
    keyword: text('keyword').notNull(),
    created_at: createdAt(),
  },
  (t) => [uniqueIndex('category_keywords_category_keyword').on(t.category_name, t.keyword)],
);

/**
 * Rules that sort transactions (main/services/finance/rules/): every condition must hold; the first rule in
 * priority order that matches sets each field it has an action for. A keyword of the Categories page is a
 * rule with `keyword_id` set (its row in category_keywords stays, so the old guide's SQL still reads it).
 */
export const rules = sqliteTable(
  'rules',
  {
    id: id(),
    /** 1 is tried first. */
    priority: integer('priority').notNull(),
    /** RuleCondition[] (db/rules/rule-model.ts). */
    conditions: json('conditions').notNull(),
    set_category: text('set_category').references(() => categories.name, {
      onDelete: 'set null',
      onUpdate: 'cascade',
    }),
    set_merchant: text('set_merchant'),
    set_huququllah: text('set_huququllah'),
    keyword_id: integer('keyword_id')
      .unique()
      .references(() => category_keywords.id, { onDelete: 'cascade' }),
    /** One of the rules every store starts with (the old app's keyword lists), unedited. */
    builtin: integer('builtin', { mode: 'boolean' }).notNull().default(false),
    created_at: createdAt(),
  },
  (t) => [
    index('idx_rules_priority').on(t.priority, t.id),
    check('rules_huququllah_valid', sql`set_huququllah IS NULL OR set_huququllah IN ('essential', 'discretionary')`),
  ],
);

/** One apply of rules (or merchant clean-up, or a recategorisation), kept so it can be undone. */
export const rule_runs = sqliteTable('rule_runs', {
  id: id(),
  /** 'rules', 'merchants' or 'recategorise'. */
  kind: text('kind').notNull(),
  /** What it was asked to cover, as the user chose it. */
  scope: json('scope').notNull(),
  changed: integer('changed').notNull(),
  /** { byCategory: { "<old> -> <new>": n }, merchants: n, huququllah: n } */
  summary: json('summary').notNull(),
  created_at: createdAt(),
  undone_at: text('undone_at'),
});

/** The values a run replaced, per transaction, so undo can put them back. */
export const rule_run_changes = sqliteTable(
  'rule_run_changes',
  {
    run_id: integer('run_id')
      .notNull()
      .references(() => rule_runs.id, { onDelete: 'cascade' }),
    transaction_id: integer('transaction_id')
      .notNull()
      .references(() => transactions.id, { onDelete: 'cascade' }),
    old_category: text('old_category'),
    new_category: text('new_category'),
    old_category_source: text('old_category_source'),
    new_category_source: text('new_category_source'),
    old_merchant: text('old_merchant'),
    new_merchant: text('new_merchant'),
    old_huququllah: text('old_huququllah'),
    new_huququllah: text('new_huququllah'),
  },
  (t) => [
    primaryKey({ columns: [t.run_id, t.transaction_id] }),
    index('idx_rule_run_changes_transaction').on(t.transaction_id),
  ],
);

/** Accounts that statement files are imported into (issue 15): each imported row keeps its account. */
export const accounts = sqliteTable(
  'accounts',
  {
    id: id(),
    name: text('name').notNull().unique(),
    /** 'current', 'credit_card' or 'savings'. */
    kind: text('kind').notNull(),
    /** The bank-synced account it is (its transactions arrive by sync); NULL for accounts made by an import or by hand. */
    truelayer_account_id: integer('truelayer_account_id')
      .unique()
      .references((): AnySQLiteColumn => truelayer_accounts.id, { onDelete: 'set null' }),
    created_at: createdAt(),
  },
  () => [check('accounts_kind_valid', sql`kind IN ('current', 'credit_card', 'savings')`)],
);

/**
 * One statement file imported (main/services/finance/imports/), kept so it can be listed and undone as a
 * whole. Undo removes the import's rows and this record (and the account when the import made it), so the
 * store is exactly as it was before.
 */
export const statement_imports = sqliteTable('statement_imports', {
  id: id(),
  /** The file's base name, as transactions.source_file holds it. */
  file_name: text('file_name').notNull(),
  /** Of the file's bytes: the same file imported again is recognised by it. */
  sha256: text('sha256').notNull(),
  /** santander-html, xls, xlsx, csv, ofx, qfx or qif. */
  format: text('format').notNull(),
  account_id: integer('account_id').references(() => accounts.id),
  /** The import made its account, so undoing it removes the account too when nothing else is in it. */
  account_created: integer('account_created', { mode: 'boolean' }).notNull().default(false),
  added: integer('added').notNull(),
  duplicates: integer('duplicates').notNull(),
  /** UnreadableRow[]: line and reason of each row that could not be read. */
  unreadable: json('unreadable').notNull(),
  created_at: createdAt(),
});

/** Column mappings saved per bank (`spending import --save-profile`): how that bank's CSV files are read. */
export const import_profiles = sqliteTable('import_profiles', {
  id: id(),
  name: text('name').notNull().unique(),
  /** A CsvMapping (main/services/finance/imports/csv-mapping.ts). */
  mapping: json('mapping').notNull(),
  created_at: createdAt(),
});

export const account_mappings = sqliteTable(
  'account_mappings',
  {
    id: id(),
    sort_code: text('sort_code').notNull(),
    account_number: text('account_number').notNull(),
    friendly_name: text('friendly_name').notNull(),
    created_at: createdAt(),
  },
  (t) => [uniqueIndex('account_mappings_account').on(t.sort_code, t.account_number)],
);

export const amazon_orders = sqliteTable('amazon_orders', {
  id: id(),
  order_id: text('order_id').notNull().unique(),
  order_date: text('order_date').notNull(),
  website: text('website').notNull(),
  currency: text('currency').notNull(),
  total_owed: real('total_owed').notNull(),
  product_names: text('product_names').notNull(),
  order_status: text('order_status'),
  shipment_status: text('shipment_status'),
  source_file: text('source_file'),
  created_at: createdAt(),
});

export const amazon_transaction_matches = sqliteTable(
  'amazon_transaction_matches',
  {
    id: id(),
    transaction_id: integer('transaction_id')
      .notNull()
      .unique()
      .references(() => transactions.id, { onDelete: 'cascade' }),
    amazon_order_id: integer('amazon_order_id')
      .notNull()
      .references(() => amazon_orders.id, { onDelete: 'cascade' }),
    match_confidence: real('match_confidence').notNull(),
    matched_at: text('matched_at').default(sql`CURRENT_TIMESTAMP`),
  },
  (t) => [index('idx_amazon_matches_order').on(t.amazon_order_id)],
);

export const amazon_returns = sqliteTable(
  'amazon_returns',
  {
    id: id(),
    order_id: text('order_id').notNull(),
    reversal_id: text('reversal_id').notNull().unique(),
    refund_completion_date: text('refund_completion_date').notNull(),
    currency: text('currency').notNull(),
    amount_refunded: real('amount_refunded').notNull(),
    status: text('status'),
    disbursement_type: text('disbursement_type'),
    source_file: text('source_file'),
    original_transaction_id: integer('original_transaction_id').references(() => transactions.id, {
      onDelete: 'set null',
    }),
    refund_transaction_id: integer('refund_transaction_id').references(() => transactions.id, {
      onDelete: 'set null',
    }),
    created_at: createdAt(),
  },
  (t) => [
    index('idx_amazon_returns_original').on(t.original_transaction_id),
    index('idx_amazon_returns_refund').on(t.refund_transaction_id),
  ],
);

export const apple_transactions = sqliteTable('apple_transactions', {
  id: id(),
  order_id: text('order_id').notNull().unique(),
  order_date: text('order_date').notNull(),
  total_amount: real('total_amount').notNull(),
  currency: text('currency').notNull(),
  app_names: text('app_names').notNull(),
  publishers: text('publishers'),
  item_count: integer('item_count').default(1),
  source_file: text('source_file'),
  created_at: createdAt(),
});

export const apple_transaction_matches = sqliteTable(
  'apple_transaction_matches',
  {
    id: id(),
    apple_transaction_id: integer('apple_transaction_id')
      .notNull()
      .references(() => apple_transactions.id, { onDelete: 'cascade' }),
    bank_transaction_id: integer('bank_transaction_id')
      .notNull()
      .unique()
      .references(() => transactions.id, { onDelete: 'cascade' }),
    confidence: integer('confidence').notNull(),
    matched_at: text('matched_at').default(sql`CURRENT_TIMESTAMP`),
  },
  (t) => [index('idx_apple_matches_apple').on(t.apple_transaction_id)],
);

/**
 * One Amazon or Apple purchase history file imported (main/services/finance/purchases/). The same file (by
 * SHA-256) again adds nothing. Kept apart from the legacy amazon_* and apple_* tables, which the old app's
 * SQL still reads: those allow one order per bank row and no refunds or Apple purchases in one engine.
 */
export const purchase_imports = sqliteTable('purchase_imports', {
  id: id(),
  file_name: text('file_name').notNull(),
  sha256: text('sha256').notNull().unique(),
  /** amazon-orders, amazon-returns, amazon-digital or apple. */
  format: text('format').notNull(),
  added: integer('added').notNull(),
  duplicates: integer('duplicates').notNull(),
  created_at: createdAt(),
});

/** An Amazon order, Amazon refund or Apple purchase: what a bank row may be matched to (db/purchases/). */
export const purchases = sqliteTable(
  'purchases',
  {
    id: id(),
    /** 'amazon' or 'apple'. */
    source: text('source').notNull(),
    /** 'order' (money out) or 'refund' (money back). */
    kind: text('kind').notNull(),
    /** The seller's id for it: the order id, or a refund's reversal id. Unique per source and kind. */
    external_id: text('external_id').notNull(),
    /** The order it belongs to: its own id for an order, the refunded order for a refund. */
    order_id: text('order_id').notNull(),
    date: text('date').notNull(),
    /** What was charged or refunded, positive. */
    amount: real('amount').notNull(),
    currency: text('currency').notNull(),
    /** Product or app names, joined with " | ", as the file wrote them. */
    items: text('items').notNull(),
    status: text('status'),
    import_id: integer('import_id').references(() => purchase_imports.id),
    created_at: createdAt(),
  },
  (t) => [
    uniqueIndex('purchases_source_kind_external').on(t.source, t.kind, t.external_id),
    index('idx_purchases_date').on(t.date),
    check('purchases_source_valid', sql`source IN ('amazon', 'apple')`),
    check('purchases_kind_valid', sql`kind IN ('order', 'refund')`),
    check('purchases_date_iso', isoDate('date')),
  ],
);

/**
 * A purchase matched to the bank row that paid (or refunded) it. One row per purchase; several purchases
 * charged together share a transaction. The bank row's own text is never changed.
 */
export const purchase_matches = sqliteTable(
  'purchase_matches',
  {
    purchase_id: integer('purchase_id')
      .primaryKey()
      .references(() => purchases.id, { onDelete: 'cascade' }),
    transaction_id: integer('transaction_id')
      .notNull()
      .references(() => transactions.id, { onDelete: 'cascade' }),
    /** 'proposed' (by matching; redone by each run), 'confirmed' or 'manual' (by the user; kept). */
    status: text('status').notNull(),
    /** 0–100. */
    confidence: real('confidence').notNull(),
    matched_at: text('matched_at').default(sql`CURRENT_TIMESTAMP`),
  },
  (t) => [
    index('idx_purchase_matches_transaction').on(t.transaction_id),
    check('purchase_matches_status_valid', sql`status IN ('proposed', 'confirmed', 'manual')`),
  ],
);

/** A pairing the user rejected: matching never proposes it again. */
export const purchase_rejections = sqliteTable(
  'purchase_rejections',
  {
    purchase_id: integer('purchase_id')
      .notNull()
      .references(() => purchases.id, { onDelete: 'cascade' }),
    transaction_id: integer('transaction_id')
      .notNull()
      .references(() => transactions.id, { onDelete: 'cascade' }),
    created_at: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.purchase_id, t.transaction_id] })],
);

export const users = sqliteTable('users', {
  id: id(),
  email: text('email').notNull().unique(),
  created_at: createdAt(),
  updated_at: updatedAt(),
});

export const bank_connections = sqliteTable(
  'bank_connections',
  {
    id: id(),
    user_id: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider_id: text('provider_id').notNull(),
    provider_name: text('provider_name'),
    /** Fernet token, never plaintext. */
    access_token: text('access_token'),
    /** Fernet token, never plaintext. */
    refresh_token: text('refresh_token'),
    token_expires_at: text('token_expires_at'),
    refresh_token_expires_at: text('refresh_token_expires_at'),
    connection_status: text('connection_status').notNull().default('active'),
    last_synced_at: text('last_synced_at'),
    /** From /me; drives the reconsent reminder. */
    consent_expires_at: text('consent_expires_at'),
    scope: text('scope'),
    /** The last sync or refresh failure, in words a user can act on (never a token). */
    last_error: text('last_error'),
    /**
     * Who may use the refresh token now (a process's random id) and until when, by the database's clock:
     * TrueLayer rotates on every use, so processes sharing this store take turns (connection-tokens.ts).
     */
    token_lease_holder: text('token_lease_holder'),
    token_lease_expires_at: text('token_lease_expires_at'),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    index('idx_bank_connections_user').on(t.user_id),
    check(
      'bank_connections_status_valid',
      sql`connection_status IN ('active', 'expired', 'inactive', 'authorization_required')`,
    ),
  ],
);

export const truelayer_accounts = sqliteTable(
  'truelayer_accounts',
  {
    id: id(),
    connection_id: integer('connection_id')
      .notNull()
      .references(() => bank_connections.id, { onDelete: 'cascade' }),
    account_id: text('account_id').notNull(),
    /** 'account' or 'card': which Data API endpoints serve it. */
    kind: text('kind').notNull().default('account'),
    account_type: text('account_type'),
    display_name: text('display_name'),
    currency: text('currency'),
    account_number_json: json('account_number_json'),
    provider_data: json('provider_data'),
    last_synced_at: text('last_synced_at'),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [uniqueIndex('truelayer_accounts_connection_account').on(t.connection_id, t.account_id)],
);

export const truelayer_transactions = sqliteTable(
  'truelayer_transactions',
  {
    id: id(),
    account_id: integer('account_id')
      .notNull()
      .references(() => truelayer_accounts.id, { onDelete: 'cascade' }),
    transaction_id: text('transaction_id'),
    /**
     * The dedupe key: the provider's normalised id, else `ptid:<account>:<provider id>`,
     * else `hash:<sha-256 of account, booking date, pence, description>` (main/services/truelayer/map-bank-data.ts);
     * one another account already holds is kept as `acct:<account>:<key>` (db/bank/bank-transactions.ts).
     */
    normalised_provider_transaction_id: text('normalised_provider_transaction_id').notNull().unique(),
    provider_transaction_id: text('provider_transaction_id'),
    /** The timestamp's first 10 characters: the bank's booking date, never shifted through a time zone. */
    booking_date: text('booking_date'),
    /** Its row in the ledger; a user's edits live there. */
    ledger_transaction_id: integer('ledger_transaction_id').references(() => transactions.id, { onDelete: 'set null' }),
    timestamp: text('timestamp'),
    description: text('description'),
    amount: real('amount'),
    currency: text('currency'),
    transaction_type: text('transaction_type'),
    transaction_category: text('transaction_category'),
    merchant_name: text('merchant_name'),
    running_balance: real('running_balance'),
    metadata: json('metadata'),
    created_at: createdAt(),
  },
  (t) => [
    index('idx_truelayer_transactions_account').on(t.account_id, t.timestamp),
    index('idx_truelayer_transactions_ledger').on(t.ledger_transaction_id),
  ],
);

/** Pending transactions of an account, rebuilt from each successful fetch (they change ids when they settle). */
export const truelayer_pending_transactions = sqliteTable(
  'truelayer_pending_transactions',
  {
    id: id(),
    account_id: integer('account_id')
      .notNull()
      .references(() => truelayer_accounts.id, { onDelete: 'cascade' }),
    transaction_id: text('transaction_id'),
    timestamp: text('timestamp'),
    booking_date: text('booking_date'),
    description: text('description'),
    amount: real('amount'),
    currency: text('currency'),
    transaction_type: text('transaction_type'),
    transaction_category: text('transaction_category'),
    merchant_name: text('merchant_name'),
    metadata: json('metadata'),
    created_at: createdAt(),
  },
  (t) => [index('idx_truelayer_pending_account').on(t.account_id)],
);

export const truelayer_balances = sqliteTable(
  'truelayer_balances',
  {
    id: id(),
    account_id: integer('account_id')
      .notNull()
      .references(() => truelayer_accounts.id, { onDelete: 'cascade' }),
    current_balance: real('current_balance'),
    available_balance: real('available_balance'),
    overdraft: real('overdraft'),
    currency: text('currency'),
    snapshot_at: text('snapshot_at').default(sql`CURRENT_TIMESTAMP`),
  },
  (t) => [index('idx_truelayer_balances_account').on(t.account_id, t.snapshot_at)],
);

export const webhook_events = sqliteTable('webhook_events', {
  id: id(),
  event_id: text('event_id').notNull().unique(),
  event_type: text('event_type'),
  payload: json('payload'),
  signature: text('signature'),
  processed: integer('processed', { mode: 'boolean' }).default(false),
  processed_at: text('processed_at'),
  received_at: text('received_at').default(sql`CURRENT_TIMESTAMP`),
});

export const connection_logs = sqliteTable(
  'connection_logs',
  {
    id: id(),
    connection_id: integer('connection_id').references(() => bank_connections.id, {
      onDelete: 'cascade',
    }),
    event_type: text('event_type').notNull(),
    details: json('details'),
    created_at: createdAt(),
  },
  (t) => [index('idx_connection_logs_connection').on(t.connection_id, t.created_at)],
);

export const oauth_state = sqliteTable('oauth_state', {
  id: id(),
  state: text('state').notNull().unique(),
  /** Fernet token: the PKCE verifier is a secret until the code is exchanged. */
  code_verifier: text('code_verifier').notNull(),
  redirect_uri: text('redirect_uri'),
  nonce: text('nonce'),
  /** Set when the attempt reconnects an existing connection. */
  connection_id: integer('connection_id'),
  expires_at: text('expires_at').notNull(),
  created_at: createdAt(),
});

/** Rows a move or import could not accept, kept verbatim with the reason. */
export const import_rejects = sqliteTable(
  'import_rejects',
  {
    id: id(),
    run_id: text('run_id').notNull(),
    source_table: text('source_table').notNull(),
    source_id: text('source_id'),
    reason: text('reason').notNull(),
    original: json('original').notNull(),
    created_at: createdAt(),
  },
  (t) => [index('idx_import_rejects_run').on(t.run_id)],
);

/** Field-level repairs made during a move or import, with the original value. */
export const import_fixes = sqliteTable(
  'import_fixes',
  {
    id: id(),
    run_id: text('run_id').notNull(),
    table_name: text('table_name').notNull(),
    row_id: text('row_id').notNull(),
    column_name: text('column_name').notNull(),
    original_value: text('original_value'),
    fixed_value: text('fixed_value'),
    reason: text('reason').notNull(),
    created_at: createdAt(),
  },
  (t) => [index('idx_import_fixes_run').on(t.run_id)],
);

/**
 * What the old app had and our schema has no column or table for (a later
 * branch's extra transaction columns, its merchants and enrichment tables):
 * kept row by row as JSON so nothing of the user's is lost.
 */
export const legacy_extras = sqliteTable(
  'legacy_extras',
  {
    id: id(),
    run_id: text('run_id').notNull(),
    source_table: text('source_table').notNull(),
    source_id: text('source_id'),
    data: json('data').notNull(),
    created_at: createdAt(),
  },
  (t) => [index('idx_legacy_extras_source').on(t.source_table, t.source_id)],
);

export const app_meta = sqliteTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** A monthly allowance per category (db/reports/budgets.ts); follows its category's renames, goes with it. */
export const budgets = sqliteTable('budgets', {
  id: id(),
  category: text('category')
    .notNull()
    .unique()
    .references(() => categories.name, { onDelete: 'cascade', onUpdate: 'cascade' }),
  amount_pence: integer('amount_pence').notNull(),
  /** Unspent allowance carries into the next month. */
  rollover: integer('rollover', { mode: 'boolean' }).notNull().default(false),
  /** YYYY-MM: the first month it counts for, where rollover starts. */
  start_month: text('start_month').notNull(),
  created_at: createdAt(),
});

/**
 * What the user decided about a detected recurring payment (db/reports/recurring-decisions.ts),
 * keyed by the series' payee and cadence so it holds as the history grows.
 */
export const recurring_decisions = sqliteTable('recurring_decisions', {
  series_key: text('series_key').primaryKey(),
  /** 'confirmed', 'dismissed', or null: only renamed. */
  status: text('status', { enum: ['confirmed', 'dismissed'] }),
  /** The user's name for it, shown instead of the merchant's. */
  name: text('name'),
  updated_at: updatedAt(),
});
